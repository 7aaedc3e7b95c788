import {
  CAMPAIGN_EVENTS,
  type CompiledPacks,
  CUE_BIT,
  CUE_KINDS,
  CUE_ORD,
  LIST_CAMPAIGN_EVENT,
  LIST_MENTION,
  LIST_PARTICIPATE,
  type MentionRole,
  WORD_NEGATION_EXCUSED,
  WORD_NUMBER_AFTER_BLOCK,
  WORD_NUMBER_BLOCK,
  WORD_NUMBER_INTRO,
} from './compile-packs.ts';
import type { CueKind } from './lexicon.ts';
import type { HitBuffer } from './match.ts';
import type { NormBuffer } from './normalise.ts';
import {
  TOKEN_CLAUSE_START,
  TOKEN_GESTURE,
  TOKEN_HASHTAG,
  TOKEN_NUMBER,
  TOKEN_NUMERIC_COMPOUND,
  TOKEN_ZERO_PADDED,
  type TokenBuffer,
} from './tokenise.ts';

/**
 * Context rules: turn raw hits into weighed evidence and a fixed feature vector.
 *
 * A mention is not support. Rules here decide how much a mention counts (capitals, hashtags,
 * ordinary-word collisions, names next to an office title or a birthday wish), read ballot numbers
 * only in electoral context, find negative calls ("jangan pilih 03"), and describe the frames that
 * make a post neutral (news, schedules, voting socialisation, neutrality reminders, hoax debunking,
 * complaints, election-body work). The scorer weighs the features; every feature keeps the spans
 * that set it, so a flag is always explained by text.
 */

/** Names of the features, in vector order. The model file stores weights in this order. */
export const FEATURES = [
  'mention',
  'mention_strong',
  'mention_second',
  'all_contestants',
  'hashtag',
  'caps_alias',
  'obfuscated',
  'ballot_number',
  'party_target',
  'election_ctx',
  'election_day',
  'vote',
  'invite',
  'negative_call',
  'first_person_vote',
  'stance',
  'praise',
  'hope_win',
  'campaign',
  'attribute',
  'photo',
  'gesture',
  'office',
  'directive',
  'candidacy',
  'news',
  'schedule',
  'civic',
  'neutrality',
  'debunk',
  'complaint',
  'election_body',
  'official_role',
  'anyone',
  'ordinary_person',
  'prayer',
  'joke',
  'share',
  'english',
  'weak_only',
  'name_in_office',
  'name_ordinary',
  'neutral_frames',
  'm_x_support',
  'm_x_call',
  'm_x_neutral',
  'm_x_campaign',
  'm_x_attribute',
  'm_x_office',
  'candidacy_x_first',
  'candidacy_x_party',
  'no_mention_x_call',
  'campaign_team',
  'participation',
  'implicit_ref',
  'wink',
  'candidacy_hint',
] as const;
export type FeatureName = (typeof FEATURES)[number];

/** A piece of evidence located in the normalised text. */
export type Evidence = {
  kind: string;
  start: number;
  end: number;
  weight: number;
  label: string;
  target?: string;
};

/** A contestant or party referred to in the post, after context adjustments. */
export type Mention = {
  pack: number;
  target: string;
  contestant: number;
  role: MentionRole | 'number';
  weight: number;
  from: number;
  to: number;
  start: number;
  end: number;
  label: string;
};

export type Analysis = {
  x: Float64Array;
  /** Evidence that set each feature (by feature index). */
  evidence: Evidence[][];
  pack: number;
  targets: string[];
  opposed: string[];
  mentions: Mention[];
};

const NEUTRAL_FRAMES: CueKind[] = [
  'news',
  'schedule',
  'civic',
  'neutrality',
  'debunk',
  'complaint',
  'election_body',
  'official_role',
  'anyone',
];

/** One bit per mention role, to count the distinct roles that refer to a target. */
const ROLE_BIT: Record<MentionRole | 'number', number> = {
  name: 1,
  name_part: 2,
  titled_name: 4,
  alias: 8,
  acronym: 16,
  slogan: 32,
  hashtag: 64,
  gesture: 128,
  gesture_emoji: 256,
  party: 512,
  party_acronym: 1024,
  coalition: 2048,
  number: 4096,
};

/** Shared empty evidence list of features nothing set (never written to). */
const NO_EVIDENCE: Evidence[] = [];

type CueOcc = { from: number; to: number; start: number; end: number; label: string };

function idx(name: FeatureName): number {
  return FEATURES.indexOf(name);
}
const F: Record<FeatureName, number> = Object.fromEntries(FEATURES.map((n, i) => [n, i])) as Record<
  FeatureName,
  number
>;

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Original text `[a, b)` has ≥ 2 capital ASCII letters and no small ones. */
function isCapsRange(text: string, a: number, b: number): boolean {
  let letters = 0;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) letters++;
  }
  return letters >= 2;
}

