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
 * One scan result line (contracts §3), byte-identical to `JSON.stringify(result)`. V8's own
 * `JSON.stringify` is faster than hand-built strings for results with signals, so it writes those;
 * a result without signals, targets or pack (most posts: nothing refers to a contestant) is written
 * from a cached tail, which is what saves time.
 */
export function serialiseResult(r: ScanResult): string {
  const id = r.id;
  if (
    r.signals.length !== 0 ||
    r.targets.length !== 0 ||
    r.pack !== null ||
    r.category !== null ||
    r.error !== undefined ||
    typeof id !== 'string' ||
    (r.stage !== null && r.stage !== undefined)
  )
    return JSON.stringify(r);
  if (
    r.score !== tailScore ||
    r.explanation !== tailExplanation ||
    r.flag !== tailFlag ||
    r.stage !== tailStage
  ) {
    tailScore = r.score;
    tailExplanation = r.explanation;
    tailFlag = r.flag;
    tailStage = r.stage;
    tail = JSON.stringify({ ...r, id: '' }).slice(8);
  }
  return `{"id":${jsonString(id)}${tail}`;
}

let tail = '';
let tailScore = Number.NaN;
let tailExplanation = '';
let tailFlag = false;
let tailStage: string | null | undefined = null;
