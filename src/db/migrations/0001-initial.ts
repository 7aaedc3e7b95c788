import type { Kysely } from 'kysely';
import { execScript } from '../sql-script.ts';

/**
 * The foundation schema: regions, offices, users and sessions, the registry core (agencies, units,
 * staff, social accounts), election packs, the job queue and the audit log. Later migrations extend
 * it. Raw SQL because it reads better than the builder for DDL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE regions (
      code        text PRIMARY KEY,            -- Kemendagri code: "00" Indonesia, "64", "64.71", "64.71.01"
      name        text NOT NULL,
      level       smallint NOT NULL CHECK (level BETWEEN 0 AND 3),  -- 0 national, 1 province, 2 regency/city, 3 district
      kind        text NOT NULL CHECK (kind IN ('nasional','provinsi','kabupaten','kota','kecamatan')),
      parent_code text REFERENCES regions(code)
    );
    CREATE INDEX regions_parent_idx ON regions (parent_code);
    CREATE INDEX regions_code_prefix_idx ON regions (code text_pattern_ops);

    CREATE TABLE offices (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name        text NOT NULL UNIQUE,
      region_code text NOT NULL REFERENCES regions(code),  -- root of the jurisdiction (subtree)
      created_at  timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE users (
      id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username      text NOT NULL,
      display_name  text NOT NULL,
      email         text,
      password_hash text NOT NULL,
      role          text NOT NULL CHECK (role IN ('admin','head','analyst','taskforce','liaison','viewer')),
      office_id     uuid NOT NULL REFERENCES offices(id),
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until  timestamptz,
      disabled_at   timestamptz,
      created_at    timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_username_idx ON users (lower(username));

    CREATE TABLE sessions (
      id_hash      text PRIMARY KEY,              -- SHA-256 of the cookie token; the token itself is never stored
      user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at   timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at   timestamptz NOT NULL,
      revoked_at   timestamptz
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);
    CREATE INDEX sessions_expires_idx ON sessions (expires_at);

    CREATE TABLE agencies (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name        text NOT NULL,
      kind        text NOT NULL,                 -- pemda_provinsi, pemda_kabupaten, pemda_kota, instansi_vertikal, bumn, bumd, sekolah, puskesmas, lainnya
      region_code text NOT NULL REFERENCES regions(code),
      parent_id   uuid REFERENCES agencies(id),
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now(),
      UNIQUE (region_code, name)
    );
    CREATE INDEX agencies_region_idx ON agencies (region_code text_pattern_ops);

    CREATE TABLE units (
      id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agency_id  uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
      parent_id  uuid REFERENCES units(id),
      name       text NOT NULL,
      UNIQUE (agency_id, name)
    );

    CREATE TABLE staff (
      id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      nip           char(18) UNIQUE,              -- null for non-ASN staff
      name          text NOT NULL,
      status        text NOT NULL CHECK (status IN ('pns','cpns','pppk','non_asn')),
      position_type text CHECK (position_type IN ('jpt','administrator','pengawas','pelaksana','fungsional')),
      position_name text,
      rank          text,                         -- golongan/ruang, e.g. "III/a"
      agency_id     uuid NOT NULL REFERENCES agencies(id),
      unit_id       uuid REFERENCES units(id),
      region_code   text NOT NULL REFERENCES regions(code),
      active        boolean NOT NULL DEFAULT true,
      created_at    timestamptz NOT NULL DEFAULT now(),
      updated_at    timestamptz NOT NULL DEFAULT now(),
      CHECK (status = 'non_asn' OR nip IS NOT NULL)
    );
    CREATE INDEX staff_agency_idx ON staff (agency_id);
    CREATE INDEX staff_region_idx ON staff (region_code text_pattern_ops);

    CREATE TABLE social_accounts (
      id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      platform         text NOT NULL CHECK (platform IN ('x','facebook','instagram','tiktok','youtube','whatsapp','other')),
      handle           text NOT NULL,
      profile_url      text,
      platform_user_id text,
      staff_id         uuid REFERENCES staff(id),
      link_source      text CHECK (link_source IN ('agency','patrol','bio','report')),
      link_confidence  real CHECK (link_confidence BETWEEN 0 AND 1),
      watch_status     text NOT NULL DEFAULT 'watched' CHECK (watch_status IN ('watched','paused','ignored')),
      created_at       timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX social_accounts_handle_idx ON social_accounts (platform, lower(handle));
    CREATE INDEX social_accounts_staff_idx ON social_accounts (staff_id);

    CREATE TABLE election_packs (
      id          text PRIMARY KEY,
      name        text NOT NULL,
      kind        text NOT NULL CHECK (kind IN ('pemilu','pilkada')),
      region_code text NOT NULL,
      body        jsonb NOT NULL,                 -- the pack as given (contracts §1)
      active      boolean NOT NULL DEFAULT true,
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE jobs (
      id           bigserial PRIMARY KEY,
      kind         text NOT NULL,
      payload      jsonb NOT NULL DEFAULT '{}',
      status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','running','done','dead')),
      attempts     integer NOT NULL DEFAULT 0,
      max_attempts integer NOT NULL DEFAULT 5,
      run_at       timestamptz NOT NULL DEFAULT now(),
      locked_by    text,
      locked_until timestamptz,
      last_error   text,
      dedupe_key   text UNIQUE,
      created_at   timestamptz NOT NULL DEFAULT now(),
      finished_at  timestamptz
    );
    CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE status = 'pending';
    CREATE INDEX jobs_running_idx ON jobs (locked_until) WHERE status = 'running';

    CREATE TABLE job_schedules (
      name        text PRIMARY KEY,
      next_run_at timestamptz NOT NULL
    );

    CREATE TABLE audit_events (
      id           bigserial PRIMARY KEY,
      at           timestamptz NOT NULL DEFAULT now(),
      actor_id     uuid,
      action       text NOT NULL,
      subject_type text,
      subject_id   text,
      details      jsonb NOT NULL DEFAULT '{}',
      prev_hash    text NOT NULL,
      hash         text NOT NULL UNIQUE
    );

    CREATE TABLE app_meta (
      key   text PRIMARY KEY,
      value jsonb NOT NULL
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `DROP TABLE app_meta, audit_events, job_schedules, jobs, election_packs, social_accounts, staff,
      units, agencies, sessions, users, offices, regions;`,
  );
}
