import type { Kysely } from 'kysely';
import { execScript } from '../sql-script.ts';

/**
 * Prevention (*pencegahan*, domain brief §8): activities (socialisation, coordination meetings,
 * dissemination, cyber patrols) with their agencies, attendance lists and files; appeal letters
 * (*surat imbauan*) and their templates, issued through the letters register (migration 0013);
 * neutrality pledge campaigns (*ikrar netralitas*) and signatures; task forces (*Satgas Netralitas
 * ASN*) with their members. Columns read by analytics are listed in SCHEMA-CONTRACT (held_on,
 * region_code, participants, campaign_id, staff_id, signed_at, decree_number, decree_date).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE prevention_activities (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind         text NOT NULL CHECK (kind IN ('sosialisasi','rapat_koordinasi','diseminasi','patroli_siber','lainnya')),
      title        text NOT NULL,
      description  text,
      held_on      date NOT NULL,
      location     text,
      region_code  text NOT NULL REFERENCES regions(code),
      office_id    uuid NOT NULL REFERENCES offices(id),
      participants integer NOT NULL DEFAULT 0 CHECK (participants >= 0),
      pack_id      text,
      stage_code   text,
      created_by   uuid REFERENCES users(id),
      created_at   timestamptz NOT NULL DEFAULT now(),
      updated_at   timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX prevention_activities_region_idx ON prevention_activities (region_code text_pattern_ops, held_on);

    CREATE TABLE prevention_activity_agencies (
      activity_id uuid NOT NULL REFERENCES prevention_activities(id) ON DELETE CASCADE,
      agency_id   uuid NOT NULL REFERENCES agencies(id),
      PRIMARY KEY (activity_id, agency_id)
    );
    CREATE INDEX prevention_activity_agencies_agency_idx ON prevention_activity_agencies (agency_id);

    CREATE TABLE prevention_attendees (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      activity_id uuid NOT NULL REFERENCES prevention_activities(id) ON DELETE CASCADE,
      row_number  integer NOT NULL,
      nip         text,
      name        text NOT NULL,
      agency_name text,
      staff_id    uuid REFERENCES staff(id),
      created_at  timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX prevention_attendees_activity_idx ON prevention_attendees (activity_id);

    CREATE TABLE prevention_files (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      activity_id uuid NOT NULL REFERENCES prevention_activities(id) ON DELETE CASCADE,
      kind        text NOT NULL CHECK (kind IN ('photo','document')),
      sha256      text NOT NULL,
      filename    text NOT NULL,
      mime        text NOT NULL,
      size        integer NOT NULL,
      uploaded_by uuid REFERENCES users(id),
      created_at  timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX prevention_files_activity_idx ON prevention_files (activity_id);

    CREATE TABLE appeal_letter_templates (
      id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      office_id  uuid NOT NULL REFERENCES offices(id),
      name       text NOT NULL,
      recipient_kind text NOT NULL CHECK (recipient_kind IN ('agency','regional_secretary','party','candidate_pair','other')),
      subject    text NOT NULL,
      body       text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (office_id, name)
    );

    CREATE TABLE appeal_letters (
      id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      office_id        uuid NOT NULL REFERENCES offices(id),
      template_id      uuid REFERENCES appeal_letter_templates(id),
      issued_letter_id uuid NOT NULL,      -- issued_letters(id); no FK: migration 0013 runs after this one
      number           text NOT NULL,
      recipient_kind   text NOT NULL CHECK (recipient_kind IN ('agency','regional_secretary','party','candidate_pair','other')),
      recipient_name   text NOT NULL,
      agency_id        uuid REFERENCES agencies(id),
      region_code      text NOT NULL REFERENCES regions(code),
      subject          text NOT NULL,
      body             text NOT NULL,
      dated_on         date NOT NULL,
      sent_on          date,
      acknowledged_on  date,
      acknowledged_by  text,
      created_by       uuid REFERENCES users(id),
      created_at       timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX appeal_letters_region_idx ON appeal_letters (region_code text_pattern_ops);
    CREATE INDEX appeal_letters_agency_idx ON appeal_letters (agency_id);

    CREATE TABLE pledge_campaigns (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title       text NOT NULL,
      text        text NOT NULL,
      region_code text NOT NULL REFERENCES regions(code),
      agency_id   uuid REFERENCES agencies(id),
      office_id   uuid NOT NULL REFERENCES offices(id),
      opens_on    date NOT NULL,
      closes_on   date,
      closed_at   timestamptz,
      created_by  uuid REFERENCES users(id),
      created_at  timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX pledge_campaigns_region_idx ON pledge_campaigns (region_code text_pattern_ops);
    CREATE INDEX pledge_campaigns_agency_idx ON pledge_campaigns (agency_id);

    CREATE TABLE pledge_signatures (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      campaign_id uuid NOT NULL REFERENCES pledge_campaigns(id) ON DELETE CASCADE,
      staff_id    uuid NOT NULL REFERENCES staff(id),
      method      text NOT NULL CHECK (method IN ('online','attendance_list')),
      signed_at   timestamptz NOT NULL DEFAULT now(),
      recorded_by uuid REFERENCES users(id),
      created_at  timestamptz NOT NULL DEFAULT now(),
      UNIQUE (campaign_id, staff_id)
    );
    CREATE INDEX pledge_signatures_staff_idx ON pledge_signatures (staff_id);

    CREATE TABLE task_forces (
      id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name          text NOT NULL,
      region_code   text NOT NULL REFERENCES regions(code),
      agency_id     uuid REFERENCES agencies(id),
      office_id     uuid NOT NULL REFERENCES offices(id),
      decree_number text NOT NULL,
      decree_date   date NOT NULL,
      head_name     text,
      head_user_id  uuid REFERENCES users(id),
      dissolved_on  date,
      created_at    timestamptz NOT NULL DEFAULT now(),
      updated_at    timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX task_forces_agency_uq ON task_forces (agency_id) WHERE agency_id IS NOT NULL AND dissolved_on IS NULL;
    CREATE UNIQUE INDEX task_forces_region_uq ON task_forces (region_code) WHERE agency_id IS NULL AND dissolved_on IS NULL;
    CREATE INDEX task_forces_region_idx ON task_forces (region_code text_pattern_ops);

    CREATE TABLE task_force_members (
      id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      task_force_id uuid NOT NULL REFERENCES task_forces(id) ON DELETE CASCADE,
      name          text NOT NULL,
      position      text,
      role          text NOT NULL DEFAULT 'anggota' CHECK (role IN ('ketua','wakil_ketua','sekretaris','anggota')),
      staff_id      uuid REFERENCES staff(id),
      created_at    timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX task_force_members_tf_idx ON task_force_members (task_force_id);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    DROP TABLE task_force_members;
    DROP TABLE task_forces;
    DROP TABLE pledge_signatures;
    DROP TABLE pledge_campaigns;
    DROP TABLE appeal_letters;
    DROP TABLE appeal_letter_templates;
    DROP TABLE prevention_files;
    DROP TABLE prevention_attendees;
    DROP TABLE prevention_activity_agencies;
    DROP TABLE prevention_activities;
  `,
  );
}