function hasAsciiDigit(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** After trimming white space, `[a, b)` still contains white space or a dot (`G a n j a r`). */
function hasInnerSpaceOrDot(text: string, a: number, b: number): boolean {
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || isSpace(c)) return true;
  }
  return false;
}

/** One post as the context rules see it: original text, normalised buffer, tokens and hits. */
export type PostView = { text: string; norm: NormBuffer; tokens: TokenBuffer; hits: HitBuffer };

function near(
  tokens: TokenBuffer,
  bit: number,
  from: number,
  to: number,
  before: number,
  after: number,
): boolean {
  const a = Math.max(0, from - before);
  const b = Math.min(tokens.n, to + after);
  const cue = tokens.cue;
  for (let k = a; k < b; k++) if ((k < from || k >= to) && (cue[k]! & bit) !== 0) return true;
  return false;
}

const ELECTION_CTX_BITS = CUE_BIT.election | CUE_BIT.campaign | CUE_BIT.candidacy;

/**
 * Weight of the number token `i` read as a ballot number (0 = not one), and whether it is read as a
 * finger gesture (`salam 3 jari`). See docs/detection.md, "Ballot numbers".
 */
function numberWeight(
  c: CompiledPacks,
  post: PostView,
  i: number,
  electionCtx: boolean,
  day: boolean,
): number {
  const { tokens, norm, text } = post;
  const flags = tokens.flags[i]!;
  if ((flags & TOKEN_NUMBER) === 0 || (flags & TOKEN_NUMERIC_COMPOUND) !== 0) return 0;
  const value = tokens.num[i]!;
  if (value < 1 || value > c.maxNumber) return 0;
  const n = tokens.n;
  const key = tokens.key;
  const clause = tokens.clause[i]!;
  const wf = c.wordFlags;
  const rw = c.ruleWord;
  const any = post.hits.cueAny;
  const prev = i >= 1 ? key[i - 1]! : -1;
  const prev2 = i >= 2 ? key[i - 2]! : -1;
  const next = i + 1 < n ? key[i + 1]! : -1;
  const prevSame = prev >= 0 && tokens.clause[i - 1] === clause;
  if (prev >= 0 && (wf[prev]! & WORD_NUMBER_BLOCK) !== 0 && prevSame) return 0;
  if (prev2 >= 0 && c.blockPairs.has(prev2 * 2097152 + prev)) return 0;
  const nextIsJari = next >= 0 && next === rw.jari;
  if (
    next >= 0 &&
    (wf[next]! & WORD_NUMBER_AFTER_BLOCK) !== 0 &&
    tokens.clause[i + 1] === clause &&
    !nextIsJari
  )
    return 0;
  const introBefore =
    (prevSame && (wf[prev]! & WORD_NUMBER_INTRO) !== 0) ||
    (prev2 >= 0 &&
      tokens.clause[i - 2] === clause &&
      (wf[prev2]! & WORD_NUMBER_INTRO) !== 0 &&
      prev === rw.yang);
  const single = tokens.end[i]! - tokens.start[i]! === 1 && norm.codes[tokens.start[i]!]! <= 57;
  const voteOrHope = (any & (CUE_BIT.vote | CUE_BIT.hope_win)) !== 0;
  let w: number;
  if (
    nextIsJari &&
    (prev === rw.salam || prev === rw.pose || (i >= 1 && (tokens.cue[i - 1]! & CUE_BIT.gesture_word) !== 0))
  ) {
    w = 0.55;
  } else if (nextIsJari) {
    w = electionCtx ? 0.4 : 0.15;
  } else if (introBefore) {
    w = 0.7;
  } else if (isKeycap(text, norm.end[tokens.end[i]! - 1]!)) {
    w = 0.6;
  } else if (prevSame && (tokens.cue[i - 1]! & (CUE_BIT.attribute | CUE_BIT.campaign)) !== 0) {
    // "pin 02", "kaos 01", "relawan 03": an attribute or campaign word names the number.
    w = 0.6;
  } else if (prev >= 0 && prev === rw.yang && next >= 0 && (next === rw.saja || next === rw.lah)) {
    w = 0.6;
  } else if (single && eliminationPair(c, tokens, i)) {
    // "1 atau 3 terserah, yg penting jangan …": numbers offered as the allowed choices.
    w = 0.5;
  } else if ((flags & TOKEN_HASHTAG) !== 0) {
    w = 0.5;
  } else if ((flags & TOKEN_ZERO_PADDED) !== 0) {
    w = electionCtx || (any & (CUE_BIT.vote | CUE_BIT.invite)) !== 0 ? 0.55 : 0.25;
  } else if (
    next >= 0 &&
    (next === rw.saja || next === rw.for || (tokens.flags[i + 1]! & TOKEN_GESTURE) !== 0) &&
    (electionCtx || day || voteOrHope)
  ) {
    w = 0.55;
  } else if (
    single &&
    (near(tokens, CUE_BIT.vote, i, i + 1, 3, 1) || near(tokens, CUE_BIT.invite, i, i + 1, 2, 0))
  ) {
    w = 0.5;
  } else if (single && electionCtx && near(tokens, CUE_BIT.praise, i, i + 1, 4, 4)) {
    w = 0.35;
  } else return 0;
  // Without any electoral word, vote verb or invitation, "nomor satu" is a ranking, not a ballot.
  if (!electionCtx && (any & (CUE_BIT.vote | CUE_BIT.invite | CUE_BIT.hope_win)) === 0 && !day) w *= 0.4;
  return nextIsJari ? -w : w;
}

