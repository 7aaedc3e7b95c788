/**
 * `npm run bench:registry` — registry search at national scale on PostgreSQL (docs/benchmarks.md).
 *
 * 1. Without DATABASE_URL, re-runs itself under scripts/with-postgres.ts (a throwaway cluster).
 *    With DATABASE_URL, works in a new database `netra_bench_<pid>` on that server and drops it.
 * 2. Migrates, creates ~2,500 agencies over the regencies/cities of the Kemendagri region table,
 *    then generates N staff (default 5,000,000) in SQL with `INSERT … SELECT generate_series`:
 *    Indonesian given/middle/family names, valid unique NIPs, statuses and positions. The staff
 *    indexes are dropped during the load and re-created from their migration definitions; the
 *    name-dictionary triggers are off during the load and the dictionary is filled once after it.
 * 3. Measures, through the real repository function (`searchStaff`, items + capped count, as the
 *    list screen calls it): exact names, names with one typo, names inside a province, exact NIPs.
 *    Prints p50/p95/max per kind.
 *
 * Options: --staff N (default 5000000), --queries N per kind (default 200), --keep (keep the database),
 * --explain (print EXPLAIN (ANALYZE, BUFFERS) of every statement of one search per kind).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { postgresDialect } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Tables } from '../src/db/tables.ts';
import { searchStaff } from '../src/features/registry/registry.repository.ts';
import { FAMILY, GIVEN, MIDDLE, prng } from './registry-data.ts';

const { values } = parseArgs({
  options: {
    staff: { type: 'string' },
    queries: { type: 'string' },
    keep: { type: 'boolean' },
    explain: { type: 'boolean' },
  },
});
const STAFF = Number(values.staff ?? 5_000_000);
const QUERIES = Number(values.queries ?? 200);

if (!process.env.DATABASE_URL) {
  const script = fileURLToPath(new URL('../scripts/with-postgres.ts', import.meta.url));
  const r = spawnSync(
    process.execPath,
    [script, process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  process.exit(r.status ?? 1);
}

const url = new URL(process.env.DATABASE_URL);
const name = `netra_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: url.toString() });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
url.pathname = `/${name}`;
/** Statements captured for --explain (the SQL and parameters searchStaff really sends). */
let captured: { sql: string; parameters: readonly unknown[] }[] | null = null;
const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
// DROP DATABASE … WITH (FORCE) at the end terminates idle clients (57P01): not an error here.
pool.on('error', (e) => {
  if ((e as { code?: string }).code !== '57P01') throw e;
});
const db = new Kysely<Tables>({
  dialect: postgresDialect(pool),
  log: (e) => {
    if (captured && e.level === 'query') captured.push({ sql: e.query.sql, parameters: e.query.parameters });
  },
});
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);
const arr = (xs: string[]) =>
  sql.raw(`(ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]::text[])`);

