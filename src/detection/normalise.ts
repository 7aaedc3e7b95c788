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

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '9': 'g' };

/** Characters (UTF-16 units) of one working buffer. */
type Buf = { codes: number[]; start: number[]; end: number[] };

const foldCache = new Map<number, string>();

function foldCodePoint(cp: number): string {
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

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xc0 && c < 0xe000) || c > 0xf8ff;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isWordChar(c: number): boolean {
  return isLetter(c) || isDigit(c);
}

function push(buf: Buf, code: number, s: number, e: number): void {
  buf.codes.push(code);
  buf.start.push(s);
  buf.end.push(e);
}

/** Step 1: per code point folding. */
function fold(text: string): Buf {
  const buf: Buf = { codes: [], start: [], end: [] };
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    // Fast path for printable ASCII and common whitespace.
    if (c < 128) {
      if (c >= 65 && c <= 90) push(buf, c + 32, i, i + 1);
      else if (c === 10) push(buf, 10, i, i + 1);
      else if (c === 13) {
        // CR LF → one newline covering both; bare CR → newline.
        if (text.charCodeAt(i + 1) === 10) {
          push(buf, 10, i, i + 2);
          i += 2;
          continue;
        }
        push(buf, 10, i, i + 1);
      } else if (c < 32 || c === 127) push(buf, 32, i, i + 1);
      else push(buf, c, i, i + 1);
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const out = foldCodePoint(cp);
    for (let k = 0; k < out.length; k++) push(buf, out.charCodeAt(k), i, i + width);
    i += width;
  }
  return buf;
}

/** Step 2: leetspeak digits inside words. */
function deLeet(buf: Buf): void {
  const { codes } = buf;
  const n = codes.length;
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
      // Digits between two letters first, then a leading digit (its run of letters may have grown).
      for (let k = i + 1; k < j - 1; k++) {
        const sub = LEET[String.fromCharCode(codes[k]!)];
        if (sub && isLetter(codes[k - 1]!) && isLetter(codes[k + 1]!)) codes[k] = sub.charCodeAt(0);
      }
      const lead = LEET[String.fromCharCode(codes[i]!)];
      if (lead) {
        let run = 0;
        for (let m = i + 1; m < j && isLetter(codes[m]!); m++) run++;
        if (run >= 3) codes[i] = lead.charCodeAt(0);
      }
    }
    i = j;
  }
}

/** Steps 3 and 5: letters repeated ≥3 times collapse to one; the kept letter covers the run. */
function collapse(buf: Buf): Buf {
  const out: Buf = { codes: [], start: [], end: [] };
  const { codes, start, end } = buf;
  const n = codes.length;
  let i = 0;
  while (i < n) {
    const c = codes[i]!;
    let j = i + 1;
    if (isLetter(c)) while (j < n && codes[j] === c) j++;
    if (j - i >= 3) {
      push(out, c, start[i]!, end[j - 1]!);
      i = j;
    } else {
      for (let k = i; k < j; k++) push(out, codes[k]!, start[k]!, end[k]!);
      i = j;
    }
  }
  return out;
}

function isJoinSeparator(c: number): boolean {
  return c === 32 || c === 46 || c === 45 || c === 95;
}

/** Step 4: join runs of ≥3 single letters separated by one space, dot, hyphen or underscore. */
function joinSpaced(buf: Buf): Buf {
  const { codes, start, end } = buf;
  const n = codes.length;
  const singleAt = (k: number): boolean =>
    k >= 0 &&
    k < n &&
    isLetter(codes[k]!) &&
    (k === 0 || !isWordChar(codes[k - 1]!)) &&
    (k + 1 >= n || !isWordChar(codes[k + 1]!));
  const drop = new Uint8Array(n);
  let any = false;
  let i = 0;
  while (i < n) {
    if (!singleAt(i)) {
      i++;
      continue;
    }
    let count = 1;
    let k = i;
    while (k + 2 < n && isJoinSeparator(codes[k + 1]!) && singleAt(k + 2)) {
      k += 2;
      count++;
    }
    if (count >= 3) {
      for (let m = i + 1; m < k; m += 2) drop[m] = 1;
      any = true;
    }
    i = k + 1;
  }
  if (!any) return buf;
  const out: Buf = { codes: [], start: [], end: [] };
  for (let m = 0; m < n; m++) if (!drop[m]) push(out, codes[m]!, start[m]!, end[m]!);
  return out;
}

/**
 * Normalises `text` (see the module comment). Pure, deterministic and idempotent:
 * `normalise(normalise(x).text).text === normalise(x).text`.
 */
export function normalise(text: string): Normalised {
  let buf = fold(text);
  deLeet(buf);
  buf = collapse(buf);
  buf = joinSpaced(buf);
  buf = collapse(buf);
  return {
    text: codesToString(buf.codes),
    start: Int32Array.from(buf.start),
    end: Int32Array.from(buf.end),
  };
}

function codesToString(codes: number[]): string {
  let s = '';
  for (let i = 0; i < codes.length; i += 4096) s += String.fromCharCode(...codes.slice(i, i + 4096));
  return s;
}