/**
 * Token `i` is one of two numbers joined by `atau` ("1 atau 3") followed within three tokens, in the
 * same clause, by a word that leaves the choice open ("terserah", "bebas", "yang penting …"): an
 * elimination clue naming ballot choices.
 */
function eliminationPair(c: CompiledPacks, tokens: TokenBuffer, i: number): boolean {
  const rw = c.ruleWord;
  const key = tokens.key;
  const n = tokens.n;
  const clause = tokens.clause[i]!;
  let last: number;
  if (i + 2 < n && key[i + 1] === rw.atau && (tokens.flags[i + 2]! & TOKEN_NUMBER) !== 0) last = i + 2;
  else if (i >= 2 && key[i - 1] === rw.atau && (tokens.flags[i - 2]! & TOKEN_NUMBER) !== 0) last = i;
  else return false;
  if (tokens.clause[last - 2] !== clause || tokens.clause[last] !== clause) return false;
  for (let k = last + 1; k < n && k <= last + 3; k++) {
    const w = key[k]!;
    if (w === rw.terserah || w === rw.bebas || w === rw.penting) return true;
  }
  return false;
}

/** The digit ending at original offset `k` is followed by a keycap mark (`2️⃣`). */
function isKeycap(text: string, k: number): boolean {
  if (text.charCodeAt(k) === 0xfe0f) k++;
  return text.charCodeAt(k) === 0x20e3;
}

/**
 * Cheap test run on every post: can the post refer to a contestant or party (or a candidacy) at
 * all? False means no flag is possible and the full rules are skipped. Exact: `analyse` finds a
 * reference only when this is true.
 */
export function mayRefer(c: CompiledPacks, post: PostView): boolean {
  const hits = post.hits;
  if ((hits.flagsAny & 1) !== 0 || (hits.cueAny & (CUE_BIT.candidacy | CUE_BIT.campaign_team)) !== 0)
    return true;
  // Participation needs a participation word and a campaign event (`analyse` checks the distance).
  if ((hits.flagsAny & LIST_CAMPAIGN_EVENT) !== 0 && (hits.flagsAny & LIST_PARTICIPATE) !== 0) return true;
  // A description after "pilih/calon … yang" (implicit reference): the same test as `analyse`.
  if (
    (hits.cueAny & CUE_BIT.descriptor) !== 0 &&
    (hits.cueAny & (CUE_BIT.vote | CUE_BIT.election)) !== 0 &&
    implicitReference(c, post.tokens) >= 0
  )
    return true;
  const tokens = post.tokens;
  let electionCtx: boolean | null = null;
  let day = false;
  for (let i = 0; i < tokens.n; i++) {
    if ((tokens.flags[i]! & TOKEN_NUMBER) === 0) continue;
    if (electionCtx === null) {
      electionCtx = (hits.cueAny & ELECTION_CTX_BITS) !== 0 || (hits.flagsAny & 2) !== 0;
      day = (hits.flagsAny & 2) !== 0;
    }
    if (numberWeight(c, post, i, electionCtx, day) !== 0) return true;
  }
  return false;
}

/**
 * The features that let a post be flagged without a named contestant or party: a candidacy, a
 * campaign structure, taking part in a campaign event, or a described (implicit) contestant.
 */
const REFERENCE_FEATURES: readonly number[] = [F.candidacy, F.campaign_team, F.participation, F.implicit_ref];

/** The post refers to a contestant, party or candidacy (so it may be flagged). */
export function hasReference(a: Analysis): boolean {
  if (a.pack >= 0) return true;
  for (const f of REFERENCE_FEATURES) if (a.x[f]! > 0) return true;
  return false;
}

/** Before original offset `k` (skipping spaces) comes a dash or tilde: a quote attribution. */
function attribution(text: string, k: number): boolean {
  let i = k - 1;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  const c = text.charCodeAt(i);
  return c === 0x2014 || c === 0x2013 || c === 45 || c === 126;
}

/**
 * A one-word name at tokens `[from, to)` written with a capital and directly followed by a
 * capitalised word that no pack or rule knows (`Anis Rahmawati`, `Mahfud Hidayat`), or preceded
 * by one in a quote attribution (`— Kahlil Gibran`): the name of someone else.
 */
