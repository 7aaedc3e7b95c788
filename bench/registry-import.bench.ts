/**
 * 100,000-row staff import on PGlite through the real service (the "under a minute"):
 *   node bench/registry-import.bench.ts [ROWS]
 * Prints the time to import into an empty database and to re-import the same file (all unchanged).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createRegistryService } from '../src/features/registry/registry.service.ts';
import { nameFor, nipFor, prng } from './registry-data.ts';

const rows = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'netra-import-bench-'));
const database = await openDatabase({ dataDir: dir });
try {
  await migrateToLatest(database.db);
  const registry = createRegistryService({ db: database.db });
  const actor = { id: null, role: 'admin' as const, office: { regionCode: '00' } };
  const agencies = 'Nama Instansi;Jenis;Kode Wilayah\nPemerintah Kota Balikpapan;Pemerintah Kota;64.71\n';
  await registry.importFile({ actor, kind: 'agencies', data: new TextEncoder().encode(agencies) });
  const units = [
    'Sekretariat Daerah',
    'Dinas Pendidikan',
    'Dinas Kesehatan',
    'Dinas Sosial',
    'Badan Kepegawaian Daerah',
  ];
  const rnd = prng(7);
  const lines = ['NIP;Nama;Status Pegawai;Jenis Jabatan;Jabatan;Golongan;Instansi;Unit Kerja'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `${nipFor(i)};${nameFor(rnd)};PNS;Pelaksana;Pengadministrasi Umum;III/a;Pemerintah Kota Balikpapan;${units[i % units.length]}`,
    );
  const data = new TextEncoder().encode(`${lines.join('\n')}\n`);
  for (const label of ['first import', 're-import']) {
    const t0 = performance.now();
    const r = await registry.importFile({ actor, kind: 'staff', data });
    const s = (performance.now() - t0) / 1000;
    console.log(`${label}: ${rows.toLocaleString('en')} rows in ${s.toFixed(1)} s`, r);
  }
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
