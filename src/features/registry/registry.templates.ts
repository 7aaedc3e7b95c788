/**
 * Writes the XLSX templates in docs/templates/ from their CSV twins, so both always carry the same
 * headers and example rows:  node src/features/registry/registry.templates.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IMPORT_KINDS } from '../../domain/registry-import.ts';
import { readSheet, writeXlsx } from './registry.parse.ts';

export const TEMPLATE_DIR = fileURLToPath(new URL('../../../docs/templates/', import.meta.url));
const SHEET_NAMES = { staff: 'Pegawai', agencies: 'Instansi', accounts: 'Akun' } as const;

export async function writeXlsxTemplates(): Promise<string[]> {
  const written: string[] = [];
  for (const kind of IMPORT_KINDS) {
    const sheet = await readSheet(readFileSync(`${TEMPLATE_DIR}${kind}.csv`));
    const rows = sheet.rows.map((r) => sheet.headers.map((_, i) => r.cells[i] || null));
    writeFileSync(`${TEMPLATE_DIR}${kind}.xlsx`, await writeXlsx(SHEET_NAMES[kind], sheet.headers, rows));
    written.push(`${kind}.xlsx`);
  }
  return written;
}

if (import.meta.main) console.log(`written: ${(await writeXlsxTemplates()).join(', ')}`);
