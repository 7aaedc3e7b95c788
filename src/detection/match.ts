import type { CompiledPacks, Payload } from './compile-packs.ts';
import { ENCLITICS } from './lexicon.ts';
import { TOKEN_HASHTAG, TOKEN_MENTION, type Token } from './tokenise.ts';

/** A pattern found in a post: tokens `[from, to)`, normalised text `[start, end)`. */
export type Hit = {
  payloads: Payload[];
  from: number;
  to: number;
  start: number;
  end: number;
  /** Found inside a hashtag or @handle body. */
  inTag: boolean;
};

const ENCLITIC_LIST = [...ENCLITICS].sort((a, b) => b.length - a.length);

function matchAt(compiled: CompiledPacks, tokens: Token[], i: number, key: string, out: Hit[]): boolean {
  const list = compiled.byFirst.get(key);
  if (!list) return false;
  let found = false;
  const first = tokens[i]!;
  for (const p of list) {
    const len = p.keys.length;
    if (i + len > tokens.length) continue;
    let ok = true;
    for (let k = 1; k < len; k++) {
      if (tokens[i + k]!.key !== p.keys[k]) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    const last = tokens[i + len - 1]!;
    out.push({
      payloads: p.payloads,
      from: i,
      to: i + len,
      start: first.start,
      end: last.end,
      inTag: (first.flags & (TOKEN_HASHTAG | TOKEN_MENTION)) !== 0,
    });
    found = true;
  }
  return found;
}

/**
 * Finds every pack term and cue phrase in the tokens: phrase matches on canonical keys, names with
 * enclitics (`Prabowonya`, `capresku`), and substrings of hashtag and handle bodies
 * (`#relawanGAMA`, `#prabowogibran2024`).
 */
export function findHits(compiled: CompiledPacks, tokens: Token[]): Hit[] {
  const hits: Hit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const found = matchAt(compiled, tokens, i, t.key, hits);
    if (!found && t.key.length >= 6) {
      for (const e of ENCLITIC_LIST) {
        if (t.key.endsWith(e) && t.key.length - e.length >= 4) {
          const stem = t.key.slice(0, -e.length);
          const list = compiled.byFirst.get(stem);
          if (list) {
            for (const p of list)
              if (p.keys.length === 1)
                hits.push({
                  payloads: p.payloads,
                  from: i,
                  to: i + 1,
                  start: t.start,
                  end: t.end,
                  inTag: false,
                });
            break;
          }
        }
      }
    }
    if ((t.flags & (TOKEN_HASHTAG | TOKEN_MENTION)) !== 0 && t.raw.length >= 4) scanTag(compiled, t, i, hits);
  }
  return hits;
}

/** Substring search of a hashtag/handle body against the compact trie. */
function scanTag(compiled: CompiledPacks, t: Token, index: number, hits: Hit[]): void {
  let body = t.raw;
  let cut = body.length;
  while (cut > 0 && body.charCodeAt(cut - 1) >= 48 && body.charCodeAt(cut - 1) <= 57) cut--;
  body = body.slice(0, cut);
  const n = body.length;
  for (let s = 0; s < n; s++) {
    let node = compiled.compact;
    for (let k = s; k < n; k++) {
      const nxt = node.next.get(body.charCodeAt(k));
      if (!nxt) break;
      node = nxt;
      if (node.payloads && (s === 0 || k === n - 1 || k - s + 1 >= 6)) {
        // The whole body equal to a single-token pattern was already matched as a token.
        if (s === 0 && k === n - 1 && cut === t.raw.length && compiled.byFirst.has(body)) continue;
        hits.push({
          payloads: node.payloads,
          from: index,
          to: index + 1,
          start: t.start + s,
          end: t.start + k + 1,
          inTag: true,
        });
      }
    }
  }
}
