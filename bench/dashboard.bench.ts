/**
 * `npm run bench:dashboard` — the dashboard API at national scale on PostgreSQL (docs/benchmarks.md).
 *
 * 1. Without DATABASE_URL, re-runs itself under scripts/with-postgres.ts (a throwaway cluster).
 *    With DATABASE_URL, works in a new database `netra_bench_dash_<pid>` on that server and drops it.
 * 2. Migrates, then generates in SQL (`INSERT … SELECT generate_series`): 5 agencies per
 *    regency/city, N staff (default 5,000,000) spread over them, 1 social account per 25 staff,
 *    P posts (default 10,000,000) over the last 180 days, A alerts (default 200,000; pending /
 *    confirmed / dismissed, six categories, stages) on some of those posts, C cases (default 20,000;
 *    statuses, outcomes, sanctions recommended and imposed), 1 report per 2 cases, and prevention
 *    records, all with Kemendagri region codes of the staff member's agency.
 * 3. Refreshes the staff counts (what the hourly job does), ANALYZEs, and times the dashboard
 *    service call that `GET /api/analytics/dashboard` makes (every KPI, breakdown, trend, the child
 *    regions with their kerawanan and the top agencies) for the whole country and for provinces,
 *    after warm-up. Prints p50/p95/max.
 *
 * Options: --staff N, --posts N, --alerts N, --cases N, --runs N per scope (default 30), --keep,
 * --profile, --reuse NAME (with DATABASE_URL: measure a database kept by an earlier --keep run,
 * migrated to the current code, without seeding it again).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { poolConfig, postgresDialect } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Tables } from '../src/db/tables.ts';
import { createAnalyticsService } from '../src/features/analytics/analytics.service.ts';

const { values } = parseArgs({
  options: {
    staff: { type: 'string' },
    posts: { type: 'string' },
    alerts: { type: 'string' },
    cases: { type: 'string' },
    runs: { type: 'string' },
    keep: { type: 'boolean' },
    profile: { type: 'boolean' },
    reuse: { type: 'string' },
  },
});
const STAFF = Number(values.staff ?? 5_000_000);
const POSTS = Number(values.posts ?? 10_000_000);
const ALERTS = Number(values.alerts ?? 200_000);
const CASES = Number(values.cases ?? 20_000);
const RUNS = Number(values.runs ?? 30);

if (!process.env.DATABASE_URL) {
  const script = fileURLToPath(new URL('../scripts/with-postgres.ts', import.meta.url));
  const r = spawnSync(
    process.execPath,
    [script, process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exit(r.status ?? 1);
}

const url = new URL(process.env.DATABASE_URL);
const name = values.reuse ?? `netra_bench_dash_${process.pid}`;
if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`--reuse: not a database name: ${name}`);
const admin = new pg.Client({ connectionString: url.toString() });
await admin.connect();
if (!values.reuse) await admin.query(`CREATE DATABASE ${name}`);
url.pathname = `/${name}`;
// The server's own pool settings (src/db/database.ts).
const pool = new pg.Pool(poolConfig(url.toString()));
// DROP DATABASE … WITH (FORCE) at the end terminates idle clients (57P01): not an error here.
pool.on('error', (e) => {
  if ((e as { code?: string }).code !== '57P01') throw e;
});
let profiling = false;
const db = new Kysely<Tables>({
  dialect: postgresDialect(pool),
  // --profile: print the slowest queries of one national dashboard call.
  log: (e) => {
    if (profiling && e.queryDurationMillis > 20)
      process.stderr.write(
        `  ${e.queryDurationMillis.toFixed(0)} ms ${e.query.sql.replace(/\s+/g, ' ').slice(0, 160)}\n`,
      );
  },
});
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);
const timed = async (label: string, run: () => Promise<unknown>) => {
  const t = performance.now();
  await run();
  const s = (performance.now() - t) / 1000;
  log(`${label}: ${s.toFixed(0)} s`);
  return s;
};
const CATEGORIES = `ARRAY['dukungan_medsos','ajakan','atribut_simbol','kegiatan_kampanye','fasilitas_jabatan','pencalonan']`;
const STAGES = `ARRAY['pendaftaran','penetapan','kampanye','masa_tenang','pemungutan','rekapitulasi']`;

/** Drops a table's secondary indexes and returns their definitions, to re-create after the load. */
async function dropIndexes(table: string) {
  const { rows } = await sql<{ indexname: string; indexdef: string }>`
    SELECT i.indexname, i.indexdef FROM pg_indexes i
    WHERE i.tablename = ${table}
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`.execute(db);
  for (const ix of rows) await sql.raw(`DROP INDEX ${ix.indexname}`).execute(db);
  return rows;
}