function besideUnknownName(post: PostView, from: number, to: number): boolean {
  const { tokens, text } = post;
  const ns = post.norm.start;
  const upper = (t: number): boolean => {
    const c = text.charCodeAt(ns[tokens.start[t]!]!);
    return c >= 65 && c <= 90;
  };
  if (!upper(from)) return false;
  const clause = tokens.clause[from];
  for (const t of [from - 1, to]) {
    if (t < 0 || t >= tokens.n || tokens.clause[t] !== clause) continue;
    if (tokens.surface[t] !== 0 || tokens.key[t] !== 0 || tokens.end[t]! - tokens.start[t]! < 3 || !upper(t))
      continue;
    const flags = tokens.flags[t]!;
    // After the name: a surname ("Mahfud Hidayat"). Before it, a capital proves little ("Desak
    // Anies", "Kemarin Prabowo …") unless the pair is a quote attribution ("— Kahlil Gibran").
    if (t === to && flags === 0) return true;
    if (t === from - 1 && (flags & ~TOKEN_CLAUSE_START) === 0 && attribution(text, ns[tokens.start[t]!]!))
      return true;
  }
  return false;
}

/**
 * A person described instead of named: a `yang` at most three tokens after a vote verb or an
 * electoral word ("pilih yg …", "calon gubernur yang …") and, at most seven tokens after it in the
 * same clause, a descriptor word ("anaknya", "wakilnya", "mantan", "sudah terbukti", "rambut").
 * Returns the index of that `yang`, or −1.
 */
function implicitReference(c: CompiledPacks, tokens: TokenBuffer): number {
  const yang = c.ruleWord.yang;
  const introBits = CUE_BIT.vote | CUE_BIT.election;
  const officeBits = CUE_BIT.official_role | CUE_BIT.election;
  const calon = c.ruleWord.calon;
  const n = tokens.n;
  for (let i = 1; i < n; i++) {
    if (tokens.key[i] !== yang) continue;
    const clause = tokens.clause[i];
    let intro = false;
    for (let k = Math.max(0, i - 3); k < i; k++) {
      if (tokens.clause[k] !== clause || (tokens.cue[k]! & introBits) === 0) continue;
      // "calon menantu yang …" is no candidate: after "calon" must come an office or "yang".
      if (tokens.key[k] === calon && k + 1 < i && (tokens.cue[k + 1]! & officeBits) === 0) continue;
      intro = true;
    }
    if (!intro) continue;
    for (let k = i + 1; k < n && k <= i + 7 && tokens.clause[k] === clause; k++)
      if ((tokens.cue[k]! & CUE_BIT.descriptor) !== 0) return i;
  }
  return -1;
}

