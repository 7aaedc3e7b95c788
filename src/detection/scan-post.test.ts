import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePacks } from './compile-packs.ts';
import { normaliseInto } from './normalise.ts';
import { scanPost } from './scan-post.ts';
import { createTokenBuffer, type TokenBuffer, tokeniseInto } from './tokenise.ts';

const compiled = compilePacks([]);
const vocab = compiled.vocab;

type Snapshot = { codes: number[]; start: number[]; end: number[]; tokens: number[][] };

function tokenRows(t: TokenBuffer): number[][] {
  const rows: number[][] = [];
  for (let k = 0; k < t.n; k++)
    rows.push([t.start[k]!, t.end[k]!, t.key[k]!, t.surface[k]!, t.flags[k]!, t.clause[k]!, t.num[k]!]);
  return rows;
}

/** `normaliseInto` then `tokeniseInto`: the reference `scanPost` must equal. */
function reference(text: string): Snapshot {
  const norm = normaliseInto(text);
  const tokens = createTokenBuffer(4);
  tokeniseInto(norm, vocab, tokens);
  const n = norm.length;
  return {
    codes: Array.from(norm.codes.subarray(0, n)),
    start: Array.from(norm.start.subarray(0, n)),
    end: Array.from(norm.end.subarray(0, n)),
    tokens: tokenRows(tokens),
  };
}

/** `scanPost`, or null when it leaves the post to the full steps. */
function scanned(text: string): Snapshot | null {
  const tokens = createTokenBuffer(4);
  const norm = scanPost(text, vocab, tokens);
  if (!norm) return null;
  const n = norm.length;
  return {
    codes: Array.from(norm.codes.subarray(0, n)),
    start: Array.from(norm.start.subarray(0, n)),
    end: Array.from(norm.end.subarray(0, n)),
    tokens: tokenRows(tokens),
  };
}

/** Pieces that exercise every rule of the pass: case, runs, numbers, glue, URLs, gestures, CR. */
const PIECES = [
  'a',
  'B',
  'x',
  'aa',
  'aaa',
  'AA',
  'ａ',
  '\ufe0f',
  'PPPK',
  'mantaaap',
  'ibu2',
  'pr4bowo',
  '2024an',
  '0',
  '07',
  '08.30',
  '1.000',
  '3,5',
  '10/12',
  '2-3',
  '12:00',
  '.',
  ':',
  ',',
  '-',
  '/',
  '!',
  '?',
  ';',
  '#',
  '@',
  ' ',
  '  ',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '\u0000',
  'http',
  'https',
  'www',
  '://',
  'yang',
  'dua',
  'satu',
  'prabowo',
  'Café',
  'ﬀ',
  '𝗔𝗠𝗜𝗡',
  '✌️',
  '☝🏽',
  '🤟',
  '2️⃣',
  '\u200b',
  '\ud800',
  'Ⅻ',
  '½',
  '\uE001',
];

describe('scanPost', () => {
  it.each([
    'Rapat jam 08.30 di ruang 04, #PPPK 2024 mantaaap ✌️',
    'cek https://x.com/aaab/123 dan www.contoh.id ya\r\nok',
    'harga 1.000.000, naik 3,5% dari 2.5 kemarin.',
    'SALAM 2 JARI!!! pilih no.2? ya.',
  ])('matches normalise + tokenise: %s', (text) => {
    expect(scanned(text)).toEqual(reference(text));
  });

  it('leaves leetspeak and spaced letters to the full normalisation', () => {
    expect(scanned('pr4bowo')).toBeNull();
    expect(scanned('G a n j a r')).toBeNull();
  });

  it('gives the same buffer and tokens as normalise + tokenise whenever it answers', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const got = scanned(text);
        if (got) expect(got).toEqual(reference(text));
      }),
      { numRuns: 20000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const got = scanned(text);
        if (got) expect(got).toEqual(reference(text));
      }),
      { numRuns: 5000 },
    );
  });
});
