import type { Kysely } from 'kysely';
import { execScript } from '../sql-script.ts';

/**
 * Registry, second round (issue 4):
 * - Drops `staff_name_trgm_idx` (trigram GIN over every full staff name, from 0004). No query uses
 *   it: name search matches the full-text vector and corrects typos against the small
 *   `staff_name_words` dictionary; trigram similarity over millions of full names was measured
 *   too slow and is not used. At 5 million staff it took 39 s to build and slowed every write.
 * - Adds `staff_name_lower_c_idx` on `lower(name) COLLATE "C"`: a one-word search reads the names
 *   beginning with that word in order and stops after a page (`>= 'dimas' AND < 'dimas!'` under the
 *   C collation: the word alone or followed by a space), instead of building a full-text bitmap of every staff member with that given name.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    DROP INDEX IF EXISTS staff_name_trgm_idx;
    CREATE INDEX staff_name_lower_c_idx ON staff ((lower(name) COLLATE "C"));
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    DROP INDEX staff_name_lower_c_idx;
    CREATE INDEX staff_name_trgm_idx ON staff USING gin (name gin_trgm_ops);
  `,
  );
}
