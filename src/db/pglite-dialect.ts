import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';
import { CopyData } from './copy-in.ts';
import { TextArray } from './text-array.ts';

/**
 * A Kysely dialect for PGlite that serialises access to its single connection.
 *
 * PGlite is one Postgres session. Without a lock, two concurrent transactions (two HTTP requests, or
 * a request and the job worker) would interleave their statements inside one BEGIN…COMMIT — one
 * request's ROLLBACK would undo the other's work. Here a connection is a lease on the session:
 * Kysely acquires it for each query or for a whole transaction and releases it afterwards, and
 * other callers wait in FIFO order. (The `kysely-pglite` package has no such lock.)
 *
 * Consequence: code inside a transaction must use the transaction object, never the outer `db`,
 * or it waits for itself. The same rule keeps the code correct on PostgreSQL.
 */
export class SerialPGliteDialect implements Dialect {
  readonly #client: PGlite;
  constructor(client: PGlite) {
    this.#client = client;
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new SerialPGliteDriver(this.#client);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class SerialPGliteDriver implements Driver {
  readonly #client: PGlite;
  readonly #connection: DatabaseConnection;
  #tail: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  constructor(client: PGlite) {
    this.#client = client;
    this.#connection = {
      executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        // A COPY FROM STDIN (copy-in.ts): PGlite reads its data as the file /dev/blob.
        const data = query.parameters.length === 1 ? query.parameters[0] : undefined;
        if (data instanceof CopyData) {
          const statement = query.sql.replace(/\bFROM STDIN\b/, "FROM '/dev/blob'");
          const result = await client.query(statement, [], { blob: new Blob([data.bytes]) });
          return { rows: [], numAffectedRows: BigInt(result.affectedRows ?? 0) };
        }
        // PGlite's driver has no binary parameters: bulk arrays go as their text literal.
        const params = query.parameters.map((v) => (v instanceof TextArray ? v.toLiteral() : v));
        const result = await client.query<R>(query.sql, params);
        return {
          rows: result.rows,
          numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
        };
      },
      streamQuery: () => {
        throw new Error('PGlite does not support streaming queries');
      },
    };
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.#release = release;
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }

  async destroy(): Promise<void> {
    await this.#tail;
    if (!this.#client.closed) await this.#client.close();
  }
}
