import { CLASS, foldCodePoint, type NormBuffer, reserveNormBuffer } from './normalise.ts';
import {
  addGestureToken,
  isUrlStart,
  reserveTokens,
  setNumberToken,
  TOKEN_CLAUSE_START,
  TOKEN_HASHTAG,
  TOKEN_MENTION,
  TOKEN_NUMBER,
  TOKEN_NUMERIC_COMPOUND,
  type TokenBuffer,
  unknownWordKey,
} from './tokenise.ts';
import { HASH_SEED, lookupHashed, type Vocab } from './vocab.ts';

/**
 * Normalisation and tokenisation of one post in a single pass over its text, for the engine's hot
 * path: the same buffer and tokens as `normaliseInto` then `tokeniseInto`, about a fifth cheaper
 * (one read of the text instead of two to four passes over it; docs/benchmarks.md).
 *
 * The pass folds each character, collapses letter runs as it goes (`mantaaap` → `mantap`), and cuts
 * and looks up tokens as their words end. It gives up (returns null; run the two steps instead)
 * when a later normalisation step could change the text: a digit directly before a letter
 * (leetspeak, `pr4bowo`) or three or more one-letter words (spaced letters, `G a n j a r`). Both
 * are rare in real posts.
 */

/**
 * Each ASCII unit folded as step 1 of `normalise` does, with the class of the result above it:
 * `unit | CLASS[unit] << 8` (one table read for both). 0 for CR, which needs the general path.
 */
const ASCII_INFO = new Uint16Array(128);
for (let c = 0; c < 128; c++) {
  const o = c >= 65 && c <= 90 ? c + 32 : (c < 32 && c !== 10) || c === 127 ? 32 : c;
  ASCII_INFO[c] = o | (CLASS[o]! << 8);
}
ASCII_INFO[13] = 0;

function isGlue(x: number): boolean {
  return x === 46 || x === 58 || x === 47 || x === 45 || x === 44;
}

/** Recomputes the hash of `codes[i..j)` (after a collapse removed units of a word). */
function hashOf(codes: Uint16Array, i: number, j: number): number {
  let h = HASH_SEED;
  for (let k = i; k < j; k++) h = Math.imul(h ^ codes[k]!, 0x01000193);
  return h;
}

/**
 * Normalises `text` into the shared normalisation buffer and tokenises it into `out`. Returns the
 * buffer, or null when the post needs the full normalisation (see the module comment); `out` and
 * the buffer are then garbage.
 */
