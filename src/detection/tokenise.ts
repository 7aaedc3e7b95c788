import { NUMBER_WORDS, SLANG } from './lexicon.ts';
import type { Normalised } from './normalise.ts';

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
