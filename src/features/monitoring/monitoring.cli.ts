import { createWriteStream } from 'node:fs';
import { loadConfig } from '../../config.ts';
import type { Post } from '../../contracts/post.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { createBlobStore } from '../../platform/blobs/blob-store.ts';
import { type CliIo, CliUsageError, type Command, parseFlags } from '../../platform/cli/command.ts';
import { blobsDir } from '../backup/backup.service.ts';
import { openByteLineBatches } from '../detection/detection.io.ts';
import { addCounts, emptyCounts, type IngestCounts, RAW_PAYLOAD, type ReceivedPost } from './ingest.ts';
import { createMonitoringService, OPERATOR } from './monitoring.service.ts';

/** Posts per ingest call (one write transaction): fewer posts held at once than two chunks per call. */
const BATCH = 2_000;
/** Calls in flight: the next batch is parsed, matched and scanned while the previous one is written. */
const IN_FLIGHT = 3;

/** Parses one JSONL line as a post: an object with a non-empty string `id` and a string `text`. */
export function parsePostLine(line: string, lineNo: number): { post: Post } | { error: string } {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    return { error: `baris ${lineNo}: JSON tidak valid / invalid JSON: ${(e as Error).message}` };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return { error: `baris ${lineNo}: bukan objek / not an object` };
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'string' || o.id.length === 0 || o.id.length > 500)
    return { error: `baris ${lineNo}: field id wajib (string) / id is required (string)` };
  if (typeof o.text !== 'string')
    return { error: `baris ${lineNo}: field text wajib (string) / text is required` };
  if (
    o.author !== undefined &&
    (typeof o.author !== 'object' || o.author === null || Array.isArray(o.author))
  )
    return { error: `baris ${lineNo}: field author harus objek / author must be an object` };
  return { post: o as Post };
}

const INGEST_HELP = `netra ingest — masukkan unggahan ke pemantauan / ingest posts into monitoring

Pemakaian / usage:
  netra ingest FILE.jsonl [--source NAME] [--json]
  netra ingest - [--source NAME] [--json]        (dari stdin / from standard input)

Membaca unggahan JSON Lines (kontrak §2) secara streaming, mencocokkan penulis dengan registri,
menjalankan deteksi dengan setiap paket aktif yang mencakup wilayah instansi penulis, dan menyimpan
unggahan, versi dan peringatan. Aman diulang: unggahan yang sama tidak disimpan dua kali (kunci:
platform + id unggahan); unggahan yang berubah menjadi versi baru; "deleted": true menandai terhapus.
Baris rusak dilaporkan dengan nomor baris ke stderr dan proses berlanjut (kode keluar 3 di akhir).

Streams JSON Lines posts (contracts §2), matches authors to the registry, runs detection with every
active pack covering the author's agency region, and stores posts, versions and alerts. Safe to
re-run (idempotent on platform + post id); after a crash, run the same command again. Malformed
lines are reported with their line number on stderr; the run goes on and exits 3 at the end.

Opsi / options:
  --source NAME   nama sumber yang dicatat / source name recorded with each post (default: the file name)
  --json          cetak / print { "read", "inserted", "duplicates", "flagged", "edited", "deleted", "errors" }
  -h, --help      bantuan ini / this help

Kode keluar / exit codes: 0 berhasil / success, 2 pemakaian / usage, 3 ada baris rusak / malformed lines, 1 lainnya / other
`;

