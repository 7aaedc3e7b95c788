import { readFileSync } from 'node:fs';
import { loadConfig } from '../../config.ts';
import type { ImportKind, ImportResult } from '../../contracts/registry.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { isDomainError } from '../../domain/errors.ts';
import { NATIONAL } from '../../domain/jurisdiction.ts';
import { type CliIo, CliUsageError, type Command, parseFlags } from '../../platform/cli/command.ts';
import { createRegistryService, type ImportProgress } from './registry.service.ts';

const PHASES: Record<ImportProgress['phase'], string> = {
  read: 'membaca / reading',
  validate: 'memeriksa / validating',
  write: 'menyimpan / writing',
};

/** A progress bar on stderr when it is a terminal; silent otherwise (pipes, CI, --json). */
function progressBar(stderr: NodeJS.WritableStream) {
  const tty = (stderr as { isTTY?: boolean }).isTTY === true;
  let last = 0;
  return {
    update(p: ImportProgress) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 100 && p.done < p.total) return;
      last = now;
      const share = p.total ? p.done / p.total : 1;
      const width = 30;
      const filled = Math.round(share * width);
      stderr.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ` +
          `${PHASES[p.phase]} ${p.done.toLocaleString('id')}/${p.total.toLocaleString('id')}\x1b[K`,
      );
    },
    done() {
      if (tty && last > 0) stderr.write('\r\x1b[K');
    },
  };
}

const importKind = (kind: ImportKind, what: string): Command => ({
  name: kind,
  summary: `Impor ${what} dari CSV/XLSX / import ${kind} from CSV/XLSX`,
  help: `Pemakaian / usage: netra import ${kind} FILE [--dry-run] [--json]

Mengimpor ${what} dari berkas CSV (pemisah , ; atau tab; UTF-8) atau XLSX (lembar pertama), dengan
judul kolom seperti ekspor BKD/BKPSDM (lihat docs/import.md dan docs/templates/). Semua atau tidak
sama sekali: bila ada baris salah, semua kesalahan dicetak sebagai "baris N: <kolom>: <alasan>",
keluar dengan kode 3, dan tidak ada yang disimpan. Impor ulang berkas yang sama tidak mengubah apa pun.
Dari CLI impor berjalan sebagai operator dengan cakupan nasional.

Imports ${kind} from a CSV or XLSX file with personnel-office headers (docs/import.md). All or
nothing: any bad row prints every error as "baris N: <field>: <reason>", exits 3 and writes nothing.
Success prints inserted/updated/unchanged counts. Runs as the operator, with national scope.

Opsi / options:
  --dry-run     periksa dan hitung tanpa menyimpan / validate and count without writing
  --json        keluaran JSON / JSON output: { "inserted", "updated", "unchanged", "errors": [{ "row", "field", "message" }] }
  -h, --help    bantuan ini / this help

Kode keluar / exit codes: 0 berhasil / success, 2 pemakaian salah / usage, 3 baris tidak valid / invalid rows, 1 lainnya / other
`,
  async run(argv: string[], io: CliIo) {
    const { values, positionals } = parseFlags(
      argv,
      { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
      true,
    );
    if (positionals.length !== 1)
      throw new CliUsageError('satu berkas diperlukan / exactly one FILE is required');
    let data: Uint8Array;
    try {
      data = readFileSync(positionals[0]!);
    } catch (e) {
      io.stderr.write(
        `netra import ${kind}: berkas tidak dapat dibaca / cannot read file: ${(e as Error).message}\n`,
      );
      return 1;
    }
    const database = await openDatabase(loadConfig(io.env));
    const bar = progressBar(io.stderr);
    try {
      await migrateToLatest(database.db);
      const registry = createRegistryService({ db: database.db });
      let result: ImportResult;
      try {
        result = await registry.importFile({
          actor: { id: null, role: 'admin', office: { regionCode: NATIONAL } },
          kind,
          data,
          dryRun: values['dry-run'] === true,
          maxErrors: Number.POSITIVE_INFINITY,
          onProgress: values.json ? undefined : (p) => bar.update(p),
        });
      } catch (e) {
        bar.done();
        if (values.json && isDomainError(e) && e.code === 'IMPORT_ROW_INVALID') {
          const errors = e.details.map((d) => ({ row: d.row ?? 1, field: d.field, message: d.message }));
          io.stdout.write(`${JSON.stringify({ inserted: 0, updated: 0, unchanged: 0, errors })}\n`);
          return 3;
        }
        throw e;
      }
      bar.done();
      if (values.json) io.stdout.write(`${JSON.stringify(result)}\n`);
      else
        io.stdout.write(
          `${values['dry-run'] ? 'Uji coba, tidak disimpan / dry run, nothing saved\n' : ''}` +
            `Ditambahkan / inserted: ${result.inserted}\n` +
            `Diperbarui / updated: ${result.updated}\n` +
            `Tidak berubah / unchanged: ${result.unchanged}\n`,
        );
      return 0;
    } finally {
      await database.close();
    }
  },
});

export const importCommand: Command = {
  name: 'import',
  summary: 'Impor registri (pegawai, instansi, akun) dari CSV/XLSX / registry imports',
  help: `Pemakaian / usage: netra import staff|agencies|accounts FILE [--dry-run] [--json]

Subperintah / subcommands:
  staff       pegawai (ASN dan non-ASN) / staff
  agencies    instansi dan unit kerja / agencies and units
  accounts    akun media sosial / social accounts

Urutan yang disarankan / suggested order: agencies, staff, accounts. Lihat / see docs/import.md.
`,
  subcommands: [
    importKind('staff', 'data pegawai'),
    importKind('agencies', 'instansi dan unit kerja'),
    importKind('accounts', 'akun media sosial'),
  ],
};
