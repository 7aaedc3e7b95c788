/**
 * Offset-preserving normalisation of informal Indonesian text.
 *
 * The output is lower-case ASCII letters and digits, ASCII punctuation, `\n`, spaces, and four
 * private-use characters standing for hand-gesture emoji. Every output character remembers the
 * UTF-16 range of the original text it came from, so a match in the normalised text maps back to
 * exactly the characters the user typed (for highlighting in the review UI).
 *
 * Steps, in this order (the order makes the function idempotent):
 * 1. fold each code point: case, accents, compatibility forms (𝗔𝗠𝗜𝗡 → amin), keycaps (2️⃣ → 2),
 *    drop variation selectors, skin tones and zero-width joiners, gesture emoji → private chars,
 *    other symbols and punctuation outside ASCII → space;
 * 2. leetspeak inside words (pr4bowo → prabowo, h3ra → hera, 4nies → anies);
 * 3. collapse letters repeated three or more times (mantaaap → mantap);
 * 4. join runs of three or more single letters (G a n j a r, P.r.a.b.o.w.o → ganjar, prabowo);
 * 5. collapse again (joining can create new repeats).
 *
 * Performance: the engine calls `normaliseInto`, which works in place on module-level typed
 * buffers that grow as needed and are reused for every post (no allocation per character or per
 * post once warm). `normalise` wraps it and copies the result out.
 */

/** Private-use stand-ins for gesture emoji: ☝ one finger, ✌ two, 🤟 three, 🤘 metal. */
export const GESTURE_ONE = '\uE001';
export const GESTURE_TWO = '\uE002';
export const GESTURE_THREE = '\uE003';
export const GESTURE_METAL = '\uE004';

/** Normalised text with, per output character, the original UTF-16 range `[start, end)`. */
export type Normalised = {
  text: string;
  start: Int32Array;
  end: Int32Array;
};

/**
 * The shared working buffers of `normaliseInto`: `codes[0..length)` are the normalised UTF-16
 * units, `start`/`end` their original ranges. Valid until the next call; fields are replaced when
 * the buffers grow, so read them after the call.
 */
export type NormBuffer = { codes: Uint16Array; start: Int32Array; end: Int32Array; length: number };

/** Leetspeak digit → letter code (0 = none). */
const LEET = new Uint8Array(128);
LEET[48] = 111; // 0 → o
LEET[49] = 105; // 1 → i
LEET[51] = 101; // 3 → e
LEET[52] = 97; // 4 → a
LEET[53] = 115; // 5 → s
LEET[55] = 116; // 7 → t
LEET[57] = 103; // 9 → g

const foldCache = new Map<number, string>();
/**
 * A direct-mapped cache in front of `foldCache` (posts repeat the same few emoji and accented
 * letters; a typed-array probe is cheaper than a `Map` lookup): slot `cp & 4095` holds the code
 * point last folded there and its result.
 */
const recentCp = new Int32Array(4096).fill(-1);
const recentOut: string[] = new Array(4096).fill('');

/** Folded form of one code point (step 1), cached. */
export function foldCodePoint(cp: number): string {
  const slot = cp & 4095;
  if (recentCp[slot] === cp) return recentOut[slot]!;
  const out = foldUncached(cp);
  recentCp[slot] = cp;
  recentOut[slot] = out;
  return out;
}

