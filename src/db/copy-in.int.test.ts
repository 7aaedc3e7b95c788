import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/support/db.ts';
import { copyInto, UuidBatch } from './copy-in.ts';
import type { Database } from './database.ts';

type Row = {
  k: string;
  t: string | null;
  j: string | null;
  u: string | null;
  ts: number | null;
  b: boolean | null;
};

describe('copyInto on the database', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await sql`CREATE TABLE copy_probe (k text PRIMARY KEY, t text, j json, u uuid, ts timestamptz, b boolean,
      d timestamptz NOT NULL DEFAULT now())`.execute(database.db);
  });
  afterAll(() => database.close());

  const copy = (rows: Row[], db = database.db) =>
    copyInto(db, 'copy_probe', [
      { name: 'k', type: 'text', values: rows.map((r) => r.k) },
      { name: 't', type: 'text', values: rows.map((r) => r.t) },
      { name: 'j', type: 'json', values: rows.map((r) => r.j) },
      { name: 'u', type: 'uuid', values: rows.map((r) => r.u) },
      { name: 'ts', type: 'timestamptz', values: rows.map((r) => r.ts) },
      { name: 'b', type: 'bool', values: rows.map((r) => r.b) },
    ]);

  it('stores every value exactly as given, NULLs and defaults included', async () => {
    // Text PostgreSQL can store: no NUL (the ingest makes text so first).
    const text = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !s.includes('\u0000'));
    const tricky = fc.constantFrom('\\', '\t', '\n', '\r\n', '"', '\\N', '', '🙏🏻', 'ä', '\\.');
    let next = 0;
    const row = fc.record({
      t: fc.option(fc.oneof(text, tricky), { nil: null }),
      j: fc.option(
        fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'null'),
        { nil: null },
      ),
      u: fc.option(fc.uuid(), { nil: null }),
      // 1990–2200, to the microsecond.
      ts: fc.option(fc.integer({ min: 631_152_000_000_000, max: 7_258_118_400_000_000 }), { nil: null }),
      b: fc.option(fc.boolean(), { nil: null }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 25 }), async (given) => {
        const rows = given.map((r) => ({ ...r, k: `p${String(next++).padStart(6, '0')}` }));
        expect(await copy(rows)).toBe(rows.length);
        if (rows.length === 0) return;
        const { rows: back } = await sql<{
          k: string;
          t: string | null;
          j: string | null;
          u: string | null;
          us: string | null;
          b: boolean | null;
          d: boolean;
        }>`SELECT k, t, j::text AS j, u::text AS u, (extract(epoch FROM ts) * 1000000)::bigint::text AS us, b,
             d IS NOT NULL AS d
           FROM copy_probe WHERE k >= ${rows[0]!.k} AND k LIKE 'p%' ORDER BY k`.execute(database.db);
        expect(back).toEqual(
          rows.map((r) => ({
            k: r.k,
            t: r.t,
            j: r.j,
            u: r.u,
            us: r.ts === null ? null : String(r.ts),
            b: r.b,
            d: true,
          })),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('fails with the SQLSTATE of a violated constraint, and the transaction keeps nothing', async () => {
    const row = (k: string): Row => ({ k, t: `row ${k}`, j: null, u: null, ts: null, b: null });
    await copy([row('n1')]);
    const error = await database.db
      .transaction()
      .execute(async (tx) => {
        await copy([row('n2')], tx);
        await copy([row('n3'), row('n1')], tx);
      })
      .catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('23505');
    const { rows } = await sql<{ k: string }>`SELECT k FROM copy_probe WHERE k LIKE 'n%' ORDER BY k`.execute(
      database.db,
    );
    expect(rows.map((r) => r.k)).toEqual(['n1']);
    // The connection is usable afterwards.
    expect(await copy([row('n4')])).toBe(1);
  });

  it('stores a UuidBatch as the UUIDs it formats', async () => {
    const ids = new UuidBatch(50);
    const keys = Array.from({ length: 50 }, (_, i) => `u${String(i).padStart(3, '0')}`);
    await copyInto(database.db, 'copy_probe', [
      { name: 'k', type: 'text', values: keys },
      { name: 'u', type: 'uuid', values: ids },
    ]);
    const { rows } = await sql<{
      u: string;
    }>`SELECT u::text AS u FROM copy_probe WHERE k LIKE 'u%' ORDER BY k`.execute(database.db);
    expect(rows.map((r) => r.u)).toEqual(keys.map((_, i) => ids.text(i)));
  });

  it('refuses invalid JSON with the server error', async () => {
    const error = await copy([{ k: 'bad json', t: null, j: '{nope', u: null, ts: null, b: null }]).catch(
      (e: unknown) => e,
    );
    expect((error as { code?: string }).code).toBe('22P02');
  });
});
