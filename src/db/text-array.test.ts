import { describe, expect, it } from 'vitest';
import { TextArray } from './text-array.ts';

/** Reads the binary array format back (what PostgreSQL's array_recv does for text[]). */
function readBinary(buf: Buffer): (string | null)[] {
  const ndim = buf.readInt32BE(0);
  expect(buf.readInt32BE(8)).toBe(25);
  if (ndim === 0) return [];
  expect(ndim).toBe(1);
  expect(buf.readInt32BE(16)).toBe(1);
  const n = buf.readInt32BE(12);
  const out: (string | null)[] = [];
  let o = 20;
  for (let i = 0; i < n; i++) {
    const len = buf.readInt32BE(o);
    o += 4;
    if (len < 0) out.push(null);
    else {
      out.push(buf.toString('utf8', o, o + len));
      o += len;
    }
  }
  expect(o).toBe(buf.length);
  return out;
}

describe('TextArray', () => {
  const values = ['a', 'b c', 'say "hi"', 'back\\slash', '', 'NULL', 'Pilih 01 🙏🏻 ya', null, 'ä'];

  it('writes the binary array format: every element as its UTF-8 bytes, nulls as -1', () => {
    const buf = new TextArray(values).toPostgres();
    expect(readBinary(buf)).toEqual(values);
    expect(buf.readInt32BE(4)).toBe(1); // has nulls
    expect(new TextArray(['x']).toPostgres().readInt32BE(4)).toBe(0);
  });

  it('writes undefined as null and an empty array with no dimensions', () => {
    expect(readBinary(new TextArray([undefined, 'x']).toPostgres())).toEqual([null, 'x']);
    const empty = new TextArray([]).toPostgres();
    expect(empty.readInt32BE(0)).toBe(0);
    expect(readBinary(empty)).toEqual([]);
  });

  it('writes the text literal with every element quoted, quotes and backslashes escaped', () => {
    expect(new TextArray(['a', 'say "hi"', 'back\\slash', '', null, 'NULL']).toLiteral()).toBe(
      '{"a","say \\"hi\\"","back\\\\slash","",NULL,"NULL"}',
    );
    expect(new TextArray([]).toLiteral()).toBe('{}');
  });
});