try {
  await migrateToLatest(db);
  const version = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(db);
  log(`PostgreSQL ${version.rows[0]!.v}`);
  const loads: Record<string, number> = {};

  const exists = async (table: string) =>
    !!(await sql<{ t: string | null }>`SELECT to_regclass(${table})::text AS t`.execute(db)).rows[0]?.t;
  const hasCases = await exists('cases');
  const seedAll = async () => {
    await sql`
      INSERT INTO agencies (name, kind, region_code)
      SELECT k.prefix || r.name, k.kind, r.code
      FROM regions r CROSS JOIN (VALUES ('Pemerintah ', 'pemda_kota'), ('Kantor Kementerian Agama ', 'instansi_vertikal'),
        ('Dinas Pendidikan ', 'pemda_kabupaten'), ('Puskesmas ', 'puskesmas'), ('SMA Negeri 1 ', 'sekolah')) AS k(prefix, kind)
      WHERE r.level = 2`.execute(db);

    const staffIndexes = await dropIndexes('staff');
    await sql`ALTER TABLE staff DISABLE TRIGGER USER`.execute(db);
    // Agencies numbered 0…n−1, joined by a hash of the row number (see the posts below for why not
    // an array subscript).
    await sql`
      CREATE UNLOGGED TABLE bench_agencies AS
      SELECT row_number() OVER (ORDER BY id) - 1 AS k, id, region_code FROM agencies`.execute(db);
    const agencyCount = Number(
      (await sql<{ n: string }>`SELECT count(*) AS n FROM bench_agencies`.execute(db)).rows[0]!.n,
    );
    loads.staff = await timed(`${STAFF.toLocaleString('en')} staff`, async () => {
      for (let start = 0; start < STAFF; start += 500_000) {
        const end = Math.min(STAFF, start + 500_000) - 1;
        await sql`
          INSERT INTO staff (nip, name, status, position_type, agency_id, region_code, active)
          SELECT CASE WHEN i % 12 = 11 THEN NULL ELSE lpad(i::text, 18, '0') END,
                 'Pegawai ' || i,
                 CASE WHEN i % 12 = 11 THEN 'non_asn' WHEN i % 9 = 0 THEN 'pppk' ELSE 'pns' END,
                 CASE WHEN i % 12 = 11 THEN NULL
                      ELSE (ARRAY['pelaksana','pelaksana','fungsional','fungsional','pengawas','administrator','jpt'])[1 + i % 7] END,
                 a.id, a.region_code, i % 40 <> 0
          FROM generate_series(${start}::int, ${end}::int) AS i
          JOIN bench_agencies a ON a.k = (hashint4(i) & 2147483647) % ${agencyCount}`.execute(db);
      }
    });
    await sql`DROP TABLE bench_agencies`.execute(db);
    await sql`ALTER TABLE staff ENABLE TRIGGER USER`.execute(db);
    await sql`SET maintenance_work_mem = '1GB'`.execute(db);
    loads.staffIndexes = await timed('staff indexes', async () => {
      for (const ix of staffIndexes) await sql.raw(ix.indexdef).execute(db);
    });

    loads.accounts = await timed('social accounts (1 per 25 staff)', () =>
      sql`
        INSERT INTO social_accounts (platform, handle, staff_id, region_code)
        SELECT (ARRAY['x','facebook','instagram','tiktok'])[1 + (row_number() OVER ()) % 4], 'akun_' || s.id, s.id, s.region_code
        FROM staff s TABLESAMPLE BERNOULLI (4) REPEATABLE (7)`.execute(db),
    );

    const postIndexes = await dropIndexes('posts');
    // Accounts numbered 0…n−1 and joined by `i % n`: subscripting a 200,000-element array built in a
    // CTE copies the whole array for every row (the first version of this loop ran for hours).
    await sql`
      CREATE UNLOGGED TABLE bench_accounts AS
      SELECT row_number() OVER (ORDER BY id) - 1 AS k, id, platform FROM social_accounts`.execute(db);
    await sql`CREATE UNIQUE INDEX ON bench_accounts (k)`.execute(db);
    const accountCount = Number(
      (await sql<{ n: string }>`SELECT count(*) AS n FROM bench_accounts`.execute(db)).rows[0]!.n,
    );
    loads.posts = await timed(`${POSTS.toLocaleString('en')} posts`, async () => {
      for (let start = 0; start < POSTS; start += 1_000_000) {
        const end = Math.min(POSTS, start + 1_000_000) - 1;
        await sql`
          INSERT INTO posts (platform, platform_post_id, external_id, account_id, posted_at, text, content_sha256, raw, source)
          SELECT a.platform, 'p' || i, a.platform || ':p' || i, a.id,
                 now() - ((hashint4(i) & 2147483647) % 15552000) * interval '1 second',
                 'Unggahan ' || i, md5(i::text) || md5((i + 1)::text), '{}'::jsonb, 'bench'
          FROM generate_series(${start}::int, ${end}::int) AS i
          JOIN bench_accounts a ON a.k = i % ${accountCount}`.execute(db);
        log(`  ${(end + 1).toLocaleString('en')} posts`);
      }
      for (const ix of postIndexes) await sql.raw(ix.indexdef).execute(db);
      await sql`DROP TABLE bench_accounts`.execute(db);
    });

    loads.alerts = await timed(`${ALERTS.toLocaleString('en')} alerts`, () =>
      sql`
        INSERT INTO alerts (post_id, pack_id, status, category, score, region_code, agency_id, staff_id, stage_code, created_at, reviewed_at)
        SELECT p.id, 'pilkada-2024',
               (ARRAY['pending','confirmed','confirmed','dismissed'])[1 + n % 4],
               (${sql.raw(CATEGORIES)})[1 + n % 6], 0.5 + (n % 50) / 100.0,
               s.region_code, s.agency_id, s.id, (${sql.raw(STAGES)})[1 + n % 6], p.posted_at + interval '1 hour',
               CASE WHEN n % 4 = 0 THEN NULL ELSE p.posted_at + interval '5 hours' END
        FROM (SELECT p.*, row_number() OVER () AS n FROM posts p TABLESAMPLE SYSTEM (${sql.raw(String(Math.min(100, (ALERTS / POSTS) * 150)))}) REPEATABLE (11) LIMIT ${ALERTS}) p
        JOIN social_accounts a ON a.id = p.account_id JOIN staff s ON s.id = a.staff_id`.execute(db),
    );

    if (!hasCases) log('no cases table in this build (cases feature not merged): cases and reports skipped');
    loads.cases = await timed(`${CASES.toLocaleString('en')} cases, reports`, async () => {
      if (!hasCases) return;
      await sql`
        INSERT INTO cases (number, office_id, origin_id, regime, title, description, known_on,
                           status, region_code, agency_id, staff_id, origin, opened_at, category, stage_code, outcome,
                           decided_at, forwarded_at, sanction_recommended, sanction_imposed, sanction_imposed_at)
        SELECT 'B-' || n, (SELECT id FROM offices WHERE region_code = '00' LIMIT 1), 'bench-' || n, 'pilkada',
               'Dugaan pelanggaran ' || n, 'Sintetis', (now() - (n % 180) * interval '1 day')::date,
               (ARRAY['klarifikasi','kajian_dugaan_pelanggaran','terbukti_pelanggaran','diteruskan','sanksi_dijatuhkan','selesai'])[1 + n % 6],
               s.region_code, s.agency_id, s.id, (ARRAY['finding','alert','report'])[1 + n % 3],
               now() - (n % 180) * interval '1 day', (${sql.raw(CATEGORIES)})[1 + n % 6], (${sql.raw(STAGES)})[1 + n % 6],
               CASE WHEN n % 6 < 2 THEN NULL WHEN n % 10 = 0 THEN 'no_violation' ELSE 'violation' END,
               CASE WHEN n % 6 < 2 THEN NULL ELSE now() - (n % 180) * interval '1 day' + interval '10 days' END,
               CASE WHEN n % 6 >= 3 THEN now() - (n % 180) * interval '1 day' + interval '12 days' END,
               CASE WHEN n % 6 >= 3 THEN 'hukuman disiplin sedang' END,
               CASE WHEN n % 6 >= 4 THEN 'hukuman disiplin sedang' END,
               CASE WHEN n % 6 >= 4 THEN (now() - (n % 180) * interval '1 day' + interval '40 days')::date END
        FROM (SELECT s.*, row_number() OVER () AS n FROM staff s TABLESAMPLE SYSTEM (1) REPEATABLE (3) LIMIT ${CASES}) s`.execute(
        db,
      );
      await sql`
        INSERT INTO reports (kind, status, region_code, agency_id, received_at, receipt_hash, wrapped_key, content_sealed, fingerprint)
        SELECT (ARRAY['laporan','informasi_awal'])[1 + n % 2], 'diregistrasi', region_code, agency_id, opened_at - interval '2 days',
               'bench-' || n, 'x', 'x', md5(n::text)
        FROM (SELECT c.*, row_number() OVER () AS n FROM cases c) c WHERE n % 2 = 0`.execute(db);
      // Open statutory deadlines for cases still in handling: half of them already past.
      if (
        (await sql<{ t: string | null }>`SELECT to_regclass('case_deadlines')::text AS t`.execute(db)).rows[0]
          ?.t
      )
        await sql`
          INSERT INTO case_deadlines (case_id, kind, due_on, due_at)
          SELECT id, 'bench', (opened_at + interval '14 days')::date, opened_at + interval '14 days'
          FROM cases WHERE outcome IS NULL`.execute(db);
    });

    loads.refresh = await timed('staff counts refresh (the hourly job)', () =>
      createAnalyticsService({ db }).refreshStaffCounts(),
    );
    // A live system writes alerts and cases as they arrive, so rows lie in time order on disk; the
    // generator above writes them in random order. Put them in arrival order, then VACUUM as
    // autovacuum would (visibility map for index-only scans) and ANALYZE.
    await timed('alerts and cases in arrival order (CLUSTER)', async () => {
      await sql`CLUSTER alerts USING alerts_created_idx`.execute(db);
      if (hasCases) await sql`CLUSTER cases USING cases_opened_idx`.execute(db);
    });
    await timed('VACUUM ANALYZE', () => sql`VACUUM ANALYZE`.execute(db));
  };
  if (values.reuse) log(`reusing database ${name} (no seeding)`);
  else await seedAll();

  const analytics = createAnalyticsService({ db });
  const operator = { id: null, role: 'admin' as const, office: { regionCode: '00' } };
  const provinces = (
    await db.selectFrom('regions').select('code').where('level', '=', 1).orderBy('code').execute()
  ).map((r) => r.code);
  const scopes: { label: string; region: (i: number) => string }[] = [
    { label: 'whole country ("00")', region: () => '00' },
    { label: 'one province (each of the 38 in turn)', region: (i) => provinces[i % provinces.length]! },
    { label: 'one regency/city (Kota Balikpapan)', region: () => '64.71' },
  ];
  for (let i = 0; i < 5; i++)
    for (const s of scopes) await analytics.dashboard(operator, { region: s.region(i) });
  if (values.profile) {
    profiling = true;
    log('slowest queries of one national dashboard:');
    const t = performance.now();
    await analytics.dashboard(operator, { region: '00' });
    log(`national dashboard ${(performance.now() - t).toFixed(0)} ms in all`);
    profiling = false;
  }
  const lines: string[] = [];
  for (const s of scopes) {
    const times: number[] = [];
    let alerts = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const d = await analytics.dashboard(operator, { region: s.region(i) });
      times.push(performance.now() - t);
      alerts = d.kpis.alertsPending;
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(0);
    lines.push(
      `| ${s.label} | ${RUNS} | ${q(0.5)} | **${q(0.95)}** | ${times.at(-1)!.toFixed(0)} | ${alerts} |`,
    );
  }
  const counts = await sql<Record<string, string>>`
    SELECT (SELECT count(*) FROM staff) AS staff, (SELECT count(*) FROM posts) AS posts,
           (SELECT count(*) FROM alerts) AS alerts,
           ${sql.raw(hasCases ? '(SELECT count(*) FROM cases)' : '0')} AS cases,
           (SELECT count(*) FROM reports) AS reports, pg_size_pretty(pg_database_size(current_database())) AS size`.execute(
    db,
  );
  const c = counts.rows[0]!;
  console.log(
    [
      `data: ${Number(c.staff).toLocaleString('en')} staff, ${Number(c.posts).toLocaleString('en')} posts, ` +
        `${Number(c.alerts).toLocaleString('en')} alerts, ${Number(c.cases).toLocaleString('en')} cases, ` +
        `${Number(c.reports).toLocaleString('en')} reports; database ${c.size}`,
      `load (s): ${Object.entries(loads)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(', ')}`,
      '',
      '| dashboard scope | runs | p50 ms | p95 ms | max ms | pending alerts (last run) |',
      '|---|---|---|---|---|---|',
      ...lines,
    ].join('\n'),
  );
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  await db.destroy();
  if (!values.keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
