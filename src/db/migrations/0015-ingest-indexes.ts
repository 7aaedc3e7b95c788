import { type Kysely, sql } from 'kysely';

/**
 * Ingest at election scale (docs/benchmarks.md, "Monitoring ingest"; ADR 0006).
 *
 * - Authors are matched by the platform's user id as well as by handle, but `social_accounts` had
 *   no index on the user id: every ingest batch read the whole accounts table.
 * - `posts` carried two secondary indexes no query uses (posts are read by id, by platform + post
 *   id, or through their alerts, which carry region, agency and time themselves): each cost every
 *   stored post an index insertion. The account index stays, for posts of a watched account only
 *   (it keeps removing an account from scanning every post for the foreign key).
 * - `posts.agency_id` and `posts.staff_id` are a snapshot of the account's link at ingest, taken
 *   from the registry in the same batch; their foreign keys cost every stored post two lookups with
 *   row locks. The account's foreign key stays; staff and agencies are never deleted by Netra
 *   (the demo reset removes its demo posts before its staff).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX social_accounts_user_id_idx ON social_accounts (platform, platform_user_id)
    WHERE platform_user_id IS NOT NULL`.execute(db);
  await sql`DROP INDEX posts_region_idx`.execute(db);
  await sql`DROP INDEX posts_posted_idx`.execute(db);
  await sql`DROP INDEX posts_account_idx`.execute(db);
  await sql`CREATE INDEX posts_account_idx ON posts (account_id) WHERE account_id IS NOT NULL`.execute(db);
  await sql`ALTER TABLE posts DROP CONSTRAINT posts_agency_id_fkey, DROP CONSTRAINT posts_staff_id_fkey`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE posts ADD CONSTRAINT posts_agency_id_fkey FOREIGN KEY (agency_id) REFERENCES agencies(id),
    ADD CONSTRAINT posts_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES staff(id)`.execute(db);
  await sql`DROP INDEX posts_account_idx`.execute(db);
  await sql`CREATE INDEX posts_account_idx ON posts (account_id)`.execute(db);
  await sql`DROP INDEX social_accounts_user_id_idx`.execute(db);
  await sql`CREATE INDEX posts_region_idx ON posts (region_code text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX posts_posted_idx ON posts (posted_at)`.execute(db);
}
