import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, PGLITE_EXTENSIONS, postgresDialect, wrapPglite } from '../../src/db/database.ts';
import type { Tables } from '../../src/db/tables.ts';
import { withDatabase } from './global-setup.ts';

/**
 * A fresh, migrated database for one test file: a PGlite loaded from the golden image, or a new
 * database copied from the migrated template on the PostgreSQL server (`npm run test:pg`).
 * Tests inside a file share it and keep their data apart (own users, own regions) rather than
 * truncating.
 */
export async function openTestDatabase(): Promise<Database> {
  const pgUrl = inject('pgUrl');
  if (pgUrl) {
    const name = `netra_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    const pool = new pg.Pool({ connectionString: withDatabase(pgUrl, name), max: 5 });
    // DROP DATABASE … WITH (FORCE) below terminates clients the pool is still closing (57P01); an
    // idle client's error is emitted on the pool and would surface as an unhandled error.
    pool.on('error', (e) => {
      if ((e as { code?: string }).code !== '57P01') throw e;
    });
    const db = new Kysely<Tables>({ dialect: postgresDialect(pool) });
    return {
      db,
      kind: 'postgres',
      close: async () => {
        await db.destroy();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const image = new Blob([readFileSync(inject('pgliteImage'))]);
  return wrapPglite(await PGlite.create({ loadDataDir: image, extensions: PGLITE_EXTENSIONS }));
}

/**
 * Where a child process (a real `netra serve`, a writer) keeps its data: a fresh PGlite directory,
 * or a fresh database on the test PostgreSQL server. Returns the environment to start it with.
 */
export async function scratchDataEnv(
  dataDir: string,
): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const pgUrl = inject('pgUrl');
  if (!pgUrl) return { env: { NETRA_DATA_DIR: dataDir }, drop: async () => {} };
  const name = `netra_scratch_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  return {
    env: { NETRA_DATA_DIR: dataDir, DATABASE_URL: withDatabase(pgUrl, name), NETRA_DEMO: '1' },
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
