import type { Kysely } from 'kysely';
import { execScript } from '../sql-script.ts';

/**
 * Registry, second round (issue 4):
 * - Drops `staff_name_trgm_idx` (trigram GIN over every full staff name, from 0004). No query uses
 *   it: name search matches the full-text vector and corrects typos against the small
 *   `staff_name_words` dictionary; trigram similarity over millions of full names was measured
 *   too slow and is not used. At 5 million staff it took 39 s to build and slowed every write.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(db, 'DROP INDEX IF EXISTS staff_name_trgm_idx;');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    'CREATE INDEX IF NOT EXISTS staff_name_trgm_idx ON staff USING gin (name gin_trgm_ops);',
  );
}
