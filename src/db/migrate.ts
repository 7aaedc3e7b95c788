import { type Kysely, type Migration, type MigrationResultSet, Migrator, sql } from 'kysely';
import * as m0001 from './migrations/0001-initial.ts';
import * as m0002 from './migrations/0002-regions.ts';
import * as m0003 from './migrations/0003-offices.ts';
import * as m0004 from './migrations/0004-registry.ts';
import * as m0005 from './migrations/0005-access.ts';
import * as m0006 from './migrations/0006-monitoring.ts';
import * as m0007 from './migrations/0007-reports.ts';
import * as m0008 from './migrations/0008-prevention.ts';
import * as m0009 from './migrations/0009-cases.ts';
import * as m0010 from './migrations/0010-analytics.ts';
import * as m0011 from './migrations/0011-registry.ts';
import * as m0012 from './migrations/0012-connectors.ts';
import * as m0013 from './migrations/0013-letters.ts';
import * as m0014 from './migrations/0014-analytics-position.ts';
import * as m0015 from './migrations/0015-ingest-indexes.ts';
import * as m0016 from './migrations/0016-posts-account-check.ts';
import type { Tables } from './tables.ts';

/** Every migration, in order. Names are stable once released: never rename or edit one, add a new one. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-regions': m0002,
  '0003-offices': m0003,
  '0004-registry': m0004,
  '0005-access': m0005,
  '0006-monitoring': m0006,
  '0007-reports': m0007,
  '0008-prevention': m0008,
  '0009-cases': m0009,
  '0010-analytics': m0010,
  '0011-registry': m0011,
  '0012-connectors': m0012,
  '0013-letters': m0013,
  '0014-analytics-position': m0014,
  '0015-ingest-indexes': m0015,
  '0016-posts-account-check': m0016,
};

/**
 * Brings the schema to the latest version, each migration in its own transaction (Kysely takes a
 * lock, so several processes starting at once on PostgreSQL migrate once).
 */
export async function migrateToLatest(db: Kysely<Tables>): Promise<string[]> {
  if (await isUpToDate(db)) return [];
  const migrator = new Migrator({
    db: db as unknown as Kysely<unknown>,
    provider: { getMigrations: async () => MIGRATIONS },
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(
      `Migrasi gagal / migration failed${failed ? ` (${failed.migrationName})` : ''}: ${String(
        (result.error as Error).message ?? result.error,
      )}`,
    );
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * True when exactly the migrations of this version are applied: the usual case when a command
 * starts, answered with two small queries instead of the migrator's introspection and lock. Any
 * other state (a fresh database, a migration missing, one this version does not know, a migration
 * running in another process) goes through the migrator, which applies or reports it.
 */
async function isUpToDate(db: Kysely<Tables>): Promise<boolean> {
  const { rows: exists } = await sql<{
    ok: boolean;
  }>`SELECT to_regclass('kysely_migration') IS NOT NULL AS ok`.execute(db);
  if (!exists[0]?.ok) return false;
  const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
  const known = Object.keys(MIGRATIONS);
  const applied = new Set(rows.map((r) => r.name));
  return applied.size === known.length && known.every((n) => applied.has(n));
}
