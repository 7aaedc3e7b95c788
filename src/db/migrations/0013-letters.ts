import { type Kysely, sql } from 'kysely';

/**
 * Official letters (*naskah dinas*): each office's letterhead and numbering settings, the running
 * number per office, series and year, and a register of every letter issued (number unique per
 * office). Features (prevention appeal letters, case documents) issue letters through
 * src/features/letters.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE offices
      ADD COLUMN address text,
      ADD COLUMN phone text,
      ADD COLUMN email text,
      ADD COLUMN website text,
      ADD COLUMN letter_city text,
      ADD COLUMN letter_code text,
      ADD COLUMN letter_number_template text NOT NULL DEFAULT '{seq}/{class}/{office}/{mm}/{year}',
      ADD COLUMN head_title text,
      ADD COLUMN head_name text
  `.execute(db);
  await sql`
    CREATE TABLE letter_sequences (
      office_id   uuid NOT NULL REFERENCES offices(id),
      series      text NOT NULL,
      year        integer NOT NULL,
      last_number integer NOT NULL,
      PRIMARY KEY (office_id, series, year)
    )
  `.execute(db);
  await sql`
    CREATE TABLE issued_letters (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      office_id    uuid NOT NULL REFERENCES offices(id),
      series       text NOT NULL,
      number       text NOT NULL,
      dated_on     date NOT NULL,
      subject      text NOT NULL,
      recipient    text,
      subject_type text,
      subject_id   text,
      pdf_sha256   text NOT NULL,
      issued_by    uuid REFERENCES users(id),
      created_at   timestamptz NOT NULL DEFAULT now(),
      UNIQUE (office_id, number)
    )
  `.execute(db);
  await sql`CREATE INDEX issued_letters_subject_idx ON issued_letters (subject_type, subject_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE issued_letters`.execute(db);
  await sql`DROP TABLE letter_sequences`.execute(db);
  await sql`
    ALTER TABLE offices DROP COLUMN address, DROP COLUMN phone, DROP COLUMN email, DROP COLUMN website,
      DROP COLUMN letter_city, DROP COLUMN letter_code, DROP COLUMN letter_number_template,
      DROP COLUMN head_title, DROP COLUMN head_name
  `.execute(db);
}
