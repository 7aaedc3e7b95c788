import { NUMBER_WORDS, SLANG } from './lexicon.ts';
import { CLASS, type Normalised, type NormBuffer } from './normalise.ts';
import { HASH_SEED, hashStep, lookupCodes, lookupHashed, type Vocab } from './vocab.ts';

/** Token flags (bit set). */
export const TOKEN_HASHTAG = 1;
export const TOKEN_MENTION = 2;
export const TOKEN_NUMBER = 4;
export const TOKEN_GESTURE = 8;
export const TOKEN_ZERO_PADDED = 16;
/** The token follows a sentence or line break (a new clause starts here). */
export const TOKEN_CLAUSE_START = 32;
/** Digits glued to other digits by `.`, `:`, `/` or `-` (a time, date, amount or range). */
export const TOKEN_NUMERIC_COMPOUND = 64;
export const TOKEN_URL = 128;

/** One token of the normalised text; `start`/`end` index the normalised text. */
export type Token = {
  /** Canonical form: slang resolved, number words as digits, leading zeros dropped. */
  key: string;
  /** Surface form in the normalised text. */
  raw: string;
  start: number;
  end: number;
  flags: number;
  clause: number;
};

function isWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0xc0 && c < 0xe000) || c > 0xf8ff;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Canonical key of one surface token. Exported so that pack strings and lexicon phrases go through
 * exactly the same mapping as post text.
 */
export function canonicalToken(raw: string): string {
  const slang = SLANG[raw];
  if (slang !== undefined) return slang;
  const num = NUMBER_WORDS[raw];
  if (num !== undefined) return num;
  const c0 = raw.charCodeAt(0);
  if (isDigit(c0)) {
    let allDigits = true;
    for (let i = 1; i < raw.length; i++) if (!isDigit(raw.charCodeAt(i))) allDigits = false;
    if (allDigits) {
      let k = 0;
      while (k < raw.length - 1 && raw.charCodeAt(k) === 48) k++;
      return k === 0 ? raw : raw.slice(k);
    }
  }
  // Reduplication written with a 2 (ibu2, teman2): the word itself.
  if (raw.length >= 4 && raw.charCodeAt(raw.length - 1) === 50 && !isDigit(raw.charCodeAt(raw.length - 2))) {
    const base = raw.slice(0, -1);
    return SLANG[base] ?? base;
  }
  return raw;
}

/** Splits normalised text into tokens (words, numbers, gesture symbols), skipping URLs. */
export function tokenise(norm: Normalised): Token[] {
  const text = norm.text;
  const n = text.length;
  const tokens: Token[] = [];
  let clause = 0;
  let clauseStart = true;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 0xe001 && c <= 0xe004) {
      tokens.push({
        key: text[i]!,
        raw: text[i]!,
        start: i,
        end: i + 1,
        flags: TOKEN_GESTURE | (clauseStart ? TOKEN_CLAUSE_START : 0),
        clause,
      });
      clauseStart = false;
      i++;
      continue;
    }
    if (!isWord(c)) {
      if (c === 10 || c === 33 || c === 63 || c === 59) {
        clause++;
        clauseStart = true;
      } else if (c === 46 && !(i > 0 && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1)))) {
        clause++;
        clauseStart = true;
      }
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isWord(text.charCodeAt(j))) j++;
    const raw = text.slice(i, j);
    // URLs: skip to the next whitespace.
    if ((raw === 'http' || raw === 'https' || raw === 'www') && (text[j] === ':' || text[j] === '.')) {
      while (j < n && text.charCodeAt(j) !== 32 && text.charCodeAt(j) !== 10) j++;
      i = j;
      continue;
    }
    let flags = clauseStart ? TOKEN_CLAUSE_START : 0;
    clauseStart = false;
    const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
    if (prev === 35) flags |= TOKEN_HASHTAG;
    else if (prev === 64) flags |= TOKEN_MENTION;
    let digits = true;
    for (let k = i; k < j; k++) if (!isDigit(text.charCodeAt(k))) digits = false;
    if (digits) {
      flags |= TOKEN_NUMBER;
      if (raw.length > 1 && raw.charCodeAt(0) === 48) flags |= TOKEN_ZERO_PADDED;
      const before = i >= 2 ? text.charCodeAt(i - 1) : 0;
      const after = j < n ? text.charCodeAt(j) : 0;
      const glue = (x: number) => x === 46 || x === 58 || x === 47 || x === 45 || x === 44;
      if (
        (glue(before) && isDigit(text.charCodeAt(i - 2))) ||
        (glue(after) && j + 1 < n && isDigit(text.charCodeAt(j + 1)))
      )
        flags |= TOKEN_NUMERIC_COMPOUND;
    }
    const key = canonicalToken(raw);
    if (NUMBER_WORDS[raw] !== undefined) flags |= TOKEN_NUMBER;
    tokens.push({ key, raw, start: i, end: j, flags, clause });
    i = j;
  }
  return tokens;
}

