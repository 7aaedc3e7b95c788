import { writeFileSync } from 'node:fs';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { NATIONAL } from '../../domain/jurisdiction.ts';
import { type CliIo, CliUsageError, type Command, parseFlags } from '../../platform/cli/command.ts';
import { createCoverageService } from './coverage.service.ts';

const coverageCommand: Command = {
  name: 'coverage',
  summary: 'Cakupan pencegahan per wilayah dan instansi / prevention coverage per region and agency',
  help: `Pemakaian / usage: netra prevention coverage [--region KODE] [--xlsx BERKAS] [--json]

Mencetak cakupan pencegahan di bawah satu wilayah (bawaan: nasional): persentase ASN yang sudah
berikrar netralitas, ada/tidaknya satgas, dan jumlah kegiatan 90 hari terakhir, per provinsi dan
kabupaten/kota (lihat docs/prevention.md). Dengan --xlsx, menulis buku kerja XLSX (lembar Wilayah
dan Instansi).

Prints prevention coverage under a region (default national): share of staff who pledged, task force
present, activities in the last 90 days, per province and regency/city (docs/prevention.md). With
--xlsx, writes the XLSX workbook instead.

Opsi / options:
  --region KODE   kode wilayah Kemendagri / Kemendagri region code, e.g. 64 or 64.71
  --xlsx BERKAS   tulis XLSX ke berkas / write the XLSX workbook to FILE
  --json          keluaran JSON (bentuk Coverage) / JSON output (the Coverage shape)
  -h, --help      bantuan ini / this help

Kode keluar / exit codes: 0 berhasil / success, 2 pemakaian salah / usage, 1 lainnya / other
`,
  async run(argv: string[], io: CliIo) {
    const { values } = parseFlags(argv, {
      region: { type: 'string' },
      xlsx: { type: 'string' },
      json: { type: 'boolean' },
    });
    const regionRoot = values.region ?? NATIONAL;
    if (!/^\d{2}(\.\d{2}){0,3}$/.test(regionRoot))
      throw new CliUsageError(`kode wilayah tidak valid / invalid region code: ${regionRoot}`);
    const database = await openDatabase(loadConfig(io.env));
    try {
      await migrateToLatest(database.db);
      const coverage = createCoverageService({ db: database.db, now: () => new Date() });
      if (values.xlsx) {
        writeFileSync(values.xlsx, await coverage.exportXlsx({ regionRoot }));
        io.stdout.write(`Ditulis / written: ${values.xlsx}\n`);
        return 0;
      }
      const c = await coverage.coverage({ regionRoot });
      if (values.json) {
        io.stdout.write(`${JSON.stringify(c)}\n`);
        return 0;
      }
      io.stdout.write(`Per / as of ${c.asOf}; kegiatan sejak / activities since ${c.windowStart}\n`);
      io.stdout.write('kode\twilayah\tpegawai\tikrar\t%\tsatgas\tinstansi bersatgas\tkegiatan 90h\n');
      for (const r of c.regions)
        io.stdout.write(
          `${r.regionCode}\t${r.regionName}\t${r.staff}\t${r.pledged}\t${r.pledgePercent ?? '-'}\t${r.taskForce ? 'ada' : 'belum'}\t${r.agenciesWithTaskForce}/${r.agencies}\t${r.activities90d}\n`,
        );
      return 0;
    } finally {
      await database.close();
    }
  },
};

export const preventionCommand: Command = {
  name: 'prevention',
  summary: 'Pencegahan: cakupan ikrar, satgas, kegiatan / prevention figures',
  help: `Pemakaian / usage: netra prevention coverage [--region KODE] [--xlsx BERKAS] [--json]

Subperintah / subcommands:
  coverage    cakupan per wilayah dan instansi / coverage per region and agency
`,
  subcommands: [coverageCommand],
};
