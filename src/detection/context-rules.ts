import type { CompiledPacks, MentionPayload, MentionRole } from './compile-packs.ts';
import type { CueKind } from './lexicon.ts';
import type { Hit } from './match.ts';
import {
  TOKEN_GESTURE,
  TOKEN_HASHTAG,
  TOKEN_NUMBER,
  TOKEN_NUMERIC_COMPOUND,
  TOKEN_ZERO_PADDED,
  type Token,
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

const NEGATION_EXCUSED = new Set([
  'lupa',
  'ragu',
  'takut',
  'golput',
  'sampai',
  'sampe',
  'like',
  'share',
  'komen',
  'pose',
  'pakai',
  'pake',
  'ikut',
  'kirim',
  'bawa',
  'sebar',
  'diupload',
  'upload',
  'cepat',
  'dibahas',
  'ada',
  'tanya',
  'ganggu',
]);

type CueOcc = { from: number; to: number; start: number; end: number; label: string };

function idx(name: FeatureName): number {
  return FEATURES.indexOf(name);
}
const F: Record<FeatureName, number> = Object.fromEntries(FEATURES.map((n, i) => [n, i])) as Record<
  FeatureName,
  number
>;

function isCapsSurface(s: string): boolean {
  let letters = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) letters++;
  }
  return letters >= 2;
}

/**
 * Applies the context rules to one post's tokens and hits.
 * `surface(start, end)` returns the original text of a normalised range.
 */
