import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/db.ts';
import { makeUser } from '../../../test/support/factories.ts';
import type { Database } from '../../db/database.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { backup, blobsDir, restore } from './backup.service.ts';

let source: Database;
let target: Database;
let dir: string;
beforeAll(async () => {
  source = await openTestDatabase();
  target = await openTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'netra-backup-'));
});
afterAll(async () => {
  await source.close();
  await target.close();
  rmSync(dir, { recursive: true, force: true });
});

const snapshot = async (db: Database['db']) => {
  const out: Record<string, unknown[]> = {};
  for (const t of [
    'users',
    'sessions',
    'audit_events',
    'agencies',
    'staff',
    'offices',
    'regions',
    'app_meta',
  ]) {
    out[t] = (
      await sql<{ r: unknown }>`SELECT to_jsonb(t) AS r FROM ${sql.id(t)} t ORDER BY 1::text`.execute(db)
    ).rows
      .map((x) => JSON.stringify(x.r))
      .sort();
  }
  return out;
};

describe('backup and restore', () => {
  it('restores into an empty instance and finds everything: rows, blobs, audit chain, sequences', async () => {
    const user = await makeUser(source.db, { role: 'head', password: 'kata sandi cadangan 🔐' });
    const agency = await source.db
      .insertInto('agencies')
      .values({ name: 'Dinas Uji Cadangan', kind: 'lainnya', region_code: '64.71' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await source.db
      .insertInto('staff')
      .values({
        nip: null,
        name: 'Ásn Ūnicode “kutip”',
        status: 'non_asn',
        agency_id: agency.id,
        region_code: '64.71',
      })
      .execute();
    await source.db
      .insertInto('app_meta')
      .values({ key: 'backup-test', value: JSON.stringify({ a: [1, 'x'], n: null }) })
      .execute();
    for (let i = 0; i < 3; i++)
      await source.db
        .transaction()
        .execute((tx) => recordAuditInTx(tx, { actorId: user.id, action: 'test.backup', details: { i } }));
    const srcData = join(dir, 'src');
    mkdirSync(join(blobsDir(srcData), 'ab', 'cd'), { recursive: true });
    writeFileSync(join(blobsDir(srcData), 'ab', 'cd', 'abcd1234'), Buffer.from([0, 1, 2, 255]));

    const file = join(dir, 'netra.backup');
    const made = await backup(source.db, srcData, file);
    expect(made.rows).toBeGreaterThan(500);
    expect(made.blobs).toBe(1);
    await expect(backup(source.db, srcData, file)).rejects.toMatchObject({ code: 'CONFLICT' });

    const dstData = join(dir, 'dst');
    const restored = await restore(target.db, dstData, file);
    expect(restored).toEqual({ rows: made.rows, blobs: 1 });
    expect(await snapshot(target.db)).toEqual(await snapshot(source.db));
    expect(readFileSync(join(blobsDir(dstData), 'ab', 'cd', 'abcd1234'))).toEqual(
      Buffer.from([0, 1, 2, 255]),
    );
    expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true, events: 3 });
    // Sequences continue: a new audit event appends after the restored ones.
    await target.db
      .transaction()
      .execute((tx) => recordAuditInTx(tx, { actorId: null, action: 'test.after_restore' }));
    expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true, events: 4 });

    // Not into an instance that holds data.
    await expect(restore(target.db, dstData, file)).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('refuses a truncated or foreign file and leaves the instance untouched', async () => {
    const fresh = await openTestDatabase();
    try {
      const foreign = join(dir, 'foreign.gz');
      writeFileSync(foreign, gzipSync('{"hello":"world"}\n'));
      await expect(restore(fresh.db, join(dir, 'x'), foreign)).rejects.toMatchObject({ code: 'VALIDATION' });
      const src = await openTestDatabase();
      const file = join(dir, 'cut.backup');
      try {
        await backup(src.db, join(dir, 'none'), file);
      } finally {
        await src.close();
      }
      const lines = (await import('node:zlib')).gunzipSync(readFileSync(file)).toString().split('\n');
      const cut = join(dir, 'cut2.backup');
      writeFileSync(cut, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n')));
      const before = await fresh.db
        .selectFrom('regions')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      await expect(restore(fresh.db, join(dir, 'y'), cut)).rejects.toMatchObject({ code: 'VALIDATION' });
      const after = await fresh.db
        .selectFrom('regions')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
    } finally {
      await fresh.close();
    }
  });
});
