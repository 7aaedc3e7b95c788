import type { Pack } from '../contracts/pack.ts';
import type { Category, ScanResult, Signal } from '../contracts/scan.ts';
import { type CompiledPacks, compilePacks } from './compile-packs.ts';
import {
  type Analysis,
  analyse,
  type Evidence,
  FEATURES,
  hasReference,
  mayRefer,
  type PostView,
} from './context-rules.ts';
import defaultModelJson from './data/model.json' with { type: 'json' };
import { explain } from './explain.ts';
import { createHitBuffer, matchTokens } from './match.ts';
import { type NormBuffer, normaliseInto } from './normalise.ts';
import { createRuleBuffers } from './rule-buffers.ts';
import { scanPost } from './scan-post.ts';
import { checkModel, type Model, scoreCategoryInto, scoreFlag, scoreFlagInto } from './score.ts';
import { createTokenBuffer, tokeniseInto } from './tokenise.ts';

/** The input the engine needs from a post (contracts §2); other fields are ignored. */
export type PostInput = { id: string; text: string; posted_at?: string };

export type DetectorOptions = {
  /** Flag threshold on the score (0..1); default: the model's own, chosen on the dev data. */
  threshold?: number;
  /** Learned weights; default: the shipped `data/model.json`. */
  model?: Model;
};

export type Detector = {
  compiled: CompiledPacks;
  model: Model;
  threshold: number;
  /** Scans one post. Never throws for any text. */
  detect(post: PostInput): ScanResult;
  /** Feature vector and evidence, for training and debugging. */
  analyse(text: string): Analysis;
};

/** The model shipped with the engine. */
export const DEFAULT_MODEL: Model = checkModel(defaultModelJson as Model);

const NEGATIVE_FRAME_FEATURES = new Set([
  'news',
  'schedule',
  'civic',
  'neutrality',
  'debunk',
  'complaint',
  'election_body',
  'official_role',
  'anyone',
  'all_contestants',
  'ordinary_person',
  'name_ordinary',
  'name_in_office',
  'prayer',
  'joke',
]);

const FEATURE_COUNT = FEATURES.length;
const MENTION = FEATURES.indexOf('mention');
const ALL_CONTESTANTS = FEATURES.indexOf('all_contestants');
/** By feature index: a frame that lowers the score (shown as `frame:` signals). */
const NEGATIVE_FRAME: boolean[] = FEATURES.map((f) => NEGATIVE_FRAME_FEATURES.has(f));

/** Evidence kinds form a small fixed set: their signal kinds are cached instead of sliced per post. */
const SIGNAL_KIND = new Map<string, string>();
const FRAME_KIND = new Map<string, string>();

/** Signal kind of an evidence kind: `cue:` dropped. */
function stripCue(kind: string): string {
  let out = SIGNAL_KIND.get(kind);
  if (out === undefined) {
    out = kind.startsWith('cue:') ? kind.slice(4) : kind;
    SIGNAL_KIND.set(kind, out);
  }
  return out;
}

/** Signal kind of a frame's evidence kind: `frame:` and the kind without `cue:`. */
function frameKind(kind: string): string {
  let out = FRAME_KIND.get(kind);
  if (out === undefined) {
    out = `frame:${stripCue(kind)}`;
    FRAME_KIND.set(kind, out);
  }
  return out;
}

/** `YYYY-MM-DD` at the start of `s` (what `/^(\d{4}-\d{2}-\d{2})/` matches). */
function startsWithDate(s: string): boolean {
  if (s.length < 10) return false;
  for (let i = 0; i < 10; i++) {
    const c = s.charCodeAt(i);
    if (i === 4 || i === 7 ? c !== 45 : c < 48 || c > 57) return false;
  }
  return true;
}

/** Local calendar date of an ISO date-time as written (its own UTC offset), `YYYY-MM-DD`. */
function localDate(postedAt: string | undefined): string | null {
  if (!postedAt) return null;
  if (typeof postedAt === 'string') return startsWithDate(postedAt) ? postedAt.slice(0, 10) : null;
  // Not a string (a malformed input line): matched as the regular expression reads it.
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(postedAt);
  return m ? m[1]! : null;
}

