import { type CompiledPacks, CUE_KINDS } from './compile-packs.ts';
import { type Evidence, FEATURES } from './context-rules.ts';

/**
 * Working memory of the context rules, as parallel typed arrays reused for every post (the engine
 * is synchronous): cue occurrences, mentions, and per-target sums. A post with a ✌️ and a few
 * colleague names yields dozens of mentions (one per active pack with that gesture or name); as
 * objects they were most of the rules' cost, and only the few that end up as evidence need one.
 */

/** Cue occurrences of one post, chained by cue kind in hit order. */
export type CueOccurrences = {
  n: number;
  from: Int32Array;
  to: Int32Array;
  start: Int32Array;
  end: Int32Array;
  label: string[];
  /** Next occurrence of the same kind, −1 after the last. */
  next: Int32Array;
  /** By cue ordinal (`CUE_ORD`): first and last occurrence (−1 = none) and how many. */
  first: Int32Array;
  last: Int32Array;
  count: Int32Array;
};

/** Mentions of contestants and parties of one post, in the order the rules find them. */
export type Mentions = {
  n: number;
  pack: Int32Array;
  /** Index in `CompiledPacks.targets`. */
  target: Int32Array;
  /** Ordinal in `MENTION_ROLES`. */
  role: Int32Array;
  weight: Float64Array;
  /** Token range and normalised-text range. */
  from: Int32Array;
  to: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** The pack string; for a ballot number `null` (the label is `nomor <num>`, built on demand). */
  label: (string | null)[];
  num: Int32Array;
  /** Next mention of the same target, −1 after the last. */
  next: Int32Array;
};

/**
 * Evidence per target (contestant or party of a pack), valid where `stamp` equals `epoch`: so a
 * new post starts by bumping `epoch` instead of clearing the arrays.
 */
export type TargetSums = {
  epoch: number;
  stamp: Int32Array;
  best: Float64Array;
  ev: Float64Array;
  roles: Int32Array;
  nRoles: Int32Array;
  /** First and last mention of the target (chain through `Mentions.next`). */
  head: Int32Array;
  tail: Int32Array;
  /** Equal to `epoch` when a negative call ("jangan pilih …") names the target. */
  opposed: Int32Array;
  /** Targets in order of first mention. */
  order: Int32Array;
  orderN: number;
  /** Per pack: `epoch` when mentioned, best target evidence; packs in order of first mention. */
  packStamp: Int32Array;
  packScore: Float64Array;
  packOrder: Int32Array;
  packN: number;
  /** Scratch for ranking one pack's targets. */
  rank: Int32Array;
};

export type RuleBuffers = {
  /** Feature vector and evidence per feature of the last post (see `analyse`). */
  x: Float64Array;
  evidence: Evidence[][];
  /** Features whose evidence list the last post used (cleared for the next one). */
  evidenceUsed: Int32Array;
  evidenceUsedN: number;
  cues: CueOccurrences;
  mentions: Mentions;
  sums: TargetSums;
  /** Hits that name a pack's voting day. */
  dayHits: Int32Array;
  dayN: number;
};

export function createRuleBuffers(c: CompiledPacks): RuleBuffers {
  const kinds = CUE_KINDS.length;
  const targets = c.targets.id.length;
  const packs = c.packs.length;
  const cap = 64;
  return {
    x: new Float64Array(FEATURES.length),
    evidence: Array.from({ length: FEATURES.length }, () => []),
    evidenceUsed: new Int32Array(FEATURES.length),
    evidenceUsedN: 0,
    cues: {
      n: 0,
      from: new Int32Array(cap),
      to: new Int32Array(cap),
      start: new Int32Array(cap),
      end: new Int32Array(cap),
      label: [],
      next: new Int32Array(cap),
      first: new Int32Array(kinds).fill(-1),
      last: new Int32Array(kinds).fill(-1),
      count: new Int32Array(kinds),
    },
    mentions: {
      n: 0,
      pack: new Int32Array(cap),
      target: new Int32Array(cap),
      role: new Int32Array(cap),
      weight: new Float64Array(cap),
      from: new Int32Array(cap),
      to: new Int32Array(cap),
      start: new Int32Array(cap),
      end: new Int32Array(cap),
      label: [],
      num: new Int32Array(cap),
      next: new Int32Array(cap),
    },
    sums: {
      epoch: 0,
      stamp: new Int32Array(targets),
      best: new Float64Array(targets),
      ev: new Float64Array(targets),
      roles: new Int32Array(targets),
      nRoles: new Int32Array(targets),
      head: new Int32Array(targets),
      tail: new Int32Array(targets),
      opposed: new Int32Array(targets),
      order: new Int32Array(targets),
      orderN: 0,
      packStamp: new Int32Array(packs),
      packScore: new Float64Array(packs),
      packOrder: new Int32Array(packs),
      packN: 0,
      rank: new Int32Array(targets),
    },
    dayHits: new Int32Array(16),
    dayN: 0,
  };
}

