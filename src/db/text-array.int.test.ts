import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/support/db.ts';
import type { Database } from './database.ts';
import { TextArray } from './text-array.ts';

describe('TextArray on the database', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('reads back every text exactly, in order, nulls included', async () => {
    // Text PostgreSQL can store: no NUL (the ingest makes text so first).
    const text = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !s.includes('\u0000'));
    const tricky = fc.constantFrom(
      '{',
      '}',
      ',',
      '"',
      '\\',
      'NULL',
      ' ',
      '\n',
      '{"a",NULL}',
      '\\"',
      '',
      '🙏🏻',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(fc.oneof(text, tricky), { nil: null }), { maxLength: 30 }),
        async (xs) => {
          const { rows } = await sql<{ v: string | null }>`
          SELECT v FROM unnest(${new TextArray(xs)}::text[]) WITH ORDINALITY AS t(v, n) ORDER BY n`.execute(
            database.db,
          );
          expect(rows.map((r) => r.v)).toEqual(xs);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('casts on to uuid, timestamptz and boolean arrays', async () => {
    const id = '0b6a3c1e-8a4e-4a55-9d8c-1b2f7e0f4a11';
    const { rows } = await sql<{ u: string | null; t: string | null; b: boolean }>`
      SELECT u::text, to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS t, b
      FROM unnest(${new TextArray([id, null])}::text[]::uuid[],
        ${new TextArray(['2024-02-14T08:30:00+08:00', null])}::text[]::timestamptz[],
        ${new TextArray(['t', 'f'])}::text[]::boolean[]) AS x(u, t, b)`.execute(database.db);
    expect(rows).toEqual([
      { u: id, t: '2024-02-14 00:30', b: true },
      { u: null, t: null, b: false },
    ]);
  });

  it('sends an empty array', async () => {
    const { rows } = await sql<{ n: number }>`SELECT cardinality(${new TextArray([])}::text[]) AS n`.execute(
      database.db,
    );
    expect(rows[0]?.n).toBe(0);
  });
});
