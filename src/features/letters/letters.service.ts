import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../../db/tables.ts';
import { DomainError } from '../../domain/errors.ts';
import { datePartsWib, formatDateId, formatLetterNumber, letterCityOf } from '../../domain/letters.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import { type Letterhead, type LetterInput, renderLetterPdf } from '../../platform/pdf/letter-pdf.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';
import {
  findIssuedLetter,
  findOfficeForLetters,
  insertIssuedLetter,
  listIssuedLetters,
  nextSequence,
  type OfficeLetterRow,
} from './letters.repository.ts';

/** What a feature gives to issue a letter; the service adds the letterhead, number and date. */
export type IssueLetterInput = {
  officeId: string;
  /** The numbering series, e.g. `imbauan`, `penerusan`, `undangan-klarifikasi`. */
  series: string;
  /** Classification code for `{class}` in the office's number template. */
  classCode: string;
  date: Date;
  subject: string;
  recipient?: string;
  /** The record the letter belongs to (for listing and audit), e.g. `case` + id. */
  subjectType?: string;
  subjectId?: string;
  actorId: string | null;
  /** The letter content, given the number and the office's letterhead defaults. */
  content: (
    ctx: LetterContext,
  ) => Omit<LetterInput, 'letterhead' | 'number' | 'placeDate'> & Partial<Pick<LetterInput, 'placeDate'>>;
};

export type LetterContext = {
  number: string;
  office: OfficeLetterRow;
  /** `Balikpapan, 2 Desember 2026`. */
  placeDate: string;
  /** Default signatory: the office head's title and name, when set. */
  signatory: { title: string; name: string } | undefined;
};

export type IssuedLetter = { id: string; number: string; sha256: string; pdf: Buffer };

/** The letterhead of an office: `BADAN PENGAWAS PEMILIHAN UMUM` + the office's own line. */
export function letterheadOf(office: OfficeLetterRow): Letterhead {
  const unit =
    office.region_code === '00'
      ? 'REPUBLIK INDONESIA'
      : office.name.replace(/^Bawaslu\s+/i, '').replace(/^Provinsi\s+/i, 'PROVINSI ');
  const contact = [
    office.phone && `Telp. ${office.phone}`,
    office.email && `Surel ${office.email}`,
    office.website,
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    institution: 'BADAN PENGAWAS PEMILIHAN UMUM',
    unit,
    address: office.address,
    contact: contact || null,
  };
}

/**
 * Issues official letters: the next number in the office's series (one transaction with the
 * register row and the audit event, so a number is never given twice or lost), the PDF rendered and
 * kept in the blob store, the register row pointing at it.
 */
export function createLettersService(deps: { db: Kysely<Tables>; blobs: BlobStore }) {
  const { db, blobs } = deps;

  async function issueInTx(tx: Transaction<Tables>, input: IssueLetterInput): Promise<IssuedLetter> {
    const office = await findOfficeForLetters(tx, input.officeId);
    if (!office) throw new DomainError('NOT_FOUND', 'Kantor tidak ditemukan / office not found');
    const { year } = datePartsWib(input.date);
    const seq = await nextSequence(tx, { officeId: office.id, series: input.series, year });
    const number = formatLetterNumber(office.letter_number_template, {
      seq,
      classCode: input.classCode,
      officeCode: office.letter_code ?? office.region_code,
      date: input.date,
    });
    const city = office.letter_city ?? letterCityOf(office.region_name ?? office.name, office.region_code);
    const placeDate = `${city}, ${formatDateId(input.date)}`;
    const signatory =
      office.head_title && office.head_name
        ? { title: office.head_title, name: office.head_name }
        : undefined;
    const content = input.content({ number, office, placeDate, signatory });
    const pdf = await renderLetterPdf({
      placeDate,
      ...content,
      letterhead: letterheadOf(office),
      number,
      meta: { createdAt: input.date, ...content.meta },
    });
    const { sha256 } = await blobs.put(pdf);
    const { year: y, month, day } = datePartsWib(input.date);
    const id = await insertIssuedLetter(tx, {
      officeId: office.id,
      series: input.series,
      number,
      datedOn: `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      subject: input.subject,
      recipient: input.recipient ?? null,
      subjectType: input.subjectType ?? null,
      subjectId: input.subjectId ?? null,
      pdfSha256: sha256,
      issuedBy: input.actorId,
    });
    await recordAuditInTx(tx, {
      actorId: input.actorId,
      action: 'letter.issue',
      subjectType: input.subjectType ?? 'letter',
      subjectId: input.subjectId ?? id,
      details: { letterId: id, number, series: input.series, sha256 },
    });
    return { id, number, sha256, pdf };
  }

  return {
    /** Issues a letter inside the caller's transaction (with the caller's state change). */
    issueInTx,
    /** Issues a letter in its own transaction. */
    issue: (input: IssueLetterInput) => db.transaction().execute((tx) => issueInTx(tx, input)),
    /** Letters issued for a record, oldest first. */
    listFor: (subject: { type: string; id: string }) => listIssuedLetters(db, subject),
    /** One issued letter with its PDF bytes (callers check the actor's access to its subject first). */
    async pdfOf(letterId: string): Promise<{ number: string; pdf: Buffer } | undefined> {
      const row = await findIssuedLetter(db, letterId);
      if (!row) return undefined;
      return { number: row.number, pdf: await blobs.get(row.pdf_sha256) };
    },
  };
}

export type LettersService = ReturnType<typeof createLettersService>;
