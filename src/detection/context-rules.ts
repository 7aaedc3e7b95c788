import {
  CAMPAIGN_EVENTS,
  type CompiledPacks,
  CUE_BIT,
  CUE_KINDS,
  CUE_ORD,
  LIST_CAMPAIGN_EVENT,
  LIST_MENTION,
  LIST_PARTICIPATE,
  MENTION_ROLES,
  ROLE,
  WORD_NEGATION_EXCUSED,
  WORD_NUMBER_AFTER_BLOCK,
  WORD_NUMBER_BLOCK,
  WORD_NUMBER_INTRO,
} from './compile-packs.ts';
import type { CueKind } from './lexicon.ts';
import type { HitBuffer } from './match.ts';
import type { NormBuffer } from './normalise.ts';
import {
  addDayHit,
  addMention,
  type CueOccurrences,
  clearRuleBuffers,
  mentionLabel,
  type RuleBuffers,
  removeCue,
  reserveCues,
  reserveMentions,
} from './rule-buffers.ts';
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

export type Analysis = {
  x: Float64Array;
  /** Evidence that set each feature (by feature index). */
  evidence: Evidence[][];
  pack: number;
  targets: string[];
  opposed: string[];
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

/** Evidence kind of each cue kind's occurrences (`cue:<kind>`), by cue ordinal. */
const CUE_EVIDENCE_KIND: readonly string[] = CUE_KINDS.map((k) => `cue:${k}`);

function idx(name: FeatureName): number {
  return FEATURES.indexOf(name);
}
const F: Record<FeatureName, number> = Object.fromEntries(FEATURES.map((n, i) => [n, i])) as Record<
  FeatureName,
  number
>;
/** Feature index and cue ordinal of each neutral frame. */
const NEUTRAL_FEATURE: readonly number[] = NEUTRAL_FRAMES.map((k) => F[k as FeatureName]);
const NEUTRAL_ORD: readonly number[] = NEUTRAL_FRAMES.map((k) => CUE_ORD[k]);

/** JavaScript's `\s`. */
export function isSpace(c: number): boolean {
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

/**
 * One post as the context rules see it: original text, normalised buffer, tokens and hits, and the
 * rules' own working buffers (`createRuleBuffers`).
 */
export type PostView = {
  text: string;
  norm: NormBuffer;
  tokens: TokenBuffer;
  hits: HitBuffer;
  rules: RuleBuffers;
};

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

/** Role bits of the one-word and full names (for office and ordinary-person contexts). */
const NAME_ROLES = (1 << ROLE.name) | (1 << ROLE.name_part) | (1 << ROLE.titled_name);

/** The evidence list of feature `f`; the first use in a post is recorded, for `clearRuleBuffers`. */
function evList(rules: RuleBuffers, f: number): Evidence[] {
  const list = rules.evidence[f]!;
  if (list.length === 0) rules.evidenceUsed[rules.evidenceUsedN++] = f;
  return list;
}

/** Some occurrence of cue kind `ord` is left. */
function hasCue(cues: CueOccurrences, ord: number): boolean {
  return cues.count[ord]! > 0;
}

/** Feature `f` is 1 when cue kind `ord` occurs, with its first three occurrences as evidence. */
function setCue(a: Analysis, rules: RuleBuffers, f: number, ord: number): void {
  const cues = rules.cues;
  if (cues.count[ord] === 0) return;
  a.x[f] = 1;
  const list = evList(rules, f);
  const kind = CUE_EVIDENCE_KIND[ord]!;
  let q = 0;
  for (let o = cues.first[ord]!; o >= 0 && q < 3; o = cues.next[o]!, q++)
    list.push({ kind, start: cues.start[o]!, end: cues.end[o]!, weight: 0, label: cues.label[o]! });
}

/** Records each hit's cue occurrences (by kind, in hit order) and voting-day hits. */
function collectCues(compiled: CompiledPacks, hits: HitBuffer, rules: RuleBuffers): void {
  const { cueItems, listDays } = compiled;
  const { start: itemStart, kind, inTag: itemInTag, label: itemLabel } = cueItems;
  const cues = rules.cues;
  const { first, last, count } = cues;
  for (let h = 0; h < hits.n; h++) {
    const li = hits.list[h]!;
    const a = itemStart[li]!;
    const b = itemStart[li + 1]!;
    if (a < b) {
      // Room for every cue item of the hit, then written straight into the arrays.
      reserveCues(cues, cues.n + b - a);
      const { from, to, start, end, label, next } = cues;
      const inTag = hits.inTag[h] === 1;
      let o = cues.n;
      for (let q = a; q < b; q++) {
        if (inTag && itemInTag[q] === 0) continue;
        const k = kind[q]!;
        from[o] = hits.from[h]!;
        to[o] = hits.to[h]!;
        start[o] = hits.start[h]!;
        end[o] = hits.end[h]!;
        label[o] = itemLabel[q]!;
        next[o] = -1;
        // Append to the chain of its kind.
        const tail = last[k]!;
        if (tail < 0) first[k] = o;
        else next[tail] = o;
        last[k] = o;
        count[k]!++;
        o++;
      }
      cues.n = o;
    }
    for (let d = listDays[li]!; d > 0; d--) addDayHit(rules, h);
  }
}

/** State of one post shared by the mention rules. */
type MentionContext = { electionCtx: boolean; partyCtx: boolean };

/**
 * Pack terms found in the post, weighed by their context (capitals, hashtags, leetspeak, spacing,
 * nearby office or ordinary-person words). Returns bit 1 when a name was obfuscated and, shifted
 * left by one, the token after a "<name> for/4" (English support formula) plus one, or 0.
 */
function collectMentions(compiled: CompiledPacks, post: PostView, ctx: MentionContext): number {
  const { text, tokens, hits } = post;
  const mentions = post.rules.mentions;
  const items = compiled.mentionItems;
  const ns = post.norm.start;
  const ne = post.norm.end;
  let obfuscated = false;
  let forSupport = -1;
  for (let h = 0; h < hits.n; h++) {
    const li = hits.list[h]!;
    const first = items.start[li]!;
    const last = items.start[li + 1]!;
    if (first === last) continue;
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
    const start = hits.start[h]!;
    const end = hits.end[h]!;
    // Room for every payload of the hit, then written straight into the arrays.
    reserveMentions(mentions, mentions.n + last - first);
    const { pack, target, role: roles, weight, from: mFrom, to: mTo, start: mStart, end: mEnd } = mentions;
    const { label, num, next } = mentions;
    let k = mentions.n;
    for (let q = first; q < last; q++) {
      const role = items.role[q]!;
      const common = items.common[q] === 1;
      // Capitals, a hashtag or leetspeak digits (`h3ra`, `4nies`) mark the word as deliberate.
      const leet = digits && role !== ROLE.hashtag;
      const deliberate = caps || inTag || leet;
      let w = items.weight[q]!;
      if (role === ROLE.acronym || role === ROLE.party_acronym) {
        if (!deliberate) w = role === ROLE.acronym ? 0.3 : 0.15;
      }
      // A lower-case pair acronym is usually an ordinary word (`bawa`, `guna`, `tipe`, `amin`).
      if ((common || role === ROLE.acronym) && !deliberate) w *= 0.4;
      if (role === ROLE.party_acronym && !ctx.partyCtx && !inTag) w *= 0.5;
      if (role === ROLE.gesture_emoji && !ctx.electionCtx) w *= 0.5;
      // A one-word name or alias next to an unknown capitalised word is someone else's name.
      if ((role === ROLE.name_part || role === ROLE.alias) && to - from === 1) {
        if (otherName < 0) otherName = besideUnknownName(post, from, to) ? 1 : 0;
        if (otherName === 1) w *= 0.3;
      }
      if ((NAME_ROLES & (1 << role)) !== 0) {
        if (ordinary < 0) ordinary = near(tokens, CUE_BIT.ordinary_person, from, to, 6, 6) ? 1 : 0;
        if (office < 0) office = near(tokens, CUE_BIT.official_role, from, to, 4, 0) ? 1 : 0;
        if (ordinary === 1) w *= 0.3;
        if (office === 1) w *= 0.5;
      }
      if ((common || role === ROLE.acronym) && !caps) {
        if (prayer < 0) prayer = near(tokens, CUE_BIT.prayer, from, to, 2, 2) ? 1 : 0;
        if (prayer === 1) w *= 0.3;
      }
      if (leet || spaced) obfuscated = true;
      pack[k] = items.pack[q]!;
      target[k] = items.target[q]!;
      roles[k] = role;
      weight[k] = w;
      mFrom[k] = from;
      mTo[k] = to;
      mStart[k] = start;
      mEnd[k] = end;
      label[k] = items.label[q]!;
      num[k] = 0;
      next[k++] = -1;
    }
    mentions.n = k;
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
  }
  return (obfuscated ? 1 : 0) | ((forSupport + 1) << 1);
}

/**
 * Numbers read as ballot numbers become mentions of the contestants (and, in a party context, the
 * parties) holding them in every pack. Returns the last token of an elimination pair ("1 atau 3
 * terserah"), or −1.
 */
function collectNumbers(compiled: CompiledPacks, post: PostView, ctx: MentionContext): number {
  const tokens = post.tokens;
  const mentions = post.rules.mentions;
  const day = post.rules.dayN > 0;
  const tokenFlags = tokens.flags;
  let eliminationEnd = -1;
  for (let i = 0; i < tokens.n; i++) {
    if ((tokenFlags[i]! & TOKEN_NUMBER) === 0) continue;
    let w = numberWeight(compiled, post, i, ctx.electionCtx, day);
    if (w === 0) continue;
    const gesture = w < 0;
    if (gesture) w = -w;
    if (eliminationPair(compiled, tokens, i)) eliminationEnd = Math.max(eliminationEnd, i);
    const value = tokens.num[i]!;
    const start = tokens.start[i]!;
    const end = tokens.end[i]!;
    const role = gesture ? ROLE.gesture : ROLE.number;
    const at = compiled.numberPacks[value]!;
    for (let q = 0; q < at.length; q++) {
      const { pi, contestantTargets, partyTargets, hasParties } = at[q]!;
      const partyReading = hasParties && (ctx.partyCtx || near(tokens, CUE_BIT.party_ctx, i, i + 1, 6, 3));
      const cw = partyReading && !near(tokens, CUE_BIT.election, i, i + 1, 4, 0) ? w * 0.6 : w;
      for (let k = 0; k < contestantTargets.length; k++)
        addMention(mentions, pi, contestantTargets[k]!, role, cw, i, i + 1, start, end, null, value);
      if (partyReading)
        for (let k = 0; k < partyTargets.length; k++)
          addMention(mentions, pi, partyTargets[k]!, ROLE.number, w * 0.9, i, i + 1, start, end, null, value);
    }
  }
  return eliminationEnd;
}

/**
 * Negative calls ("jangan pilih 03"): a negation up to four tokens before a mention in the same
 * clause marks its target as opposed. Returns whether any was found.
 */
function negativeCalls(compiled: CompiledPacks, post: PostView): boolean {
  const { tokens, rules } = post;
  const { cues, mentions: m, sums } = rules;
  const ord = CUE_ORD.negation;
  let negCall = false;
  for (let o = cues.first[ord]!; o >= 0; o = cues.next[o]!) {
    const oTo = cues.to[o]!;
    if (oTo >= tokens.n || (compiled.wordFlags[tokens.key[oTo]!]! & WORD_NEGATION_EXCUSED) !== 0) continue;
    const clause = tokens.clause[cues.from[o]!];
    for (let k = 0; k < m.n; k++) {
      const from = m.from[k]!;
      if (from >= oTo && from <= oTo + 4 && tokens.clause[from] === clause && m.weight[k]! >= 0.3) {
        negCall = true;
        sums.opposed[m.target[k]!] = sums.epoch;
        evList(post.rules, F.negative_call).push({
          kind: 'negative_call',
          start: cues.start[o]!,
          end: m.end[k]!,
          weight: 0,
          label: `${cues.label[o]} … ${mentionLabel(m, k)}`,
          target: compiled.targets.id[m.target[k]!]!,
        });
      }
    }
  }
  return negCall;
}

/**
 * Sums the mentions per target (best weight, distinct roles) and returns the pack whose best
 * target has the most evidence (the first such pack by first mention), or −1.
 */
function bestPackOf(compiled: CompiledPacks, rules: RuleBuffers): number {
  const { mentions: m, sums } = rules;
  const { stamp, best, roles, nRoles, head, tail, order, ev, packStamp, packScore, packOrder } = sums;
  const epoch = sums.epoch;
  let orderN = 0;
  for (let k = 0; k < m.n; k++) {
    const t = m.target[k]!;
    if (stamp[t] !== epoch) {
      stamp[t] = epoch;
      best[t] = 0;
      roles[t] = 0;
      nRoles[t] = 0;
      head[t] = k;
      order[orderN++] = t;
    } else m.next[tail[t]!] = k;
    tail[t] = k;
    best[t] = Math.max(best[t]!, m.weight[k]!);
    const bit = 1 << m.role[k]!;
    if ((roles[t]! & bit) === 0) {
      roles[t] = roles[t]! | bit;
      nRoles[t]!++;
    }
  }
  sums.orderN = orderN;
  const targetPack = compiled.targets.pack;
  let packN = 0;
  for (let q = 0; q < orderN; q++) {
    const t = order[q]!;
    const e = Math.min(1, best[t]! + 0.08 * (Math.min(nRoles[t]!, 4) - 1));
    ev[t] = e;
    const p = targetPack[t]!;
    if (packStamp[p] !== epoch) {
      packStamp[p] = epoch;
      packScore[p] = 0;
      packOrder[packN++] = p;
    }
    packScore[p] = Math.max(packScore[p]!, e);
  }
  sums.packN = packN;
  let bestPack = -1;
  let bestScore = 0;
  for (let q = 0; q < sums.packN; q++) {
    const p = sums.packOrder[q]!;
    if (sums.packScore[p]! > bestScore) {
      bestScore = sums.packScore[p]!;
      bestPack = p;
    }
  }
  return bestPack;
}

/**
 * The best pack's targets in order of first mention, stably sorted by evidence (highest first),
 * in `sums.rank`; returns how many.
 */
function rankTargets(compiled: CompiledPacks, rules: RuleBuffers, pack: number): number {
  const sums = rules.sums;
  const { rank, ev } = sums;
  const targetPack = compiled.targets.pack;
  let n = 0;
  for (let q = 0; q < sums.orderN; q++) {
    const t = sums.order[q]!;
    if (targetPack[t] !== pack) continue;
    // Insertion sort: a target moves before those with strictly less evidence (stable).
    let k = n++;
    while (k > 0 && ev[rank[k - 1]!]! < ev[t]!) {
      rank[k] = rank[k - 1]!;
      k--;
    }
    rank[k] = t;
  }
  return n;
}

/** Mention features and evidence from the best pack's targets. */
function scoreTargets(compiled: CompiledPacks, post: PostView, a: Analysis, bestPack: number): void {
  const { tokens, rules } = post;
  const { mentions: m, sums } = rules;
  const x = a.x;
  const epoch = sums.epoch;
  const contestantTargets = compiled.targets.ofContestants[bestPack]!;
  const isContestant = compiled.targets.contestant;
  // The two highest contestant evidences and whether every contestant has some.
  let first = Number.NEGATIVE_INFINITY;
  let second = Number.NEGATIVE_INFINITY;
  let everyContestant = true;
  for (let ci = 0; ci < contestantTargets.length; ci++) {
    const t = contestantTargets[ci]!;
    const e = sums.stamp[t] === epoch ? sums.ev[t]! : 0;
    if (e > first) {
      second = first;
      first = e;
    } else if (e > second) second = e;
    if (!(e >= 0.2)) everyContestant = false;
  }
  const nContestants = contestantTargets.length;
  const n = rankTargets(compiled, rules, bestPack);
  let bestParty = 0;
  for (let q = 0; q < n; q++) {
    const t = sums.rank[q]!;
    if (isContestant[t] === 0) bestParty = Math.max(bestParty, sums.ev[t]!);
  }
  const top = Math.max(nContestants >= 1 ? first : 0, bestParty);
  x[F.mention] = top;
  x[F.mention_strong] = top >= 0.7 ? 1 : 0;
  x[F.mention_second] = nContestants >= 2 ? second : 0;
  x[F.all_contestants] = nContestants >= 2 && everyContestant ? 1 : 0;
  x[F.party_target] = bestParty >= 0.4 ? bestParty : 0;
  let weakOnly = true;
  for (let q = 0; q < n; q++) {
    const t = sums.rank[q]!;
    const ev = sums.ev[t]!;
    if (ev < 0.3 || ev < top * 0.6) continue;
    const id = compiled.targets.id[t]!;
    if (sums.opposed[t] === epoch) a.opposed.push(id);
    else a.targets.push(id);
    for (let k = sums.head[t]!; k >= 0; k = m.next[k]!) {
      const role = m.role[k]!;
      const w = m.weight[k]!;
      if (w >= 0.5 && role !== ROLE.name_part && role !== ROLE.gesture_emoji) weakOnly = false;
      evList(post.rules, F.mention).push({
        kind: MENTION_ROLES[role]!,
        start: m.start[k]!,
        end: m.end[k]!,
        weight: w,
        label: mentionLabel(m, k),
        target: id,
      });
      if (role === ROLE.hashtag) x[F.hashtag] = 1;
      if (role === ROLE.acronym && w >= 0.6) x[F.caps_alias] = 1;
      if (role === ROLE.number) x[F.ballot_number] = Math.max(x[F.ballot_number]!, w);
      if (role === ROLE.gesture || role === ROLE.gesture_emoji) {
        x[F.gesture] = Math.max(x[F.gesture]!, w >= 0.3 ? 1 : 0.5);
        evList(post.rules, F.gesture).push({
          kind: 'gesture',
          start: m.start[k]!,
          end: m.end[k]!,
          weight: 0,
          label: mentionLabel(m, k),
        });
      }
      if ((NAME_ROLES & (1 << role)) !== 0) {
        if (near(tokens, CUE_BIT.official_role, m.from[k]!, m.to[k]!, 4, 2)) x[F.name_in_office] = 1;
        if (near(tokens, CUE_BIT.ordinary_person, m.from[k]!, m.to[k]!, 6, 6)) x[F.name_ordinary] = 1;
      }
    }
  }
  x[F.weak_only] = weakOnly && top > 0 ? 1 : 0;
}

/** A prohibition, negation or complaint before a campaign word governs it ("dilarang ikut kampanye"). */
function governed(tokens: TokenBuffer, from: number, to: number): boolean {
  return (
    near(tokens, CUE_BIT.neutrality, from, to, 6, 0) ||
    near(tokens, CUE_BIT.negation, from, to, 3, 0) ||
    near(tokens, CUE_BIT.complaint, from, to, 6, 0)
  );
}

/**
 * Features that let a post be flagged without a named contestant: campaign structures, taking
 * part in a campaign event, a person described instead of named.
 */
function unnamedReferences(compiled: CompiledPacks, post: PostView, a: Analysis): void {
  const { tokens, hits, rules } = post;
  const cues = rules.cues;
  const x = a.x;
  // Campaign structures: "tim pemenangan", "posko pemenangan", "timses", "TKN".
  const teamOrd = CUE_ORD.campaign_team;
  for (let o = cues.first[teamOrd]!; o >= 0; o = cues.next[o]!) {
    if (governed(tokens, cues.from[o]!, cues.to[o]!)) continue;
    x[F.campaign_team] = 1;
    evList(rules, F.campaign_team).push({
      kind: 'cue:campaign',
      start: cues.start[o]!,
      end: cues.end[o]!,
      weight: 0,
      label: cues.label[o]!,
    });
    break;
  }
  // Taking part: "ikut rapat tim pemenangan", "hadir di deklarasi relawan", "jadi MC kampanye".
  // A plain event word ("kampanye", "relawan", "posko") is electoral only with some other electoral
  // sign in the post: "kampanye imunisasi" and "relawan banjir" are not campaigns.
  let electoralElsewhere =
    (hits.flagsAny & LIST_MENTION) !== 0 || rules.dayN > 0 || hasCue(cues, CUE_ORD.candidacy);
  if (!electoralElsewhere)
    for (let e = cues.first[CUE_ORD.election]!; e >= 0; e = cues.next[e]!)
      if (!CAMPAIGN_EVENTS.has(cues.label[e]!)) electoralElsewhere = true;
  const eventOrd = CUE_ORD.campaign;
  for (let o = cues.first[CUE_ORD.participate]!; o >= 0; o = cues.next[o]!) {
    const oTo = cues.to[o]!;
    let event = -1;
    for (let e = cues.first[teamOrd]!; e >= 0; e = cues.next[e]!)
      if (cues.from[e]! >= oTo && cues.from[e]! <= oTo + 5) event = e;
    if (event < 0 && electoralElsewhere)
      for (let e = cues.first[eventOrd]!; e >= 0; e = cues.next[e]!)
        if (cues.from[e]! >= oTo && cues.from[e]! <= oTo + 4 && CAMPAIGN_EVENTS.has(cues.label[e]!))
          event = e;
    if (
      event < 0 ||
      tokens.clause[cues.from[event]!] !== tokens.clause[cues.from[o]!] ||
      governed(tokens, cues.from[o]!, oTo)
    )
      continue;
    x[F.participation] = 1;
    evList(rules, F.participation).push({
      kind: 'cue:campaign',
      start: cues.start[o]!,
      end: cues.end[event]!,
      weight: 0,
      label: `${cues.label[o]} … ${cues.label[event]}`,
    });
    break;
  }
  // A person described instead of named, after "pilih/dukung/calon … yang": "pilih yg ada
  // anaknya", "capres yang wakilnya ketua umum …", "dukung yang sudah terbukti membangun …".
  const descriptor = CUE_ORD.descriptor;
  if (hasCue(cues, descriptor)) {
    const i = implicitReference(compiled, tokens);
    if (i >= 0) {
      let d = i + 1;
      while ((tokens.cue[d]! & CUE_BIT.descriptor) === 0) d++;
      let label = '';
      for (let o = cues.first[descriptor]!; o >= 0; o = cues.next[o]!)
        if (cues.from[o]! <= d && cues.to[o]! > d) {
          label = cues.label[o]!;
          d = cues.to[o]! - 1;
          break;
        }
      x[F.implicit_ref] = 1;
      evList(rules, F.implicit_ref).push({
        kind: 'cue:implicit_ref',
        start: tokens.start[i]!,
        end: tokens.end[d]!,
        weight: 0,
        label: `yang … ${label}`,
      });
    }
  }
}

/** Drops the `anyone` cues within an elimination ("1 atau 3 terserah": the choice is open). */
function dropEliminationChoice(cues: CueOccurrences, eliminationEnd: number): void {
  const ord = CUE_ORD.anyone;
  let prev = -1;
  for (let o = cues.first[ord]!; o >= 0; o = cues.next[o]!) {
    const from = cues.from[o]!;
    if (from <= eliminationEnd - 2 || from > eliminationEnd + 3) prev = o;
    else removeCue(cues, ord, o, prev);
  }
}

/** Drops office words after "calon" ("calon bupati": an office someone runs for is not held). */
function dropCandidateOffices(compiled: CompiledPacks, tokens: TokenBuffer, cues: CueOccurrences): void {
  const ord = CUE_ORD.official_role;
  const calon = compiled.ruleWord.calon;
  let prev = -1;
  for (let o = cues.first[ord]!; o >= 0; o = cues.next[o]!) {
    const from = cues.from[o]!;
    if (from >= 1 && tokens.key[from - 1] === calon) removeCue(cues, ord, o, prev);
    else prev = o;
  }
}

/**
 * Applies the context rules to one post's tokens and hits. The returned feature vector and
 * evidence lists are the rule buffers' own (`RuleBuffers.x`, `.evidence`), valid until the next
 * call: copy them to keep them.
 */
export function analyse(compiled: CompiledPacks, post: PostView): Analysis {
  const { tokens, hits, rules } = post;
  clearRuleBuffers(rules);
  const a: Analysis = { x: rules.x, evidence: rules.evidence, pack: -1, targets: [], opposed: [] };
  const x = a.x;
  const cues = rules.cues;
  collectCues(compiled, hits, rules);
  const ord = CUE_ORD;
  const electionCtx =
    hasCue(cues, ord.election) || rules.dayN > 0 || hasCue(cues, ord.campaign) || hasCue(cues, ord.candidacy);
  const partyCtx = hasCue(cues, ord.party_ctx);
  const ctx: MentionContext = { electionCtx, partyCtx };

  // --- Mentions with context adjustments, then ballot numbers ----------------------------
  const found = collectMentions(compiled, post, ctx);
  const obfuscated = (found & 1) !== 0;
  const forSupport = (found >> 1) - 1;
  const eliminationEnd = collectNumbers(compiled, post, ctx);
  if (eliminationEnd >= 0) dropEliminationChoice(cues, eliminationEnd);
  dropCandidateOffices(compiled, tokens, cues);

  // --- Negative calls, then evidence per target of the best pack --------------------------
  const negCall = negativeCalls(compiled, post);
  const bestPack = bestPackOf(compiled, rules);
  a.pack = bestPack;
  if (bestPack >= 0) scoreTargets(compiled, post, a, bestPack);
  x[F.obfuscated] = obfuscated && x[F.mention]! > 0 ? 1 : 0;
  x[F.negative_call] = negCall && a.opposed.length > 0 ? 1 : 0;
  // "1 atau 3 terserah, yg penting jangan …": after naming the allowed choices, a negation is a
  // call against the remaining contestant even when it is not named.
  if (eliminationEnd >= 0 && x[F.mention]! > 0)
    for (let o = cues.first[ord.negation]!; o >= 0; o = cues.next[o]!) {
      const from = cues.from[o]!;
      if (from > eliminationEnd && from <= eliminationEnd + 8) {
        x[F.negative_call] = 1;
        evList(rules, F.negative_call).push({
          kind: 'negative_call',
          start: cues.start[o]!,
          end: cues.end[o]!,
          weight: 0,
          label: cues.label[o]!,
        });
        break;
      }
    }
  x[F.election_ctx] = electionCtx ? 1 : 0;
  if (rules.dayN > 0) {
    x[F.election_day] = 1;
    for (let q = 0; q < rules.dayN && q < 2; q++) {
      const h = rules.dayHits[q]!;
      evList(rules, F.election_day).push({
        kind: 'election_day',
        start: hits.start[h]!,
        end: hits.end[h]!,
        weight: 0,
        label: 'hari H',
      });
    }
  }

  setCue(a, rules, F.vote, ord.vote);
  setCue(a, rules, F.invite, ord.invite);
  setCue(a, rules, F.stance, ord.stance);
  setCue(a, rules, F.praise, ord.praise);
  setCue(a, rules, F.hope_win, ord.hope_win);
  setCue(a, rules, F.campaign, ord.campaign);
  setCue(a, rules, F.attribute, ord.attribute);
  setCue(a, rules, F.photo, ord.photo);
  setCue(a, rules, F.office, ord.office);
  setCue(a, rules, F.directive, ord.directive);
  setCue(a, rules, F.candidacy, ord.candidacy);
  for (let k = 0; k < NEUTRAL_FRAMES.length; k++) setCue(a, rules, NEUTRAL_FEATURE[k]!, NEUTRAL_ORD[k]!);
  setCue(a, rules, F.ordinary_person, ord.ordinary_person);
  setCue(a, rules, F.prayer, ord.prayer);
  setCue(a, rules, F.joke, ord.joke);
  setCue(a, rules, F.share, ord.share);
  setCue(a, rules, F.english, ord.english);
  if (hasCue(cues, ord.gesture_word) && x[F.gesture] === 0 && electionCtx) x[F.gesture] = 0.5;
  if (forSupport >= 0 && x[F.mention]! > 0) {
    x[F.english] = 1;
    evList(rules, F.english).push({
      kind: 'cue:english',
      start: tokens.start[forSupport]!,
      end: tokens.end[forSupport]!,
      weight: 0,
      label: 'for',
    });
  }

  // First-person stance: "saya/kita … pilih/dukung" or "pilihanku".
  for (let o = cues.first[ord.vote]!; o >= 0; o = cues.next[o]!) {
    if (near(tokens, CUE_BIT.first_person, cues.from[o]!, cues.to[o]!, 3, 0)) {
      x[F.first_person_vote] = 1;
      evList(rules, F.first_person_vote).push({
        kind: 'cue:first_person_vote',
        start: cues.start[o]!,
        end: cues.end[o]!,
        weight: 0,
        label: cues.label[o]!,
      });
    }
  }
  for (let o = cues.first[ord.stance]!; o >= 0; o = cues.next[o]!)
    if (cues.label[o] === 'pilihan_saya') x[F.first_person_vote] = 1;

  // --- References without a named contestant --------------------------------------------
  unnamedReferences(compiled, post, a);
  setCue(a, rules, F.wink, ord.wink);
  if (x[F.candidacy]! > 0) setCue(a, rules, F.candidacy_hint, ord.candidacy_hint);

  let neutral = 0;
  for (let k = 0; k < NEUTRAL_FRAMES.length; k++) if (hasCue(cues, NEUTRAL_ORD[k]!)) neutral++;
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
  x[F.candidacy_x_first] =
    x[F.candidacy]! && (hasCue(cues, ord.first_person) || hasCue(cues, ord.prayer)) ? 1 : 0;
  x[F.candidacy_x_party] = x[F.candidacy]! && (partyCtx || x[F.party_target]! > 0) ? 1 : 0;
  x[F.no_mention_x_call] = m === 0 && call ? 1 : 0;
  return a;
}

export { idx as featureIndex };
