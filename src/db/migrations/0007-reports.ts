import type { Kysely } from 'kysely';
import { execScript } from '../sql-script.ts';

/**
 * Public reports (*laporan*) and tips (*informasi awal*), issue 6. Privacy model (docs/reports.md):
 * - every personal or free-text field is sealed (AES-256-GCM) with a data key of its own report;
 *   the data key is stored wrapped by the master key (`wrapped_key`). Nothing a reporter typed is
 *   stored in clear: plain columns are only kind, status, region, dates, flags and counters;
 * - the receipt code is stored only as a slow keyed hash (scrypt with a pepper derived from the
 *   master key), unique, for lookup;
 * - duplicates are found through `fingerprint`, a keyed HMAC of the normalised content, and linked
 *   through `duplicate_of` (never merged or dropped);
 * - the reporter's IP address is never stored anywhere.
 * Column names read by analytics (SCHEMA-CONTRACT.md): kind, status, region_code, agency_id, received_at.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE reports (
      id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind                      text NOT NULL CHECK (kind IN ('laporan','informasi_awal')),
      status                    text NOT NULL,
      election_type             text NOT NULL DEFAULT 'pemilu' CHECK (election_type IN ('pemilu','pilkada')),
      region_code               text REFERENCES regions(code),
      agency_id                 uuid REFERENCES agencies(id),
      received_at               timestamptz NOT NULL DEFAULT now(),
      occurred_on               date,
      known_on                  date,
      late                      boolean NOT NULL DEFAULT false,
      receipt_hash              text NOT NULL UNIQUE,
      wrapped_key               text NOT NULL,
      identity_sealed           text,
      identity_added_at         timestamptz,
      content_sealed            text NOT NULL,
      fingerprint               text NOT NULL,
      duplicate_of              uuid REFERENCES reports(id),
      reviewed_at               timestamptz,
      completion_requested_at   timestamptz,
      completion_due_at         timestamptz,
      decided_at                timestamptz,
      decided_by                uuid REFERENCES users(id),
      case_id                   uuid,
      last_reporter_activity_at timestamptz,
      created_at                timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX reports_region_idx ON reports (region_code, received_at DESC);
    CREATE INDEX reports_status_idx ON reports (status, received_at DESC);
    CREATE INDEX reports_fingerprint_idx ON reports (fingerprint);
    CREATE TABLE report_messages (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      report_id    uuid NOT NULL REFERENCES reports(id),
      author       text NOT NULL CHECK (author IN ('reporter','staff')),
      staff_id     uuid REFERENCES users(id),
      kind         text NOT NULL DEFAULT 'message' CHECK (kind IN ('message','completion_request','decision')),
      body_sealed  text NOT NULL,
      seq          bigint GENERATED ALWAYS AS IDENTITY,
      created_at   timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX report_messages_report_idx ON report_messages (report_id, seq);
    CREATE TABLE report_evidence (
      id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      report_id       uuid NOT NULL REFERENCES reports(id),
      added_by        text NOT NULL CHECK (added_by IN ('reporter','staff')),
      media_type      text NOT NULL,
      size            bigint NOT NULL,
      original_blob   text NOT NULL,
      redacted_blob   text NOT NULL,
      metadata_removed boolean NOT NULL DEFAULT false,
      meta_sealed     text NOT NULL,
      seq             bigint GENERATED ALWAYS AS IDENTITY,
      created_at      timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX report_evidence_report_idx ON report_evidence (report_id, seq);
    CREATE TABLE report_events (
      id          bigserial PRIMARY KEY,
      report_id   uuid NOT NULL REFERENCES reports(id),
      type        text NOT NULL,
      actor_id    uuid REFERENCES users(id),
      at          timestamptz NOT NULL DEFAULT now(),
      payload     jsonb NOT NULL DEFAULT '{}'::jsonb
    );
    CREATE INDEX report_events_report_idx ON report_events (report_id, id);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    DROP TABLE report_events;
    DROP TABLE report_evidence;
    DROP TABLE report_messages;
    DROP TABLE reports;
  `,
  );
}
