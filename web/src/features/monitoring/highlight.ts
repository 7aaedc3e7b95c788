/** Splits a text into plain and highlighted parts by signal spans (UTF-16 offsets, may overlap). */
export function highlightSegments(
  text: string,
  signals: readonly { start: number; end: number; kind: string }[],
): { text: string; kinds: string[] | null }[] {
  const spans = signals
    .filter((s) => s.start >= 0 && s.end > s.start && s.end <= text.length)
    .map((s) => ({ ...s }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: { start: number; end: number; kinds: string[] }[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      if (!last.kinds.includes(s.kind)) last.kinds.push(s.kind);
    } else merged.push({ start: s.start, end: s.end, kinds: [s.kind] });
  }
  const out: { text: string; kinds: string[] | null }[] = [];
  let at = 0;
  for (const m of merged) {
    if (m.start > at) out.push({ text: text.slice(at, m.start), kinds: null });
    out.push({ text: text.slice(m.start, m.end), kinds: m.kinds });
    at = m.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), kinds: null });
  return out;
}
