import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeMixedPost, makePacks, makePost, mixedPool, prng } from '../../../bench/generate-posts.ts';
import { Pack } from '../../contracts/pack.ts';
import { createDetector } from '../../detection/detect.ts';
import { serialiseResult } from '../../detection/serialise.ts';

/**
 * Output regression check for speed work: the exact result lines (`netra scan` output) for every
 * labelled fixture (all fixture packs active) and 6,000 seeded generated posts must hash to the
 * digest in `test/fixtures/eval/expected-output.sha256`. A speed change must keep it; a change of
 * rules or weights changes it on purpose: then re-run with NETRA_UPDATE_GOLDEN=1 and commit the new
 * digest together with the new figures (docs/detection.md).
 */
const fixture = (path: string) => new URL(`../../../test/fixtures/${path}`, import.meta.url);
const DIGEST = fixture('eval/expected-output.sha256');

function outputLines(): string[] {
  const packs = readdirSync(fixture('packs'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => Pack.parse(JSON.parse(readFileSync(fixture(`packs/${f}`), 'utf8'))));
  const all = createDetector(packs);
  const out: string[] = [];
  for (const f of readdirSync(fixture('eval'))
    .filter((n) => n.endsWith('.jsonl'))
    .sort())
    for (const line of readFileSync(fixture(`eval/${f}`), 'utf8').split('\n'))
      if (line.trim()) out.push(serialiseResult(all.detect(JSON.parse(line))));
  const generated = makePacks(42);
  const active = generated.slice(0, 21);
  const detector = createDetector(active);
  const pool = mixedPool(active);
  let rand = prng(7);
  for (let i = 0; i < 4000; i++)
    out.push(serialiseResult(detector.detect(JSON.parse(makeMixedPost(rand, i, pool)))));
  const names = generated[0]!.contestants.flatMap((c) => [...c.names, ...c.aliases, ...c.hashtags]);
  rand = prng(8);
  for (let i = 0; i < 2000; i++)
    out.push(serialiseResult(detector.detect(JSON.parse(makePost(rand, i, names)))));
  return out;
}

describe('scan output', () => {
  it('is byte-identical to the recorded output (fixtures and generated posts)', () => {
    const lines = outputLines();
    const digest = `${createHash('sha256').update(lines.join('\n')).digest('hex')}  ${lines.length} lines\n`;
    if (process.env.NETRA_UPDATE_GOLDEN === '1') writeFileSync(DIGEST, digest);
    expect(digest).toBe(readFileSync(DIGEST, 'utf8'));
  }, 60_000);
});
