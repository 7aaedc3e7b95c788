import type { Kysely } from 'kysely';
import { execScript } from '../sql-script.ts';

/**
 * Analytics (issue 9): what the dashboard and the kerawanan index keep themselves. The counts they
 * show come from the monitoring, reports, cases and prevention tables.
 * - `kerawanan_settings`: one row with the administrator-editable weights and thresholds (JSON,
 *   validated by src/domain/kerawanan.ts); absent = the defaults.
 * - `kerawanan_history`: the previous election's cases per region (and optionally agency),
 *   imported from CSV/XLSX; one row per (election, region, agency); re-importing replaces.
 * - `analytics_staff_counts`: staff per (region, agency, position type), the denominators of the
 *   rates, refreshed by the `analytics.refresh-staff-counts` job (counting 5 million staff on every
 *   dashboard request is too slow).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE TABLE kerawanan_settings (
      id          smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      settings    jsonb NOT NULL,
      updated_at  timestamptz NOT NULL DEFAULT now(),
      updated_by  uuid REFERENCES users(id)
    );
    CREATE TABLE kerawanan_history (
      id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      election      text NOT NULL,
      region_code   text NOT NULL REFERENCES regions(code),
      agency_id     uuid REFERENCES agencies(id),
      cases         integer NOT NULL CHECK (cases >= 0),
      source_sha256 text NOT NULL,
      imported_at   timestamptz NOT NULL DEFAULT now(),
      imported_by   uuid REFERENCES users(id),
      created_at    timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX kerawanan_history_key_idx ON kerawanan_history (election, region_code, coalesce(agency_id, '00000000-0000-0000-0000-000000000000'::uuid));
    CREATE INDEX kerawanan_history_region_idx ON kerawanan_history (region_code text_pattern_ops);
    CREATE TABLE analytics_staff_counts (
      region_code   text NOT NULL,
      agency_id     uuid NOT NULL,
      position_type text NOT NULL,
      staff         integer NOT NULL,
      refreshed_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (region_code, agency_id, position_type)
    );
    CREATE INDEX analytics_staff_counts_region_idx ON analytics_staff_counts (region_code text_pattern_ops);
    CREATE INDEX analytics_staff_counts_agency_idx ON analytics_staff_counts (agency_id);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    DROP TABLE analytics_staff_counts;
    DROP TABLE kerawanan_history;
    DROP TABLE kerawanan_settings;
  `,
  );
}
