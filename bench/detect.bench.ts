/**
 * `npm run bench:detect` — detection throughput and pack compilation (docs/benchmarks.md).
 *
 * 1. Generates a seeded corpus of N posts (default 1,000,000; 10–600 characters) into a temp dir:
 *    `--corpus mixed` (default: 80 % everyday, 15 % political but neutral, 5 % partisan posts) or
 *    `--corpus dense` (the first generator: word salad, a quarter of the posts get flagged).
 * 2. Parse-only floor: read the file line by line (the CLI's batched reader), JSON.parse each line,
 *    write a minimal result line (the CLI's buffered writer).
 * 3. Scan: the same loop, but run the detector and write the full result line (the CLI's serialiser).
 *    Both on one thread in this Node process; prints posts/s and scan time / floor time.
 * 4. Compiles 546 packs at once (1 national + 545 regional contests, 1,553 pairs): time and memory.
 *
 * Options: --posts N (default 1000000), --seed S (default 42), --corpus mixed|dense, --keep.
 */

import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDetector } from '../src/detection/detect.ts';
import { serialiseResult } from '../src/detection/serialise.ts';
import { openLineBatches, openWriter } from '../src/features/detection/detection.io.ts';
import { makeMixedPost, makePacks, makePost, mixedPool, prng } from './generate-posts.ts';

const { values } = parseArgs({
  options: {
    posts: { type: 'string' },
    seed: { type: 'string' },
    corpus: { type: 'string' },
    keep: { type: 'boolean' },
  },
});
const corpusKind = values.corpus ?? 'mixed';
if (corpusKind !== 'mixed' && corpusKind !== 'dense') throw new Error('--corpus must be mixed or dense');
const N = Number(values.posts ?? 1_000_000);
const seed = Number(values.seed ?? 42);
const dir = mkdtempSync(join(tmpdir(), 'netra-bench-'));

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  let buf = '';
  for (const l of lines) {
    buf += `${l}\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

/**
 * One pass over the corpus with the CLI's own I/O path (`netra scan`): lines in batches per read
 * chunk, results buffered and written in 64 KiB blocks, back-pressure awaited once per batch.
 */
async function pass(input: string, output: string, each: (line: string) => string): Promise<number> {
  const started = process.hrtime.bigint();
  const out = openWriter(output, process.stdout);
  for await (const batch of openLineBatches(input, process.stdin)) {
    let pending: Promise<void> | undefined;
    for (const line of batch) {
      const p = out.write(each(line));
      if (p) pending = p;
    }
    if (pending) await pending;
  }
  await out.close();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const packs = makePacks(seed);
const national = packs[0]!;
const names = national.contestants.flatMap((c) => [...c.names, ...c.aliases, ...c.hashtags]);
const active = packs.slice(0, 21);
const pool = mixedPool(active);

// --- corpus ---
const rand = prng(seed);
const corpus = join(dir, 'posts.jsonl');
const genStart = Date.now();
await writeLines(
  corpus,
  (function* () {
    for (let i = 0; i < N; i++)
      yield corpusKind === 'dense' ? makePost(rand, i, names) : makeMixedPost(rand, i, pool);
  })(),
);
console.log(
  `corpus (${corpusKind}): ${N.toLocaleString('en')} posts in ${dir} (${((Date.now() - genStart) / 1000).toFixed(1)} s)`,
);

// --- scan vs. floor (national pack + 20 regional packs active, as one office would run) ---
const detector = createDetector(active);
let flagged = 0;
let withSignals = 0;
const floor = await pass(corpus, join(dir, 'floor.jsonl'), (line) => {
  const post = JSON.parse(line) as { id: string };
  return JSON.stringify({ id: post.id, flag: false });
});
const scan = await pass(corpus, join(dir, 'scan.jsonl'), (line) => {
  const post = JSON.parse(line) as { id: string; text: string };
  const result = detector.detect(post);
  if (result.flag) flagged++;
  if (result.signals.length > 0) withSignals++;
  return serialiseResult(result);
});
console.log(`parse-only floor: ${(N / floor).toFixed(0)} posts/s (${floor.toFixed(2)} s)`);
console.log(`scan:             ${(N / scan).toFixed(0)} posts/s (${scan.toFixed(2)} s), one thread`);
console.log(`ratio scan/floor: ${(scan / floor).toFixed(2)}`);
console.log(
  `flagged: ${((100 * flagged) / N).toFixed(1)} % of posts; with any signal: ${((100 * withSignals) / N).toFixed(1)} %`,
);

// --- compile 546 packs ---
globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const compileStart = process.hrtime.bigint();
const all = createDetector(packs);
const compileSecs = Number(process.hrtime.bigint() - compileStart) / 1e9;
const heapAfter = process.memoryUsage().heapUsed;
const pairs = packs.slice(1).reduce((s, p) => s + p.contestants.length, 0);
console.log(
  `compile: ${packs.length} packs (${pairs.toLocaleString('en')} regional pairs), ${all.compiled.patternCount.toLocaleString('en')} patterns ` +
    `in ${compileSecs.toFixed(2)} s; heap +${((heapAfter - heapBefore) / 1e6).toFixed(0)} MB, ` +
    `rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
);
console.log(`node ${process.version}, ${process.arch}`);
if (!values.keep) rmSync(dir, { recursive: true, force: true });
