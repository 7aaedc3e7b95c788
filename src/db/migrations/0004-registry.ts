import type { Kysely } from 'kysely';
import { execScript } from '../sql-script.ts';

/**
 * Registry (issue 4): what imports and search need on top of the tables from 0001.
 * - `agencies.task_force_head`: who chairs the agency's ASN-neutrality task force (*ketua satgas*).
 * - `staff`: the parts decoded from the NIP (birth date, TMT CPNS, sex), a generated full-text
 *   vector with the `indonesian` configuration, and a trigram index for fuzzy names (pg_trgm), sized
 *   for 5 million rows. Non-ASN staff have no NIP; their natural key is agency + lower(name).
 * - `staff_name_words`: every distinct word of staff names, kept by statement triggers, with a
 *   trigram index. Typos are corrected against this small dictionary and the corrected words are
 *   searched with full text (trigram similarity over 5 million full names is too slow).
 * - `social_accounts.region_code`: where an account is supervised when it is not linked to staff
 *   (a linked account follows its staff member's region); `updated_at`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    ALTER TABLE agencies ADD COLUMN task_force_head text;
    CREATE INDEX agencies_name_trgm_idx ON agencies USING gin (name gin_trgm_ops);
    CREATE INDEX agencies_parent_idx ON agencies (parent_id);
    CREATE INDEX units_agency_idx ON units (agency_id);
    ALTER TABLE staff ADD COLUMN birth_date date;
    ALTER TABLE staff ADD COLUMN appointed_on text;
    ALTER TABLE staff ADD COLUMN sex text CHECK (sex IN ('male','female'));
    ALTER TABLE staff ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('indonesian', name)) STORED;
    CREATE INDEX staff_search_idx ON staff USING gin (search);
    CREATE INDEX staff_name_trgm_idx ON staff USING gin (name gin_trgm_ops);
    CREATE INDEX staff_nip_prefix_idx ON staff (nip bpchar_pattern_ops);
    CREATE INDEX staff_unit_idx ON staff (unit_id);
    CREATE UNIQUE INDEX staff_non_asn_key_idx ON staff (agency_id, lower(name)) WHERE nip IS NULL;
    CREATE TABLE staff_name_words (word text PRIMARY KEY);
    CREATE INDEX staff_name_words_trgm_idx ON staff_name_words USING gin (word gin_trgm_ops);
    CREATE FUNCTION staff_name_words_collect() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO staff_name_words (word) SELECT DISTINCT w FROM new_rows, regexp_split_to_table(lower(new_rows.name), '[^[:alnum:]]+') AS w WHERE length(w) > 1 AND w !~ '^[0-9]+$' ON CONFLICT DO NOTHING; RETURN NULL; END $$;
    CREATE TRIGGER staff_name_words_insert AFTER INSERT ON staff REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION staff_name_words_collect();
    CREATE TRIGGER staff_name_words_update AFTER UPDATE ON staff REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION staff_name_words_collect();
    INSERT INTO staff_name_words (word) SELECT DISTINCT w FROM staff, regexp_split_to_table(lower(staff.name), '[^[:alnum:]]+') AS w WHERE length(w) > 1 AND w !~ '^[0-9]+$' ON CONFLICT DO NOTHING;
    ALTER TABLE social_accounts ADD COLUMN region_code text REFERENCES regions(code);
    ALTER TABLE social_accounts ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
    CREATE INDEX social_accounts_handle_trgm_idx ON social_accounts USING gin (handle gin_trgm_ops);
    CREATE INDEX social_accounts_region_idx ON social_accounts (region_code text_pattern_ops);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(
    db,
    `
    DROP INDEX social_accounts_region_idx;
    DROP INDEX social_accounts_handle_trgm_idx;
    ALTER TABLE social_accounts DROP COLUMN updated_at;
    ALTER TABLE social_accounts DROP COLUMN region_code;
    DROP TRIGGER staff_name_words_update ON staff;
    DROP TRIGGER staff_name_words_insert ON staff;
    DROP FUNCTION staff_name_words_collect();
    DROP TABLE staff_name_words;
    DROP INDEX staff_non_asn_key_idx;
    DROP INDEX staff_unit_idx;
    DROP INDEX staff_nip_prefix_idx;
    DROP INDEX staff_name_trgm_idx;
    DROP INDEX staff_search_idx;
    ALTER TABLE staff DROP COLUMN search;
    ALTER TABLE staff DROP COLUMN sex;
    ALTER TABLE staff DROP COLUMN appointed_on;
    ALTER TABLE staff DROP COLUMN birth_date;
    DROP INDEX units_agency_idx;
    DROP INDEX agencies_parent_idx;
    DROP INDEX agencies_name_trgm_idx;
    ALTER TABLE agencies DROP COLUMN task_force_head;
  `,
  );
}