function foldUncached(cp: number): string {
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  let out: string;
  switch (cp) {
    case 0x261d:
    case 0x1f446:
      out = GESTURE_ONE;
      break;
    case 0x270c:
      out = GESTURE_TWO;
      break;
    case 0x1f91f:
      out = GESTURE_THREE;
      break;
    case 0x1f918:
      out = GESTURE_METAL;
      break;
    case 0xe001:
    case 0xe002:
    case 0xe003:
    case 0xe004:
      out = String.fromCharCode(cp);
      break;
    case 0x2028:
    case 0x2029:
    case 0x0085:
      out = '\n';
      break;
    default: {
      if (
        cp === 0xfe0f ||
        cp === 0xfe0e ||
        cp === 0x20e3 ||
        (cp >= 0x200b && cp <= 0x200f) ||
        (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
        cp === 0x2060 ||
        cp === 0xfeff ||
        (cp >= 0xe0020 && cp <= 0xe007f)
      ) {
        out = '';
        break;
      }
      const ch = String.fromCodePoint(cp);
      const folded = ch.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFKC').toLowerCase();
      if (/^[a-z0-9]+$/.test(folded)) out = folded;
      else if (/^\p{L}+$/u.test(folded) && !/[\uE000-\uF8FF]/.test(folded)) out = folded;
      else if (/^\s+$/u.test(ch)) out = ' ';
      else if (/^[\x21-\x7e]+$/.test(folded)) out = folded;
      else out = ' ';
    }
  }
  foldCache.set(cp, out);
  return out;
}

/** Character class of every UTF-16 unit of normalised text: 1 letter, 2 digit, 0 other. */
export const CLASS = new Uint8Array(65536);
for (let c = 0; c < 65536; c++)
  CLASS[c] =
    c >= 48 && c <= 57 ? 2 : (c >= 97 && c <= 122) || (c >= 0xc0 && c < 0xe000) || c > 0xf8ff ? 1 : 0;

function isLetter(c: number): boolean {
  return CLASS[c] === 1;
}
function isWordChar(c: number): boolean {
  return CLASS[c] !== 0;
}

const buf: NormBuffer = {
  codes: new Uint16Array(1024),
  start: new Int32Array(1024),
  end: new Int32Array(1024),
  length: 0,
};
let drop = new Uint8Array(1024);

function grow(min: number): void {
  let cap = buf.codes.length;
  while (cap < min) cap *= 2;
  const codes = new Uint16Array(cap);
  const start = new Int32Array(cap);
  const end = new Int32Array(cap);
  codes.set(buf.codes);
  start.set(buf.start);
  end.set(buf.end);
  buf.codes = codes;
  buf.start = start;
  buf.end = end;
  drop = new Uint8Array(cap);
}

/**
 * The shared buffer with room for at least `min` units, for a pass that writes it directly
 * (`scanPost`); set its `length` when done.
 */
export function reserveNormBuffer(min: number): NormBuffer {
  if (buf.codes.length < min) grow(min);
  return buf;
}

/**
 * Set by `scanFlags`: some digit is directly followed by a letter. Every change `deLeet` makes
 * needs one (a digit between letters, or a leading digit before ≥ 3 letters), so without it
 * `deLeet` is skipped (`ibu2`, `pagi2` do not set it).
 */
let foldMixed = false;
/** Set by `fold`: some letter occurs three times in a row (collapse needed). */
let foldTriple = false;

/** Set by `fold`: three one-letter words one separator apart (joinSpaced needed). */
let foldSpaced = false;

/** Scans the folded units once for the three flags. */
function scanFlags(n: number): void {
  const codes = buf.codes;
  const cls = CLASS;
  let mixed = false;
  let triple = false;
  let spaced = false;
  let prevClass = 0;
  let lastSingle = -3;
  let chain = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    const k = cls[c]!;
    if (k === 1) {
      if (prevClass === 1) {
        // The same letter three times in a row (the previous two are then letters too).
        if (i >= 2 && c === codes[i - 1] && c === codes[i - 2]) triple = true;
      } else if (prevClass === 2) {
        mixed = true;
      } else if (i + 1 >= n || cls[codes[i + 1]!] === 0) {
        // A one-letter word; three of them one separator apart is what joinSpaced joins.
        chain = lastSingle === i - 2 && isJoinSeparator(codes[i - 1]!) ? chain + 1 : 1;
        if (chain >= 3) spaced = true;
        lastSingle = i;
      }
    }
    prevClass = k;
  }
  foldMixed = mixed;
  foldTriple = triple;
  foldSpaced = spaced;
}

