import type { ColumnType, Generated } from 'kysely';

/** Tables of migration 0013-letters (the new office columns are in OfficesTable). */
export type LetterSequencesTable = {
  office_id: string;
  series: string;
  year: number;
  last_number: number;
};

export type IssuedLettersTable = {
  id: Generated<string>;
  office_id: string;
  series: string;
  number: string;
  /** A date column, read as Date (midnight UTC) and written as 'YYYY-MM-DD'. */
  dated_on: ColumnType<Date, string, string>;
  subject: string;
  recipient: string | null;
  subject_type: string | null;
  subject_id: string | null;
  pdf_sha256: string;
  issued_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type LettersTables = {
  letter_sequences: LetterSequencesTable;
  issued_letters: IssuedLettersTable;
};