/** `netra ingest FILE.jsonl [--source NAME] [--json]` (contracts §6). */
export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'Masukkan unggahan (JSONL) ke pemantauan / ingest posts (JSONL) into monitoring',
  help: INGEST_HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseFlags(
      argv,
      { source: { type: 'string' }, json: { type: 'boolean' } },
      true,
    );
    if (positionals.length !== 1)
      throw new CliUsageError('satu berkas diperlukan / exactly one FILE is required');
    const file = positionals[0]!;
    const source = values.source ?? (file === '-' ? 'stdin' : (file.split('/').pop() ?? file));
    const config = loadConfig(io.env);
    const database = await openDatabase(config);
    const tty = (io.stderr as { isTTY?: boolean }).isTTY === true && !values.json;
    let total: IngestCounts = emptyCounts();
    let errors = 0;
    try {
      await migrateToLatest(database.db);
      const monitoring = createMonitoringService({
        db: database.db,
        blobs: createBlobStore(blobsDir(config.dataDir)),
      });
      const inFlight: Promise<void>[] = [];
      const started = Date.now();
      let lastShown = 0;
      const submit = async (posts: Post[]) => {
        const p = monitoring.ingestPosts(posts, { source }).then((c) => {
          total = addCounts(total, c);
          if (tty && Date.now() - lastShown > 250) {
            lastShown = Date.now();
            const rate = Math.round(total.read / Math.max(0.001, (lastShown - started) / 1000));
            io.stderr.write(
              `\r${total.read.toLocaleString('en')} dibaca / read, ${total.inserted.toLocaleString('en')} baru / new, ` +
                `${total.flagged.toLocaleString('en')} ditandai / flagged (${rate.toLocaleString('en')}/s)\x1b[K`,
            );
          }
        });
        inFlight.push(p);
        if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
      };
      let batch: Post[] = [];
      let lineNo = 0;
      try {
        for await (const lines of openByteLineBatches(file, io.stdin)) {
          for (const bytes of lines) {
            lineNo++;
            const line = bytes.toString('utf8');
            if (line.trim() === '') continue;
            const parsed = parsePostLine(line, lineNo);
            if ('error' in parsed) {
              errors++;
              io.stderr.write(`netra ingest: ${parsed.error}\n`);
              continue;
            }
            // Archived as received (its bytes), not serialised again.
            (parsed.post as ReceivedPost)[RAW_PAYLOAD] = bytes;
            batch.push(parsed.post);
            if (batch.length >= BATCH) {
              const full = batch;
              batch = [];
              await submit(full);
            }
          }
        }
      } catch (e) {
        if (
          (e as NodeJS.ErrnoException).code === 'ENOENT' ||
          (e as NodeJS.ErrnoException).code === 'EISDIR'
        ) {
          io.stderr.write(
            `netra ingest: berkas tidak dapat dibaca / cannot read file: ${(e as Error).message}\n`,
          );
          return 2;
        }
        throw e;
      }
      if (batch.length) await submit(batch);
      await Promise.all(inFlight);
      if (tty) io.stderr.write('\r\x1b[K');
    } finally {
      await database.close();
    }
    const out = { ...total, errors };
    if (values.json) io.stdout.write(`${JSON.stringify(out)}\n`);
    else
      io.stdout.write(
        `Dibaca / read: ${out.read}\nBaru / inserted: ${out.inserted}\nDuplikat / duplicates: ${out.duplicates}\n` +
          `Ditandai / flagged: ${out.flagged}\nVersi baru / edited: ${out.edited}\nTerhapus / deleted: ${out.deleted}\n` +
          `Baris rusak / malformed lines: ${errors}\n`,
      );
    return errors > 0 ? 3 : 0;
  },
};

const LABELS_HELP = `netra labels — ekspor keputusan penelaah sebagai data berlabel / export reviewer labels

Pemakaian / usage: netra labels [--out FILE]

Menulis unggahan yang sudah ditelaah dengan label (kontrak §4: flag, category, targets, note) satu
per baris, label terbaru per unggahan; keluaran dapat dipakai 'netra eval --in' dan 'netra train'.
Writes reviewed posts with their labels (contracts §4), the latest label per post, one per line:
input for 'netra eval --in' and 'netra train'. Confirmed → flag true; dismissed "not partisan" →
flag false; "not an ASN" keeps flag true (it judges the author, not the text); duplicates and
out-of-jurisdiction dismissals are not labels.

Opsi / options:
  --out FILE    berkas tujuan; kosong = stdout / output file, none = stdout
`;

export const labelsCommand: Command = {
  name: 'labels',
  summary: 'Ekspor label penelaah (JSONL) / export reviewer labels (JSONL)',
  help: LABELS_HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parseFlags(argv, { out: { type: 'string' } });
    const config = loadConfig(io.env);
    const database = await openDatabase(config);
    try {
      await migrateToLatest(database.db);
      const monitoring = createMonitoringService({
        db: database.db,
        blobs: createBlobStore(blobsDir(config.dataDir)),
      });
      const out: NodeJS.WritableStream = values.out ? createWriteStream(values.out) : io.stdout;
      let n = 0;
      for await (const line of monitoring.exportLabels(OPERATOR)) {
        n++;
        if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
      }
      if (values.out) await new Promise<void>((r) => out.end(() => r()));
      io.stderr.write(`netra labels: ${n} unggahan berlabel / labelled posts\n`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
