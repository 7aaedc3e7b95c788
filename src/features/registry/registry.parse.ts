import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DomainError } from '../../domain/errors.ts';

/** A spreadsheet as rows of text; `row` is the spreadsheet row number (header = 1). */
export type Sheet = { headers: string[]; rows: { row: number; cells: string[] }[] };

const isXlsx = (data: Uint8Array) => data[0] === 0x50 && data[1] === 0x4b; // "PK": a zip container

/**
 * Reads a CSV or XLSX file. CSV: UTF-8 with or without BOM, delimiter `,` `;` or tab detected from
 * the header line (Excel in an Indonesian locale writes `;`), quoted fields with embedded delimiters
 * and line breaks. XLSX: the first worksheet. Blank rows are skipped but keep their numbers.
 */
export async function readSheet(data: Uint8Array): Promise<Sheet> {
  const table = isXlsx(data) ? await readXlsx(data) : readCsv(data);
  const first = table.findIndex((r) => r.cells.some((c) => c.trim() !== ''));
  if (first < 0)
    throw new DomainError('IMPORT_ROW_INVALID', 'Berkas kosong / the file is empty', [
      { row: 1, field: 'berkas', message: 'tidak ada baris judul kolom' },
    ]);
  const headers = table[first]!.cells.map((c) => c.trim());
  const rows = table.slice(first + 1).filter((r) => r.cells.some((c) => c.trim() !== ''));
  return { headers, rows };
}

function readCsv(data: Uint8Array): { row: number; cells: string[] }[] {
  let textData = new TextDecoder('utf-8', { fatal: false }).decode(data);
  if (textData.charCodeAt(0) === 0xfeff) textData = textData.slice(1);
  const firstLine = textData.slice(0, textData.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  const delimiter = counts.sort((a, b) => b[1] - a[1])[0]![0];
  try {
    const records: string[][] = parseCsv(textData, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: false,
    });
    return records.map((cells, i) => ({ row: i + 1, cells }));
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new DomainError(
      'IMPORT_ROW_INVALID',
      'Berkas CSV tidak dapat dibaca / the CSV file cannot be read',
      [{ row: line ?? 1, field: 'berkas', message: `CSV rusak: ${(e as Error).message}` }],
    );
  }
}

async function readXlsx(data: Uint8Array): Promise<{ row: number; cells: string[] }[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    throw new DomainError(
      'IMPORT_ROW_INVALID',
      'Berkas XLSX tidak dapat dibaca / the XLSX file cannot be read',
      [{ row: 1, field: 'berkas', message: `XLSX rusak: ${(e as Error).message}` }],
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const out: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= r.cellCount; c++) cells.push(cellText(r.getCell(c).value));
    out.push({ row: rowNumber, cells });
  });
  return out;
}

/** A cell's value as text. Numbers too large to be exact (a NIP typed as a number) keep their
 * exponent so NIP validation explains the problem instead of importing a wrong number. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number')
    return Number.isSafeInteger(v) || !Number.isInteger(v) ? String(v) : v.toExponential();
  if (typeof v === 'boolean') return v ? 'ya' : 'tidak';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return '';
  }
  return String(v);
}

/** Writes rows to an XLSX workbook with a bold header row (list exports, templates). */
export async function writeXlsx(sheetName: string, headers: string[], rows: (string | number | null)[][]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(headers).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  sheet.columns.forEach((col, i) => {
    col.width = Math.min(
      60,
      Math.max(10, headers[i]!.length + 2, ...rows.slice(0, 200).map((r) => String(r[i] ?? '').length + 2)),
    );
    // Text format keeps NIPs exact when the file is edited and saved again.
    col.numFmt = '@';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
