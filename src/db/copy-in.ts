import { CompiledQuery, type QueryResult } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Bulk loading with `COPY … FROM STDIN (FORMAT binary)`: ingest stores up to thousands of posts per
 * transaction, and a binary COPY costs the server about half of `INSERT … SELECT FROM unnest(…)`
 * (no array to unpack, no value to parse, rows written to the heap in batches; docs/benchmarks.md,
 * ADR 0006).
 *
 * `copyInto` encodes the rows here and hands them to the driver as a `CopyData` parameter of a
 * `COPY` statement: node-postgres streams it (database.ts), PGlite reads it as `/dev/blob`
 * (pglite-dialect.ts). Like any statement it runs inside the caller's transaction, and a constraint
 * violation fails it with the usual SQLSTATE (23505 for a duplicate key).
 */

/** Column types `copyInto` can encode (PostgreSQL's binary send format of each). */
export type CopyType = 'text' | 'json' | 'uuid' | 'timestamptz' | 'bool';

/**
 * One column: its name and type and a value per row. `timestamptz` takes microseconds since the
 * Unix epoch (see `epochMicros`); `uuid` its canonical text; `json` the document's text. `null`
 * or `undefined` is SQL NULL.
 */
export type CopyColumn =
  | { name: string; type: 'text' | 'json' | 'uuid'; values: readonly (string | null | undefined)[] }
  | { name: string; type: 'timestamptz'; values: readonly (number | null | undefined)[] }
  | { name: string; type: 'bool'; values: readonly (boolean | null | undefined)[] };

/** The encoded rows of one COPY: a statement parameter only the two drivers know how to send. */
export class CopyData {
  readonly bytes: Buffer;
  constructor(bytes: Buffer) {
    this.bytes = bytes;
  }
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in microseconds since the Unix epoch. */
const PG_EPOCH_US = 946_684_800_000_000;

const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX['0123456789abcdef'.charCodeAt(i)] = i;
  HEX['0123456789ABCDEF'.charCodeAt(i)] = i;
}

function writeUuid(buf: Buffer, o: number, s: string, column: string) {
  let n = 0;
  for (let i = 0; i < s.length && n <= 32; i++) {
    const c = s.charCodeAt(i);
    if (c === 45 /* - */) continue;
    const v = c < 128 ? HEX[c]! : -1;
    if (v < 0) n = 99;
    else {
      if (n % 2 === 0) buf[o + (n >> 1)] = v << 4;
      else buf[o + (n >> 1)]! |= v;
      n++;
    }
  }
  if (n !== 32) throw new Error(`${column}: not a UUID: ${JSON.stringify(s)}`);
}

/** The binary COPY stream of these columns (all of the same length): header, rows, trailer. */
export function encodeBinaryCopy(columns: readonly CopyColumn[]): Buffer {
  const rows = columns[0]?.values.length ?? 0;
  // Room for every value without measuring strings first: at most 3 UTF-8 bytes per UTF-16 unit.
  let cap = SIGNATURE.length + 8 + 2 + rows * 2;
  for (const c of columns) {
    if (c.values.length !== rows) throw new Error(`${c.name}: ${c.values.length} values for ${rows} rows`);
    if (c.type === 'text' || c.type === 'json') {
      for (const v of c.values) cap += 4 + (v ? v.length * 3 : 0);
    } else cap += rows * (4 + (c.type === 'uuid' ? 16 : c.type === 'timestamptz' ? 8 : 1));
  }
  const buf = Buffer.allocUnsafe(cap);
  let o = SIGNATURE.copy(buf, 0);
  buf.writeInt32BE(0, o); // flags
  buf.writeInt32BE(0, o + 4); // header extension length
  o += 8;
  const n = columns.length;
  for (let r = 0; r < rows; r++) {
    buf.writeInt16BE(n, o);
    o += 2;
    for (let k = 0; k < n; k++) {
      const c = columns[k]!;
      const v = c.values[r];
      if (v === null || v === undefined) {
        buf.writeInt32BE(-1, o);
        o += 4;
        continue;
      }
      switch (c.type) {
        case 'text':
        case 'json': {
          const len = (v as string).length ? buf.write(v as string, o + 4, 'utf8') : 0;
          buf.writeInt32BE(len, o);
          o += 4 + len;
          break;
        }
        case 'uuid':
          buf.writeInt32BE(16, o);
          writeUuid(buf, o + 4, v as string, c.name);
          o += 20;
          break;
        case 'timestamptz': {
          const us = v as number;
          if (!Number.isSafeInteger(us))
            throw new Error(`${c.name}: not a whole number of microseconds: ${us}`);
          buf.writeInt32BE(8, o);
          buf.writeBigInt64BE(BigInt(us - PG_EPOCH_US), o + 4);
          o += 12;
          break;
        }
        case 'bool':
          buf.writeInt32BE(1, o);
          buf[o + 4] = v ? 1 : 0;
          o += 5;
          break;
      }
    }
  }
  buf.writeInt16BE(-1, o);
  return buf.subarray(0, o + 2);
}

/** A Kysely instance or transaction. */
type QueryExecutor = { executeQuery(query: CompiledQuery): Promise<QueryResult<unknown>> };

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

/**
 * Appends rows to `table` with one binary COPY on the executor's connection (a transaction's, when
 * given one). Returns the number of rows copied.
 */
export async function copyInto(
  db: QueryExecutor,
  table: string,
  columns: readonly CopyColumn[],
): Promise<number> {
  if ((columns[0]?.values.length ?? 0) === 0) return 0;
  const statement = `COPY ${ident(table)} (${columns.map((c) => ident(c.name)).join(', ')}) FROM STDIN (FORMAT binary)`;
  const result = await db.executeQuery(
    CompiledQuery.raw(statement, [new CopyData(encodeBinaryCopy(columns))]),
  );
  return Number(result.numAffectedRows ?? 0);
}

/**
 * A timestamp text (ISO 8601 with an offset, as the contract gives) as microseconds since the Unix
 * epoch, keeping the digits below the millisecond (rounded to the microsecond, as PostgreSQL does);
 * `null` when JavaScript cannot read it.
 */
export function epochMicros(text: string): number | null {
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) return null;
  const frac = /\d\d:\d\d:\d\d[.,](\d{4,})/.exec(text)?.[1];
  if (!frac) return ms * 1000;
  const extra =
    Number(frac.slice(3, 6).padEnd(3, '0')) + (frac.length > 6 && frac.charCodeAt(6) >= 53 ? 1 : 0);
  return ms * 1000 + extra;
}

/** Microseconds since the Unix epoch as ISO 8601 text in UTC with all six decimals. */
export function isoFromMicros(us: number): string {
  const ms = Math.floor(us / 1000);
  return `${new Date(ms).toISOString().slice(0, 19)}.${String(us - Math.floor(us / 1e6) * 1e6).padStart(6, '0')}Z`;
}

/** node-postgres: runs `statement` (`COPY … FROM STDIN`) on `client`, streaming `data`; the rows copied. */
export async function copyFromStdin(client: pg.ClientBase, statement: string, data: Buffer): Promise<number> {
  const stream = client.query(copyFrom(statement));
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.once('finish', resolve);
    stream.end(data);
  });
  return stream.rowCount;
}
