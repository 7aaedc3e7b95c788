import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Kysely, sql } from 'kysely';

/**
 * Loads Indonesia's administrative regions (38 provinces, 514 regencies/cities, 7,000+ districts)
 * with Kemendagri codes as keys, from the `idn-area-data` package (MIT licence; data from official
 * Kemendagri sources — see docs/data-sources.md). Villages are not loaded: jurisdictions stop at
 * the district (Panwaslu Kecamatan).
 */
type RegionRow = { code: string; name: string; level: number; kind: string; parent_code: string | null };

const dataDir = () =>
  join(dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')), 'data');

/** Parses the package's simple CSV (comma separated, double-quoted fields with "" escapes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    const fields: string[] = [];
    let i = 0;
    while (i <= line.length) {
      if (line[i] === '"') {
        let value = '';
        i++;
        while (i < line.length) {
          if (line[i] === '"' && line[i + 1] === '"') {
            value += '"';
            i += 2;
          } else if (line[i] === '"') {
            i++;
            break;
          } else value += line[i++];
        }
        fields.push(value);
        i++; // the comma
      } else {
        const end = line.indexOf(',', i);
        const stop = end === -1 ? line.length : end;
        fields.push(line.slice(i, stop));
        i = stop + 1;
      }
    }
    rows.push(fields);
  }
  return rows.slice(1);
}

const read = (file: string) => parseCsv(readFileSync(join(dataDir(), file), 'utf8'));

export function loadRegionRows(): RegionRow[] {
  const rows: RegionRow[] = [
    { code: '00', name: 'Indonesia', level: 0, kind: 'nasional', parent_code: null },
  ];
  for (const [code, name] of read('provinces.csv'))
    rows.push({ code: code!, name: name!, level: 1, kind: 'provinsi', parent_code: '00' });
  for (const [code, parent, name] of read('regencies.csv'))
    rows.push({
      code: code!,
      name: name!,
      level: 2,
      kind: name!.startsWith('Kota ') ? 'kota' : 'kabupaten',
      parent_code: parent!,
    });
  for (const [code, parent, name] of read('districts.csv'))
    rows.push({ code: code!, name: name!, level: 3, kind: 'kecamatan', parent_code: parent! });
  return rows;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const rows = loadRegionRows();
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    await sql`
      INSERT INTO regions (code, name, level, kind, parent_code)
      SELECT * FROM unnest(
        ${batch.map((r) => r.code)}::text[], ${batch.map((r) => r.name)}::text[],
        ${batch.map((r) => r.level)}::smallint[], ${batch.map((r) => r.kind)}::text[],
        ${batch.map((r) => r.parent_code)}::text[])
    `.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM regions`.execute(db);
}
