import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { wrapPglite } from './database.ts';

describe('the PGlite dialect', () => {
  it('keeps concurrent transactions apart on the single connection', async () => {
    const database = wrapPglite(await PGlite.create());
    const { db } = database;
    await sql`CREATE TABLE t (id int PRIMARY KEY, who text)`.execute(db);
    const slow = db.transaction().execute(async (tx) => {
      await sql`INSERT INTO t VALUES (1, 'a')`.execute(tx);
      await new Promise((r) => setTimeout(r, 50));
      throw new Error('roll back a');
    });
    const other = db.transaction().execute(async (tx) => {
      await sql`INSERT INTO t VALUES (2, 'b')`.execute(tx);
    });
    const plain = sql`INSERT INTO t VALUES (3, 'c')`.execute(db);
    await expect(slow).rejects.toThrow('roll back a');
    await other;
    await plain;
    const { rows } = await sql<{ id: number }>`SELECT id FROM t ORDER BY id`.execute(db);
    expect(rows.map((r) => r.id)).toEqual([2, 3]);
    await database.close();
  });

  it('reports affected rows', async () => {
    const database = wrapPglite(await PGlite.create());
    await sql`CREATE TABLE u (id int)`.execute(database.db);
    const r = await sql`INSERT INTO u SELECT generate_series(1, 5)`.execute(database.db);
    expect(r.numAffectedRows).toBe(5n);
    await database.close();
  });
});
