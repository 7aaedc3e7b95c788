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
import { normaliseInto } from './normalise.ts';
import { createRuleBuffers } from './rule-buffers.ts';
import { checkModel, type Model, scoreCategory, scoreFlag } from './score.ts';
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

function stripCue(kind: string): string {
  return kind.startsWith('cue:') ? kind.slice(4) : kind;
}

/** Local calendar date of an ISO date-time as written (its own UTC offset), `YYYY-MM-DD`. */
function localDate(postedAt: string | undefined): string | null {
  if (!postedAt) return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(postedAt);
  return m ? m[1]! : null;
}

/** Stage code of the pack on the post's local date, or null. */
export function stageOf(pack: Pack | undefined, postedAt: string | undefined): string | null {
  const date = localDate(postedAt);
  if (!pack || !date) return null;
  for (const s of pack.stages) if (date >= s.start && date <= s.end) return s.code;
  return null;
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

  /** normalise → tokenise → one automaton pass; null when the post cannot refer to anyone. */
  const analyseText = (text: string, full = false): Analysis | null => {
    view.text = text;
    view.norm = normaliseInto(text);
    tokeniseInto(view.norm, compiled.vocab, view.tokens);
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
    const { score, contributions } = scoreFlag(model, analysis.x);
    const norm = view.norm;
    const flag = hasReference(analysis) && score >= threshold;
    const pack = analysis.pack >= 0 ? compiled.packs[analysis.pack] : undefined;
    let category: Category | null = null;
    let catContrib: Float64Array | null = null;
    if (flag) {
      const c = scoreCategory(model, analysis.x);
      category = c.category;
      catContrib = c.contributions;
    }

    // Signals: mentions first, then the cues that pushed the score up, then frames that held it down.
    const signals: Signal[] = [];
    const ns = norm.start;
    const ne = norm.end;
    /** Adds a signal unless it is empty or repeats an earlier one's span and kind. */
    const push = (e: Evidence, kind: string, w: number) => {
      const s = ns[e.start] ?? 0;
      const en = ne[Math.max(e.start, e.end - 1)] ?? s;
      if (en <= s) return;
      for (let q = 0; q < signals.length; q++) {
        const o = signals[q]!;
        if (o.start === s && o.end === en && o.kind === kind) return;
      }
      signals.push({ kind, text: text.slice(s, en), start: s, end: en, weight: Math.round(w * 100) / 100 });
    };
    const surface = (e: Evidence): string => {
      const s = ns[e.start] ?? 0;
      return text.slice(s, ne[Math.max(e.start, e.end - 1)] ?? s);
    };
    const evidence = analysis.evidence;
    const allMentions = evidence[MENTION]!;
    const mentionEv =
      allMentions.length <= 1
        ? allMentions
        : [...allMentions].sort((a, b) => b.weight - a.weight).slice(0, 4);
    for (const e of mentionEv) push(e, e.kind, e.weight);
    const order: { i: number; c: number }[] = [];
    for (let i = 0; i < FEATURE_COUNT; i++)
      if (i !== MENTION && evidence[i]!.length > 0)
        order.push({ i, c: contributions[i]! + (catContrib ? catContrib[i]! * 0.5 : 0) });
    if (order.length > 1) order.sort((a, b) => b.c - a.c);
    const support: string[] = mentionEv.map(surface);
    for (const { i, c } of order) {
      if (c <= 0) continue;
      const list = evidence[i]!;
      for (let q = 0; q < list.length && q < 2; q++) {
        const e = list[q]!;
        push(e, stripCue(e.kind), contributions[i]! / Math.max(1, list.length));
        if (support.length < 5) support.push(surface(e));
      }
      if (signals.length >= 8) break;
    }
    const frames: string[] = [];
    for (let r = order.length - 1; r >= 0; r--) {
      const { i, c } = order[r]!;
      if (c >= 0 || !NEGATIVE_FRAME[i]) continue;
      frames.push(FEATURES[i]!);
      const e = evidence[i]![0];
      if (e) push(e, `frame:${stripCue(e.kind)}`, contributions[i]!);
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
        targets: flag ? analysis.targets : analysis.targets,
        opposed: analysis.opposed,
        support,
        frames,
      }),
      stage: stageOf(pack, post.posted_at),
    };
  };

  const analyseOnly = (text: string): Analysis => analyseText(text, true)!;
  return { compiled, model, threshold, detect, analyse: analyseOnly };
}
