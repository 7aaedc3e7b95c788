import { type ReportKind, type ReportStatus, STATUS_LABELS, utcOffsetOf } from '../../domain/reports.ts';

export type ReceiptFacts = {
  receipt: string;
  kind: ReportKind;
  status: ReportStatus;
  receivedAt: Date;
  late: boolean;
  regionCode: string | null;
  evidenceCount: number;
};

const ZONE: Record<number, string> = { 7: 'WIB', 8: 'WITA', 9: 'WIT' };

/** Local date and time of receipt in the region's zone, e.g. "11-11-2024 10:00 WIB". */
function localStamp(at: Date, regionCode: string | null) {
  const offset = utcOffsetOf(regionCode);
  const d = new Date(at.getTime() + offset * 3_600_000).toISOString();
  return `${d.slice(8, 10)}-${d.slice(5, 7)}-${d.slice(0, 4)} ${d.slice(11, 16)} ${ZONE[offset]}`;
}

/**
 * The receipt (*tanda terima*) as a one-page PDF: the code, what was received and when, and how to
 * follow it up. It holds no identity and no content of the report, so a lost receipt reveals only
 * that a report exists.
 */
export async function renderReceiptPdf(f: ReceiptFacts): Promise<Buffer> {
  // Loaded on first use: pdfkit is large, and every CLI start would pay for it otherwise.
  const { default: PDFDocument } = await import('pdfkit');
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: 'Tanda Terima Laporan', Author: 'Netra', Producer: 'Netra', Creator: 'Netra' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.font('Helvetica-Bold').fontSize(18).text('TANDA TERIMA LAPORAN');
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor('#555')
      .text('Receipt of a report — Netra, pengawasan netralitas ASN');
    doc.moveDown(1.5).fillColor('#000');
    doc.fontSize(11).text('Kode tanda terima / receipt code:');
    doc.font('Courier-Bold').fontSize(24).text(f.receipt);
    doc.moveDown();
    const kind = f.kind === 'laporan' ? 'Laporan resmi (formal report)' : 'Informasi awal (tip)';
    const rows: [string, string][] = [
      ['Jenis / kind', kind],
      ['Diterima / received', localStamp(f.receivedAt, f.regionCode)],
      ['Status', `${STATUS_LABELS[f.status].id} / ${STATUS_LABELS[f.status].en}`],
      ['Bukti / evidence files', String(f.evidenceCount)],
    ];
    if (f.late)
      rows.push([
        'Catatan / note',
        'Disampaikan setelah batas 7 hari sejak diketahui; tetap diterima dan dicatat terlambat. / Filed after the 7-day window; accepted and marked late.',
      ]);
    for (const [label, value] of rows) {
      doc
        .font('Helvetica-Bold')
        .fontSize(11)
        .text(label, { continued: true })
        .font('Helvetica')
        .text(`: ${value}`);
    }
    doc.moveDown(1.5);
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(
        'Simpan kode ini. Kode hanya ditampilkan sekali dan tidak dapat dipulihkan oleh petugas. ' +
          'Dengan kode ini Anda dapat melihat status laporan, berkirim pesan dengan petugas, menambah bukti, ' +
          'dan (untuk informasi anonim) menambahkan identitas Anda, di halaman /lapor/status.',
      );
    doc.moveDown(0.5);
    doc
      .fillColor('#555')
      .text(
        'Keep this code. It is shown once and staff cannot recover it. With it you can see the status, exchange ' +
          'messages with the handler, add evidence and add your identity to an anonymous tip, at /lapor/status.',
      );
    doc.end();
  });
}
