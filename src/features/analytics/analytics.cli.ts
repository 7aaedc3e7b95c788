import { readFileSync } from 'node:fs';
import { loadConfig } from '../../config.ts';
import type { KerawananView } from '../../contracts/analytics.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { NATIONAL } from '../../domain/jurisdiction.ts';
import { type CliIo, CliUsageError, type Command, parseFlags } from '../../platform/cli/command.ts';
import { LABELS } from './analytics.labels.ts';
import type { AnalyticsActor } from './analytics.service.ts';

/** The CLI runs as the operator, with national scope. */
const OPERATOR: AnalyticsActor = { id: null, role: 'admin', office: { regionCode: NATIONAL } };

const explain = (name: string, k: KerawananView) =>
  [
    `${name}: ${k.score.toFixed(2)} (${LABELS[k.band]} / ${k.band})`,
    ...k.parts.map(
      (p) =>
        `  ${`${LABELS[p.key]} / ${p.key}`.padEnd(26)} ${p.points.toFixed(2).padStart(6)} / ${p.weight}  ${p.detail}`,
    ),
    ...k.notes.map((n) => `  catatan / note: ${n}`),
  ].join('\n');

export const kerawananCommand: Command = {
  name: 'kerawanan',
  summary: 'Indeks kerawanan wilayah dengan rinciannya / vulnerability index with its parts',
  help: `Pemakaian / usage: netra kerawanan --region CODE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json] [--refresh]
       netra kerawanan --import-history FILE --election LABEL [--json]

Mencetak indeks kerawanan (0-100, rendah/sedang/tinggi) wilayah CODE (kode Kemendagri: "00" nasional,
"64" provinsi, "64.71" kabupaten/kota) dan wilayah di bawahnya, dengan bagian-bagian yang
menjumlah ke skor — angka yang sama dengan dasbor untuk wilayah dan periode yang sama (bawaan:
90 hari terakhir). Rumus: docs/kerawanan.md.

Prints the kerawanan index of region CODE and of its child regions with the parts that sum to each
score: the same numbers as the dashboard for the same region and period (default: the last 90 days).

--import-history memasukkan kasus pemilu sebelumnya dari CSV/XLSX (kolom kode_wilayah, jumlah_kasus,
instansi opsional); semua atau tidak sama sekali / imports the previous election's cases, all or nothing.

Opsi / options:
  --region CODE         wilayah / region (required unless importing)
  --from, --to DATE     periode / period (WIB calendar dates)
  --refresh             hitung ulang jumlah pegawai dulu / recount staff first (the server does it hourly)
  --import-history FILE berkas riwayat / history file
  --election LABEL      label pemilu, mis. pilkada-2020 / election label
  --json                keluaran JSON / JSON output: { "region": {code,name,kerawanan}, "children": [...] }
  -h, --help            bantuan ini / this help

Kode keluar / exit codes: 0 berhasil, 2 pemakaian salah / usage, 3 data tidak valid / invalid, 1 lainnya / other
`,
  async run(argv: string[], io: CliIo) {
    const { values } = parseFlags(argv, {
      region: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean' },
      refresh: { type: 'boolean' },
      'import-history': { type: 'string' },
      election: { type: 'string' },
    });
    const importing = values['import-history'];
    if (!importing && !values.region)
      throw new CliUsageError('--region CODE diperlukan / --region CODE is required');
    if (importing && !values.election)
      throw new CliUsageError('--election LABEL diperlukan / --election is required');
    let data: Uint8Array | undefined;
    if (importing) {
      try {
        data = readFileSync(importing);
      } catch (e) {
        io.stderr.write(
          `netra kerawanan: berkas tidak dapat dibaca / cannot read file: ${(e as Error).message}\n`,
        );
        return 1;
      }
    }
    const database = await openDatabase(loadConfig(io.env));
    try {
      await migrateToLatest(database.db);
      // Loaded here: the service pulls in the PDF and XLSX writers, which `netra --help` does not need.
      const { createAnalyticsService } = await import('./analytics.service.ts');
      const analytics = createAnalyticsService({ db: database.db });
      if (data) {
        const result = await analytics.importHistory(OPERATOR, { election: values.election!, data });
        io.stdout.write(
          values.json
            ? `${JSON.stringify(result)}\n`
            : `Riwayat ${result.election}: ${result.rows} baris, ${result.cases} kasus / rows, cases\n`,
        );
        return 0;
      }
      if (values.refresh) await analytics.refreshStaffCounts();
      const d = await analytics.dashboard(OPERATOR, {
        region: values.region,
        from: values.from,
        to: values.to,
      });
      const out = {
        region: { code: d.region.code, name: d.region.name, kerawanan: d.kerawanan },
        period: d.period,
        staffCountsAt: d.staffCountsAt,
        children: d.regions.map((r) => ({ code: r.code, name: r.name, kerawanan: r.kerawanan })),
      };
      if (values.json) {
        io.stdout.write(`${JSON.stringify(out)}\n`);
        return 0;
      }
      io.stdout.write(`Periode / period: ${d.period.from} – ${d.period.to}\n`);
      if (!d.staffCountsAt)
        io.stdout.write('Jumlah pegawai belum dihitung / staff not counted yet: run with --refresh\n');
      io.stdout.write(`${explain(`${d.region.name} (${d.region.code})`, d.kerawanan)}\n`);
      if (d.regions.length) {
        io.stdout.write('\nWilayah di bawahnya / child regions:\n');
        for (const r of [...d.regions].sort((a, b) => b.kerawanan.score - a.kerawanan.score))
          io.stdout.write(
            `  ${r.code.padEnd(6)} ${r.name.padEnd(40)} ${r.kerawanan.score.toFixed(2).padStart(6)}  ${LABELS[r.kerawanan.band]}  (${r.kerawanan.parts.map((p) => p.points.toFixed(2)).join(' + ')})\n`,
          );
      }
      return 0;
    } finally {
      await database.close();
    }
  },
};