/** A copy of `a` twice as long (same element type). */
function doubled<T extends Int32Array | Float64Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

/** Starts a post: no feature, evidence, cue occurrence or mention, no target or pack seen. */
export function clearRuleBuffers(r: RuleBuffers): void {
  r.x.fill(0);
  // A fresh empty list is cheaper than truncating one (setting `length` is a runtime call).
  for (let q = 0; q < r.evidenceUsedN; q++) r.evidence[r.evidenceUsed[q]!] = [];
  r.evidenceUsedN = 0;
  const cues = r.cues;
  cues.n = 0;
  cues.first.fill(-1);
  cues.last.fill(-1);
  cues.count.fill(0);
  r.mentions.n = 0;
  r.dayN = 0;
  const sums = r.sums;
  // Stamps hold earlier epochs; start over long before the 32-bit range runs out.
  if (sums.epoch >= 0x3fffffff) {
    sums.epoch = 0;
    sums.stamp.fill(0);
    sums.opposed.fill(0);
    sums.packStamp.fill(0);
  }
  sums.epoch++;
  sums.orderN = 0;
  sums.packN = 0;
}

/** Makes room for at least `min` cue occurrences (callers may then write the arrays directly). */
export function reserveCues(cues: CueOccurrences, min: number): void {
  while (cues.from.length < min) {
    cues.from = doubled(cues.from);
    cues.to = doubled(cues.to);
    cues.start = doubled(cues.start);
    cues.end = doubled(cues.end);
    cues.next = doubled(cues.next);
  }
}

/** Unlinks occurrence `o` of kind `kind`, whose predecessor in the chain is `prev` (−1 = none). */
export function removeCue(cues: CueOccurrences, kind: number, o: number, prev: number): void {
  const next = cues.next[o]!;
  if (prev < 0) cues.first[kind] = next;
  else cues.next[prev] = next;
  if (cues.last[kind] === o) cues.last[kind] = prev;
  cues.count[kind]!--;
}

/** Makes room for at least `min` mentions (callers may then write the arrays directly). */
export function reserveMentions(m: Mentions, min: number): void {
  while (m.pack.length < min) {
    m.pack = doubled(m.pack);
    m.target = doubled(m.target);
    m.role = doubled(m.role);
    m.weight = doubled(m.weight);
    m.from = doubled(m.from);
    m.to = doubled(m.to);
    m.start = doubled(m.start);
    m.end = doubled(m.end);
    m.num = doubled(m.num);
    m.next = doubled(m.next);
  }
}

/** Appends a mention; `label` null means ballot number `num`. */
export function addMention(
  m: Mentions,
  pack: number,
  target: number,
  role: number,
  weight: number,
  from: number,
  to: number,
  start: number,
  end: number,
  label: string | null,
  num: number,
): void {
  const k = m.n;
  if (k === m.pack.length) reserveMentions(m, k + 1);
  m.pack[k] = pack;
  m.target[k] = target;
  m.role[k] = role;
  m.weight[k] = weight;
  m.from[k] = from;
  m.to[k] = to;
  m.start[k] = start;
  m.end[k] = end;
  m.label[k] = label;
  m.num[k] = num;
  m.next[k] = -1;
  m.n = k + 1;
}

/** Label of mention `k` for evidence: the pack string, or `nomor <n>` for a ballot number. */
export function mentionLabel(m: Mentions, k: number): string {
  return m.label[k] ?? `nomor ${m.num[k]}`;
}

/** Appends hit `h` to the voting-day hits. */
export function addDayHit(r: RuleBuffers, h: number): void {
  if (r.dayN === r.dayHits.length) r.dayHits = doubled(r.dayHits);
  r.dayHits[r.dayN++] = h;
}
