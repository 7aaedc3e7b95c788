import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../db/tables.ts';
import { DomainError } from '../../domain/errors.ts';
import { VERSION } from '../../version.ts';

/**
 * One portable backup format for PGlite and PostgreSQL: a gzip of JSON lines.
 * 1. `{ "format": "netra-backup", "version": 1, "app", "createdAt", "migrations": [...], "tables": [...] }`
 * 2. for each table in foreign-key order, its rows as `{ "t": table, "r": row }` (row = `to_jsonb`)
 * 3. each file under `$NETRA_DATA_DIR/blobs` as `{ "b": relative path, "d": base64 }`
 * 4. `{ "end": true, "rows": n, "blobs": n }` — a truncated file fails the restore.
 * Restore goes only into an empty, migrated instance with the same migrations, in one transaction.
 */
export const BACKUP_FORMAT = 'netra-backup';
export const BACKUP_VERSION = 1;

/** Tables that migrations fill with reference data (an "empty" instance has these). */
/**
 * Tables the migrations fill with reference rows (regions, Bawaslu offices, the case catalogue,
 * holidays, competent agencies): an empty instance has them, and a restore replaces them by the
 * backup's own.
 */
const REFERENCE_TABLES = new Set(['regions', 'offices', 'violation_forms', 'holidays', 'competent_agencies']);

type Manifest = {
  format: string;
  version: number;
  app: string;
  createdAt: string;
  migrations: string[];
  tables: string[];
};

const ident = (name: string) => sql.id(name);

/** Application tables (not partitions, not the migrator's), parents before children. */
async function tablesInDependencyOrder(db: Kysely<Tables>): Promise<string[]> {
  const tables = (
    await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND c.relname NOT LIKE 'kysely_%' ORDER BY c.relname`.execute(db)
  ).rows.map((r) => r.name);
  const deps = (
    await sql<{ child: string; parent: string }>`
      SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND c.relname <> p.relname`.execute(db)
  ).rows;
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (ordered.includes(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const d of deps) if (d.child === t && tables.includes(d.parent)) visit(d.parent);
    ordered.push(t);
  };
  for (const t of tables) visit(t);
  return ordered;
}

async function appliedMigrations(db: Kysely<Tables>): Promise<string[]> {
  return (await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db)).rows.map(
    (r) => r.name,
  );
}

function* walk(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

export const blobsDir = (dataDir: string) => join(dataDir, 'blobs');

/** Writes a backup of the database and the blob store to `file`; returns the counts. */
export async function backup(db: Kysely<Tables>, dataDir: string, file: string) {
  if (existsSync(file)) throw new DomainError('CONFLICT', `Berkas sudah ada / file exists: ${file}`);
  const tmp = `${file}.partial`;
  let rows = 0;
  let blobs = 0;
  await db.transaction().execute(async (tx) => {
    // One snapshot for every table (PostgreSQL); PGlite has a single connection anyway.
    await sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`.execute(tx).catch(() => {});
    const tables = await tablesInDependencyOrder(tx as unknown as Kysely<Tables>);
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      app: VERSION,
      createdAt: new Date().toISOString(),
      migrations: await appliedMigrations(tx as unknown as Kysely<Tables>),
      tables,
    };
    async function* lines() {
      yield `${JSON.stringify(manifest)}\n`;
      for (const table of tables) {
        let offset = 0;
        for (;;) {
          const batch = (
            await sql<{
              r: unknown;
            }>`SELECT to_jsonb(t) AS r FROM ${ident(table)} t ORDER BY ctid LIMIT 1000 OFFSET ${offset}`.execute(
              tx,
            )
          ).rows;
          for (const { r } of batch) {
            rows++;
            yield `${JSON.stringify({ t: table, r })}\n`;
          }
          if (batch.length < 1000) break;
          offset += batch.length;
        }
      }
      const root = blobsDir(dataDir);
      for (const path of walk(root)) {
        blobs++;
        const rel = relative(root, path).split(sep).join('/');
        yield `${JSON.stringify({ b: rel, d: readFileSync(path).toString('base64') })}\n`;
      }
      yield `${JSON.stringify({ end: true, rows, blobs })}\n`;
    }
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(tmp, { mode: 0o600 }));
  });
  renameSync(tmp, file);
  return { rows, blobs, bytes: statSync(file).size };
}

