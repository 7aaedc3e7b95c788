import type { Kysely } from 'kysely';
import { execScript } from '../sql-script.ts';

/**
 * Access control and audit hardening:
 * - `users.agency_id`: the agency a task-force head (*ketua satgas*) belongs to; they see only its
 *   prevention data. Null for everyone else (and a task-force head without one sees nothing).
 * - `users.password_changed_at`: when the password was last set (reset, change).
 * - TOTP second factor: the secret encrypted with a key derived from the master key, when it was
 *   enabled, the last time step used (a code is accepted once), and single-use recovery codes
 *   stored as SHA-256 hashes.
 * - `sessions.stage`: `full`, or a sign-in half done (`totp`: password checked, code pending;
 *   `enrol`: password checked, the user must enrol a second factor first). Only `full` sessions
 *   authenticate API requests.
 * - The audit trail is append-only in the database too: UPDATE and DELETE on `audit_events` raise.
 *   (The hash chain still detects changes made by someone able to disable the trigger.)
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    ALTER TABLE users ADD COLUMN agency_id uuid REFERENCES agencies(id);
    ALTER TABLE users ADD COLUMN password_changed_at timestamptz;
    ALTER TABLE users ADD COLUMN totp_secret text;
    ALTER TABLE users ADD COLUMN totp_pending_secret text;
    ALTER TABLE users ADD COLUMN totp_enabled_at timestamptz;
    ALTER TABLE users ADD COLUMN totp_last_step bigint;
    CREATE TABLE user_recovery_codes (
      user_id   uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      code_hash text NOT NULL,
      used_at   timestamptz,
      PRIMARY KEY (user_id, code_hash)
    );
    ALTER TABLE sessions ADD COLUMN stage text NOT NULL DEFAULT 'full' CHECK (stage IN ('full','totp','enrol'));
    CREATE INDEX users_office_idx ON users (office_id);
    CREATE INDEX audit_events_subject_idx ON audit_events (subject_type, subject_id);
    CREATE INDEX audit_events_actor_idx ON audit_events (actor_id);
    CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$;
    CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    DROP TRIGGER audit_events_no_change ON audit_events;
    DROP FUNCTION audit_events_append_only();
    DROP INDEX audit_events_actor_idx;
    DROP INDEX audit_events_subject_idx;
    DROP INDEX users_office_idx;
    ALTER TABLE sessions DROP COLUMN stage;
    DROP TABLE user_recovery_codes;
    ALTER TABLE users DROP COLUMN totp_last_step;
    ALTER TABLE users DROP COLUMN totp_enabled_at;
    ALTER TABLE users DROP COLUMN totp_pending_secret;
    ALTER TABLE users DROP COLUMN totp_secret;
    ALTER TABLE users DROP COLUMN password_changed_at;
    ALTER TABLE users DROP COLUMN agency_id;
  `,
  );
}
