import { type Kysely, sql } from 'kysely';

/**
 * Runs a DDL script statement by statement. PGlite's extended protocol accepts one statement per
 * query, so scripts are split on a semicolon at the end of a line (no statement here spans one).
 */
export async function execScript(db: Kysely<unknown>, script: string): Promise<void> {
  const statements = script
    .split(/;\s*(?:--[^\n]*)?\n/)
    .map((s) => s.trim())
    .filter((s) => s.replace(/--[^\n]*/g, '').trim().length > 0);
  for (const statement of statements) await sql.raw(statement).execute(db);
}
