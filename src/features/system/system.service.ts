import { type Kysely, sql } from 'kysely';
import type { Health } from '../../contracts/health.ts';
import type { DbKind } from '../../db/database.ts';
import type { Tables } from '../../db/tables.ts';

export function createSystemService({
  db,
  kind,
  version,
}: {
  db: Kysely<Tables>;
  kind: DbKind;
  version: string;
}) {
  return {
    /** Health answers only after a round trip to the database, so "ok" means the data is reachable. */
    async health(): Promise<Health> {
      await sql`SELECT 1`.execute(db);
      return { status: 'ok', db: kind, version };
    },
  };
}
