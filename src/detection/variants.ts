/**
 * Automatic spelling variants of pack names, so packs need not list every misspelling.
 * Only for tokens of six letters or more: shorter names have too many real-word neighbours.
 */

/** Common sound-alike substitutions in Indonesian spelling of names (Subianto/Subiyanto, Mahfud/Mahfudz). */
const SUBSTITUTIONS: ReadonlyArray<readonly [string, string]> = [
  ['ie', 'i'],
  ['i', 'ie'],
  ['y', 'i'],
  ['i', 'y'],
  ['iy', 'i'],
  ['ia', 'iya'],
  ['dz', 'd'],
  ['d', 'dz'],
  ['oe', 'u'],
  ['u', 'oe'],
  ['dj', 'j'],
  ['j', 'dj'],
  ['tj', 'c'],
  ['c', 'tj'],
  ['f', 'p'],
  ['v', 'f'],
  ['q', 'k'],
  ['kh', 'k'],
  ['sy', 's'],
  ['ph', 'f'],
  ['th', 't'],
  ['e', 'i'],
  ['o', 'u'],
];

/**
 * Spelling variants of one lower-case name token within edit distance one (deletion, adjacent
 * transposition, doubled letter) plus common sound-alike substitutions. The token itself is not
 * included.
 */
export function spellingVariants(token: string): string[] {
  if (token.length < 6 || !/^[a-z]+$/.test(token)) return [];
  const out = new Set<string>();
  for (let i = 0; i < token.length; i++) {
    out.add(token.slice(0, i) + token.slice(i + 1));
    if (i + 1 < token.length && token[i] !== token[i + 1]) {
      out.add(token.slice(0, i) + token[i + 1] + token[i] + token.slice(i + 2));
    }
    out.add(token.slice(0, i + 1) + token[i] + token.slice(i + 1));
  }
  for (const [from, to] of SUBSTITUTIONS) {
    let at = token.indexOf(from);
    while (at >= 0) {
      out.add(token.slice(0, at) + to + token.slice(at + from.length));
      at = token.indexOf(from, at + 1);
    }
  }
  out.delete(token);
  return [...out].filter((v) => v.length >= 5);
}

/** Splits a hashtag body written in camelCase or with digits into words: `AMINajaDulu` → AMIN aja Dulu. */
export function splitHashtag(body: string): string[] {
  const parts = body
    .replace(/^#/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .split(/[\s_]+/)
    .filter((p) => p.length > 0);
  return parts;
}
