import { type CompiledPacks, childOf, LIST_MENTION, type TrieNode } from './compile-packs.ts';
import { ENCLITICS } from './lexicon.ts';
import type { NormBuffer } from './normalise.ts';
import { TOKEN_HASHTAG, TOKEN_MENTION, TOKEN_NUMBER, type TokenBuffer } from './tokenise.ts';
import { lookupCodes } from './vocab.ts';

/**
 * Hits of one post as parallel typed arrays, reused for every post: hit `h` found payload list
 * `list[h]` (see `CompiledPacks.lists`) at tokens `[from, to)`, normalised text `[start, end)`;
 * `inTag[h]` is 1 inside a hashtag or @handle body. Order: by token, then pattern creation order,
 * then enclitic and hashtag-substring hits.
 */
export type HitBuffer = {
  n: number;
  list: Int32Array;
  from: Int32Array;
  to: Int32Array;
  start: Int32Array;
  end: Int32Array;
  inTag: Uint8Array;
  /** Bit set of all cue kinds that count somewhere in the post. */
  cueAny: number;
  /** OR of `LIST_*` flags of all hits. */
  flagsAny: number;
};

export function createHitBuffer(capacity = 64): HitBuffer {
  return {
    n: 0,
    list: new Int32Array(capacity),
    from: new Int32Array(capacity),
    to: new Int32Array(capacity),
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    inTag: new Uint8Array(capacity),
    cueAny: 0,
    flagsAny: 0,
  };
}

function growHits(h: HitBuffer): void {
  const cap = h.list.length * 2;
  const g = <T extends Int32Array | Uint8Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(cap);
    b.set(a);
    return b;
  };
  h.list = g(h.list);
  h.from = g(h.from);
  h.to = g(h.to);
  h.start = g(h.start);
  h.end = g(h.end);
  h.inTag = g(h.inTag);
}

function pushHit(
  c: CompiledPacks,
  hits: HitBuffer,
  tokens: TokenBuffer,
  list: number,
  from: number,
  to: number,
  start: number,
  end: number,
  inTag: boolean,
): void {
  const k = hits.n;
  if (k === hits.list.length) growHits(hits);
  hits.list[k] = list;
  hits.from[k] = from;
  hits.to[k] = to;
  hits.start[k] = start;
  hits.end[k] = end;
  hits.inTag[k] = inTag ? 1 : 0;
  hits.n = k + 1;
  const bits = inTag ? c.listTagCue[list]! : c.listCue[list]!;
  if (bits !== 0) {
    for (let t = from; t < to; t++) tokens.cue[t] = (tokens.cue[t]! | bits) >>> 0;
    hits.cueAny = (hits.cueAny | bits) >>> 0;
  }
  hits.flagsAny |= c.listFlags[list]!;
}

const ENCLITIC_CODES = [...ENCLITICS]
  .sort((a, b) => b.length - a.length)
  .map((e) => Array.from(e, (ch) => ch.charCodeAt(0)));
/** 1 for the last letter of some enclitic: most words end otherwise and are rejected at once. */
const ENCLITIC_LAST = new Uint8Array(128);
for (const e of ENCLITICS) ENCLITIC_LAST[e.charCodeAt(e.length - 1)] = 1;

/**
 * One pass over the tokens: every pack term and cue phrase (token trie over canonical keys), names
 * with enclitics (`Prabowonya`, `capresku`), and substrings of hashtag and handle bodies
 * (`#relawanGAMA`, `#prabowogibran2024`). Marks each token's cue bits. No allocation per token.
 */
