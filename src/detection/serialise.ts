import type { ScanResult } from '../contracts/scan.ts';

/**
 * A JSON string literal, byte-identical to `JSON.stringify(s)`. Plain strings (the usual case: no
 * quote, backslash, control character or surrogate) are copied without escaping work.
 */
export function jsonString(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return `"${s}"`;
}

/**
 * One scan result line (contracts §3), byte-identical to `JSON.stringify(result)` for the fixed
 * shape the engine returns; anything else (an `error` field, a non-string id) goes through
 * `JSON.stringify`. Saves the generic walk over every result of a large scan.
 */
export function serialiseResult(r: ScanResult): string {
  const id = r.id;
  if (
    r.error !== undefined ||
    (typeof id !== 'string' && id !== null) ||
    r.stage === undefined ||
    !Number.isFinite(r.score)
  )
    return JSON.stringify(r);
  let out = `{"id":${id === null ? 'null' : jsonString(id)},"flag":${r.flag},"score":${r.score},"category":${
    r.category === null ? 'null' : jsonString(r.category)
  },"targets":[`;
  const t = r.targets;
  for (let i = 0; i < t.length; i++) out += i === 0 ? jsonString(t[i]!) : `,${jsonString(t[i]!)}`;
  out += `],"pack":${r.pack === null ? 'null' : jsonString(r.pack)},"signals":[`;
  const sig = r.signals;
  for (let i = 0; i < sig.length; i++) {
    const s = sig[i]!;
    if (!Number.isFinite(s.weight)) return JSON.stringify(r);
    out += `${i === 0 ? '' : ','}{"kind":${jsonString(s.kind)},"text":${jsonString(s.text)},"start":${s.start},"end":${s.end},"weight":${s.weight}}`;
  }
  return `${out}],"explanation":${jsonString(r.explanation)},"stage":${r.stage === null ? 'null' : jsonString(r.stage)}}`;
}
