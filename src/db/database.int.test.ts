import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { scratchDataEnv } from '../../test/support/db.ts';
import { openDatabase } from './database.ts';

describe('openDatabase on a PostgreSQL server', () => {
  it('survives connections ended by the server, idle or running a query, and opens new ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netra-db-'));
    const s = await scratchDataEnv(join(dir, 'data'));
    try {
      const url = s.env.DATABASE_URL;
      if (!url) return; // PGlite run: one in-process connection, nothing to end
      const database = await openDatabase({ databaseUrl: url, dataDir: join(dir, 'data') });
      // Two connections idle in the pool.
      await Promise.all([
        sql`SELECT pg_sleep(0.05)`.execute(database.db),
        sql`SELECT 1`.execute(database.db),
      ]);
      const lost = new Promise<void>((resolve) => {
        const write = process.stderr.write.bind(process.stderr);
        process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
          if (String(chunk).includes('idle database connection lost')) {
            process.stderr.write = write;
            resolve();
            return true;
          }
          return write(chunk, ...rest);
        }) as typeof process.stderr.write;
      });
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const { rows } = await admin.query(
        'SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()) t',
      );
      await admin.end();
      expect(rows[0].n).toBeGreaterThan(0);
      await lost;
      const again = await sql<{ ok: number }>`SELECT 1 AS ok`.execute(database.db);
      expect(again.rows).toEqual([{ ok: 1 }]);

      // A query running when its connection is ended fails; the process and the pool go on.
      const running = sql`SELECT pg_sleep(10)`.execute(database.db).then(
        () => null,
        (e: Error) => e,
      );
      const admin2 = new pg.Client({ connectionString: url });
      await admin2.connect();
      for (let i = 0; i < 50; i++) {
        const r = await admin2.query(
          "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep%' AND pid <> pg_backend_pid()",
        );
        if (r.rows[0].n > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await admin2.end();
      expect((await running)?.message).toMatch(/terminat/);
      await new Promise((r) => setTimeout(r, 200));
      const after = await sql<{ ok: number }>`SELECT 2 AS ok`.execute(database.db);
      expect(after.rows).toEqual([{ ok: 2 }]);
      await database.close();
    } finally {
      await s.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
