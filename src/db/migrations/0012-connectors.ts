import type { Kysely } from 'kysely';
import { execScript } from '../sql-script.ts';

/**
 * Connectors (issue #5, docs/connectors.md):
 * - `connector_sources`: partners that push posts to `POST /api/ingest/webhook/:source`, each with
 *   its own HMAC-SHA256 secret, stored sealed with the master key (AES-256-GCM, bound to the source
 *   id). On rotation the previous secret stays valid until `previous_valid_until` (a grace period
 *   for the sender to switch).
 * - `connector_webhook_receipts`: signatures already accepted, so a captured request cannot be
 *   replayed inside the timestamp window; rows older than the window are purged by the poll job.
 * - `connector_checkpoints`: where each polling adapter stands per platform and account: `since`
 *   (the newest item of the last finished run) and `pending` (the page cursor of a run in
 *   progress), so a restarted worker resumes instead of starting over; `locked_until` is a lease so
 *   two workers never poll the same account at once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE connector_sources (
      id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name                   text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
      description            text NOT NULL DEFAULT '',
      secret_sealed          text NOT NULL,
      previous_secret_sealed text,
      previous_valid_until   timestamptz,
      disabled_at            timestamptz,
      last_delivery_at       timestamptz,
      created_at             timestamptz NOT NULL DEFAULT now(),
      rotated_at             timestamptz
    );
    CREATE TABLE connector_webhook_receipts (
      source_id   uuid NOT NULL REFERENCES connector_sources(id) ON DELETE CASCADE,
      signature   text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (source_id, signature)
    );
    CREATE INDEX connector_webhook_receipts_received_idx ON connector_webhook_receipts (received_at);
    CREATE TABLE connector_checkpoints (
      platform     text NOT NULL,
      account      text NOT NULL,
      since        text,
      pending      jsonb,
      last_run_at  timestamptz,
      last_ok_at   timestamptz,
      last_error   text,
      posts_seen   bigint NOT NULL DEFAULT 0,
      locked_until timestamptz,
      updated_at   timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (platform, account)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    DROP TABLE connector_checkpoints;
    DROP TABLE connector_webhook_receipts;
    DROP TABLE connector_sources;
  `,
  );
}