try {
  await migrateToLatest(db);
  const version = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(db);
  log(`PostgreSQL ${version.rows[0]!.v}; generating ${STAFF.toLocaleString('en')} staff`);

  await sql`
    INSERT INTO agencies (name, kind, region_code)
    SELECT k.prefix || r.name, k.kind, r.code
    FROM regions r CROSS JOIN (VALUES ('Pemerintah ', 'pemda_kota'), ('Kantor Kementerian Agama ', 'instansi_vertikal'),
      ('Dinas Pendidikan ', 'pemda_kota'), ('Puskesmas ', 'puskesmas'), ('RSUD ', 'bumd')) AS k(prefix, kind)
    WHERE r.level = 2`.execute(db);
  const agencyCount = await sql<{ n: number }>`SELECT count(*)::int AS n FROM agencies`.execute(db);
  log(`${agencyCount.rows[0]!.n} agencies`);

  const t0 = performance.now();
  const indexes = await sql<{ indexname: string; indexdef: string }>`
    SELECT indexname, indexdef FROM pg_indexes
    WHERE tablename = 'staff' AND indexname NOT IN ('staff_pkey', 'staff_nip_key')`.execute(db);
  for (const ix of indexes.rows) await sql.raw(`DROP INDEX ${ix.indexname}`).execute(db);
  // The name-dictionary triggers run once after the load instead of per chunk.
  await sql`ALTER TABLE staff DISABLE TRIGGER USER`.execute(db);
  const chunk = 500_000;
  for (let start = 0; start < STAFF; start += chunk) {
    const end = Math.min(STAFF, start + chunk) - 1;
    await sql`
      WITH a AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(region_code ORDER BY id) AS regions FROM agencies)
      INSERT INTO staff (nip, name, status, position_type, position_name, rank, agency_id, region_code, active,
                         birth_date, appointed_on, sex)
      SELECT
        CASE WHEN i % 12 = 11 THEN NULL ELSE nip END,
        concat_ws(' ', ${arr(GIVEN)}[1 + (hashint4(i) & 2147483647) % ${GIVEN.length}],
          nullif(${arr(MIDDLE)}[1 + (hashint4(i + 7) & 2147483647) % ${MIDDLE.length}], ''),
          nullif(${arr(FAMILY)}[1 + (hashint4(i + 13) & 2147483647) % ${FAMILY.length}], '')) || CASE WHEN i % 12 = 11 THEN ' ' || i ELSE '' END,
        CASE WHEN i % 12 = 11 THEN 'non_asn' WHEN i % 9 = 0 THEN 'pppk' WHEN i % 31 = 0 THEN 'cpns' ELSE 'pns' END,
        CASE WHEN i % 12 = 11 THEN NULL ELSE (ARRAY['pelaksana','pelaksana','fungsional','fungsional','pengawas','administrator','jpt'])[1 + i % 7] END,
        'Jabatan ' || (i % 50),
        CASE WHEN i % 12 = 11 THEN NULL WHEN i % 9 = 0 THEN 'IX' ELSE 'III/a' END,
        a.ids[1 + i % array_length(a.ids, 1)],
        a.regions[1 + i % array_length(a.ids, 1)],
        i % 40 <> 0,
        CASE WHEN i % 12 = 11 THEN NULL ELSE make_date(y, m, d) END,
        CASE WHEN i % 12 = 11 THEN NULL ELSE (y + 22 + (i / 11760) % 5) || '-' || lpad((1 + (i / 58800) % 12)::text, 2, '0') END,
        CASE WHEN i % 12 = 11 THEN NULL WHEN (i / 705600) % 2 = 0 THEN 'male' ELSE 'female' END
      FROM a, generate_series(${start}::int, ${end}::int) AS i,
        LATERAL (SELECT 1965 + i % 35 AS y, 1 + (i / 35) % 12 AS m, 1 + (i / 420) % 28 AS d) AS p,
        LATERAL (SELECT y::text || lpad(m::text, 2, '0') || lpad(d::text, 2, '0') || (y + 22 + (i / 11760) % 5)::text
          || lpad((1 + (i / 58800) % 12)::text, 2, '0') || (1 + (i / 705600) % 2)::text
          || lpad((1 + i / 1411200)::text, 3, '0') AS nip) AS n`.execute(db);
    log(`  ${(end + 1).toLocaleString('en')} rows (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  await sql`ALTER TABLE staff ENABLE TRIGGER USER`.execute(db);
  await sql`
    INSERT INTO staff_name_words (word)
    SELECT DISTINCT w FROM staff, regexp_split_to_table(lower(staff.name), '[^[:alnum:]]+') AS w
    WHERE length(w) > 1 AND w !~ '^[0-9]+$' ON CONFLICT DO NOTHING`.execute(db);
  const tLoad = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await sql`SET maintenance_work_mem = '1GB'`.execute(db);
  for (const ix of indexes.rows) {
    const ti = performance.now();
    await sql.raw(ix.indexdef).execute(db);
    log(`  index ${ix.indexname}: ${((performance.now() - ti) / 1000).toFixed(0)} s`);
  }
  await sql`ANALYZE`.execute(db);
  const tIndex = (performance.now() - t1) / 1000;
  log(`load ${tLoad.toFixed(0)} s, indexes + analyze ${tIndex.toFixed(0)} s`);

  // Query samples, drawn from the data (deterministic: TABLESAMPLE with a seed).
  const sample = await sql<{ name: string; nip: string | null; region_code: string }>`
    SELECT name, nip, region_code FROM staff TABLESAMPLE SYSTEM (0.1) REPEATABLE (42)
    WHERE nip IS NOT NULL LIMIT ${QUERIES}`.execute(db);
  const rnd = prng(42);
  const typo = (s: string) => {
    const i = 1 + Math.floor(rnd() * (s.length - 2));
    const c = 'aiueonrst'[Math.floor(rnd() * 9)]!;
    return s[i] === ' ' ? s : s.slice(0, i) + c + s.slice(i + 1);
  };
  const page = { page: 1, pageSize: 25 };
  const kinds: { label: string; run: (i: number) => Promise<number> }[] = [
    {
      label: 'name, exact (national)',
      run: async (i) => (await searchStaff(db, '00', { ...page, q: sample.rows[i]!.name })).items.length,
    },
    {
      label: 'name, one typo (national)',
      run: async (i) =>
        (await searchStaff(db, '00', { ...page, q: typo(sample.rows[i]!.name) })).items.length,
    },
    {
      label: 'name, exact (province scope)',
      run: async (i) =>
        (await searchStaff(db, sample.rows[i]!.region_code.slice(0, 2), { ...page, q: sample.rows[i]!.name }))
          .items.length,
    },
    {
      label: 'given name only (national)',
      run: async (i) =>
        (await searchStaff(db, '00', { ...page, q: sample.rows[i]!.name.split(' ')[0]! })).items.length,
    },
    {
      label: 'NIP, exact',
      run: async (i) => (await searchStaff(db, '00', { ...page, q: sample.rows[i]!.nip! })).items.length,
    },
  ];
  const n = sample.rows.length;
  if (values.explain) {
    for (const k of kinds) {
      captured = [];
      await k.run(0);
      const statements = captured;
      captured = null;
      for (const st of statements) {
        const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS) ${sql.raw(
          st.sql.replace(/\$(\d+)/g, (_, i) => {
            const v = st.parameters[Number(i) - 1];
            return Array.isArray(v)
              ? `ARRAY[${v.map((x) => `'${String(x).replace(/'/g, "''")}'`).join(',')}]::text[]`
              : typeof v === 'number'
                ? String(v)
                : `'${String(v).replace(/'/g, "''")}'`;
          }),
        )}`.execute(db);
        console.log(`\n-- ${k.label}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
      }
    }
  }
  for (let i = 0; i < Math.min(20, n); i++) for (const k of kinds) await k.run(i); // warm-up
  const results: string[] = [];
  for (const k of kinds) {
    const times: number[] = [];
    let empty = 0;
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      if ((await k.run(i)) === 0) empty++;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
    results.push(`| ${k.label} | ${n} | ${q(0.5)} | ${q(0.95)} | ${times.at(-1)!.toFixed(1)} | ${empty} |`);
  }
  const size = await sql<{ s: string }>`SELECT pg_size_pretty(pg_total_relation_size('staff')) AS s`.execute(
    db,
  );
  console.log(
    [
      `staff: ${STAFF.toLocaleString('en')} rows, ${size.rows[0]!.s} with indexes; load ${tLoad.toFixed(0)} s, indexes ${tIndex.toFixed(0)} s`,
      '',
      '| query | n | p50 ms | p95 ms | max ms | no result |',
      '|---|---|---|---|---|---|',
      ...results,
    ].join('\n'),
  );
} finally {
  await db.destroy();
  if (!values.keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