export function analyse(
  compiled: CompiledPacks,
  tokens: Token[],
  hits: Hit[],
  surface: (start: number, end: number) => string,
  isKeycap: (normEnd: number) => boolean = () => false,
): Analysis {
  const x = new Float64Array(FEATURES.length);
  const evidence: Evidence[][] = FEATURES.map(() => []);
  const cues = new Map<CueKind, CueOcc[]>();
  const cueAtToken: (Set<CueKind> | undefined)[] = new Array(tokens.length);
  const dayHits: Hit[] = [];
  const rawMentions: { p: MentionPayload; h: Hit }[] = [];

  for (const h of hits) {
    for (const p of h.payloads) {
      if (p.type === 'cue') {
        if (
          h.inTag &&
          !(p.cue === 'vote' || p.cue === 'campaign' || p.cue === 'election' || p.cue === 'hope_win')
        )
          continue;
        let list = cues.get(p.cue);
        if (!list) {
          list = [];
          cues.set(p.cue, list);
        }
        list.push({ from: h.from, to: h.to, start: h.start, end: h.end, label: p.label });
        for (let k = h.from; k < h.to; k++) {
          const set = cueAtToken[k] ?? new Set<CueKind>();
          set.add(p.cue);
          cueAtToken[k] = set;
        }
      } else if (p.type === 'day') dayHits.push(h);
      else rawMentions.push({ p, h });
    }
  }
  const has = (k: CueKind) => (cues.get(k)?.length ?? 0) > 0;
  const near = (kind: CueKind, from: number, to: number, before: number, after: number): boolean => {
    const a = Math.max(0, from - before);
    const b = Math.min(tokens.length, to + after);
    for (let k = a; k < b; k++) if (k < from || k >= to) if (cueAtToken[k]?.has(kind)) return true;
    return false;
  };
  const setCue = (feature: FeatureName, kind: CueKind, weight = 1): void => {
    const occ = cues.get(kind);
    if (!occ || occ.length === 0) return;
    x[F[feature]] = weight;
    for (const o of occ.slice(0, 3))
      evidence[F[feature]]!.push({
        kind: `cue:${kind}`,
        start: o.start,
        end: o.end,
        weight: 0,
        label: o.label,
      });
  };

  const electionCtx = has('election') || dayHits.length > 0 || has('campaign') || has('candidacy');
  const partyCtx = has('party_ctx');

  // --- Mentions with context adjustments -------------------------------------------------
  const mentions: Mention[] = [];
  let obfuscated = false;
  for (const { p, h } of rawMentions) {
    const surf = surface(h.start, h.end);
    const caps = isCapsSurface(surf);
    let w = p.weight;
    if (p.role === 'acronym' || p.role === 'party_acronym') {
      if (!(caps || h.inTag)) w = p.role === 'acronym' ? 0.3 : 0.15;
    }
    if (p.common && !(caps || h.inTag)) w *= 0.4;
    if (p.role === 'party_acronym' && !partyCtx && !h.inTag) w *= 0.5;
    if (p.role === 'gesture_emoji' && !electionCtx) w *= 0.5;
    if ((p.role === 'name_part' || p.role === 'titled_name' || p.role === 'name') && tokens[h.from]) {
      if (near('ordinary_person', h.from, h.to, 6, 6)) w *= 0.3;
      if (near('official_role', h.from, h.to, 4, 0)) w *= 0.5;
    }
    if ((p.common || p.role === 'acronym') && !caps && near('prayer', h.from, h.to, 2, 2)) w *= 0.3;
    const letters = surf.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
    if (!h.inTag && /\d/.test(letters) && p.role !== 'hashtag') obfuscated = true;
    if (!h.inTag && /[\s.]/.test(surf.trim()) && tokens[h.from]!.raw.length >= 4 && h.to - h.from === 1)
      obfuscated = true;
    mentions.push({
      pack: p.pack,
      target: p.target,
      contestant: p.contestant,
      role: p.role,
      weight: w,
      from: h.from,
      to: h.to,
      start: h.start,
      end: h.end,
      label: p.label,
    });
  }

  // --- Ballot numbers ---------------------------------------------------------------------
  const { numberIntro, numberBlock, numberAfterBlock } = numberSets(compiled);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if ((t.flags & TOKEN_NUMBER) === 0 || (t.flags & TOKEN_NUMERIC_COMPOUND) !== 0) continue;
    const value = Number(t.key);
    if (!Number.isInteger(value) || value < 1 || value > compiled.maxNumber) continue;
    const prev = tokens[i - 1];
    const prev2 = tokens[i - 2];
    const next = tokens[i + 1];
    if (prev && numberBlock.has(prev.key) && prev.clause === t.clause) continue;
    if (prev2 && prev && numberBlock.has(`${prev2.key} ${prev.key}`)) continue;
    const nextIsJari = next?.key === 'jari';
    if (next && numberAfterBlock.has(next.key) && next.clause === t.clause && !nextIsJari) continue;
    let w = 0;
    let how = '';
    const introBefore =
      (prev && prev.clause === t.clause && numberIntro.has(prev.key)) ||
      (prev2 && prev && prev2.clause === t.clause && numberIntro.has(prev2.key) && prev.key === 'yang');
    if (
      nextIsJari &&
      (prev?.key === 'salam' || prev?.key === 'pose' || cueAtToken[i - 1]?.has('gesture_word'))
    ) {
      w = 0.55;
      how = 'gesture';
    } else if (nextIsJari) {
      w = electionCtx ? 0.4 : 0.15;
      how = 'gesture';
    } else if (introBefore) {
      w = 0.7;
    } else if (isKeycap(t.end)) {
      w = 0.6;
    } else if (
      prev &&
      prev.clause === t.clause &&
      (cueAtToken[i - 1]?.has('attribute') || cueAtToken[i - 1]?.has('campaign'))
    ) {
      // "pin 02", "kaos 01", "relawan 03": an attribute or campaign word names the number.
      w = 0.6;
    } else if (prev?.key === 'yang' && (next?.key === 'saja' || next?.key === 'lah')) {
      w = 0.6;
    } else if ((t.flags & TOKEN_HASHTAG) !== 0) {
      w = 0.5;
    } else if ((t.flags & TOKEN_ZERO_PADDED) !== 0) {
      w = electionCtx || has('vote') || has('invite') ? 0.55 : 0.25;
    } else if (
      (next?.key === 'saja' || next?.key === 'for' || (next && (next.flags & TOKEN_GESTURE) !== 0)) &&
      (electionCtx || dayHits.length > 0 || has('vote') || has('hope_win'))
    ) {
      w = 0.55;
    } else if (/^\d$/.test(t.raw) && (near('vote', i, i + 1, 3, 1) || near('invite', i, i + 1, 2, 0))) {
      w = 0.5;
    } else if (/^\d$/.test(t.raw) && electionCtx && near('praise', i, i + 1, 4, 4)) {
      w = 0.35;
    } else continue;
    // Without any electoral word, vote verb or invitation, "nomor satu" is a ranking, not a ballot.
    if (!electionCtx && !has('vote') && !has('invite') && !has('hope_win') && dayHits.length === 0) w *= 0.4;
    compiled.numbers.forEach((index, pi) => {
      const entry = index.get(value);
      if (!entry) return;
      const pack = compiled.packs[pi]!;
      const hasParties = pack.parties.length > 0;
      const partyReading = hasParties && (partyCtx || near('party_ctx', i, i + 1, 6, 3));
      for (const ci of entry.contestants) {
        const c = pack.contestants[ci]!;
        const cw = partyReading && !near('election', i, i + 1, 4, 0) ? w * 0.6 : w;
        mentions.push({
          pack: pi,
          target: c.id,
          contestant: ci,
          role: how === 'gesture' ? 'gesture' : 'number',
          weight: cw,
          from: i,
          to: i + 1,
          start: t.start,
          end: t.end,
          label: `nomor ${value}`,
        });
      }
      if (partyReading)
        for (const pj of entry.parties)
          mentions.push({
            pack: pi,
            target: pack.parties[pj]!.id,
            contestant: -1,
            role: 'number',
            weight: w * 0.9,
            from: i,
            to: i + 1,
            start: t.start,
            end: t.end,
            label: `nomor ${value}`,
          });
    });
  }

  // --- Negative calls ---------------------------------------------------------------------
  const opposedSet = new Set<string>();
  let negCall = false;
  for (const o of cues.get('negation') ?? []) {
    const after = tokens[o.to];
    if (!after || NEGATION_EXCUSED.has(after.key)) continue;
    for (const m of mentions) {
      if (
        m.from >= o.to &&
        m.from <= o.to + 4 &&
        tokens[m.from]!.clause === tokens[o.from]!.clause &&
        m.weight >= 0.3
      ) {
        negCall = true;
        opposedSet.add(`${m.pack}:${m.target}`);
        evidence[F.negative_call]!.push({
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
  type Acc = { best: number; count: number; roles: Set<string>; mentions: Mention[] };
  const byPack = new Map<number, Map<string, Acc>>();
  for (const m of mentions) {
    let targets = byPack.get(m.pack);
    if (!targets) {
      targets = new Map();
      byPack.set(m.pack, targets);
    }
    let acc = targets.get(m.target);
    if (!acc) {
      acc = { best: 0, count: 0, roles: new Set(), mentions: [] };
      targets.set(m.target, acc);
    }
    acc.best = Math.max(acc.best, m.weight);
    acc.count++;
    acc.roles.add(m.role);
    acc.mentions.push(m);
  }
  const evidenceOf = (acc: Acc): number => Math.min(1, acc.best + 0.08 * (Math.min(acc.roles.size, 4) - 1));
  let bestPack = -1;
  let bestScore = 0;
  for (const [pi, targets] of byPack) {
    let s = 0;
    for (const acc of targets.values()) s = Math.max(s, evidenceOf(acc));
    if (s > bestScore) {
      bestScore = s;
      bestPack = pi;
    }
  }

  const targets: string[] = [];
  const opposed: string[] = [];
  if (bestPack >= 0) {
    const pack = compiled.packs[bestPack]!;
    const accs = byPack.get(bestPack)!;
    const contestantEv = pack.contestants.map((c) => {
      const acc = accs.get(c.id);
      return acc ? evidenceOf(acc) : 0;
    });
    const sorted = [...contestantEv].sort((a, b) => b - a);
    const partyEv = [...accs.entries()].filter(([id]) => !pack.contestants.some((c) => c.id === id));
    const bestParty = Math.max(0, ...partyEv.map(([, a]) => evidenceOf(a)));
    const top = Math.max(sorted[0] ?? 0, bestParty);
    x[F.mention] = top;
    x[F.mention_strong] = top >= 0.7 ? 1 : 0;
    x[F.mention_second] = sorted[1] ?? 0;
    x[F.all_contestants] = pack.contestants.length >= 2 && contestantEv.every((e) => e >= 0.2) ? 1 : 0;
    x[F.party_target] = bestParty >= 0.4 ? bestParty : 0;
    const ranked = [...accs.entries()].sort((a, b) => evidenceOf(b[1]) - evidenceOf(a[1]));
    let weakOnly = true;
    for (const [id, acc] of ranked) {
      const ev = evidenceOf(acc);
      if (ev < 0.3 || ev < top * 0.6) continue;
      if (opposedSet.has(`${bestPack}:${id}`)) opposed.push(id);
      else targets.push(id);
      for (const m of acc.mentions) {
        if (m.weight >= 0.5 && m.role !== 'name_part' && m.role !== 'gesture_emoji') weakOnly = false;
        const kind = m.role === 'number' ? 'number' : m.role;
        evidence[F.mention]!.push({
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
          evidence[F.gesture]!.push({
            kind: 'gesture',
            start: m.start,
            end: m.end,
            weight: 0,
            label: m.label,
          });
        }
        if (
          (m.role === 'name_part' || m.role === 'titled_name' || m.role === 'name') &&
          near('official_role', m.from, m.to, 4, 2)
        )
          x[F.name_in_office] = 1;
        if (
          (m.role === 'name_part' || m.role === 'titled_name' || m.role === 'name') &&
          near('ordinary_person', m.from, m.to, 6, 6)
        )
          x[F.name_ordinary] = 1;
      }
    }
    x[F.weak_only] = weakOnly && top > 0 ? 1 : 0;
  }
  x[F.obfuscated] = obfuscated && x[F.mention]! > 0 ? 1 : 0;
  x[F.negative_call] = negCall && opposed.length > 0 ? 1 : 0;
  x[F.election_ctx] = electionCtx ? 1 : 0;
  if (dayHits.length > 0) {
    x[F.election_day] = 1;
    for (const h of dayHits.slice(0, 2))
      evidence[F.election_day]!.push({
        kind: 'election_day',
        start: h.start,
        end: h.end,
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

  // First-person stance: "saya/kita … pilih/dukung" or "pilihanku".
  for (const o of cues.get('vote') ?? []) {
    if (near('first_person', o.from, o.to, 3, 0)) {
      x[F.first_person_vote] = 1;
      evidence[F.first_person_vote]!.push({
        kind: 'cue:first_person_vote',
        start: o.start,
        end: o.end,
        weight: 0,
        label: o.label,
      });
    }
  }
  for (const o of cues.get('stance') ?? [])
    if (o.label === 'pilihan_saya') {
      x[F.first_person_vote] = 1;
    }

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

type NumberSets = { numberIntro: Set<string>; numberBlock: Set<string>; numberAfterBlock: Set<string> };
const numberSetCache = new WeakMap<CompiledPacks, NumberSets>();
function numberSets(compiled: CompiledPacks): NumberSets {
  let s = numberSetCache.get(compiled);
  if (!s) {
    s = {
      numberIntro: compiled.cueSets.number_intro,
      numberBlock: compiled.cueSets.number_block,
      numberAfterBlock: compiled.cueSets.number_after_block,
    };
    numberSetCache.set(compiled, s);
  }
  return s;
}

export { idx as featureIndex };