/** Step 1: per code point folding into the buffer; returns the output length. */
function fold(text: string): number {
  const len = text.length;
  if (buf.codes.length < len + 16) grow(len + 16);
  let codes = buf.codes;
  let start = buf.start;
  let end = buf.end;
  let n = 0;
  for (let i = 0; i < len; ) {
    const c = text.charCodeAt(i);
    // Fast path for ASCII: one input unit → one output unit.
    if (c < 128) {
      let o = c;
      if (c >= 65 && c <= 90) o = c + 32;
      else if (c === 13) {
        // CR LF → one newline covering both; bare CR → newline.
        codes[n] = 10;
        start[n] = i;
        if (text.charCodeAt(i + 1) === 10) {
          end[n++] = i + 2;
          i += 2;
        } else {
          end[n++] = i + 1;
          i++;
        }
        continue;
      } else if ((c < 32 && c !== 10) || c === 127) o = 32;
      codes[n] = o;
      start[n] = i;
      end[n++] = i + 1;
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const out = foldCodePoint(cp);
    if (n + out.length + (len - i) + 16 > codes.length) {
      grow(n + out.length + (len - i) + 16);
      codes = buf.codes;
      start = buf.start;
      end = buf.end;
    }
    for (let k = 0; k < out.length; k++) {
      codes[n] = out.charCodeAt(k);
      start[n] = i;
      end[n++] = i + width;
    }
    i += width;
  }
  return n;
}

/** Step 2: leetspeak digits inside words (in place); returns whether anything changed. */
function deLeet(n: number): boolean {
  const codes = buf.codes;
  let changed = false;
  let i = 0;
  while (i < n) {
    if (!isWordChar(codes[i]!)) {
      i++;
      continue;
    }
    let j = i;
    let letters = 0;
    while (j < n && isWordChar(codes[j]!)) {
      if (isLetter(codes[j]!)) letters++;
      j++;
    }
    if (letters >= 2 && letters < j - i) {
      // Digits between two letters first, then a leading digit (its run of letters may have grown),
      // then a trailing digit of a word that had an inner one (`s4mudr4`, not `ibu2` or `tps3`).
      let inner = false;
      for (let k = i + 1; k < j - 1; k++) {
        const c = codes[k]!;
        if (c < 128 && LEET[c] !== 0 && isLetter(codes[k - 1]!) && isLetter(codes[k + 1]!)) {
          codes[k] = LEET[c]!;
          changed = true;
          inner = true;
        }
      }
      const last = codes[j - 1]!;
      if (inner && last < 128 && LEET[last] !== 0 && isLetter(codes[j - 2]!)) {
        codes[j - 1] = LEET[last]!;
      }
      const lead = codes[i]!;
      if (lead < 128 && LEET[lead] !== 0) {
        let run = 0;
        for (let m = i + 1; m < j && isLetter(codes[m]!); m++) run++;
        if (run >= 3) {
          codes[i] = LEET[lead]!;
          changed = true;
        }
      }
    }
    i = j;
  }
  return changed;
}

/** Steps 3 and 5: letters repeated ≥3 times collapse to one that covers the run (in place). */
function collapse(n: number): number {
  const { codes, start, end } = buf;
  let w = 0;
  let i = 0;
  while (i < n) {
    const c = codes[i]!;
    let j = i + 1;
    if (isLetter(c)) while (j < n && codes[j] === c) j++;
    if (j - i >= 3) {
      codes[w] = c;
      start[w] = start[i]!;
      end[w++] = end[j - 1]!;
    } else {
      for (let k = i; k < j; k++) {
        codes[w] = codes[k]!;
        start[w] = start[k]!;
        end[w++] = end[k]!;
      }
    }
    i = j;
  }
  return w;
}

function isJoinSeparator(c: number): boolean {
  return c === 32 || c === 46 || c === 45 || c === 95;
}

function singleAt(codes: Uint16Array, n: number, k: number): boolean {
  return (
    k >= 0 &&
    k < n &&
    isLetter(codes[k]!) &&
    (k === 0 || !isWordChar(codes[k - 1]!)) &&
    (k + 1 >= n || !isWordChar(codes[k + 1]!))
  );
}

/** Step 4: join runs of ≥3 single letters separated by one space, dot, hyphen or underscore. */
function joinSpaced(n: number): number {
  const { codes, start, end } = buf;
  let any = false;
  let i = 0;
  while (i < n) {
    // Skip to the next word of exactly one letter.
    if (!isWordChar(codes[i]!)) {
      i++;
      continue;
    }
    if (i + 1 < n && isWordChar(codes[i + 1]!)) {
      i += 2;
      while (i < n && isWordChar(codes[i]!)) i++;
      continue;
    }
    if (!singleAt(codes, n, i)) {
      i++;
      continue;
    }
    let count = 1;
    let k = i;
    while (k + 2 < n && isJoinSeparator(codes[k + 1]!) && singleAt(codes, n, k + 2)) {
      k += 2;
      count++;
    }
    if (count >= 3) {
      if (!any) drop.fill(0, 0, n);
      for (let m = i + 1; m < k; m += 2) drop[m] = 1;
      any = true;
    }
    i = k + 1;
  }
  if (!any) return n;
  let w = 0;
  for (let m = 0; m < n; m++)
    if (!drop[m]) {
      codes[w] = codes[m]!;
      start[w] = start[m]!;
      end[w++] = end[m]!;
    }
  return w;
}

/**
 * Normalises `text` into the shared buffer (see `NormBuffer`) and returns it. No allocation once
 * the buffers have grown to the longest post seen.
 */
export function normaliseInto(text: string): NormBuffer {
  let n = fold(text);
  scanFlags(n);
  // Each step is skipped when it cannot change anything (the result is the same): as long as no
  // step changed the folded text, the flags found by `scanFlags` still describe it.
  let changed = foldMixed && deLeet(n);
  if (changed || foldTriple) {
    const collapsed = collapse(n);
    if (collapsed !== n) changed = true;
    n = collapsed;
  }
  // deLeet and collapse can create one-letter words, so joinSpaced runs after any change.
  if (changed || foldSpaced) {
    const joined = joinSpaced(n);
    if (joined !== n) n = collapse(joined);
  }
  buf.length = n;
  return buf;
}

/**
 * Reference for tests: every step run unconditionally (no skipping), copied out. `normalise` must
 * give exactly the same text and offsets for any input.
 */
export function normaliseEveryStep(text: string): Normalised {
  let n = fold(text);
  deLeet(n);
  n = collapse(n);
  n = collapse(joinSpaced(n));
  return { text: codesToString(buf.codes, 0, n), start: buf.start.slice(0, n), end: buf.end.slice(0, n) };
}

/** The normalised units `[from, to)` of a buffer as a string. */
export function codesToString(codes: Uint16Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i += 4096)
    s += String.fromCharCode.apply(null, codes.subarray(i, Math.min(to, i + 4096)) as unknown as number[]);
  return s;
}

/**
 * Normalises `text` (see the module comment). Pure, deterministic and idempotent:
 * `normalise(normalise(x).text).text === normalise(x).text`.
 */
export function normalise(text: string): Normalised {
  const b = normaliseInto(text);
  return {
    text: codesToString(b.codes, 0, b.length),
    start: b.start.slice(0, b.length),
    end: b.end.slice(0, b.length),
  };
}