/** Applies the context rules to one post's tokens and hits. */
export function analyse(compiled: CompiledPacks, post: PostView): Analysis {
  const { text, tokens, hits } = post;
  const x = new Float64Array(FEATURES.length);
  // Evidence lists are created on first use; unset features share one empty (never written) list.
  const evidence: Evidence[][] = new Array(FEATURES.length).fill(NO_EVIDENCE);
  const evList = (f: number): Evidence[] => {
    let list = evidence[f]!;
    if (list === NO_EVIDENCE) {
      list = [];
      evidence[f] = list;
    }
    return list;
  };
  // Cue occurrences by cue ordinal (CUE_ORD), in hit order.
  const cues: (CueOcc[] | undefined)[] = new Array(CUE_KINDS.length);
  const dayHits: number[] = [];

  const { listCues, listMentions, listDays } = compiled;
  for (let h = 0; h < hits.n; h++) {
    const inTag = hits.inTag[h] === 1;
    const li = hits.list[h]!;
    const cueItems = listCues[li]!;
    for (let q = 0; q < cueItems.length; q++) {
      const item = cueItems[q]!;
      if (inTag && !item.inTag) continue;
      let list = cues[item.kind];
      if (!list) {
        list = [];
        cues[item.kind] = list;
      }
      list.push({
        from: hits.from[h]!,
        to: hits.to[h]!,
        start: hits.start[h]!,
        end: hits.end[h]!,
        label: item.label,
      });
    }
    for (let d = listDays[li]!; d > 0; d--) dayHits.push(h);
  }
  const cuesOf = (k: CueKind): CueOcc[] | undefined => cues[CUE_ORD[k]];
  const has = (k: CueKind) => (cues[CUE_ORD[k]]?.length ?? 0) > 0;
  const nearCue = (kind: CueKind, from: number, to: number, before: number, after: number): boolean =>
    near(tokens, CUE_BIT[kind], from, to, before, after);
  const setCue = (feature: FeatureName, kind: CueKind, weight = 1): void => {
    const occ = cues[CUE_ORD[kind]];
    if (!occ || occ.length === 0) return;
    x[F[feature]] = weight;
    const list = evList(F[feature]);
    for (let q = 0; q < occ.length && q < 3; q++) {
      const o = occ[q]!;
      list.push({
        kind: `cue:${kind}`,
        start: o.start,
        end: o.end,
        weight: 0,
        label: o.label,
      });
    }
  };

  const electionCtx = has('election') || dayHits.length > 0 || has('campaign') || has('candidacy');
  const partyCtx = has('party_ctx');

  // --- Mentions with context adjustments -------------------------------------------------
  const mentions: Mention[] = [];
  let obfuscated = false;
  let forSupport = -1;
  let eliminationEnd = -1;
  const ns = post.norm.start;
  const ne = post.norm.end;
  for (let h = 0; h < hits.n; h++) {
    const ms = listMentions[hits.list[h]!]!;
    if (ms.length === 0) continue;
    // Per hit (shared by all its payloads): span, case, digits, spacing and nearby cues.
    const from = hits.from[h]!;
    const to = hits.to[h]!;
    const inTag = hits.inTag[h] === 1;
    const a = ns[hits.start[h]!] ?? 0;
    const b = ne[Math.max(hits.start[h]!, hits.end[h]! - 1)] ?? a;
    const caps = isCapsRange(text, a, b);
    const digits = !inTag && hasAsciiDigit(text, a, b);
    const spaced =
      !inTag &&
      to - from === 1 &&
      tokens.end[from]! - tokens.start[from]! >= 4 &&
      hasInnerSpaceOrDot(text, a, b);
    let ordinary = -1;
    let otherName = -1;
    let office = -1;
    let prayer = -1;
    for (let q = 0; q < ms.length; q++) {
      const p = ms[q]!;
      // Capitals, a hashtag or leetspeak digits (`h3ra`, `4nies`) mark the word as deliberate.
      const leet = digits && p.role !== 'hashtag';
      const deliberate = caps || inTag || leet;
      let w = p.weight;
      if (p.role === 'acronym' || p.role === 'party_acronym') {
        if (!deliberate) w = p.role === 'acronym' ? 0.3 : 0.15;
      }
      // A lower-case pair acronym is usually an ordinary word (`bawa`, `guna`, `tipe`, `amin`).
      if ((p.common || p.role === 'acronym') && !deliberate) w *= 0.4;
      if (p.role === 'party_acronym' && !partyCtx && !inTag) w *= 0.5;
      if (p.role === 'gesture_emoji' && !electionCtx) w *= 0.5;
      // A one-word name or alias next to an unknown capitalised word is someone else's name.
      if ((p.role === 'name_part' || p.role === 'alias') && to - from === 1) {
        if (otherName < 0) otherName = besideUnknownName(post, from, to) ? 1 : 0;
        if (otherName === 1) w *= 0.3;
      }
      if (p.role === 'name_part' || p.role === 'titled_name' || p.role === 'name') {
        if (ordinary < 0) ordinary = nearCue('ordinary_person', from, to, 6, 6) ? 1 : 0;
        if (office < 0) office = nearCue('official_role', from, to, 4, 0) ? 1 : 0;
        if (ordinary === 1) w *= 0.3;
        if (office === 1) w *= 0.5;
      }
      if ((p.common || p.role === 'acronym') && !caps) {
        if (prayer < 0) prayer = nearCue('prayer', from, to, 2, 2) ? 1 : 0;
        if (prayer === 1) w *= 0.3;
      }
      if (leet || spaced) obfuscated = true;
      // "<name> for/4 <place or office>": the English support formula ("h3ra 4 balikpapan").
      if (forSupport < 0 && to + 1 < tokens.n && tokens.clause[to] === tokens.clause[from]) {
        const k = tokens.key[to]!;
        const four =
          tokens.num[to] === 4 &&
          tokens.end[to]! - tokens.start[to]! === 1 &&
          (tokens.flags[to + 1]! & TOKEN_NUMBER) === 0 &&
          tokens.clause[to + 1] === tokens.clause[to];
        if (k === compiled.ruleWord.for || four) forSupport = to;
      }
      mentions.push({
        pack: p.pack,
        target: p.target,
        contestant: p.contestant,
        role: p.role,
        weight: w,
        from,
        to,
        start: hits.start[h]!,
        end: hits.end[h]!,
        label: p.label,
      });
    }
  }

  // --- Ballot numbers ---------------------------------------------------------------------
  for (let i = 0; i < tokens.n; i++) {
    if ((tokens.flags[i]! & TOKEN_NUMBER) === 0) continue;
    let w = numberWeight(compiled, post, i, electionCtx, dayHits.length > 0);
    if (w === 0) continue;
    const gesture = w < 0;
    if (gesture) w = -w;
    if (eliminationPair(compiled, tokens, i)) eliminationEnd = Math.max(eliminationEnd, i);
    const value = tokens.num[i]!;
    const at = compiled.numberPacks[value]!;
    for (let q = 0; q < at.length; q++) {
      const { pi, contestants, parties } = at[q]!;
      const pack = compiled.packs[pi]!;
      const hasParties = pack.parties.length > 0;
      const partyReading = hasParties && (partyCtx || nearCue('party_ctx', i, i + 1, 6, 3));
      for (const ci of contestants) {
        const c = pack.contestants[ci]!;
        const cw = partyReading && !nearCue('election', i, i + 1, 4, 0) ? w * 0.6 : w;
        mentions.push({
          pack: pi,
          target: c.id,
          contestant: ci,
          role: gesture ? 'gesture' : 'number',
          weight: cw,
          from: i,
          to: i + 1,
          start: tokens.start[i]!,
          end: tokens.end[i]!,
          label: `nomor ${value}`,
        });
      }
      if (partyReading)
        for (const pj of parties)
          mentions.push({
            pack: pi,
            target: pack.parties[pj]!.id,
            contestant: -1,
            role: 'number',
            weight: w * 0.9,
            from: i,
            to: i + 1,
            start: tokens.start[i]!,
            end: tokens.end[i]!,
            label: `nomor ${value}`,
          });
    }
  }

  // "1 atau 3 terserah": the open-choice word belongs to the elimination, not an "anyone" frame.
  if (eliminationEnd >= 0) {
    const anyone = cues[CUE_ORD.anyone];
    if (anyone) {
      const kept = anyone.filter((o) => o.from <= eliminationEnd - 2 || o.from > eliminationEnd + 3);
      cues[CUE_ORD.anyone] = kept.length > 0 ? kept : undefined;
    }
  }

  // "calon bupati", "cagub", "jadi gubernur": an office someone runs for is not an office held.
  const roles = cues[CUE_ORD.official_role];
  if (roles) {
    const calon = compiled.ruleWord.calon;
    const kept = roles.filter((o) => !(o.from >= 1 && tokens.key[o.from - 1] === calon));
    cues[CUE_ORD.official_role] = kept.length > 0 ? kept : undefined;
  }

  // --- Negative calls ---------------------------------------------------------------------
  const opposedSet = new Set<string>();
  let negCall = false;
  for (const o of cuesOf('negation') ?? []) {
    if (o.to >= tokens.n || (compiled.wordFlags[tokens.key[o.to]!]! & WORD_NEGATION_EXCUSED) !== 0) continue;
    for (const m of mentions) {
      if (
        m.from >= o.to &&
        m.from <= o.to + 4 &&
        tokens.clause[m.from] === tokens.clause[o.from] &&
        m.weight >= 0.3
      ) {
        negCall = true;
        opposedSet.add(`${m.pack}:${m.target}`);
        evList(F.negative_call).push({
          kind: 'negative_call',
          start: o.start,
          end: m.end,
          weight: 0,
          label: `${o.label} … ${m.label}`,
          target: m.target,
        });
      }
    }
  }
  // --- Evidence per target, best pack -----------------------------------------------------
  // Packs in order of first mention, each with its targets in order of first mention (small lists:
  // a linear search is cheaper than a map per pack and per post).
  type Acc = { id: string; best: number; ev: number; roles: number; nRoles: number; mentions: Mention[] };
  const packIds: number[] = [];
  const packAccs: Acc[][] = [];
  for (const m of mentions) {
    let pq = packIds.indexOf(m.pack);
    if (pq < 0) {
      pq = packIds.length;
      packIds.push(m.pack);
      packAccs.push([]);
    }
    const list = packAccs[pq]!;
    let acc: Acc | undefined;
    for (let q = 0; q < list.length; q++)
      if (list[q]!.id === m.target) {
        acc = list[q];
        break;
      }
    if (!acc) {
      acc = { id: m.target, best: 0, ev: 0, roles: 0, nRoles: 0, mentions: [] };
      list.push(acc);
    }
    acc.best = Math.max(acc.best, m.weight);
    const bit = ROLE_BIT[m.role];
    if ((acc.roles & bit) === 0) {
      acc.roles |= bit;
      acc.nRoles++;
    }
    acc.mentions.push(m);
  }
  let bestPack = -1;
  let bestScore = 0;
  let bestAccs: Acc[] = [];
  for (let pq = 0; pq < packIds.length; pq++) {
    let s = 0;
    for (const acc of packAccs[pq]!) {
      acc.ev = Math.min(1, acc.best + 0.08 * (Math.min(acc.nRoles, 4) - 1));
      s = Math.max(s, acc.ev);
    }
    if (s > bestScore) {
      bestScore = s;
      bestPack = packIds[pq]!;
      bestAccs = packAccs[pq]!;
    }
  }

  const targets: string[] = [];
  const opposed: string[] = [];
  if (bestPack >= 0) {
    const pack = compiled.packs[bestPack]!;
    const accs = bestAccs;
    const contestantEv = pack.contestants.map((c) => {
      for (const acc of accs) if (acc.id === c.id) return acc.ev;
      return 0;
    });
    const sorted = [...contestantEv].sort((a, b) => b - a);
    let bestParty = 0;
    for (const acc of accs)
      if (!pack.contestants.some((c) => c.id === acc.id)) bestParty = Math.max(bestParty, acc.ev);
    const top = Math.max(sorted[0] ?? 0, bestParty);
    x[F.mention] = top;
    x[F.mention_strong] = top >= 0.7 ? 1 : 0;
    x[F.mention_second] = sorted[1] ?? 0;
    x[F.all_contestants] = pack.contestants.length >= 2 && contestantEv.every((e) => e >= 0.2) ? 1 : 0;
    x[F.party_target] = bestParty >= 0.4 ? bestParty : 0;
    const ranked = accs.length > 1 ? [...accs].sort((a, b) => b.ev - a.ev) : accs;
    let weakOnly = true;
    for (const acc of ranked) {
      const id = acc.id;
      const ev = acc.ev;
      if (ev < 0.3 || ev < top * 0.6) continue;
      if (opposedSet.has(`${bestPack}:${id}`)) opposed.push(id);
      else targets.push(id);
      for (const m of acc.mentions) {
        if (m.weight >= 0.5 && m.role !== 'name_part' && m.role !== 'gesture_emoji') weakOnly = false;
        const kind = m.role === 'number' ? 'number' : m.role;
        evList(F.mention).push({
          kind,
          start: m.start,
          end: m.end,
          weight: m.weight,
          label: m.label,
          target: id,
        });
        if (m.role === 'hashtag') x[F.hashtag] = 1;
        if (m.role === 'acronym' && m.weight >= 0.6) x[F.caps_alias] = 1;
        if (m.role === 'number') x[F.ballot_number] = Math.max(x[F.ballot_number]!, m.weight);
        if (m.role === 'gesture' || m.role === 'gesture_emoji') {
          x[F.gesture] = Math.max(x[F.gesture]!, m.weight >= 0.3 ? 1 : 0.5);
          evList(F.gesture).push({
            kind: 'gesture',
            start: m.start,
            end: m.end,
            weight: 0,
            label: m.label,
          });
        }
        if (
          (m.role === 'name_part' || m.role === 'titled_name' || m.role === 'name') &&
          nearCue('official_role', m.from, m.to, 4, 2)
        )
          x[F.name_in_office] = 1;
        if (
          (m.role === 'name_part' || m.role === 'titled_name' || m.role === 'name') &&
          nearCue('ordinary_person', m.from, m.to, 6, 6)
        )
          x[F.name_ordinary] = 1;
      }
    }
    x[F.weak_only] = weakOnly && top > 0 ? 1 : 0;
  }
  x[F.obfuscated] = obfuscated && x[F.mention]! > 0 ? 1 : 0;
  x[F.negative_call] = negCall && opposed.length > 0 ? 1 : 0;
  // "1 atau 3 terserah, yg penting jangan …": after naming the allowed choices, a negation is a
  // call against the remaining contestant even when it is not named.
  if (eliminationEnd >= 0 && x[F.mention]! > 0)
    for (const o of cuesOf('negation') ?? [])
      if (o.from > eliminationEnd && o.from <= eliminationEnd + 8) {
        x[F.negative_call] = 1;
        evList(F.negative_call).push({
          kind: 'negative_call',
          start: o.start,
          end: o.end,
          weight: 0,
          label: o.label,
        });
        break;
      }
  x[F.election_ctx] = electionCtx ? 1 : 0;
  if (dayHits.length > 0) {
    x[F.election_day] = 1;
    for (const h of dayHits.slice(0, 2))
      evList(F.election_day).push({
        kind: 'election_day',
        start: hits.start[h]!,
        end: hits.end[h]!,
        weight: 0,
        label: 'hari H',
      });
  }

  setCue('vote', 'vote');
  setCue('invite', 'invite');
  setCue('stance', 'stance');
  setCue('praise', 'praise');
  setCue('hope_win', 'hope_win');
  setCue('campaign', 'campaign');
  setCue('attribute', 'attribute');
  setCue('photo', 'photo');
  setCue('office', 'office');
  setCue('directive', 'directive');
  setCue('candidacy', 'candidacy');
  for (const k of NEUTRAL_FRAMES) setCue(k as FeatureName, k);
  setCue('ordinary_person', 'ordinary_person');
  setCue('prayer', 'prayer');
  setCue('joke', 'joke');
  setCue('share', 'share');
  setCue('english', 'english');
  if (has('gesture_word') && x[F.gesture] === 0 && electionCtx) x[F.gesture] = 0.5;
  if (forSupport >= 0 && x[F.mention]! > 0) {
    x[F.english] = 1;
    evList(F.english).push({
      kind: 'cue:english',
      start: tokens.start[forSupport]!,
      end: tokens.end[forSupport]!,
      weight: 0,
      label: 'for',
    });
  }

  // First-person stance: "saya/kita … pilih/dukung" or "pilihanku".
  for (const o of cuesOf('vote') ?? []) {
    if (nearCue('first_person', o.from, o.to, 3, 0)) {
      x[F.first_person_vote] = 1;
      evList(F.first_person_vote).push({
        kind: 'cue:first_person_vote',
        start: o.start,
        end: o.end,
        weight: 0,
        label: o.label,
      });
    }
  }
  for (const o of cuesOf('stance') ?? [])
    if (o.label === 'pilihan_saya') {
      x[F.first_person_vote] = 1;
    }

  // --- References without a named contestant --------------------------------------------
  // A prohibition, negation or complaint before a campaign word governs it ("ASN dilarang ikut
  // kampanye", "jangan jadi timses", "lapor posko pemenangan di kantor desa").
  const governed = (from: number, to: number): boolean =>
    nearCue('neutrality', from, to, 6, 0) ||
    nearCue('negation', from, to, 3, 0) ||
    nearCue('complaint', from, to, 6, 0);
  // Campaign structures: "tim pemenangan", "posko pemenangan", "timses", "TKN".
  for (const o of cuesOf('campaign_team') ?? []) {
    if (governed(o.from, o.to)) continue;
    x[F.campaign_team] = 1;
    evList(F.campaign_team).push({
      kind: 'cue:campaign',
      start: o.start,
      end: o.end,
      weight: 0,
      label: o.label,
    });
    break;
  }
  // Taking part: "ikut rapat tim pemenangan", "hadir di deklarasi relawan", "jadi MC kampanye".
  const events = cuesOf('campaign');
  const teams = cuesOf('campaign_team');
  // A plain event word ("kampanye", "relawan", "posko") is electoral only with some other electoral
  // sign in the post: "kampanye imunisasi" and "relawan banjir" are not campaigns.
  let electoralElsewhere = (hits.flagsAny & LIST_MENTION) !== 0 || dayHits.length > 0 || has('candidacy');
  if (!electoralElsewhere)
    for (const e of cuesOf('election') ?? []) if (!CAMPAIGN_EVENTS.has(e.label)) electoralElsewhere = true;
  for (const o of cuesOf('participate') ?? []) {
    let event: CueOcc | undefined;
    for (const e of teams ?? []) if (e.from >= o.to && e.from <= o.to + 5) event = e;
    if (!event && electoralElsewhere)
      for (const e of events ?? [])
        if (e.from >= o.to && e.from <= o.to + 4 && CAMPAIGN_EVENTS.has(e.label)) event = e;
    if (!event || tokens.clause[event.from] !== tokens.clause[o.from] || governed(o.from, o.to)) continue;
    x[F.participation] = 1;
    evList(F.participation).push({
      kind: 'cue:campaign',
      start: o.start,
      end: event.end,
      weight: 0,
      label: `${o.label} … ${event.label}`,
    });
    break;
  }
  // A person described instead of named, after "pilih/dukung/calon … yang": "pilih yg ada
  // anaknya", "capres yang wakilnya ketua umum …", "dukung yang sudah terbukti membangun …".
  if (has('descriptor')) {
    const i = implicitReference(compiled, tokens);
    if (i >= 0) {
      let d = i + 1;
      while ((tokens.cue[d]! & CUE_BIT.descriptor) === 0) d++;
      let label = '';
      for (const o of cuesOf('descriptor')!)
        if (o.from <= d && o.to > d) {
          label = o.label;
          d = o.to - 1;
          break;
        }
      x[F.implicit_ref] = 1;
      evList(F.implicit_ref).push({
        kind: 'cue:implicit_ref',
        start: tokens.start[i]!,
        end: tokens.end[d]!,
        weight: 0,
        label: `yang … ${label}`,
      });
    }
  }
  setCue('wink', 'wink');
  if (x[F.candidacy]! > 0) setCue('candidacy_hint', 'candidacy_hint');

  let neutral = 0;
  for (const k of NEUTRAL_FRAMES) if (has(k)) neutral++;
  x[F.neutral_frames] = Math.min(1, neutral / 3);
  const m = x[F.mention]!;
  const support = x[F.praise]! || x[F.stance]! || x[F.hope_win]! || x[F.first_person_vote]! || x[F.english]!;
  const call = x[F.invite]! || x[F.vote]! || x[F.negative_call]!;
  x[F.m_x_support] = support ? m : 0;
  x[F.m_x_call] = call ? m : 0;
  x[F.m_x_neutral] = neutral > 0 ? m * Math.min(1, neutral / 2) : 0;
  x[F.m_x_campaign] = x[F.campaign]! ? m : 0;
  x[F.m_x_attribute] = x[F.attribute]! || x[F.photo]! || x[F.gesture]! ? m : 0;
  x[F.m_x_office] = x[F.office]! && x[F.directive]! ? m : x[F.office]! ? m * 0.5 : 0;
  x[F.candidacy_x_first] = x[F.candidacy]! && (has('first_person') || has('prayer')) ? 1 : 0;
  x[F.candidacy_x_party] = x[F.candidacy]! && (partyCtx || x[F.party_target]! > 0) ? 1 : 0;
  x[F.no_mention_x_call] = m === 0 && call ? 1 : 0;

  return { x, evidence, pack: bestPack, targets, opposed, mentions };
}

export { idx as featureIndex };
