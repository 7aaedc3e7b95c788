/**
 * `npm run bench:reports` — public report intake under load (docs/benchmarks.md).
 *
 * Starts the real server (`createServer`: embedded PGlite on disk in a temporary data directory,
 * blob store, master key, HTTP on a free port; or PostgreSQL when DATABASE_URL is set), then sends N
 * (default 200) multipart submissions at once over HTTP, each a tip with one ≈2 MB JPEG-typed file
 * and its own X-Forwarded-For address (as 200 different reporters behind a proxy). Measures each
 * request's latency (client side, from sending to the full answer) and checks that none is lost:
 * every answer is 201 with a distinct receipt, the database holds N new reports and N evidence rows,
 * and every receipt opens its status. Prints p50/p95/p99/max and the throughput.
 *
 * Options: --n N (default 200), --mb M (file size, default 2), --keep (keep the data directory).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { createServer } from '../src/main/server.ts';
import { freePort } from '../test/support/e2e.ts';
import { jpegWithExif } from '../test/support/evidence-files.ts';

const { values } = parseArgs({
  options: { n: { type: 'string' }, mb: { type: 'string' }, keep: { type: 'boolean' } },
});
const N = Number(values.n ?? 200);
const MB = Number(values.mb ?? 2);
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

const dataDir = mkdtempSync(join(tmpdir(), 'netra-bench-reports-'));
const port = await freePort();
const config = loadConfig({
  ...process.env,
  NETRA_DATA_DIR: dataDir,
  NETRA_DEMO: '0',
  NETRA_LOG_LEVEL: 'warn',
  NETRA_REPORTS_PER_ADDRESS: '20',
  NETRA_REPORTS_TOTAL: String(Math.max(3000, N)),
  PORT: String(port),
});
log(`starting the server on ${config.databaseUrl ? 'PostgreSQL' : 'PGlite'} in ${dataDir}`);
const server = await createServer(config, { serveWeb: false });
await server.app.listen({ port, host: '127.0.0.1' });
const base = `http://127.0.0.1:${port}`;

/** A JPEG-shaped file of about `MB` megabytes: EXIF segments, then random entropy-coded data. */
function bigJpeg(): Buffer {
  const small = jpegWithExif(`bench ${randomBytes(4).toString('hex')}`);
  const eoi = small.length - 2;
  const body = randomBytes(MB * 1024 * 1024);
  for (let i = 0; i < body.length; i++) if (body[i] === 0xff) body[i] = 0xfe;
  return Buffer.concat([small.subarray(0, eoi), body, small.subarray(eoi)]);
}

function submission(i: number) {
  const form = new FormData();
  form.append(
    'report',
    JSON.stringify({
      kind: 'informasi_awal',
      description: `Tip beban ${i}: pejabat dinas membagikan materi kampanye di grup kantor (${randomBytes(4).toString('hex')}).`,
      region_code: '64.71',
    }),
  );
  form.append('files', new Blob([bigJpeg()], { type: 'image/jpeg' }), `foto-${i}.jpg`);
  return form;
}

try {
  const before = await server.database.db
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const forms = Array.from({ length: N }, (_, i) => submission(i));
  log(`sending ${N} submissions of ${MB} MB at once`);
  const started = performance.now();
  const results = await Promise.all(
    forms.map(async (body, i) => {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/public/reports`, {
        method: 'POST',
        body,
        headers: { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
      });
      const json = (await res.json()) as { receipt?: string };
      return { status: res.status, receipt: json.receipt, ms: performance.now() - t0 };
    }),
  );
  const wall = performance.now() - started;
  const ok = results.filter((r) => r.status === 201);
  const receipts = new Set(ok.map((r) => r.receipt));
  const after = await server.database.db
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const stored = Number(after.n) - Number(before.n);
  let opened = 0;
  for (const [i, r] of ok.entries()) {
    // each reporter checks their own receipt (from their own address: the per-address limit applies)
    const res = await fetch(`${base}/api/public/reports/${r.receipt}`, {
      headers: { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
    });
    if (res.status === 200) opened++;
  }
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)]!.toFixed(0);
  const summary = {
    submissions: N,
    fileMB: MB,
    answered201: ok.length,
    distinctReceipts: receipts.size,
    storedReports: stored,
    statusOpened: opened,
    lost: N - Math.min(ok.length, stored, opened),
    latencyMs: { p50: q(50), p95: q(95), p99: q(99), max: ms.at(-1)!.toFixed(0) },
    wallSeconds: (wall / 1000).toFixed(1),
    perSecond: (N / (wall / 1000)).toFixed(1),
    db: config.databaseUrl ? 'postgres' : 'pglite',
    node: process.version,
    loadAverage: (await import('node:os')).loadavg().map((l) => l.toFixed(1)),
  };
  console.log(JSON.stringify(summary, null, 2));
  const statuses = [...new Set(results.map((r) => r.status))];
  if (summary.lost !== 0 || receipts.size !== N) {
    log(`LOST SUBMISSIONS: statuses ${statuses.join(', ')}`);
    process.exitCode = 1;
  }
} finally {
  await server.close();
  if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
}
