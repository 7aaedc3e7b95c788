/**
 * Typo tolerance for name search (pure). A name word with one slip of the finger — a letter
 * changed, dropped, added, or two letters swapped — is one edit away from the word meant
 * (Damerau–Levenshtein distance 1). `singleEdits` lists every such neighbour so the name
 * dictionary can be probed by primary key; trigram similarity alone misses short words ("Sri" →
 * "Sai" shares one trigram of seven) and may rank the word meant below similar longer ones.
 */

/** Letters tried for substitutions and insertions: Indonesian names are written in Latin letters. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Every word one edit from `word` (lower case): deletions, adjacent transpositions, substitutions
 * and insertions, without `word` itself and without duplicates. About 54·n + 25 strings for n letters.
 */
export function singleEdits(word: string): string[] {
  const w = word.toLowerCase();
  const out = new Set<string>();
  for (let i = 0; i <= w.length; i++) {
    const head = w.slice(0, i);
    const tail = w.slice(i);
    if (tail) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of ALPHABET) {
      if (tail) out.add(head + c + tail.slice(1));
      out.add(head + c + tail);
    }
  }
  out.delete(w);
  out.delete('');
  return [...out];
}

/** Optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) =>
    Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= m; i++)
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[m]![n]!;
}

/**
 * Orders dictionary words proposed for one query word: fewest edits first, then higher trigram
 * similarity (when known), then alphabetically; keeps at most `max`. Words more than
 * `maxDistance` edits away are kept only when nothing closer exists (a badly mangled word still
 * gets its most similar dictionary words).
 */
export function rankCorrections(
  word: string,
  candidates: { word: string; similarity?: number }[],
  max: number,
  maxDistance = 2,
): string[] {
  const w = word.toLowerCase();
  const seen = new Map<string, { word: string; distance: number; similarity: number }>();
  for (const c of candidates) {
    const prev = seen.get(c.word);
    const similarity = Math.max(prev?.similarity ?? 0, c.similarity ?? 0);
    seen.set(c.word, { word: c.word, distance: editDistance(w, c.word), similarity });
  }
  const all = [...seen.values()].sort(
    (a, b) => a.distance - b.distance || b.similarity - a.similarity || (a.word < b.word ? -1 : 1),
  );
  const close = all.filter((c) => c.distance <= maxDistance);
  return (close.length ? close : all).slice(0, max).map((c) => c.word);
}