/** Stage code of the pack on the post's local date, or null. */
export function stageOf(pack: Pack | undefined, postedAt: string | undefined): string | null {
  if (!pack) return null;
  const date = localDate(postedAt);
  if (!date) return null;
  for (const s of pack.stages) if (date >= s.start && date <= s.end) return s.code;
  return null;
}

/** Working memory of `detect` after the rules, reused for every post. */
type ResultBuffers = {
  contributions: Float64Array;
  catContrib: Float64Array;
  /** Features with evidence (other than mentions), by how much they pushed the verdict. */
  order: Int32Array;
  orderValue: Float64Array;
};

function createResultBuffers(): ResultBuffers {
  return {
    contributions: new Float64Array(FEATURE_COUNT),
    catContrib: new Float64Array(FEATURE_COUNT),
    order: new Int32Array(FEATURE_COUNT),
    orderValue: new Float64Array(FEATURE_COUNT),
  };
}

/** Span of evidence `e` in the original text: `[start, end)` of its first and last unit. */
function spanStart(norm: NormBuffer, e: Evidence): number {
  return norm.start[e.start] ?? 0;
}
function spanEnd(norm: NormBuffer, e: Evidence, start: number): number {
  return norm.end[Math.max(e.start, e.end - 1)] ?? start;
}

/** Adds a signal unless it is empty or repeats an earlier one's span and kind. */
function pushSignal(
  signals: Signal[],
  text: string,
  norm: NormBuffer,
  e: Evidence,
  kind: string,
  w: number,
): void {
  const s = spanStart(norm, e);
  const en = spanEnd(norm, e, s);
  if (en <= s) return;
  for (let q = 0; q < signals.length; q++) {
    const o = signals[q]!;
    if (o.start === s && o.end === en && o.kind === kind) return;
  }
  signals.push({ kind, text: text.slice(s, en), start: s, end: en, weight: Math.round(w * 100) / 100 });
}

/** The original text of evidence `e`. */
function surface(text: string, norm: NormBuffer, e: Evidence): string {
  const s = spanStart(norm, e);
  return text.slice(s, spanEnd(norm, e, s));
}

/** The first four mentions by weight (highest first; equal weights keep their order). */
function topMentions(all: Evidence[]): Evidence[] {
  if (all.length <= 1) return all;
  const top: Evidence[] = [];
  for (const e of all) {
    let k = top.length;
    while (k > 0 && top[k - 1]!.weight < e.weight) k--;
    if (k < 4) top.splice(k, 0, e);
    if (top.length > 4) top.length = 4;
  }
  return top;
}

/**
 * The features with evidence other than mentions into `r.order`, sorted by their contribution to
 * the flag (plus half their contribution to the category), highest first and stable; returns how
 * many.
 */
function rankFeatures(evidence: Evidence[][], r: ResultBuffers, withCategory: boolean): number {
  const { order, orderValue, contributions, catContrib } = r;
  let n = 0;
  for (let i = 0; i < FEATURE_COUNT; i++) {
    if (i === MENTION || evidence[i]!.length === 0) continue;
    const c = contributions[i]! + (withCategory ? catContrib[i]! * 0.5 : 0);
    let k = n++;
    while (k > 0 && orderValue[k - 1]! < c) {
      order[k] = order[k - 1]!;
      orderValue[k] = orderValue[k - 1]!;
      k--;
    }
    order[k] = i;
    orderValue[k] = c;
  }
  return n;
}

/**
 * Builds a detector for a set of active packs: compiles them once into one matcher. The returned
 * `detect` is pure and synchronous: normalise → tokenise → match → context rules → score → explain.
 */
