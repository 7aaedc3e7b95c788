import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { createBlobStore } from '../../platform/blobs/blob-store.ts';
import { createLettersService } from './letters.service.ts';

let database: Database;
let dir: string;
let letters: ReturnType<typeof createLettersService>;
let officeId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'netra-letters-'));
  letters = createLettersService({ db: database.db, blobs: createBlobStore(join(dir, 'blobs')) });
  const office = await database.db
    .updateTable('offices')
    .set({
      address: 'Jl. Jenderal Sudirman No. 1, Balikpapan',
      phone: '0542-000000',
      letter_code: 'K.KI-12',
      head_title: 'Ketua Bawaslu Kota Balikpapan',
      head_name: 'Nama Ketua Fiktif',
    })
    .where('region_code', '=', '64.71')
    .returning('id')
    .executeTakeFirstOrThrow();
  officeId = office.id;
});
afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const pdfText = async (pdf: Buffer) =>
  (await extractText(new Uint8Array(pdf), { mergePages: true })).text.replace(/\s+/g, ' ');

describe('issuing letters', () => {
  it('numbers letters per office, series and year, renders the letterhead and keeps the PDF', async () => {
    const date = new Date('2024-11-20T03:00:00Z');
    const issue = (subject: string) =>
      letters.issue({
        officeId,
        series: 'imbauan',
        classCode: 'PM.00.02',
        date,
        subject,
        recipient: 'Sekretaris Daerah Kota Balikpapan',
        subjectType: 'test',
        subjectId: 'letters-1',
        actorId: null,
        content: ({ signatory }) => ({
          subject,
          recipient: { lines: ['Sekretaris Daerah Kota Balikpapan'], place: 'Balikpapan' },
          blocks: [{ kind: 'paragraph', text: 'Dalam rangka menjaga netralitas ASN — “imbauan” 🙏.' }],
          signatory,
        }),
      });
    const [a, b] = await Promise.all([issue('Imbauan Netralitas ASN'), issue('Imbauan kedua')]);
    expect(new Set([a.number, b.number])).toEqual(
      new Set(['001/PM.00.02/K.KI-12/11/2024', '002/PM.00.02/K.KI-12/11/2024']),
    );
    const text = await pdfText(a.pdf);
    expect(text).toContain('BADAN PENGAWAS PEMILIHAN UMUM');
    expect(text).toContain('KOTA BALIKPAPAN');
    expect(text).toContain(a.number);
    expect(text).toContain('Balikpapan, 20 November 2024');
    expect(text).toContain('Sekretaris Daerah Kota Balikpapan');
    expect(text).toContain('Nama Ketua Fiktif');
    expect(text).toContain('"imbauan" ?.');

    const listed = await letters.listFor({ type: 'test', id: 'letters-1' });
    expect(listed.map((l) => l.number).sort()).toEqual([a.number, b.number].sort());
    expect((await letters.pdfOf(a.id))?.pdf.equals(a.pdf)).toBe(true);

    const nextYear = await letters.issue({
      officeId,
      series: 'imbauan',
      classCode: 'PM.00.02',
      date: new Date('2025-01-05T03:00:00Z'),
      subject: 'Tahun baru',
      actorId: null,
      content: () => ({ blocks: [] }),
    });
    expect(nextYear.number).toBe('001/PM.00.02/K.KI-12/01/2025');
  });

  it('writes nothing when the office does not exist', async () => {
    await expect(
      letters.issue({
        officeId: '00000000-0000-0000-0000-000000000000',
        series: 'x',
        classCode: 'X',
        date: new Date(),
        subject: 'x',
        actorId: null,
        content: () => ({ blocks: [] }),
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
