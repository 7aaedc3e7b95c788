import { resolve } from 'node:path';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { CliUsageError, type Command, parseFlags } from '../../platform/cli/command.ts';
import { backup, restore } from './backup.service.ts';

const oneFile = (positionals: string[]) => {
  if (positionals.length !== 1)
    throw new CliUsageError('tepat satu FILE diperlukan / exactly one FILE is required');
  return resolve(positionals[0]!);
};

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Mencadangkan basis data dan berkas bukti / back up the database and evidence files',
  help: `Pemakaian / usage: netra backup FILE

Menulis satu berkas cadangan (gzip JSON Lines): seluruh tabel dalam urutan kunci asing dan semua berkas di
$NETRA_DATA_DIR/blobs. Formatnya sama untuk PGlite dan PostgreSQL. Berkas berisi data pribadi pelapor
(terenkripsi dengan kunci induk): simpan dengan aman, dan simpan NETRA_MASTER_KEY terpisah.
Writes one backup file (gzip of JSON lines): every table in foreign-key order and every file under
$NETRA_DATA_DIR/blobs. The same format for PGlite and PostgreSQL. The file holds reporters' personal
data (sealed with the master key): store it safely, and keep NETRA_MASTER_KEY apart from it.

Untuk PGlite hentikan server dulu (satu koneksi) / for PGlite stop the server first (one connection).
`,
  async run(argv, io) {
    const { positionals } = parseFlags(argv, {}, true);
    const file = oneFile(positionals);
    const config = loadConfig(io.env);
    const database = await openDatabase(config);
    try {
      const r = await backup(database.db, config.dataDir, file);
      io.stdout.write(
        `Cadangan ditulis / backup written: ${file} (${r.rows} baris/rows, ${r.blobs} berkas/blobs, ${r.bytes} bytes)\n`,
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Memulihkan cadangan ke instans kosong / restore a backup into an empty instance',
  help: `Pemakaian / usage: netra restore FILE

Memulihkan cadangan dari 'netra backup' ke instans yang kosong (baru dimigrasi, tanpa data), dalam satu
transaksi; versi skema harus sama. Menolak instans yang sudah berisi data.
Restores a backup made by 'netra backup' into an empty instance (freshly migrated, no data), in one
transaction; the schema versions must match. Refuses an instance that holds data.
`,
  async run(argv, io) {
    const { positionals } = parseFlags(argv, {}, true);
    const file = oneFile(positionals);
    const config = loadConfig(io.env);
    const database = await openDatabase(config);
    try {
      await migrateToLatest(database.db);
      const r = await restore(database.db, config.dataDir, file);
      io.stdout.write(
        `Cadangan dipulihkan / backup restored: ${r.rows} baris/rows, ${r.blobs} berkas/blobs\n`,
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};
