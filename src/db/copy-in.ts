import { randomFillSync } from 'node:crypto';
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
 * Unix epoch (see `epochMicros`); `uuid` its canonical text, or a `UuidBatch`; `text` and `json` a string or its
 * UTF-8 bytes (sent as they are: valid UTF-8 without NUL, or the server refuses them). `null` or
 * `undefined` is SQL NULL.
 */
export type CopyColumn =
  | { name: string; type: 'text' | 'json'; values: readonly (string | Uint8Array | null | undefined)[] }
  | { name: string; type: 'uuid'; values: readonly (string | null | undefined)[] | UuidBatch }
  | { name: string; type: 'timestamptz'; values: readonly (number | null | undefined)[] }
  | { name: string; type: 'bool'; values: readonly (boolean | null | undefined)[] };

/**
 * `length` new random UUIDs (version 4) in one buffer: a COPY sends their 16 bytes as they are, and
 * `text(i)` formats one only when it is needed (a string per id costs more than the row's insert).
 */
export class UuidBatch {
  readonly length: number;
  readonly bytes: Buffer;
  constructor(length: number) {
    this.length = length;
    this.bytes = randomFillSync(Buffer.allocUnsafe(length * 16));
    for (let i = 0; i < length; i++) {
      const b = this.bytes;
      b[i * 16 + 6] = (b[i * 16 + 6]! & 0x0f) | 0x40; // version 4
      b[i * 16 + 8] = (b[i * 16 + 8]! & 0x3f) | 0x80; // RFC 9562 variant
    }
  }
  text(i: number): string {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`no UUID ${i} of ${this.length}`);
    const h = this.bytes.toString('hex', i * 16, i * 16 + 16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}

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

const TEXT = 0;
const UUID = 1;
const TIMESTAMPTZ = 2;
const BOOL = 3;
const KIND = { text: TEXT, json: TEXT, uuid: UUID, timestamptz: TIMESTAMPTZ, bool: BOOL } as const;

/**
 * The binary COPY stream of these columns (all of the same length): header, rows, trailer. Written
 * into the buffer `reuse` gives for the size needed (copyInto's spares), else into a new one.
 */
export function encodeBinaryCopy(columns: readonly CopyColumn[], reuse?: (size: number) => Buffer): Buffer {
  const rows = columns[0]?.values.length ?? 0;
  // Room for every value without measuring strings first: at most 3 UTF-8 bytes per UTF-16 unit.
  let cap = SIGNATURE.length + 8 + 2 + rows * 2;
  for (const c of columns) {
    if (c.values.length !== rows) throw new Error(`${c.name}: ${c.values.length} values for ${rows} rows`);
    if (c.type === 'text' || c.type === 'json') {
      for (const v of c.values) cap += 4 + (v ? (typeof v === 'string' ? v.length * 3 : v.byteLength) : 0);
    } else cap += rows * (4 + (c.type === 'uuid' ? 16 : c.type === 'timestamptz' ? 8 : 1));
  }
  const buf = reuse ? reuse(cap) : Buffer.allocUnsafe(cap);
  let o = SIGNATURE.copy(buf, 0);
  buf.fill(0, o, o + 8); // flags, header extension length
  o += 8;
  const n = columns.length;
  const kinds = columns.map((c) => KIND[c.type]);
  const values = columns.map((c) => (c.values instanceof UuidBatch ? [] : (c.values as readonly unknown[])));
  const packed = columns.map((c) => (c.values instanceof UuidBatch ? c.values.bytes : null));
  for (let r = 0; r < rows; r++) {
    buf[o] = n >> 8;
    buf[o + 1] = n;
    o += 2;
    for (let k = 0; k < n; k++) {
      const p = packed[k];
      if (p) {
        o = int32(buf, o, 16);
        for (let i = r * 16, end = i + 16; i < end; i++) buf[o++] = p[i]!;
        continue;
      }
      const v = values[k]![r];
      if (v === null || v === undefined) {
        o = int32(buf, o, -1);
        continue;
      }
      switch (kinds[k]) {
        case TEXT: {
          let len: number;
          if (typeof v === 'string') len = v.length ? buf.write(v, o + 4, 'utf8') : 0;
          else {
            len = (v as Uint8Array).byteLength;
            buf.set(v as Uint8Array, o + 4);
          }
          int32(buf, o, len);
          o += 4 + len;
          break;
        }
        case UUID:
          o = int32(buf, o, 16);
          writeUuid(buf, o, v as string, columns[k]!.name);
          o += 16;
          break;
        case TIMESTAMPTZ: {
          const us = v as number;
          if (!Number.isSafeInteger(us))
            throw new Error(`${columns[k]!.name}: not a whole number of microseconds: ${us}`);
          // A signed 64-bit integer, big-endian, written as two 32-bit halves (no BigInt).
          const t = us - PG_EPOCH_US;
          const hi = Math.floor(t / 4_294_967_296);
          o = int32(buf, o, 8);
          o = int32(buf, o, hi);
          o = int32(buf, o, t - hi * 4_294_967_296);
          break;
        }
        default:
          o = int32(buf, o, 1);
          buf[o++] = v ? 1 : 0;
      }
    }
  }
  buf[o] = 0xff; // trailer: -1
  buf[o + 1] = 0xff;
  return buf.subarray(0, o + 2);
}

/** Writes a 32-bit integer big-endian (its low 32 bits); the offset after it. */
function int32(buf: Buffer, o: number, v: number): number {
  buf[o] = v >>> 24;
  buf[o + 1] = v >>> 16;
  buf[o + 2] = v >>> 8;
  buf[o + 3] = v;
  return o + 4;
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
  let held: Buffer | undefined;
  const data = encodeBinaryCopy(columns, (size) => {
    held = takeBuffer(size);
    return held;
  });
  const result = await db.executeQuery(CompiledQuery.raw(statement, [new CopyData(data)]));
  // Sent in full (the server has answered; PGlite copied it): free for the next COPY. After an
  // error the socket may still hold it, so it is not reused then.
  if (held) giveBuffer(held);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Buffers kept between COPYs. A new multi-megabyte buffer per chunk costs a page fault for every
 * 4 KiB the encoder first touches, and the garbage collector's work when it is dropped; ingest
 * runs a few COPYs at once, each reusing a buffer an earlier one freed.
 */
const spare: Buffer[] = [];
const SPARE_MAX = 4;
const SPARE_LARGEST = 64 * 1024 * 1024;

function takeBuffer(size: number): Buffer {
  const i = spare.findIndex((b) => b.length >= size);
  if (i >= 0) return spare.splice(i, 1)[0]!;
  // Some headroom, so that a slightly larger chunk next time fits too.
  return Buffer.allocUnsafeSlow(Math.ceil(size * 1.25));
}

function giveBuffer(buf: Buffer) {
  if (buf.length > SPARE_LARGEST) return;
  spare.push(buf);
  // Keep the largest ones.
  if (spare.length > SPARE_MAX) spare.sort((a, b) => b.length - a.length).pop();
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
