import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/support/db.ts';
import type { Database } from './database.ts';
import { migrateToLatest } from './migrate.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe('migrations', () => {
  it('load the whole region tree of Indonesia with Kemendagri codes', async () => {
    const { rows } = await sql<{ level: number; n: number }>`
      SELECT level, count(*)::int AS n FROM regions GROUP BY level ORDER BY level`.execute(database.db);
    expect(rows).toEqual([
      { level: 0, n: 1 },
      { level: 1, n: 38 },
      { level: 2, n: 514 },
      { level: expect.any(Number), n: expect.any(Number) },
    ]);
    expect(rows[3]!.level).toBe(3);
    expect(rows[3]!.n).toBeGreaterThan(7000);
    const balikpapan = await database.db
      .selectFrom('regions')
      .selectAll()
      .where('code', '=', '64.71')
      .executeTakeFirst();
    expect(balikpapan).toEqual({
      code: '64.71',
      name: 'Kota Balikpapan',
      level: 2,
      kind: 'kota',
      parent_code: '64',
    });
  });

  it('give every regency, city and province exactly one Bawaslu office', async () => {
    const { rows } = await sql<{ missing: number }>`
      SELECT count(*)::int AS missing FROM regions r
      WHERE r.level <= 2 AND NOT EXISTS (SELECT 1 FROM offices o WHERE o.region_code = r.code)`.execute(
      database.db,
    );
    expect(rows[0]!.missing).toBe(0);
    const kalsel = await database.db
      .selectFrom('offices')
      .select('name')
      .where('region_code', '=', '63')
      .execute();
    expect(kalsel.map((o) => o.name)).toEqual(['Bawaslu Provinsi Kalimantan Selatan']);
  });

  it('are idempotent: running them again applies nothing', async () => {
    expect(await migrateToLatest(database.db)).toEqual([]);
  });

  it('refuse a database migrated by a newer version instead of taking it as up to date', async () => {
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-from-the-future', now()::text)`.execute(
      database.db,
    );
    try {
      await expect(migrateToLatest(database.db)).rejects.toThrow(/9999-from-the-future/);
    } finally {
      await sql`DELETE FROM kysely_migration WHERE name = '9999-from-the-future'`.execute(database.db);
    }
    expect(await migrateToLatest(database.db)).toEqual([]);
  });
});
