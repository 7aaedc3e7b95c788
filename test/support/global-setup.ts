import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { PGLITE_EXTENSIONS, wrapPglite } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Tables } from '../../src/db/tables.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite mode: path of a tarball of a migrated data directory (the golden image). */
    pgliteImage: string;
    /** PostgreSQL mode: server URL and the migrated template database to copy per test file. */
    pgUrl: string;
    pgTemplate: string;
  }
}

/**
 * Migrates once per test run (style.md §7.10): into a PGlite image dumped to a file, or, when
 * DATABASE_URL is set, into a template database on that PostgreSQL server. Each test file then
 * gets its own copy (see test/support/db.ts).
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `netra_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    const db = new Kysely<Tables>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: withDatabase(url, template), max: 1 }),
      }),
    });
    await migrateToLatest(db);
    await db.destroy();
    project.provide('pgUrl', url);
    project.provide('pgTemplate', template);
    project.provide('pgliteImage', '');
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'netra-golden-'));
  const client = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
  const database = wrapPglite(client);
  await migrateToLatest(database.db);
  const image = join(dir, 'image.tar.gz');
  writeFileSync(image, Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer()));
  await database.close();
  project.provide('pgliteImage', image);
  project.provide('pgUrl', '');
  project.provide('pgTemplate', '');
  return () => rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
