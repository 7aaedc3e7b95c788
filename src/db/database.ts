import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { CopyData, copyFromStdin } from './copy-in.ts';
import { SerialPGliteDialect } from './pglite-dialect.ts';
import type { Tables } from './tables.ts';

export type Db = Kysely<Tables>;

/** Extensions every PGlite instance loads (migration 0004 creates pg_trgm for fuzzy name search). */
export const PGLITE_EXTENSIONS = { pg_trgm };

/** Which engine is underneath: embedded PGlite or a PostgreSQL server. */
export type DbKind = 'pglite' | 'postgres';

export type Database = {
  db: Db;
  kind: DbKind;
  /** Closes every connection; for PGlite, shuts Postgres down cleanly so the data dir is consistent. */
  close: () => Promise<void>;
};

/** The PGlite data directory inside NETRA_DATA_DIR. */
export const pgliteDir = (dataDir: string) => join(dataDir, 'pglite');

/**
 * The application's PostgreSQL pool: 10 connections; sessions without parallel query workers unless
 * the URL sets its own `options` (docs/decisions/0005-no-parallel-query-workers.md: the dashboard
 * already runs its ~25 aggregates side by side on the pool, and worker processes on top of that
 * made the national dashboard slower, not faster).
 */
export function poolConfig(databaseUrl: string): pg.PoolConfig {
  const own = new URL(databaseUrl).searchParams.has('options');
  return {
    connectionString: databaseUrl,
    max: 10,
    ...(own ? {} : { options: '-c max_parallel_workers_per_gather=0' }),
  };
}

/**
 * Opens the database from configuration: a PostgreSQL server when `databaseUrl` is set, otherwise
 * PGlite persisted under `<dataDir>/pglite`. PGlite serves one connection; the dialect serialises
 * queries on it, and transactions hold it for their duration (see pglite-dialect.ts).
 */
export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool(poolConfig(opts.databaseUrl));
    let closing = false;
    // A connection idle in the pool can fail while it waits (the server restarts, an administrator
    // or a forced DROP DATABASE ends it): the pool drops it and emits 'error', which unhandled would
    // end the process. The next query opens a new connection.
    pool.on('error', (e) => {
      if (closing) return;
      const code = (e as { code?: string }).code ?? 'unknown';
      process.stderr.write(
        `netra: koneksi basis data menganggur terputus / idle database connection lost (${code}): ${e.message}\n`,
      );
    });
    // A connection in use fails the same way: its query rejects with the error (the request gets
    // its error response). Should the socket close before the pool has the client back, the client
    // emits 'error' with no pool listener attached: this one keeps that from ending the process.
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<Tables>({ dialect: postgresDialect(pool) });
    return {
      db,
      kind: 'postgres',
      close: () => {
        closing = true;
        return db.destroy();
      },
    };
  }
  const dir = pgliteDir(opts.dataDir);
  mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir, { extensions: PGLITE_EXTENSIONS });
  return wrapPglite(client);
}

/** Kysely's dialect for a node-postgres pool, with bulk loading by COPY (copy-in.ts). */
export function postgresDialect(pool: pg.Pool): PostgresDialect {
  return new PostgresDialect({ pool: copyAwarePool(pool) });
}

/**
 * The pool as Kysely sees it: each client also runs a `COPY … FROM STDIN` whose one parameter is
 * `CopyData` (copy-in.ts), streaming it in the COPY protocol; every other query goes to the client
 * unchanged.
 */
function copyAwarePool(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let w = wrapped.get(client);
      if (!w) {
        const query = (q: string, params?: readonly unknown[]) => {
          const data = params?.length === 1 ? params[0] : undefined;
          if (data instanceof CopyData)
            // Reported as an INSERT, whose row count Kysely passes on (it ignores COPY's).
            return copyFromStdin(client, q, data.bytes).then((n) => ({
              command: 'INSERT',
              rowCount: n,
              rows: [],
            }));
          return client.query(q, params as unknown[]);
        };
        w = { query: query as unknown as PostgresPoolClient['query'], release: () => client.release() };
        wrapped.set(client, w);
      }
      return w;
    },
    end: () => pool.end(),
  };
}

/** Wraps an open PGlite instance (used by tests that clone a migrated image). */
export function wrapPglite(client: PGlite): Database {
  const db = new Kysely<Tables>({ dialect: new SerialPGliteDialect(client) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      if (!client.closed) await client.close();
    },
  };
}
