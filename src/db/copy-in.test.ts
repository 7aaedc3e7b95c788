import { describe, expect, it } from 'vitest';
import { encodeBinaryCopy, epochMicros, isoFromMicros, UuidBatch } from './copy-in.ts';

/** Reads a binary COPY stream back into rows of raw field bytes (null for NULL). */
function readCopy(buf: Buffer): (Buffer | null)[][] {
  expect(buf.subarray(0, 11).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0');
  expect(buf.readInt32BE(11)).toBe(0);
  expect(buf.readInt32BE(15)).toBe(0);
  let o = 19;
  const rows: (Buffer | null)[][] = [];
  for (;;) {
    const n = buf.readInt16BE(o);
    o += 2;
    if (n === -1) break;
    const row: (Buffer | null)[] = [];
    for (let k = 0; k < n; k++) {
      const len = buf.readInt32BE(o);
      o += 4;
      if (len < 0) row.push(null);
      else {
        row.push(buf.subarray(o, o + len));
        o += len;
      }
    }
    rows.push(row);
  }
  expect(o).toBe(buf.length);
  return rows;
}

describe('encodeBinaryCopy', () => {
  it('writes each row with its field count, each value in its binary send format, NULL as -1', () => {
    const rows = readCopy(
      encodeBinaryCopy([
        { name: 't', type: 'text', values: ['Pilih 01 🙏🏻', '', null] },
        { name: 'j', type: 'json', values: ['{"a":"é"}', null, '[]'] },
        { name: 'u', type: 'uuid', values: ['0B6A3C1E-8a4e-4a55-9d8c-1b2f7e0f4a11', null, null] },
        { name: 'ts', type: 'timestamptz', values: [946_684_800_000_001, 0, null] },
        { name: 'b', type: 'bool', values: [true, false, null] },
      ]),
    );
    expect(rows).toHaveLength(3);
    const [a, b, c] = rows as [(Buffer | null)[], (Buffer | null)[], (Buffer | null)[]];
    expect(a[0]?.toString('utf8')).toBe('Pilih 01 🙏🏻');
    expect(a[1]?.toString('utf8')).toBe('{"a":"é"}');
    expect(a[2]?.toString('hex')).toBe('0b6a3c1e8a4e4a559d8c1b2f7e0f4a11');
    // Microseconds since 2000-01-01 UTC.
    expect(a[3]?.readBigInt64BE(0)).toBe(1n);
    expect([...(a[4] ?? [])]).toEqual([1]);
    expect(b[0]?.length).toBe(0);
    expect(b[1]).toBeNull();
    expect(b[3]?.readBigInt64BE(0)).toBe(-946_684_800_000_000n);
    expect([...(b[4] ?? [])]).toEqual([0]);
    expect(c).toEqual([null, Buffer.from('[]'), null, null, null]);
  });

  it('writes header and trailer only for no rows', () => {
    expect(readCopy(encodeBinaryCopy([{ name: 't', type: 'text', values: [] }]))).toEqual([]);
  });

  it('refuses columns of different lengths, a malformed UUID and a fractional time', () => {
    expect(() =>
      encodeBinaryCopy([
        { name: 'a', type: 'text', values: ['x'] },
        { name: 'b', type: 'text', values: [] },
      ]),
    ).toThrow(/b: 0 values for 1 rows/);
    for (const bad of [
      '0b6a3c1e-8a4e-4a55-9d8c-1b2f7e0f4a1',
      '0b6a3c1e-8a4e-4a55-9d8c-1b2f7e0f4a111',
      'zb6a3c1e-8a4e-4a55-9d8c-1b2f7e0f4a11',
    ])
      expect(() => encodeBinaryCopy([{ name: 'u', type: 'uuid', values: [bad] }])).toThrow(/u: not a UUID/);
    expect(() => encodeBinaryCopy([{ name: 't', type: 'timestamptz', values: [1.5] }])).toThrow(
      /t: not a whole number/,
    );
  });
});

describe('epochMicros / isoFromMicros', () => {
  it('reads ISO 8601 with its offset, keeping microseconds', () => {
    expect(epochMicros('2024-01-20T09:15:00+07:00')).toBe(Date.UTC(2024, 0, 20, 2, 15) * 1000);
    expect(epochMicros('2024-01-20T09:15:00.123456Z')).toBe(Date.UTC(2024, 0, 20, 9, 15) * 1000 + 123_456);
    expect(epochMicros('2024-01-20T09:15:00.5Z')).toBe(Date.UTC(2024, 0, 20, 9, 15) * 1000 + 500_000);
    // Beyond microseconds: rounded, as PostgreSQL does.
    expect(epochMicros('2024-01-20T09:15:00.1234565Z')).toBe(Date.UTC(2024, 0, 20, 9, 15) * 1000 + 123_457);
    expect(epochMicros('2024-01-20T09:15:00.1234564Z')).toBe(Date.UTC(2024, 0, 20, 9, 15) * 1000 + 123_456);
    expect(epochMicros('kemarin sore')).toBeNull();
  });

  it('writes UTC with six decimals, the same instant back', () => {
    expect(isoFromMicros(Date.UTC(2024, 0, 20, 2, 15) * 1000 + 7)).toBe('2024-01-20T02:15:00.000007Z');
    expect(isoFromMicros(-1)).toBe('1969-12-31T23:59:59.999999Z');
    for (const t of ['2024-02-14T08:00:00.250001+08:00', '1999-12-31T23:59:59.999999Z'])
      expect(epochMicros(isoFromMicros(epochMicros(t)!))).toBe(epochMicros(t));
  });
});

describe('UuidBatch', () => {
  it('makes distinct version-4 UUIDs, formatted on request, sent as their 16 bytes', () => {
    const ids = new UuidBatch(500);
    const texts = Array.from({ length: ids.length }, (_, i) => ids.text(i));
    expect(new Set(texts).size).toBe(500);
    for (const t of texts)
      expect(t).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const rows = readCopy(encodeBinaryCopy([{ name: 'id', type: 'uuid', values: ids }]));
    expect(rows.map((r) => r[0]?.toString('hex'))).toEqual(texts.map((t) => t.replaceAll('-', '')));
    expect(() => ids.text(500)).toThrow(RangeError);
  });
});
