import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { type CliIo, CliUsageError, type Command, parseFlags } from '../../platform/cli/command.ts';
import { SIGNATURE_WINDOW_SECONDS } from '../../platform/connectors/webhook.ts';
import { loadMasterKey } from '../../platform/crypto/master-key.ts';
import { type ConnectorsService, createConnectorsService, SOURCE_NAME } from './connectors.service.ts';

/**
 * `netra sources …`: webhook sources (partners that push posts) and their HMAC secrets, and
 * `netra sources status`: where each polling adapter stands. Secrets are printed once, at creation
 * and rotation; the database holds them sealed with the master key.
 */
async function withConnectors<T>(io: CliIo, fn: (c: ConnectorsService) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  const database = await openDatabase(config);
  try {
    await migrateToLatest(database.db);
    const masterKey = loadMasterKey(config, (m) => io.stderr.write(`${m}\n`));
    return await fn(
      createConnectorsService({
        db: database.db,
        masterKey,
        connectors: {},
        sink: async () => {
          throw new Error('the CLI does not ingest');
        },
      }),
    );
  } finally {
    await database.close();
  }
}

const oneName = (positionals: string[]) => {
  if (positionals.length !== 1)
    throw new CliUsageError('tepat satu NAMA sumber diperlukan / exactly one source NAME is required');
  if (!SOURCE_NAME.test(positionals[0]!))
    throw new CliUsageError(
      'NAMA: huruf kecil, angka, . - _ (2–63 karakter) / NAME: lower-case letters, digits, . - _ (2–63 characters)',
    );
  return positionals[0]!;
};

const secretNotice = (
  name: string,
  secret: string,
) => `Rahasia (sekali tampil) / secret (shown once): ${secret}
URL: POST /api/ingest/webhook/${name}
Tajuk / header: Netra-Signature: t=<unix detik/seconds>,v1=<hex HMAC-SHA256(rahasia/secret, "<t>.<body>")>
(lihat / see docs/connectors.md)
`;

const createCommand: Command = {
  name: 'create',
  summary: 'Membuat sumber webhook / create a webhook source',
  help: `Pemakaian / usage: netra sources create NAMA [--description TEKS] [--json]

Membuat sumber webhook dan mencetak rahasia HMAC-nya SEKALI. NAMA: huruf kecil, angka, . - _ (2–63).
Creates a webhook source and prints its HMAC secret ONCE. NAME: lower-case letters, digits, . - _ (2–63).

Contoh / example:
  netra sources create mitra-kominfo --description "Pemantauan Diskominfo Kaltim"
`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { description: { type: 'string' }, json: { type: 'boolean' } },
      true,
    );
    const name = oneName(positionals);
    return withConnectors(io, async (c) => {
      const { source, secret } = await c.createSource({ name, description: values.description });
      if (values.json) io.stdout.write(`${JSON.stringify({ ...source, secret })}\n`);
      else
        io.stdout.write(
          `Sumber dibuat / source created: ${source.name}\n${secretNotice(source.name, secret)}`,
        );
      return 0;
    });
  },
};

const listCommand: Command = {
  name: 'list',
  summary: 'Daftar sumber webhook / list webhook sources',
  help: `Pemakaian / usage: netra sources list [--json]

Mencetak sumber webhook (tanpa rahasia) / prints the webhook sources (never their secrets).
`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { json: { type: 'boolean' } });
    return withConnectors(io, async (c) => {
      const sources = await c.listSources();
      if (values.json) io.stdout.write(`${JSON.stringify(sources)}\n`);
      else if (sources.length === 0) io.stdout.write('Belum ada sumber / no sources yet\n');
      else
        for (const s of sources)
          io.stdout.write(
            `${s.name.padEnd(24)} ${s.status.padEnd(8)} dibuat/created ${s.createdAt}` +
              `${s.rotatedAt ? ` diganti/rotated ${s.rotatedAt}` : ''}` +
              ` kiriman terakhir/last delivery ${s.lastDeliveryAt ?? '-'}${s.description ? `  ${s.description}` : ''}\n`,
          );
      return 0;
    });
  },
};

