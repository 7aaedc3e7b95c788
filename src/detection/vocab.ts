/**
 * Interned vocabulary: every word the compiled packs and lexicons can compare a token with gets an
 * integer id (1, 2, …; 0 means "a word no pattern or rule mentions"). Lookup hashes a range of
 * UTF-16 units in the normalisation buffer, so the hot path never builds a string per token.
 */
import { canonicalToken } from './tokenise.ts';

export type Vocab = {
  /** Id → string (index 0 is the empty string, "unknown"). */
  words: string[];
  /** Open-addressing table of ids (0 = empty slot); size is a power of two. */
  table: Int32Array;
  /** Id → id of its canonical form (`canonicalToken`). Filled by `sealVocab`. */
  canon: Int32Array;
  /** Id → id of `SLANG[word] ?? word` (reduplication base). Filled by `sealVocab`. */
  slang: Int32Array;
  /** Id → value of a number word (`dua` → 2), −1 otherwise. Filled by `sealVocab`. */
  numberWord: Int32Array;
  /** All words' UTF-16 units back to back; word `id` is `chars[offset[id] .. offset[id + 1])`. */
  chars: Uint16Array;
  offset: Int32Array;
  /**
   * One bit per value of the top 17 bits of a word's hash, set for every interned word (filled by
   * `sealVocab`): most words of a post are in no pattern, and this rejects them with one read of a
   * 16 KiB table instead of a probe of the (larger) id table. Null before sealing.
   */
  filter: Uint32Array | null;
};

/** FNV-1a step; `HASH_SEED` is the empty hash. Exported so a tokeniser can hash while scanning. */
export const HASH_SEED = 0x811c9dc5;
export function hashStep(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

function hashString(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
function hashCodes(codes: Uint16Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ codes[i]!, 0x01000193);
  return h >>> 0;
}

export function createVocab(): Vocab {
  return {
    words: [''],
    table: new Int32Array(1024),
    canon: new Int32Array(0),
    slang: new Int32Array(0),
    numberWord: new Int32Array(0),
    chars: new Uint16Array(0),
    offset: new Int32Array(1),
    filter: null,
  };
}

function rehash(v: Vocab): void {
  const table = new Int32Array(v.table.length * 2);
  const mask = table.length - 1;
  for (let id = 1; id < v.words.length; id++) {
    const w = v.words[id]!;
    let slot = hashString(w, 0, w.length) & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = id;
  }
  v.table = table;
}

/**
 * A vocabulary that starts as a copy of sealed `base` (same ids) and takes more words; seal it with
 * `sealVocab(v, …, base)`. Detectors share their slang and lexicon words this way instead of
 * interning and working them out again for every set of packs.
 */
export function extendVocab(base: Vocab): Vocab {
  return {
    words: base.words.slice(),
    table: base.table.slice(),
    canon: base.canon,
    slang: base.slang,
    numberWord: base.numberWord,
    chars: base.chars,
    offset: base.offset,
    filter: null,
  };
}

/** Id of a string, or 0. */
export function lookupString(v: Vocab, s: string): number {
  const mask = v.table.length - 1;
  let slot = hashString(s, 0, s.length) & mask;
  for (;;) {
    const id = v.table[slot]!;
    if (id === 0) return 0;
    if (v.words[id] === s) return id;
    slot = (slot + 1) & mask;
  }
}

/** Id of `codes[from..to)`, or 0. No allocation. */
export function lookupCodes(v: Vocab, codes: Uint16Array, from: number, to: number): number {
  return lookupHashed(v, codes, from, to, hashCodes(codes, from, to));
}

/** `lookupCodes` with the range's hash already computed (`hashStep` from `HASH_SEED`). */
export function lookupHashed(v: Vocab, codes: Uint16Array, from: number, to: number, hash: number): number {
  const filter = v.filter;
  if (filter !== null) {
    const b = hash >>> 15;
    if ((filter[b >>> 5]! & (1 << (b & 31))) === 0) return 0;
  }
  const table = v.table;
  const mask = table.length - 1;
  const len = to - from;
  const chars = v.chars;
  const offset = v.offset;
  let slot = (hash >>> 0) & mask;
  for (;;) {
    const id = table[slot]!;
    if (id === 0) return 0;
    const a = offset[id]!;
    if (offset[id + 1]! - a === len) {
      let k = 0;
      while (k < len && chars[a + k] === codes[from + k]) k++;
      if (k === len) return id;
    }
    slot = (slot + 1) & mask;
  }
}

/** Id of `s`, adding it when new. */
export function intern(v: Vocab, s: string): number {
  const found = lookupString(v, s);
  if (found !== 0) return found;
  if ((v.words.length + 1) * 2 > v.table.length) rehash(v);
  const id = v.words.length;
  v.words.push(s);
  const mask = v.table.length - 1;
  let slot = hashString(s, 0, s.length) & mask;
  while (v.table[slot] !== 0) slot = (slot + 1) & mask;
  v.table[slot] = id;
  return id;
}

/**
 * Interns the slang and number-word tables and fills `canon`, `slang` and `numberWord` for every
 * word. Call once after all words are interned (canonical forms are interned as they come up).
 * With `base` (a sealed vocabulary that `v` extends, see `extendVocab`), the tables are in already
 * and the words of `base` keep their forms: only the words added since are worked out.
 */
export function sealVocab(
  v: Vocab,
  slangTable: Readonly<Record<string, string>>,
  numberWords: Readonly<Record<string, string>>,
  base?: Vocab,
): void {
  if (!base) {
    for (const [k, val] of Object.entries(slangTable)) {
      intern(v, k);
      intern(v, val);
    }
    for (const [k, val] of Object.entries(numberWords)) {
      intern(v, k);
      intern(v, val);
    }
  }
  // Canonical forms may add words; loop until stable.
  const canon: number[] = base ? Array.from(base.canon) : [0];
  const slang: number[] = base ? Array.from(base.slang) : [0];
  for (let id = base ? base.words.length : 1; id < v.words.length; id++) {
    const w = v.words[id]!;
    canon[id] = intern(v, canonicalToken(w));
    slang[id] = intern(v, slangTable[w] ?? w);
  }
  v.canon = Int32Array.from(canon);
  v.slang = Int32Array.from(slang);
  v.numberWord = new Int32Array(v.words.length).fill(-1);
  const offset = new Int32Array(v.words.length + 1);
  for (let id = 0; id < v.words.length; id++) offset[id + 1] = offset[id]! + v.words[id]!.length;
  const chars = new Uint16Array(offset[v.words.length]!);
  for (let id = 0; id < v.words.length; id++) {
    const w = v.words[id]!;
    for (let k = 0; k < w.length; k++) chars[offset[id]! + k] = w.charCodeAt(k);
  }
  v.chars = chars;
  v.offset = offset;
  const filter = new Uint32Array(4096);
  for (let id = 1; id < v.words.length; id++) {
    const w = v.words[id]!;
    const b = hashString(w, 0, w.length) >>> 15;
    filter[b >>> 5] = (filter[b >>> 5]! | (1 << (b & 31))) >>> 0;
  }
  v.filter = filter;
  for (const [k, val] of Object.entries(numberWords)) v.numberWord[lookupString(v, k)] = Number(val);
}
