/**
 * `npm run bench:ingest` — ingest + detect + store, streaming, through the real CLI
 * (`./bin/netra ingest FILE --json`), on PGlite and on PostgreSQL (docs/benchmarks.md).
 *
 * 1. Generates the mixed corpus of the detection benchmark (80 % everyday, 15 % political but
 *    neutral, 5 % partisan; 10–600 characters) with authors `user0…user9972`; half of them are
 *    registry accounts linked to staff of agencies spread over 500 regencies/cities, so detection
 *    runs with the national pack plus the province and regency packs covering each author.
 * 2. Activates the 2024-sized pack set (1 national + 545 regional contests), then vacuums and
 *    analyses the seeded database (a registry is loaded long before an election's ingest).
 * 3. Runs the ingest twice on the same file (the second run finds only duplicates) and once on a
 *    file four times smaller, and reports posts/s and peak RSS of the ingesting process (from
 *    /usr/bin/time): a flat RSS across input sizes shows memory does not grow with input. The full
 *    run also shows the rate between the two sizes, where the fixed start-up cancels out.
 *
 * Options: --posts N (default 200000), --db pglite|postgres|both (default both).
 * PostgreSQL runs under scripts/with-postgres.ts (a throwaway cluster) unless DATABASE_URL is set.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Tables } from '../src/db/tables.ts';
import { makeMixedPost, makePacks, mixedPool, prng } from './generate-posts.ts';

const { values } = parseArgs({
  options: { posts: { type: 'string' }, db: { type: 'string' }, child: { type: 'boolean' } },
});
const POSTS = Number(values.posts ?? 200_000);
const WHICH = values.db ?? 'both';
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

async function writeCorpus(path: string, n: number) {
  const packs = makePacks(1);
  const pool = mixedPool(packs);
  const rand = prng(42);
  const out = createWriteStream(path);
  for (let i = 0; i < n; i++) {
    if (!out.write(`${makeMixedPost(rand, i, pool)}\n`))
      await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

async function seed(db: Kysely<Tables>) {
  await migrateToLatest(db);
  const packs = makePacks(1);
  for (let i = 0; i < packs.length; i += 100)
    await db
      .insertInto('election_packs')
      .values(
        packs.slice(i, i + 100).map((p) => ({
          id: p.id,
          name: p.name,
          kind: p.kind,
          region_code: p.region_code,
          body: JSON.stringify(p),
          active: true,
        })),
      )
      .execute();
  await sql`
    INSERT INTO agencies (name, kind, region_code)
    SELECT 'Pemerintah ' || r.name, 'pemda_kota', r.code FROM regions r WHERE r.level = 2
    ORDER BY r.code LIMIT 500`.execute(db);
  await sql`
    INSERT INTO staff (nip, name, status, agency_id, region_code)
    SELECT lpad((198001012005011000 + g)::text, 18, '0'), 'Pegawai ' || g, 'pns', a.id, a.region_code
    FROM generate_series(0, 4999) g
    JOIN (SELECT id, region_code, row_number() OVER (ORDER BY region_code) - 1 AS k FROM agencies) a ON a.k = g % 500`.execute(
    db,
  );
  for (const platform of ['x', 'facebook', 'instagram', 'whatsapp', 'tiktok'])
    await sql`
      INSERT INTO social_accounts (platform, handle, staff_id, link_source)
      SELECT ${platform}, 'user' || (row_number() OVER (ORDER BY s.nip) - 1), s.id, 'agency'
      FROM staff s`.execute(db);
}

function runIngest(file: string, env: Record<string, string>) {
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%M %e %U %S', `${ROOT}bin/netra`, 'ingest', file, '--json', '--source', 'bench'],
    {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (r.status !== 0) throw new Error(`ingest failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const [rss, secs, user, sys] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number) as number[];
  log(`  wall ${secs} s, CPU of the ingesting process ${user} s user + ${sys} s system`);
  return { counts: JSON.parse(r.stdout) as Record<string, number>, rssMb: rss! / 1024, secs: secs! };
}

async function benchOne(kind: 'pglite' | 'postgres') {
  const dir = mkdtempSync(join(tmpdir(), 'netra-bench-ingest-'));
  let dropDb: (() => Promise<void>) | null = null;
  try {
    const big = join(dir, 'posts.jsonl');
    const small = join(dir, 'posts-small.jsonl');
    await writeCorpus(big, POSTS);
    await writeCorpus(small, Math.floor(POSTS / 4));
    const results: string[] = [];
    let smallRun: { n: number; secs: number } | null = null;
    for (const [label, file, n] of [
      ['small', small, Math.floor(POSTS / 4)],
      ['full', big, POSTS],
    ] as const) {
      let env: Record<string, string> = { NETRA_DATA_DIR: join(dir, `data-${label}`), NETRA_DEMO: '0' };
      if (kind === 'postgres') {
        const url = new URL(process.env.DATABASE_URL!);
        const name = `netra_bench_ingest_${process.pid}_${label}`;
        const admin = new pg.Client({ connectionString: url.toString() });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${name}`);
        url.pathname = `/${name}`;
        env = { ...env, DATABASE_URL: url.toString() };
        dropDb = async () => {
          await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await admin.end();
        };
      }
      const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.NETRA_DATA_DIR! });
      await seed(database.db);
      // The registry is loaded long before an election's ingest: vacuumed and analysed, not left
      // to autovacuum, which would otherwise work through the fresh seed during the timed run.
      await sql`VACUUM ANALYZE`.execute(database.db);
      await database.close();
      log(`${kind} ${label}: ingesting ${n.toLocaleString('en')} posts`);
      const first = runIngest(file, env);
      const rerun = label === 'full' ? runIngest(file, env) : null;
      // Between the two sizes the fixed start-up cancels out: the rate of the streaming itself.
      const marginal =
        label === 'full' && smallRun && first.secs > smallRun.secs
          ? `; ${Math.round((n - smallRun.n) / (first.secs - smallRun.secs)).toLocaleString('en')} posts/s without start-up`
          : '';
      if (label === 'small') smallRun = { n, secs: first.secs };
      results.push(
        `| ${kind} | ${n.toLocaleString('en')} | ${Math.round(n / first.secs).toLocaleString('en')} posts/s (${first.secs.toFixed(1)} s${marginal}) | ` +
          `${first.counts.inserted?.toLocaleString('en')} / ${first.counts.flagged?.toLocaleString('en')} | ` +
          `${rerun ? `${Math.round(n / rerun.secs).toLocaleString('en')} posts/s, ${rerun.counts.duplicates?.toLocaleString('en')} duplicates` : '—'} | ` +
          `${first.rssMb.toFixed(0)} MB |`,
      );
      if (dropDb) {
        await dropDb();
        dropDb = null;
      }
    }
    return results;
  } finally {
    if (dropDb) await dropDb();
    if (!process.env.KEEP_BENCH_DIR) rmSync(dir, { recursive: true, force: true });
    else log(`kept ${dir}`);
  }
}

if ((WHICH === 'postgres' || WHICH === 'both') && !process.env.DATABASE_URL && !values.child) {
  // PGlite here first, then PostgreSQL in a throwaway cluster (this script again, as a child).
  const rows: string[] = [];
  if (WHICH === 'both') rows.push(...(await benchOne('pglite')));
  const r = spawnSync(
    process.execPath,
    [
      fileURLToPath(new URL('../scripts/with-postgres.ts', import.meta.url)),
      process.execPath,
      fileURLToPath(import.meta.url),
      '--db',
      'postgres',
      '--posts',
      String(POSTS),
      '--child',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
  rows.push(...r.stdout.trim().split('\n'));
  print(rows);
} else {
  const rows = await benchOne(process.env.DATABASE_URL && WHICH !== 'pglite' ? 'postgres' : 'pglite');
  if (values.child) process.stdout.write(`${rows.join('\n')}\n`);
  else print(rows);
}

function print(rows: string[]) {
  process.stdout.write(
    `| database | posts | first run | inserted / flagged | re-run (all duplicates) | peak RSS |\n|---|---|---|---|---|---|\n${rows.join('\n')}\n`,
  );
}
