import PDFDocument from 'pdfkit';

/**
 * Renders an official letter or document (*naskah dinas*) as PDF: the office letterhead (*kop
 * surat*), number/nature/attachment/subject, place and date, recipient, body blocks, signature and
 * copies (*tembusan*). Used for appeal letters, clarification invitations and minutes, reviews and
 * forwarding letters. Standard PDF fonts (Helvetica): text outside Windows-1252 (emoji, other
 * scripts) is replaced by `?` rather than printed as garbage.
 */
export type Letterhead = {
  /** First line, e.g. `BADAN PENGAWAS PEMILIHAN UMUM`. */
  institution: string;
  /** Second line, e.g. `KOTA BALIKPAPAN` (upper-cased when drawn). */
  unit: string;
  address?: string | null;
  /** Phone, e-mail, website on one line. */
  contact?: string | null;
};

export type LetterBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; text: string }
  /** Label–value rows, e.g. `Nama : Budi`. */
  | { kind: 'fields'; rows: [string, string][] }
  | { kind: 'list'; items: string[]; ordered?: boolean }
  | { kind: 'table'; columns: string[]; rows: string[][]; widths?: number[] };

export type LetterInput = {
  letterhead: Letterhead;
  /** Document title centred under the letterhead (minutes, reviews); letters leave it out. */
  title?: string;
  number?: string;
  /** Sifat (e.g. `Penting`, `Segera`), Lampiran (e.g. `1 (satu) berkas`), Hal (subject). */
  nature?: string;
  attachment?: string;
  subject?: string;
  /** Place and date line, e.g. `Balikpapan, 2 Desember 2026`. */
  placeDate?: string;
  /** `Yth.` lines and the `di` place. */
  recipient?: { lines: string[]; place?: string };
  blocks: LetterBlock[];
  signatory?: { title: string; name: string; nip?: string };
  copies?: string[];
  /** PDF metadata. */
  meta?: { title?: string; author?: string; createdAt?: Date };
};

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 42, bottom: 56, left: 71, right: 57 };

/** Replaces characters the standard fonts cannot draw. */
export function toPdfText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[^\n\t\x20-\x7E\u00A0-\u00FF\u2013\u2014\u2022\u2026\u20AC]/gu, '?');
}