export function createDetector(packs: readonly Pack[], options: DetectorOptions = {}): Detector {
  const compiled = compilePacks(packs);
  const model = options.model ? checkModel(options.model) : DEFAULT_MODEL;
  const threshold = options.threshold ?? model.threshold;

  const NO_REFERENCE_SCORE =
    Math.round(scoreFlag(model, new Float64Array(FEATURES.length)).score * 1000) / 1000;

  // Working buffers of this detector, reused for every post (the engine is synchronous).
  const view: PostView = {
    text: '',
    norm: normaliseInto(''),
    tokens: createTokenBuffer(),
    hits: createHitBuffer(),
    rules: createRuleBuffers(compiled),
  };
  const results = createResultBuffers();

  /** normalise → tokenise → one automaton pass; null when the post cannot refer to anyone. */
  const analyseText = (text: string, full = false): Analysis | null => {
    view.text = text;
    const scanned = scanPost(text, compiled.vocab, view.tokens);
    if (scanned) view.norm = scanned;
    else {
      view.norm = normaliseInto(text);
      tokeniseInto(view.norm, compiled.vocab, view.tokens);
    }
    matchTokens(compiled, view.norm, view.tokens, view.hits);
    // Fast path (most posts): no pack term, no candidacy word and no number that reads as a ballot
    // number means no reference, so no flag is possible and the context rules are skipped.
    if (!full && !mayRefer(compiled, view)) return null;
    const analysis = analyse(compiled, view);
    if (!full && !hasReference(analysis)) return null;
    return analysis;
  };

  const detect = (post: PostInput): ScanResult => {
    const text = typeof post.text === 'string' ? post.text : '';
    const analysis = analyseText(text);
    if (!analysis)
      return {
        id: post.id,
        flag: false,
        score: NO_REFERENCE_SCORE,
        category: null,
        targets: [],
        pack: null,
        signals: [],
        explanation: 'Tidak ditandai: tidak menyebut paslon/partai',
        stage: null,
      };
    const r = results;
    const contributions = r.contributions;
    const score = scoreFlagInto(model, analysis.x, contributions);
    const norm = view.norm;
    const flag = hasReference(analysis) && score >= threshold;
    const pack = analysis.pack >= 0 ? compiled.packs[analysis.pack] : undefined;
    const category: Category | null = flag ? scoreCategoryInto(model, analysis.x, r.catContrib) : null;

    // Signals: mentions first, then the cues that pushed the score up, then frames that held it down.
    const signals: Signal[] = [];
    const evidence = analysis.evidence;
    const mentionEv = topMentions(evidence[MENTION]!);
    const support: string[] = [];
    for (const e of mentionEv) {
      pushSignal(signals, text, norm, e, e.kind, e.weight);
      support.push(surface(text, norm, e));
    }
    const n = rankFeatures(evidence, r, flag);
    for (let k = 0; k < n; k++) {
      if (r.orderValue[k]! <= 0) continue;
      const i = r.order[k]!;
      const list = evidence[i]!;
      for (let q = 0; q < list.length && q < 2; q++) {
        const e = list[q]!;
        pushSignal(signals, text, norm, e, stripCue(e.kind), contributions[i]! / Math.max(1, list.length));
        if (support.length < 5) support.push(surface(text, norm, e));
      }
      if (signals.length >= 8) break;
    }
    const frames: string[] = [];
    for (let k = n - 1; k >= 0; k--) {
      const i = r.order[k]!;
      if (r.orderValue[k]! >= 0 || !NEGATIVE_FRAME[i]) continue;
      frames.push(FEATURES[i]!);
      const e = evidence[i]![0];
      if (e) pushSignal(signals, text, norm, e, frameKind(e.kind), contributions[i]!);
      if (frames.length >= 2) break;
    }
    if (analysis.x[ALL_CONTESTANTS]! > 0 && !frames.includes('all_contestants'))
      frames.push('all_contestants');

    const targets = flag ? (analysis.targets.length ? analysis.targets : analysis.opposed) : [];
    return {
      id: post.id,
      flag,
      score: Math.round(score * 1000) / 1000,
      category,
      targets: flag && category === 'pencalonan' ? analysis.targets.filter((t) => /^P/.test(t)) : targets,
      pack: pack?.id ?? null,
      signals,
      explanation: explain({
        flag,
        category,
        pack,
        targets: analysis.targets,
        opposed: analysis.opposed,
        support,
        frames,
      }),
      stage: stageOf(pack, post.posted_at),
    };
  };

  /** For training and debugging: a copy (the rules' own buffers are reused by the next post). */
  const analyseOnly = (text: string): Analysis => {
    const a = analyseText(text, true)!;
    return { ...a, x: a.x.slice(), evidence: a.evidence.map((list) => list.slice()) };
  };
  return { compiled, model, threshold, detect, analyse: analyseOnly };
}
