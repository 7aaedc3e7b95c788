import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../../db/tables.ts';

type Db = Kysely<Tables> | Transaction<Tables>;

/** An office as letters need it: names, letterhead fields and numbering settings. */
export type OfficeLetterRow = {
  id: string;
  name: string;
  region_code: string;
  region_name: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  letter_city: string | null;
  letter_code: string | null;
  letter_number_template: string;
  head_title: string | null;
  head_name: string | null;
};

export async function findOfficeForLetters(db: Db, officeId: string): Promise<OfficeLetterRow | undefined> {
  return db
    .selectFrom('offices')
    .leftJoin('regions', 'regions.code', 'offices.region_code')
    .select([
      'offices.id',
      'offices.name',
      'offices.region_code',
      'regions.name as region_name',
      'offices.address',
      'offices.phone',
      'offices.email',
      'offices.website',
      'offices.letter_city',
      'offices.letter_code',
      'offices.letter_number_template',
      'offices.head_title',
      'offices.head_name',
    ])
    .where('offices.id', '=', officeId)
    .executeTakeFirst();
}

/** Takes the next running number of a series for a year; the row lock serialises concurrent issuers. */
export async function nextSequence(
  tx: Transaction<Tables>,
  key: { officeId: string; series: string; year: number },
): Promise<number> {
  const row = await tx
    .insertInto('letter_sequences')
    .values({ office_id: key.officeId, series: key.series, year: key.year, last_number: 1 })
    .onConflict((oc) =>
      oc
        .columns(['office_id', 'series', 'year'])
        .doUpdateSet((eb) => ({ last_number: eb('letter_sequences.last_number', '+', 1) })),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export async function insertIssuedLetter(
  tx: Transaction<Tables>,
  letter: {
    officeId: string;
    series: string;
    number: string;
    datedOn: string;
    subject: string;
    recipient: string | null;
    subjectType: string | null;
    subjectId: string | null;
    pdfSha256: string;
    issuedBy: string | null;
  },
): Promise<string> {
  const row = await tx
    .insertInto('issued_letters')
    .values({
      office_id: letter.officeId,
      series: letter.series,
      number: letter.number,
      dated_on: letter.datedOn,
      subject: letter.subject,
      recipient: letter.recipient,
      subject_type: letter.subjectType,
      subject_id: letter.subjectId,
      pdf_sha256: letter.pdfSha256,
      issued_by: letter.issuedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listIssuedLetters(db: Db, subject: { type: string; id: string }) {
  return db
    .selectFrom('issued_letters')
    .selectAll()
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .orderBy('created_at')
    .execute();
}

export async function findIssuedLetter(db: Db, id: string) {
  return db.selectFrom('issued_letters').selectAll().where('id', '=', id).executeTakeFirst();
}
