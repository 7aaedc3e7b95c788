import ExcelJS from 'exceljs';
import type { CaseRow } from '../../contracts/cases.ts';

/** The case register (*buku register*) as XLSX: one row per case with its status and next deadline. */
export async function caseRegisterXlsx(rows: CaseRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Netra';
  const ws = wb.addWorksheet('Register Kasus');
  ws.columns = [
    { header: 'Nomor / Number', key: 'number', width: 24 },
    { header: 'Dibuka / Opened', key: 'openedAt', width: 20 },
    { header: 'Asal / Origin', key: 'origin', width: 10 },
    { header: 'Rezim / Regime', key: 'regime', width: 10 },
    { header: 'Wilayah / Region', key: 'region', width: 28 },
    { header: 'Terlapor / Reported', key: 'reported', width: 28 },
    { header: 'Instansi / Agency', key: 'agency', width: 28 },
    { header: 'Perihal / Subject', key: 'title', width: 48 },
    { header: 'Kategori / Category', key: 'category', width: 18 },
    { header: 'Status', key: 'status', width: 24 },
    { header: 'Hasil / Outcome', key: 'outcome', width: 14 },
    { header: 'Batas berikut / Next deadline', key: 'due', width: 16 },
    { header: 'Keadaan batas / Deadline state', key: 'dueState', width: 14 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows)
    ws.addRow({
      number: r.number,
      openedAt: r.openedAt.slice(0, 10),
      origin: r.origin,
      regime: r.regime,
      region: r.regionName ?? r.regionCode,
      reported: r.staffName ?? r.reportedName ?? '',
      agency: r.agencyName ?? '',
      title: r.title,
      category: r.category ?? '',
      status: r.status,
      outcome: r.outcome ?? '',
      due: r.nextDeadline?.dueOn ?? '',
      dueState: r.nextDeadline?.state ?? '',
    });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