/** Restores a backup into an empty, migrated instance (database and blobs), in one transaction. */
export async function restore(db: Kysely<Tables>, dataDir: string, file: string) {
  if (!existsSync(file)) throw new DomainError('NOT_FOUND', `Berkas tidak ada / no such file: ${file}`);
  const input = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const it = input[Symbol.asyncIterator]();
  const invalid = (why: string) =>
    new DomainError('VALIDATION', `Cadangan tidak valid / invalid backup: ${why}`);

  let manifest: Manifest;
  try {
    const first = await it.next();
    manifest = JSON.parse(first.value ?? '');
  } catch {
    throw invalid('bukan berkas cadangan Netra / not a Netra backup');
  }
  if (manifest.format !== BACKUP_FORMAT || manifest.version !== BACKUP_VERSION)
    throw invalid(`format ${manifest.format} v${manifest.version}`);
  const here = await appliedMigrations(db);
  if (JSON.stringify(here) !== JSON.stringify(manifest.migrations))
    throw new DomainError(
      'INVALID_STATE',
      `Versi skema berbeda / schema versions differ: cadangan/backup [${manifest.migrations.join(', ')}], ` +
        `di sini/here [${here.join(', ')}]`,
    );
  const tables = await tablesInDependencyOrder(db);
  for (const t of tables) {
    if (REFERENCE_TABLES.has(t)) continue;
    const { rows } = await sql<{ any: boolean }>`SELECT EXISTS (SELECT 1 FROM ${ident(t)}) AS any`.execute(
      db,
    );
    if (rows[0]?.any)
      throw new DomainError('INVALID_STATE', `Instans tidak kosong / the instance is not empty: ${t}`);
  }

  const root = blobsDir(dataDir);
  let rows = 0;
  let blobs = 0;
  let ended = false;
  await db.transaction().execute(async (tx) => {
    // The migrations' reference rows are replaced by the backup's own.
    await sql`TRUNCATE ${sql.join(tables.map(ident))} CASCADE`.execute(tx);
    // Rows are restored as they were: user triggers (derived tables, the audit guard) stay off
    // until the end of the transaction; foreign keys are still checked.
    for (const t of tables) await sql`ALTER TABLE ${ident(t)} DISABLE TRIGGER USER`.execute(tx);
    let pending: { table: string; rows: unknown[] } | null = null;
    // Generated columns are computed again; identity columns keep their values.
    const columns = new Map<string, string[]>();
    for (const t of tables)
      columns.set(
        t,
        (
          await sql<{ name: string }>`
            SELECT attname AS name FROM pg_attribute
            WHERE attrelid = quote_ident(${t})::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
            ORDER BY attnum`.execute(tx)
        ).rows.map((r) => r.name),
      );
    const flush = async () => {
      if (!pending || pending.rows.length === 0) return;
      const cols = sql.join(columns.get(pending.table)!.map(ident));
      await sql`INSERT INTO ${ident(pending.table)} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM jsonb_populate_recordset(NULL::${ident(pending.table)}, ${JSON.stringify(pending.rows)}::jsonb)`.execute(
        tx,
      );
      pending = null;
    };
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      if (!next.value) continue;
      const line = JSON.parse(next.value) as {
        t?: string;
        r?: unknown;
        b?: string;
        d?: string;
        end?: boolean;
        rows?: number;
        blobs?: number;
      };
      if (line.t !== undefined) {
        if (!tables.includes(line.t)) throw invalid(`tabel tidak dikenal / unknown table ${line.t}`);
        if (pending && (pending.table !== line.t || pending.rows.length >= 500)) await flush();
        pending ??= { table: line.t, rows: [] };
        pending.rows.push(line.r);
        rows++;
      } else if (line.b !== undefined) {
        await flush();
        const rel = line.b;
        if (rel.split('/').some((p) => p === '..' || p === '') || rel.startsWith('/'))
          throw invalid(`jalur berkas tidak aman / unsafe blob path ${rel}`);
        const target = join(root, ...rel.split('/'));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, Buffer.from(line.d ?? '', 'base64'));
        blobs++;
      } else if (line.end) {
        await flush();
        if (line.rows !== rows || line.blobs !== blobs) throw invalid('jumlah tidak cocok / counts differ');
        ended = true;
      }
    }
    if (!ended) throw invalid('berkas terpotong / truncated file');
    for (const t of tables) await sql`ALTER TABLE ${ident(t)} ENABLE TRIGGER USER`.execute(tx);
    // Sequences continue after the restored ids.
    const serials = (
      await sql<{ table_name: string; column_name: string }>`
        SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND (column_default LIKE 'nextval(%' OR is_identity = 'YES')`.execute(
        tx,
      )
    ).rows;
    for (const s of serials) {
      if (!tables.includes(s.table_name)) continue;
      await sql`SELECT setval(pg_get_serial_sequence(${s.table_name}, ${s.column_name}), GREATEST((SELECT max(${ident(s.column_name)}) FROM ${ident(s.table_name)}), 1), (SELECT max(${ident(s.column_name)}) FROM ${ident(s.table_name)}) IS NOT NULL)`.execute(
        tx,
      );
    }
  });
  return { rows, blobs };
}
