import type { Kysely } from 'kysely';
import { execScript } from '../sql-script.ts';

/**
 * Monitoring: ingested social-media posts (one row per platform post, keyed by platform and the
 * platform's post id), their earlier versions, alerts raised by the detector, reviewer labels,
 * draft findings (*temuan*), evidence (posts and manual patrol captures) with files and a
 * chain-of-custody log, and suggested account links from civil-service bios.
 *
 * Nothing here is ever hard-deleted: a vanished post gets `deleted_at`, evidence is append-only
 * (UPDATE allowed for status only; DELETE raises).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE posts (
      id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      platform         text NOT NULL CHECK (platform IN ('x','facebook','instagram','tiktok','youtube','whatsapp','other')),
      platform_post_id text NOT NULL,
      external_id      text NOT NULL,                  -- the id as given in the contract format ("x:1790…")
      account_id       uuid REFERENCES social_accounts(id),
      author_handle    text,
      author_name      text,
      author_bio       text,
      url              text,
      posted_at        timestamptz,
      text             text NOT NULL,
      lang             text,
      content_sha256   text NOT NULL,                  -- SHA-256 of the canonical content (hex)
      version          integer NOT NULL DEFAULT 1,
      raw              json NOT NULL,                  -- the payload of the current version, kept as received (json, not jsonb)
      source           text NOT NULL,
      region_code      text,                           -- the author's agency region, else the account's
      agency_id        uuid REFERENCES agencies(id),
      staff_id         uuid REFERENCES staff(id),
      first_seen_at    timestamptz NOT NULL DEFAULT now(),
      last_seen_at     timestamptz NOT NULL DEFAULT now(),  -- when the current version was received (a verbatim re-send does not touch the row)
      deleted_at       timestamptz,
      created_at       timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX posts_platform_post_idx ON posts (platform, platform_post_id);
    CREATE INDEX posts_account_idx ON posts (account_id);
    CREATE INDEX posts_region_idx ON posts (region_code text_pattern_ops);
    CREATE INDEX posts_posted_idx ON posts (posted_at);

    CREATE TABLE post_versions (
      id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      post_id        uuid NOT NULL REFERENCES posts(id),
      version        integer NOT NULL,
      text           text NOT NULL,
      content_sha256 text NOT NULL,
      raw            json NOT NULL,
      posted_at      timestamptz,
      seen_at        timestamptz NOT NULL,             -- when this version was last seen before it was replaced
      replaced_at    timestamptz NOT NULL DEFAULT now(),
      created_at     timestamptz NOT NULL DEFAULT now(),
      UNIQUE (post_id, version)
    );

    CREATE TABLE alerts (
      id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      post_id        uuid NOT NULL REFERENCES posts(id),
      post_version   integer NOT NULL DEFAULT 1,
      pack_id        text NOT NULL,
      status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','confirmed','dismissed')),
      category       text CHECK (category IN ('dukungan_medsos','ajakan','atribut_simbol','kegiatan_kampanye','fasilitas_jabatan','pencalonan')),
      score          real NOT NULL,
      targets        jsonb NOT NULL DEFAULT '[]',
      signals        jsonb NOT NULL DEFAULT '[]',
      explanation    text NOT NULL DEFAULT '',
      region_code    text,
      agency_id      uuid REFERENCES agencies(id),
      staff_id       uuid REFERENCES staff(id),
      stage_code     text,
      account_id     uuid REFERENCES social_accounts(id),
      assigned_to    uuid REFERENCES users(id),
      dismiss_reason text CHECK (dismiss_reason IN ('not_partisan','not_asn','duplicate','out_of_jurisdiction')),
      review_note    text,
      reviewed_by    uuid REFERENCES users(id),
      reviewed_at    timestamptz,
      case_id        uuid,                            -- set by the cases feature when a case is opened from it
      created_at     timestamptz NOT NULL DEFAULT now(),
      updated_at     timestamptz NOT NULL DEFAULT now(),
      UNIQUE (post_id, pack_id)
    );
    CREATE INDEX alerts_queue_idx ON alerts (status, score DESC, created_at DESC);
    CREATE INDEX alerts_region_idx ON alerts (region_code text_pattern_ops);
    CREATE INDEX alerts_account_idx ON alerts (account_id);

    -- Reviewer decisions as training/evaluation labels (contracts §4 on export).
    CREATE TABLE review_labels (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      post_id      uuid NOT NULL REFERENCES posts(id),
      post_version integer NOT NULL,
      alert_id     uuid REFERENCES alerts(id),
      flag         boolean NOT NULL,
      category     text,
      targets      jsonb NOT NULL DEFAULT '[]',
      note         text,
      labelled_by  uuid REFERENCES users(id),
      created_at   timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX review_labels_post_idx ON review_labels (post_id);

    CREATE TABLE evidence (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind         text NOT NULL CHECK (kind IN ('post','patrol')),
      post_id      uuid REFERENCES posts(id),
      url          text,
      note         text,
      captured_at  timestamptz NOT NULL,
      captured_by  uuid REFERENCES users(id),
      region_code  text NOT NULL,
      content_sha256 text,                              -- post evidence: the version's hash
      created_at   timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX evidence_region_idx ON evidence (region_code text_pattern_ops);
    CREATE INDEX evidence_post_idx ON evidence (post_id);

    CREATE TABLE evidence_files (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      evidence_id  uuid NOT NULL REFERENCES evidence(id),
      sha256       text NOT NULL,
      filename     text NOT NULL,
      media_type   text NOT NULL,
      size         bigint NOT NULL,
      added_by     uuid REFERENCES users(id),
      created_at   timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX evidence_files_evidence_idx ON evidence_files (evidence_id);

    CREATE TABLE custody_events (
      id           bigserial PRIMARY KEY,
      evidence_id  uuid NOT NULL REFERENCES evidence(id),
      at           timestamptz NOT NULL DEFAULT now(),
      actor_id     uuid REFERENCES users(id),
      action       text NOT NULL,                     -- captured, file_added, viewed, downloaded, attached
      details      jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX custody_events_evidence_idx ON custody_events (evidence_id, at);

    CREATE TABLE findings (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','withdrawn')),
      origin       text NOT NULL DEFAULT 'alert' CHECK (origin IN ('alert','patrol')),
      alert_id     uuid UNIQUE REFERENCES alerts(id),
      post_id      uuid REFERENCES posts(id),
      region_code  text NOT NULL,
      agency_id    uuid REFERENCES agencies(id),
      staff_id     uuid REFERENCES staff(id),
      category     text,
      stage_code   text,
      summary      text NOT NULL DEFAULT '',
      case_id      uuid,                              -- set by the cases feature
      created_by   uuid REFERENCES users(id),
      created_at   timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX findings_region_idx ON findings (region_code text_pattern_ops);

    CREATE TABLE finding_evidence (
      finding_id   uuid NOT NULL REFERENCES findings(id),
      evidence_id  uuid NOT NULL REFERENCES evidence(id),
      created_at   timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (finding_id, evidence_id)
    );

    -- Unlinked authors whose bio or name declares a civil-service role.
    CREATE TABLE account_link_suggestions (
      id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      platform      text NOT NULL,
      handle        text NOT NULL,
      account_id    uuid REFERENCES social_accounts(id),
      author_name   text,
      author_bio    text,
      role          text NOT NULL,                     -- asn, pns, pppk, guru, abdi_negara, ...
      matched_text  text NOT NULL,
      agency_id     uuid REFERENCES agencies(id),
      region_code   text,
      confidence    real NOT NULL,
      status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','rejected')),
      decided_by    uuid REFERENCES users(id),
      decided_at    timestamptz,
      created_at    timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX account_link_suggestions_handle_idx ON account_link_suggestions (platform, lower(handle));

    CREATE FUNCTION monitoring_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% rows are never deleted', TG_TABLE_NAME; END $$;
    CREATE TRIGGER posts_no_delete BEFORE DELETE ON posts FOR EACH ROW EXECUTE FUNCTION monitoring_no_delete();
    CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence FOR EACH ROW EXECUTE FUNCTION monitoring_no_delete();
    CREATE TRIGGER evidence_files_no_delete BEFORE DELETE ON evidence_files FOR EACH ROW EXECUTE FUNCTION monitoring_no_delete();
    CREATE TRIGGER custody_events_no_delete BEFORE UPDATE OR DELETE ON custody_events FOR EACH ROW EXECUTE FUNCTION monitoring_no_delete();
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    DROP TABLE account_link_suggestions, finding_evidence, findings, custody_events, evidence_files,
      evidence, review_labels, alerts, post_versions, posts;
    DROP FUNCTION monitoring_no_delete();
  `,
  );
}
