import { type Kysely, sql } from 'kysely';

/**
 * `posts.account_id` keeps its integrity, checked per batch instead of per row (ADR 0006).
 *
 * The foreign key ran one lookup with a row lock for every stored post of a watched account: about
 * a third of the server's work in a large ingest. Both of its halves stay:
 * - a post can only name an existing account: the ingest locks the accounts of a batch with one
 *   `SELECT … FOR KEY SHARE` before storing its posts and fails the batch if one is missing
 *   (ingest.ts, `lockAccounts`), which is what the foreign key did row by row;
 * - an account that posts name cannot be deleted (or given another id): this trigger raises
 *   `foreign_key_violation` as the foreign key did. A delete waits for an ingest holding the lock,
 *   then sees its posts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE posts DROP CONSTRAINT posts_account_id_fkey`.execute(db);
  await sql`
    CREATE FUNCTION social_accounts_keep_posts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN RETURN NEW; END IF;
      IF EXISTS (SELECT 1 FROM posts WHERE account_id = OLD.id) THEN
        RAISE EXCEPTION 'account % is still referenced from table "posts"', OLD.id
          USING ERRCODE = 'foreign_key_violation', TABLE = 'posts', CONSTRAINT = 'posts_account_id_check';
      END IF;
      IF TG_OP = 'UPDATE' THEN RETURN NEW; END IF;
      RETURN OLD;
    END $$`.execute(db);
  await sql`CREATE TRIGGER social_accounts_keep_posts BEFORE DELETE OR UPDATE OF id ON social_accounts
    FOR EACH ROW EXECUTE FUNCTION social_accounts_keep_posts()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER social_accounts_keep_posts ON social_accounts`.execute(db);
  await sql`DROP FUNCTION social_accounts_keep_posts()`.execute(db);
  await sql`ALTER TABLE posts ADD CONSTRAINT posts_account_id_fkey FOREIGN KEY (account_id)
    REFERENCES social_accounts(id)`.execute(db);
}
