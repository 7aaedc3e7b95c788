/**
 * A column of text values for bulk statements: `${new TextArray(xs)}::text[]` (cast further in SQL
 * for other types: `::text[]::uuid[]`). Ingest sends thousands of rows per statement as arrays;
 * building and sending them is a large part of its cost.
 *
 * - On PostgreSQL (node-postgres) the array goes in the binary array format: each element is its
 *   UTF-8 bytes behind a length, so nothing is escaped here and nothing is parsed there. (The
 *   driver's own encoding of a JS array escapes every element with two regular expressions and
 *   builds one long string that is then measured and copied.)
 * - On PGlite, whose driver has no binary parameters, our dialect sends `toLiteral()` instead.
 */
export class TextArray {
  readonly values: readonly (string | null | undefined)[];
  constructor(values: readonly (string | null | undefined)[]) {
    this.values = values;
  }

  /** node-postgres calls this for an object parameter; a Buffer is sent in binary format. */
  toPostgres(): Buffer {
    const vs = this.values;
    const TEXT_OID = 25;
    if (vs.length === 0) {
      const empty = Buffer.alloc(12);
      empty.writeInt32BE(TEXT_OID, 8);
      return empty;
    }
    // At most 3 UTF-8 bytes per UTF-16 code unit: room for every element without measuring first.
    let cap = 20;
    let hasNull = 0;
    for (const v of vs) {
      if (v === null || v === undefined) hasNull = 1;
      else cap += v.length * 3;
      cap += 4;
    }
    const buf = Buffer.allocUnsafe(cap);
    buf.writeInt32BE(1, 0); // dimensions
    buf.writeInt32BE(hasNull, 4);
    buf.writeInt32BE(TEXT_OID, 8);
    buf.writeInt32BE(vs.length, 12);
    buf.writeInt32BE(1, 16); // lower bound
    let o = 20;
    for (const v of vs) {
      if (v === null || v === undefined) {
        buf.writeInt32BE(-1, o);
        o += 4;
      } else {
        const n = v.length ? buf.write(v, o + 4, 'utf8') : 0;
        buf.writeInt32BE(n, o);
        o += 4 + n;
      }
    }
    return buf.subarray(0, o);
  }

  /** The same array as a text literal (`{"a","b",NULL}`). */
  toLiteral(): string {
    const vs = this.values;
    let out = '{';
    for (let i = 0; i < vs.length; i++) {
      if (i > 0) out += ',';
      const v = vs[i];
      if (v === null || v === undefined) out += 'NULL';
      else out += NEEDS_ESCAPE.test(v) ? `"${v.replace(/["\\]/g, '\\$&')}"` : `"${v}"`;
    }
    return `${out}}`;
  }
}

const NEEDS_ESCAPE = /["\\]/;
