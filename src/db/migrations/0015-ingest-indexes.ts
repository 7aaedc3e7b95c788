import { type Kysely, sql } from 'kysely';

/**
 * Ingest at election scale (docs/benchmarks.md, "Monitoring ingest").
 *
 * - Authors are matched by the platform's user id as well as by handle, but `social_accounts` had
 *   no index on the user id: every ingest batch read the whole accounts table (a hash join over
 *   all of it, per batch of 4,000 posts).
 * - `posts` carried three secondary indexes no query uses (posts are read by id, by
 *   platform + post id, or through their alerts, which carry region, agency and time themselves).
 *   Each cost every stored post three index insertions. `posts_account_idx` stays: it keeps
 *   removing an account (the demo reset) from scanning every post for the foreign key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX social_accounts_user_id_idx ON social_accounts (platform, platform_user_id)
    WHERE platform_user_id IS NOT NULL`.execute(db);
  await sql`DROP INDEX posts_region_idx`.execute(db);
  await sql`DROP INDEX posts_posted_idx`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX social_accounts_user_id_idx`.execute(db);
  await sql`CREATE INDEX posts_region_idx ON posts (region_code text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX posts_posted_idx ON posts (posted_at)`.execute(db);
}