/** Tokenises a pack or lexicon phrase into canonical keys. */
export function phraseKeys(norm: Normalised): string[] {
  return tokenise(norm).map((t) => t.key);
}

/**
 * Tokens of one post as parallel typed arrays (struct of arrays), reused for every post. `key` is
 * the interned id of the canonical form (0 for a word no pattern or rule mentions), `surface` the
 * id of the surface form, `num` the value of a number token (−1 otherwise), `cue` the bit set of cue
 * kinds covering the token (filled by the matcher). Offsets index the normalised buffer.
 */
export type TokenBuffer = {
  n: number;
  start: Int32Array;
  end: Int32Array;
  key: Int32Array;
  surface: Int32Array;
  flags: Int32Array;
  clause: Int32Array;
  num: Int32Array;
  cue: Uint32Array;
};

export function createTokenBuffer(capacity = 256): TokenBuffer {
  return {
    n: 0,
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    key: new Int32Array(capacity),
    surface: new Int32Array(capacity),
    flags: new Int32Array(capacity),
    clause: new Int32Array(capacity),
    num: new Int32Array(capacity),
    cue: new Uint32Array(capacity),
  };
}

function growTokens(t: TokenBuffer, min = t.start.length * 2): void {
  let cap = t.start.length * 2;
  while (cap < min) cap *= 2;
  const g = <T extends Int32Array | Uint32Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(cap);
    b.set(a);
    return b;
  };
  t.start = g(t.start);
  t.end = g(t.end);
  t.key = g(t.key);
  t.surface = g(t.surface);
  t.flags = g(t.flags);
  t.clause = g(t.clause);
  t.num = g(t.num);
  t.cue = g(t.cue);
}

/** Makes room for at least `min` tokens (a pass that writes the arrays directly, `scanPost`). */
export function reserveTokens(t: TokenBuffer, min: number): void {
  if (t.start.length < min) growTokens(t, min);
}

function isGlue(x: number): boolean {
  return x === 46 || x === 58 || x === 47 || x === 45 || x === 44;
}

/** Appends the gesture token at `codes[i]` to `out`. */
export function addGestureToken(
  out: TokenBuffer,
  vocab: Vocab,
  codes: Uint16Array,
  i: number,
  clauseStart: boolean,
  clause: number,
): void {
  const t = out.n;
  if (t === out.start.length) growTokens(out);
  const id = lookupCodes(vocab, codes, i, i + 1);
  out.start[t] = i;
  out.end[t] = i + 1;
  out.key[t] = id === 0 ? 0 : vocab.canon[id]!;
  out.surface[t] = id;
  out.flags[t] = TOKEN_GESTURE | (clauseStart ? TOKEN_CLAUSE_START : 0);
  out.clause[t] = clause;
  out.num[t] = -1;
  out.cue[t] = 0;
  out.n = t + 1;
}

/**
 * Writes the key, flags and value of number token `t`, the digits `codes[i..j)` with surface id
 * `surface`. `flags` holds what the caller knows; a glue character and a digit after the number
 * ("08.30") are the caller's to mark (`TOKEN_NUMERIC_COMPOUND`): only it can look past `j`.
 */
export function setNumberToken(
  out: TokenBuffer,
  t: number,
  vocab: Vocab,
  codes: Uint16Array,
  i: number,
  j: number,
  surface: number,
  flags: number,
): void {
  flags |= TOKEN_NUMBER;
  if (j - i > 1 && codes[i] === 48) flags |= TOKEN_ZERO_PADDED;
  const before = i >= 2 ? codes[i - 1]! : 0;
  if (isGlue(before) && isDigit(codes[i - 2]!)) flags |= TOKEN_NUMERIC_COMPOUND;
  let k = i;
  while (k < j - 1 && codes[k] === 48) k++;
  out.key[t] = surface !== 0 ? vocab.canon[surface]! : lookupCodes(vocab, codes, k, j);
  let num = 0;
  for (let m = k; m < j && num <= 1e6; m++) num = num * 10 + codes[m]! - 48;
  out.num[t] = num > 1e6 ? 1e6 : num;
  out.flags[t] = flags;
}

