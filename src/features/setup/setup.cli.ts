import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { CliUsageError, type Command, parseFlags } from '../../platform/cli/command.ts';
import { DEMO_PASSWORD } from './demo-data.ts';
import { seedDemo } from './setup.service.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Memigrasikan basis data ke versi terbaru / migrate the database to the latest version',
  help: `Pemakaian / usage: netra migrate

Menerapkan migrasi yang belum dijalankan (PGlite di NETRA_DATA_DIR, atau DATABASE_URL). Aman diulang.
Applies pending migrations (PGlite under NETRA_DATA_DIR, or DATABASE_URL). Safe to repeat.
`,
  async run(argv, io) {
    parseFlags(argv, {});
    const database = await openDatabase(loadConfig(io.env));
    try {
      const applied = await migrateToLatest(database.db);
      io.stdout.write(
        applied.length
          ? `Migrasi diterapkan / migrations applied: ${applied.join(', ')}\n`
          : 'Basis data sudah terbaru / database is up to date\n',
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};

export const seedCommand: Command = {
  name: 'seed',
  summary: 'Mengisi data awal; --demo membuat ulang data demo / seed data; --demo re-creates the demo set',
  help: `Pemakaian / usage: netra seed [--demo]

Tanpa opsi: memigrasikan basis data, yang memuat data rujukan (wilayah Kemendagri, kantor Bawaslu).
--demo: membuat ulang data demo fiktif (kantor, pengguna tiap peran, instansi, ASN, akun media sosial,
paket pemilu pilpres-2024 dan Pilkada Kota Balikpapan). Kata sandi pengguna demo: ${DEMO_PASSWORD}
Jangan gunakan --demo pada basis data produksi.

Without options: migrates, which loads the reference data (Kemendagri regions, Bawaslu offices).
--demo: re-creates the fictional demo data set (offices, a user per role, agencies, staff, social
accounts, the pilpres-2024 and Kota Balikpapan Pilkada packs). Demo users' password: ${DEMO_PASSWORD}
Never use --demo on a production database.

Opsi / options:
  --demo        buat ulang data demo / re-create the demo data
  -h, --help    bantuan ini / this help
`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { demo: { type: 'boolean' } }, true);
    if (positionals.length)
      throw new CliUsageError(`argumen tidak terduga / unexpected argument: ${positionals[0]}`);
    const database = await openDatabase(loadConfig(io.env));
    try {
      await migrateToLatest(database.db);
      if (!values.demo) {
        io.stdout.write('Data rujukan siap / reference data is in place (regions, offices)\n');
        return 0;
      }
      const s = await seedDemo(database.db);
      io.stdout.write(
        `Data demo dibuat ulang / demo data re-created: ${s.users} pengguna/users, ${s.agencies} instansi/agencies, ` +
          `${s.staff} ASN/staff, ${s.accounts} akun/accounts, ${s.packs} paket/packs\n` +
          `Kata sandi demo / demo password: ${DEMO_PASSWORD}\n`,
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};