const rotateCommand: Command = {
  name: 'rotate',
  summary: 'Mengganti rahasia sumber / rotate a source secret',
  help: `Pemakaian / usage: netra sources rotate NAMA [--grace-hours JAM] [--json]

Membuat rahasia baru dan mencetaknya SEKALI. Rahasia lama tetap berlaku selama --grace-hours
(bawaan 24; 0 = langsung dicabut, mis. bila bocor).
Makes a new secret and prints it ONCE. The old secret stays valid for --grace-hours (default 24;
0 = revoked at once, e.g. when it leaked).
`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { 'grace-hours': { type: 'string' }, json: { type: 'boolean' } },
      true,
    );
    const name = oneName(positionals);
    const grace = values['grace-hours'] === undefined ? 24 : Number(values['grace-hours']);
    if (!Number.isInteger(grace) || grace < 0 || grace > 720)
      throw new CliUsageError('--grace-hours harus bilangan bulat 0–720 / must be an integer 0–720');
    return withConnectors(io, async (c) => {
      const { source, secret } = await c.rotateSource({ name, graceHours: grace });
      if (values.json) io.stdout.write(`${JSON.stringify({ ...source, secret })}\n`);
      else
        io.stdout.write(
          `Rahasia diganti / secret rotated: ${source.name}; rahasia lama berlaku sampai / old secret valid until ${source.previousValidUntil ?? '-'}\n${secretNotice(source.name, secret)}`,
        );
      return 0;
    });
  },
};

const toggle = (disabled: boolean): Command => ({
  name: disabled ? 'disable' : 'enable',
  summary: disabled ? 'Menonaktifkan sumber / disable a source' : 'Mengaktifkan sumber / enable a source',
  help: `Pemakaian / usage: netra sources ${disabled ? 'disable' : 'enable'} NAMA

${
  disabled
    ? 'Menolak semua kiriman sumber ini (404) sampai diaktifkan lagi / refuses its deliveries (404) until enabled again.'
    : 'Menerima lagi kiriman sumber ini / accepts its deliveries again.'
}
`,
  async run(argv, io) {
    const { positionals } = parseFlags(argv, {}, true);
    const name = oneName(positionals);
    return withConnectors(io, async (c) => {
      const s = await c.setSourceDisabled({ name, disabled });
      io.stdout.write(`${s.name}: ${s.status}\n`);
      return 0;
    });
  },
});

const statusCommand: Command = {
  name: 'status',
  summary: 'Posisi penarikan per akun / polling checkpoints per account',
  help: `Pemakaian / usage: netra sources status [--json]

Mencetak titik simpan (checkpoint) tiap platform dan akun yang ditarik: sejak kapan, kursor
halaman yang sedang berjalan, jumlah pos, galat terakhir.
Prints each polled platform and account's checkpoint: since, the cursor of a run in progress,
posts seen, last error.
`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { json: { type: 'boolean' } });
    return withConnectors(io, async (c) => {
      const rows = await c.listCheckpoints();
      if (values.json) io.stdout.write(`${JSON.stringify(rows)}\n`);
      else if (rows.length === 0) io.stdout.write('Belum ada penarikan / nothing polled yet\n');
      else
        for (const r of rows)
          io.stdout.write(
            `${r.platform.padEnd(10)} ${r.account.padEnd(24)} since=${r.since ?? '-'} ${r.pending ? 'berjalan/in progress ' : ''}` +
              `pos/posts=${r.posts_seen} ok=${r.last_ok_at?.toISOString() ?? '-'}${r.last_error ? ` galat/error: ${r.last_error}` : ''}\n`,
          );
      return 0;
    });
  },
};

export const sourcesCommand: Command = {
  name: 'sources',
  summary: 'Sumber webhook dan status konektor / webhook sources and connector status',
  help: `Pemakaian / usage: netra sources create|list|rotate|disable|enable|status …

Sumber webhook: mitra yang mengirim pos ke POST /api/ingest/webhook/NAMA, masing-masing dengan
rahasia HMAC-SHA256 sendiri (stempel waktu ±${SIGNATURE_WINDOW_SECONDS} detik). Lihat docs/connectors.md.
Webhook sources: partners pushing posts to POST /api/ingest/webhook/NAME, each with its own
HMAC-SHA256 secret (timestamp within ±${SIGNATURE_WINDOW_SECONDS} s). See docs/connectors.md.

Subperintah / subcommands:
  create NAMA [--description TEKS]   buat sumber, cetak rahasia sekali / create, print the secret once
  list                               daftar sumber / list sources
  rotate NAMA [--grace-hours JAM]    ganti rahasia / rotate the secret
  disable NAMA | enable NAMA         nonaktifkan / aktifkan / disable / enable
  status                             titik simpan penarikan / polling checkpoints
`,
  subcommands: [createCommand, listCommand, rotateCommand, toggle(true), toggle(false), statusCommand],
};