export function matchTokens(c: CompiledPacks, norm: NormBuffer, tokens: TokenBuffer, hits: HitBuffer): void {
  hits.n = 0;
  hits.cueAny = 0;
  hits.flagsAny = 0;
  const { firstNode, nodeList, hasChildren, edges, follows, encliticNode } = c.trie;
  const n = tokens.n;
  const { key, flags: tokenFlags, start: tokenStart, end: tokenEnd } = tokens;
  for (let i = 0; i < n; i++) {
    const k0 = key[i]!;
    const flags = tokenFlags[i]!;
    let found = false;
    const root = k0 === 0 ? -1 : firstNode[k0]!;
    if (root >= 0) {
      const inTag = (flags & (TOKEN_HASHTAG | TOKEN_MENTION)) !== 0;
      const first = hits.n;
      let node = root;
      let j = i;
      for (;;) {
        const li = nodeList[node]!;
        if (li >= 0) {
          pushHit(c, hits, tokens, li, i, j + 1, tokenStart[i]!, tokenEnd[j]!, inTag);
          found = true;
        }
        if (hasChildren[node] === 0 || j + 1 >= n) break;
        const kn = key[j + 1]!;
        if (follows[kn] === 0) break;
        const child = childOf(edges, node, kn);
        if (child < 0) break;
        node = child;
        j++;
      }
      // Same order as a list of patterns by creation: sort this token's hits by list index.
      if (hits.n - first > 1) sortHits(hits, first, hits.n);
    }
    if (!found) {
      // A name with an enclitic: known words have their stem precomputed, unknown ones are tried.
      const stemNode =
        k0 !== 0
          ? encliticNode[k0]!
          : (flags & TOKEN_NUMBER) !== 0
            ? -1
            : unknownEncliticStem(c, norm, tokens, i);
      if (stemNode >= 0) {
        const li = nodeList[stemNode]!;
        if (li >= 0) pushHit(c, hits, tokens, li, i, i + 1, tokenStart[i]!, tokenEnd[i]!, false);
      }
    }
    if ((flags & (TOKEN_HASHTAG | TOKEN_MENTION)) !== 0 && tokenEnd[i]! - tokenStart[i]! >= 4)
      scanTag(c, norm, tokens, i, hits);
  }
}

/**
 * Trie node of the stem of the unknown word (key 0, not a number) at token `i` before an enclitic,
 * or −1 (words of ≥ 6 letters only). Its key is its surface (or the surface without a
 * reduplication 2).
 */
function unknownEncliticStem(c: CompiledPacks, norm: NormBuffer, tokens: TokenBuffer, i: number): number {
  const codes = norm.codes;
  const s = tokens.start[i]!;
  let e = tokens.end[i]!;
  if (e - s >= 4 && codes[e - 1] === 50 && !(codes[e - 2]! >= 48 && codes[e - 2]! <= 57)) e--;
  if (e - s < 6) return -1;
  const last = codes[e - 1]!;
  if (last >= 128 || ENCLITIC_LAST[last] === 0) return -1;
  for (const enc of ENCLITIC_CODES) {
    const len = enc.length;
    if (e - s - len < 4) continue;
    let ok = true;
    for (let m = 0; m < len; m++)
      if (codes[e - len + m] !== enc[m]) {
        ok = false;
        break;
      }
    if (!ok) continue;
    const stem = lookupCodes(c.vocab, codes, s, e - len);
    if (stem !== 0 && c.trie.firstNode[stem]! >= 0) return c.trie.firstNode[stem]!;
  }
  return -1;
}

function sortHits(h: HitBuffer, from: number, to: number): void {
  for (let a = from + 1; a < to; a++) {
    for (let b = a; b > from && h.list[b - 1]! > h.list[b]!; b--) {
      const swap = (arr: Int32Array | Uint8Array) => {
        const t = arr[b]!;
        arr[b] = arr[b - 1]!;
        arr[b - 1] = t;
      };
      swap(h.list);
      swap(h.from);
      swap(h.to);
      swap(h.start);
      swap(h.end);
      swap(h.inTag);
    }
  }
}

/** Substring search of a hashtag/handle body against the compact (character) trie. */
function scanTag(
  c: CompiledPacks,
  norm: NormBuffer,
  tokens: TokenBuffer,
  index: number,
  hits: HitBuffer,
): void {
  const codes = norm.codes;
  const ts = tokens.start[index]!;
  const te = tokens.end[index]!;
  let cut = te;
  while (cut > ts && codes[cut - 1]! >= 48 && codes[cut - 1]! <= 57) cut--;
  const n = cut - ts;
  const whole = cut === te;
  for (let s = 0; s < n; s++) {
    let node: TrieNode = c.compact;
    for (let k = s; k < n; k++) {
      const nxt = node.next.get(codes[ts + k]!);
      if (!nxt) break;
      node = nxt;
      if (node.payloads && (s === 0 || k === n - 1 || k - s + 1 >= 6)) {
        // The whole body equal to a single-token pattern was already matched as a token.
        if (s === 0 && k === n - 1 && whole) {
          const surface = tokens.surface[index]!;
          if (surface !== 0 && c.trie.firstNode[surface]! >= 0) continue;
        }
        pushHit(c, hits, tokens, c.compactList.get(node)!, index, index + 1, ts + s, ts + k + 1, true);
      }
    }
  }
}

/** True when some hit refers to a contestant or party (a pack term, not just a cue). */
export function anyMention(hits: HitBuffer): boolean {
  return (hits.flagsAny & LIST_MENTION) !== 0;
}
