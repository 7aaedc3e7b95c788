import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Pack } from '../../contracts/pack.ts';
import { createDetector } from '../../detection/detect.ts';
import { serialiseResult } from '../../detection/serialise.ts';
import { openByteLineBatches, openLineBatches } from './detection.io.ts';

const fixture = (path: string) => new URL(`../../../test/fixtures/${path}`, import.meta.url);
const pack = Pack.parse(JSON.parse(readFileSync(fixture('packs/pilpres-2024.json'), 'utf8')));
const detector = createDetector([pack]);

describe('serialiseResult', () => {
  it('writes exactly what JSON.stringify writes for every dev post', () => {
    const lines = readFileSync(fixture('eval/pilpres-2024.jsonl'), 'utf8').split('\n').filter(Boolean);
    for (const line of lines) {
      const r = detector.detect(JSON.parse(line));
      expect(serialiseResult(r)).toBe(JSON.stringify(r));
    }
  });

  it('escapes like JSON.stringify for any text and id', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (id, text) => {
        const r = detector.detect({ id, text: `Prabowo ${text} coblos 02 "${text}"` });
        expect(serialiseResult(r)).toBe(JSON.stringify(r));
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('writes posts without any reference (cached tail) like JSON.stringify', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string(), (id, text) => {
        const r = detector.detect({ id, text });
        expect(serialiseResult(r)).toBe(JSON.stringify(r));
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('falls back to JSON.stringify for error lines', () => {
    const r = {
      id: null,
      flag: false,
      score: 0,
      category: null,
      targets: [],
      pack: null,
      signals: [],
      explanation: '',
      error: 'x',
    };
    expect(serialiseResult(r)).toBe(JSON.stringify(r));
  });
});

describe('openLineBatches', () => {
  it('splits lines like readline across chunk boundaries (LF, CRLF, CR, no final newline)', async () => {
    const chunks = ['a\r', '\nb\n', '\nc', 'd\re\r', '\n', 'é😀', 'f'];
    const out: string[] = [];
    for await (const batch of openLineBatches(undefined, Readable.from(chunks.map((c) => Buffer.from(c)))))
      out.push(...batch);
    expect(out).toEqual(['a', 'b', '', 'cd', 'e', 'é😀f']);
  });

  it('decodes a character split across chunks, and invalid UTF-8 as U+FFFD', async () => {
    const bytes = Buffer.from('aé😀\nb');
    const chunks = [...bytes].map((b) => Buffer.from([b])); // one byte per chunk
    chunks.push(Buffer.from([10, 0xff, 0x41]));
    const out: string[] = [];
    for await (const batch of openLineBatches(undefined, Readable.from(chunks))) out.push(...batch);
    expect(out).toEqual(['aé😀', 'b', '\uFFFDA']);
  });
});

describe('openByteLineBatches', () => {
  it('gives each line as the bytes received, joined across chunks', async () => {
    const chunks = ['{"a":1}\r\n{"b":', '"é"}\n', '\n{"c":3}'].map((c) => Buffer.from(c));
    const out: string[] = [];
    for await (const batch of openByteLineBatches(undefined, Readable.from(chunks)))
      for (const line of batch) {
        expect(Buffer.isBuffer(line)).toBe(true);
        out.push(line.toString('hex'));
      }
    expect(out).toEqual(['{"a":1}', '{"b":"é"}', '', '{"c":3}'].map((l) => Buffer.from(l).toString('hex')));
  });
});