export function scanPost(text: string, vocab: Vocab, out: TokenBuffer): NormBuffer | null {
  const len = text.length;
  let buf = reserveNormBuffer(len + 16);
  let codes = buf.codes;
  let start = buf.start;
  let end = buf.end;
  const cls = CLASS;
  const { canon, numberWord } = vocab;
  // Token arrays are written directly (a call per token was a third of the pass): there is room
  // for a token per unit, and the arrays are read again whenever the buffer grows.
  reserveTokens(out, codes.length);
  let tStart = out.start;
  let tEnd = out.end;
  let tKey = out.key;
  let tSurface = out.surface;
  let tFlags = out.flags;
  let tClause = out.clause;
  let tNum = out.num;
  let tCue = out.cue;
  let tn = 0;
  let n = 0;
  // The word being read: its first unit (−1 = none), hash, only digits, units collapsed away.
  let ws = -1;
  let hash = 0;
  let digits = false;
  let collapsed = false;
  // The run of one letter being read (collapsed from its third unit on).
  let runChar = -1;
  let runLen = 0;
  /** Class of the previous folded unit (a letter after a digit gives up). */
  let prevK = 0;
  let singles = 0;
  let clause = 0;
  let clauseStart = true;
  // Decided by the unit after a `.` after a digit (a decimal point is no clause end) and after a
  // glue character that ends a number ("08.30": a compound number).
  let pendingDot = false;
  let pendingCompound = -1;
  /** Inside a URL: no tokens until white space. */
  let url = false;
  // Folded units of a non-ASCII code point or a CR not yet handled, and their original range.
  let pend = '';
  let pk = 0;
  let st = 0;
  let en = 0;
  let i = 0;
  let atEnd = false;
  /** The folded ASCII unit that ended the tight word loop below (0 = none): not read again. */
  let carried = 0;
  for (;;) {
    let o: number;
    if (carried !== 0) {
      o = carried;
      carried = 0;
      st = i;
      en = ++i;
    } else if (pk < pend.length) o = pend.charCodeAt(pk++);
    else if (i < len) {
      const c = text.charCodeAt(i);
      o = c < 128 ? ASCII_INFO[c]! & 255 : 0;
      if (o !== 0) {
        st = i;
        en = ++i;
      } else {
        st = i;
        if (c === 13) {
          // CR LF → one newline covering both; bare CR → newline.
          en = text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
          pend = '\n';
        } else {
          const cp = text.codePointAt(i)!;
          en = i + (cp > 0xffff ? 2 : 1);
          pend = foldCodePoint(cp);
          if (n + pend.length + (len - en) + 16 > codes.length) {
            buf = reserveNormBuffer(n + pend.length + (len - en) + 16);
            codes = buf.codes;
            start = buf.start;
            end = buf.end;
            reserveTokens(out, codes.length);
            tStart = out.start;
            tEnd = out.end;
            tKey = out.key;
            tSurface = out.surface;
            tFlags = out.flags;
            tClause = out.clause;
            tNum = out.num;
            tCue = out.cue;
          }
        }
        i = en;
        pk = 0;
        continue;
      }
    } else if (ws >= 0) {
      // The end of the text ends the last word, like a space would (the space is not written).
      o = 32;
      atEnd = true;
    } else break;

    const k = cls[o]!;
    if (pendingDot) {
      pendingDot = false;
      if (k !== 2) {
        clause++;
        clauseStart = true;
      }
    }
    if (pendingCompound >= 0) {
      if (k === 2) tFlags[pendingCompound]! |= TOKEN_NUMERIC_COMPOUND;
      pendingCompound = -1;
    }

    if (k !== 0) {
      // A word unit: letter (1) or digit (2).
      if (k === 1) {
        if (prevK === 2) return null;
        if (o === runChar) {
          if (++runLen >= 3) {
            // The third unit of a run: the run becomes one unit covering all of it.
            if (runLen === 3) n--;
            end[n - 1] = en;
            collapsed = true;
            continue;
          }
        } else {
          runChar = o;
          runLen = 1;
        }
      } else runChar = -1;
      if (ws < 0) {
        ws = n;
        hash = HASH_SEED;
        digits = true;
        collapsed = false;
      }
      if (k === 1) digits = false;
      hash = Math.imul(hash ^ o, 0x01000193);
      codes[n] = o;
      start[n] = st;
      end[n++] = en;
      prevK = k;
      // The rest of the word while it is plain ASCII: the same steps in a tight loop.
      if (pk < pend.length) continue;
      while (i < len) {
        const c = text.charCodeAt(i);
        if (c >= 128) break;
        const info = ASCII_INFO[c]!;
        if (info < 256) {
          // A non-word unit (or a CR, 0): handled by the loop above.
          carried = info;
          break;
        }
        const a = info & 255;
        const ka = info >> 8;
        if (ka === 1) {
          if (prevK === 2) return null;
          digits = false;
          if (a === runChar) {
            if (++runLen >= 3) {
              if (runLen === 3) n--;
              end[n - 1] = ++i;
              collapsed = true;
              continue;
            }
          } else {
            runChar = a;
            runLen = 1;
          }
        } else runChar = -1;
        hash = Math.imul(hash ^ a, 0x01000193);
        codes[n] = a;
        start[n] = i;
        end[n++] = ++i;
        prevK = ka;
      }
      continue;
    }

    runChar = -1;
    prevK = 0;
    if (ws >= 0) {
      // The word ends before this unit.
      const w = ws;
      ws = -1;
      if (n - w === 1 && cls[codes[w]!] === 1) singles++;
      if (!url) {
        if ((o === 58 || o === 46) && isUrlStart(codes, w, n - w)) url = true;
        else {
          let flags = clauseStart ? TOKEN_CLAUSE_START : 0;
          clauseStart = false;
          const prev = w > 0 ? codes[w - 1]! : 0;
          if (prev === 35) flags |= TOKEN_HASHTAG;
          else if (prev === 64) flags |= TOKEN_MENTION;
          // The word token, as `addWordToken` writes it.
          const surface = lookupHashed(vocab, codes, w, n, collapsed ? hashOf(codes, w, n) : hash);
          const t = tn++;
          tStart[t] = w;
          tEnd[t] = n;
          tSurface[t] = surface;
          tClause[t] = clause;
          tCue[t] = 0;
          if (digits) {
            setNumberToken(out, t, vocab, codes, w, n, surface, flags);
            if (isGlue(o)) pendingCompound = t;
          } else if (surface !== 0) {
            const value = numberWord[surface]!;
            tKey[t] = canon[surface]!;
            tFlags[t] = value >= 0 ? flags | TOKEN_NUMBER : flags;
            tNum[t] = value;
          } else {
            tKey[t] = unknownWordKey(vocab, codes, w, n);
            tFlags[t] = flags;
            tNum[t] = -1;
          }
        }
      }
      if (atEnd) break;
    }
    codes[n] = o;
    start[n] = st;
    end[n++] = en;
    if (url) {
      if (o !== 32 && o !== 10) continue;
      url = false;
    }
    if (o >= 0xe001 && o <= 0xe004) {
      out.n = tn;
      addGestureToken(out, vocab, codes, n - 1, clauseStart, clause);
      tn = out.n;
      clauseStart = false;
    } else if (o === 10 || o === 33 || o === 63 || o === 59) {
      clause++;
      clauseStart = true;
    } else if (o === 46) {
      if (n >= 2 && cls[codes[n - 2]!] === 2) pendingDot = true;
      else {
        clause++;
        clauseStart = true;
      }
    }
  }
  out.n = tn;
  // Three one-letter words may be spaced letters to join (`G a n j a r`): the full steps decide.
  if (singles >= 3) return null;
  buf.length = n;
  return buf;
}