/** Key of a word no pattern or rule knows: the base of a reduplication written with a 2 (`ibu2`), or 0. */
export function unknownWordKey(vocab: Vocab, codes: Uint16Array, i: number, j: number): number {
  if (j - i < 4 || codes[j - 1] !== 50 || isDigit(codes[j - 2]!)) return 0;
  const base = lookupCodes(vocab, codes, i, j - 1);
  return base === 0 ? 0 : vocab.slang[base]!;
}

/**
 * Appends the word token `codes[i..j)` to `out` and returns its index: surface and canonical ids,
 * number value, and the flags the word itself decides. `hash` is the range's FNV-1a hash
 * (`hashStep` from `HASH_SEED`), `digits` whether it has only digits, `flags` what the caller
 * knows (clause start, hashtag, handle). See `setNumberToken` for a glue character after a number.
 */
export function addWordToken(
  out: TokenBuffer,
  vocab: Vocab,
  codes: Uint16Array,
  i: number,
  j: number,
  hash: number,
  digits: boolean,
  flags: number,
  clause: number,
): number {
  const t = out.n;
  if (t === out.start.length) growTokens(out);
  out.n = t + 1;
  const surface = lookupHashed(vocab, codes, i, j, hash);
  out.start[t] = i;
  out.end[t] = j;
  out.surface[t] = surface;
  out.clause[t] = clause;
  out.cue[t] = 0;
  if (digits) setNumberToken(out, t, vocab, codes, i, j, surface, flags);
  else if (surface !== 0) {
    // A number word ("dua") has its value; other words −1.
    const value = vocab.numberWord[surface]!;
    out.key[t] = vocab.canon[surface]!;
    out.flags[t] = value >= 0 ? flags | TOKEN_NUMBER : flags;
    out.num[t] = value;
  } else {
    out.key[t] = unknownWordKey(vocab, codes, i, j);
    out.flags[t] = flags;
    out.num[t] = -1;
  }
  return t;
}

/** `codes[i..i+len)` (the word before a `:` or `.`) is `http`, `https` or `www`: a URL starts. */
export function isUrlStart(codes: Uint16Array, i: number, len: number): boolean {
  const c = codes[i];
  return (
    (len === 3 && c === 119 && codes[i + 1] === 119 && codes[i + 2] === 119) ||
    ((len === 4 || len === 5) &&
      c === 104 &&
      codes[i + 1] === 116 &&
      codes[i + 2] === 116 &&
      codes[i + 3] === 112 &&
      (len === 4 || codes[i + 4] === 115))
  );
}

/**
 * Same tokenisation as `tokenise`, into `out` with integer keys: no string and no object per token.
 * Number tokens get their value (digits parsed directly; values above 1e6 are clamped).
 */
export function tokeniseInto(norm: NormBuffer, vocab: Vocab, out: TokenBuffer): void {
  const codes = norm.codes;
  const n = norm.length;
  out.n = 0;
  let clause = 0;
  let clauseStart = true;
  let i = 0;
  while (i < n) {
    const c = codes[i]!;
    if (c >= 0xe001 && c <= 0xe004) {
      addGestureToken(out, vocab, codes, i, clauseStart, clause);
      clauseStart = false;
      i++;
      continue;
    }
    if (!isWord(c)) {
      if (c === 10 || c === 33 || c === 63 || c === 59) {
        clause++;
        clauseStart = true;
      } else if (c === 46 && !(i > 0 && isDigit(codes[i - 1]!) && i + 1 < n && isDigit(codes[i + 1]!))) {
        clause++;
        clauseStart = true;
      }
      i++;
      continue;
    }
    let j = i + 1;
    let digits = isDigit(c);
    let hash = hashStep(HASH_SEED, c);
    const cls = CLASS;
    while (j < n) {
      const d = codes[j]!;
      const k = cls[d]!;
      if (k === 0) break;
      if (k === 1) digits = false;
      hash = Math.imul(hash ^ d, 0x01000193);
      j++;
    }
    // URLs: skip to the next whitespace.
    if (j < n && (codes[j] === 58 || codes[j] === 46) && isUrlStart(codes, i, j - i)) {
      while (j < n && codes[j] !== 32 && codes[j] !== 10) j++;
      i = j;
      continue;
    }
    let flags = clauseStart ? TOKEN_CLAUSE_START : 0;
    clauseStart = false;
    const prev = i > 0 ? codes[i - 1]! : 0;
    if (prev === 35) flags |= TOKEN_HASHTAG;
    else if (prev === 64) flags |= TOKEN_MENTION;
    const t = addWordToken(out, vocab, codes, i, j, hash, digits, flags, clause);
    if (digits && j + 1 < n && isGlue(codes[j]!) && isDigit(codes[j + 1]!))
      out.flags[t]! |= TOKEN_NUMERIC_COMPOUND;
    i = j;
  }
}