export function renderLetterPdf(input: LetterInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    info: {
      Title: toPdfText(input.meta?.title ?? input.subject ?? input.title ?? 'Naskah dinas'),
      Author: toPdfText(input.meta?.author ?? `${input.letterhead.institution} ${input.letterhead.unit}`),
      CreationDate: input.meta?.createdAt ?? new Date(),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = A4.width - MARGIN.left - MARGIN.right;
  const t = toPdfText;

  // Kop surat
  doc
    .font('Helvetica-Bold')
    .fontSize(14)
    .text(t(input.letterhead.institution.toUpperCase()), { align: 'center' });
  doc.fontSize(13).text(t(input.letterhead.unit.toUpperCase()), { align: 'center' });
  doc.font('Helvetica').fontSize(9);
  if (input.letterhead.address) doc.text(t(input.letterhead.address), { align: 'center' });
  if (input.letterhead.contact) doc.text(t(input.letterhead.contact), { align: 'center' });
  const lineY = doc.y + 4;
  doc
    .moveTo(MARGIN.left, lineY)
    .lineTo(A4.width - MARGIN.right, lineY)
    .lineWidth(2)
    .stroke();
  doc
    .moveTo(MARGIN.left, lineY + 3)
    .lineTo(A4.width - MARGIN.right, lineY + 3)
    .lineWidth(0.6)
    .stroke();
  doc.y = lineY + 14;
  doc.x = MARGIN.left;
  doc.fontSize(11);

  if (input.title) {
    doc.font('Helvetica-Bold').text(t(input.title.toUpperCase()), { align: 'center' });
    if (input.number) doc.font('Helvetica').text(t(`Nomor: ${input.number}`), { align: 'center' });
    doc.moveDown();
  } else {
    const top = doc.y;
    if (input.placeDate) doc.text(t(input.placeDate), MARGIN.left, top, { width, align: 'right' });
    doc.y = top;
    const head: [string, string | undefined][] = [
      ['Nomor', input.number],
      ['Sifat', input.nature],
      ['Lampiran', input.attachment],
      ['Hal', input.subject],
    ];
    for (const [label, value] of head) {
      if (value === undefined) continue;
      const y = doc.y;
      doc.font('Helvetica').text(label, MARGIN.left, y, { width: 60 });
      doc.text(':', MARGIN.left + 62, y, { width: 8 });
      doc.font(label === 'Hal' ? 'Helvetica-Bold' : 'Helvetica');
      doc.text(t(value), MARGIN.left + 72, y, { width: width * 0.55 });
    }
    doc.font('Helvetica');
    doc.moveDown();
    if (input.recipient) {
      doc.x = MARGIN.left;
      doc.text('Yth.');
      for (const line of input.recipient.lines) doc.text(t(line));
      if (input.recipient.place) {
        doc.text('di');
        doc.text(t(input.recipient.place), { indent: 20 });
      }
      doc.moveDown();
    }
  }

  for (const block of input.blocks) {
    doc.x = MARGIN.left;
    switch (block.kind) {
      case 'heading':
        doc.moveDown(0.4).font('Helvetica-Bold').text(t(block.text), { width }).font('Helvetica');
        break;
      case 'paragraph':
        doc.text(t(block.text), { width, align: 'justify', paragraphGap: 6 });
        break;
      case 'fields':
        for (const [label, value] of block.rows) {
          const y = doc.y;
          doc.text(t(label), MARGIN.left + 12, y, { width: 140 });
          const afterLabel = doc.y;
          doc.text(':', MARGIN.left + 154, y, { width: 8 });
          doc.text(t(value || '-'), MARGIN.left + 164, y, { width: width - 164 });
          doc.y = Math.max(doc.y, afterLabel);
        }
        doc.moveDown(0.5);
        break;
      case 'list':
        block.items.forEach((item, i) => {
          const y = doc.y;
          doc.text(block.ordered ? `${i + 1}.` : '•', MARGIN.left + 12, y, { width: 18 });
          doc.text(t(item), MARGIN.left + 32, y, { width: width - 32, align: 'justify' });
        });
        doc.moveDown(0.5);
        break;
      case 'table':
        drawTable(doc, block, width);
        break;
    }
  }

  if (input.signatory) {
    doc.moveDown(1.5);
    const x = MARGIN.left + width * 0.55;
    const w = width * 0.45;
    if (input.title && input.placeDate) doc.text(t(input.placeDate), x, doc.y, { width: w });
    doc.text(t(input.signatory.title), x, doc.y, { width: w });
    doc.moveDown(3.5);
    doc.font('Helvetica-Bold').text(t(input.signatory.name), x, doc.y, { width: w, underline: true });
    doc.font('Helvetica');
    if (input.signatory.nip) doc.text(t(`NIP ${input.signatory.nip}`), x, doc.y, { width: w });
  }

  if (input.copies?.length) {
    doc.moveDown(2);
    doc.x = MARGIN.left;
    doc.fontSize(10).text('Tembusan:');
    input.copies.forEach((c, i) => {
      doc.text(t(`${i + 1}. ${c}`), { width });
    });
  }
  doc.end();
  return done;
}

function drawTable(
  doc: PDFKit.PDFDocument,
  block: { columns: string[]; rows: string[][]; widths?: number[] },
  width: number,
) {
  const n = block.columns.length;
  const widths = block.widths ?? block.columns.map(() => width / n);
  const pad = 3;
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const heights = cells.map((c, i) => doc.heightOfString(toPdfText(c), { width: widths[i]! - 2 * pad }));
    const h = Math.max(...heights, 10) + 2 * pad;
    if (doc.y + h > A4.height - MARGIN.bottom) doc.addPage();
    const y = doc.y;
    let x = MARGIN.left;
    cells.forEach((c, i) => {
      doc.rect(x, y, widths[i]!, h).lineWidth(0.5).stroke();
      doc.text(toPdfText(c), x + pad, y + pad, { width: widths[i]! - 2 * pad });
      x += widths[i]!;
    });
    doc.x = MARGIN.left;
    doc.y = y + h;
  };
  drawRow(block.columns, true);
  for (const row of block.rows) drawRow(row, false);
  doc.fontSize(11).font('Helvetica');
  doc.moveDown(0.5);
}
