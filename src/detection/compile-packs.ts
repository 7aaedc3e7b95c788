import type { Pack } from '../contracts/pack.ts';
import { COMMON_WORDS, CUES, type CueKind, TITLES } from './lexicon.ts';
import { GESTURE_METAL, GESTURE_ONE, GESTURE_THREE, GESTURE_TWO, normalise } from './normalise.ts';
import { phraseKeys } from './tokenise.ts';
import { spellingVariants, splitHashtag } from './variants.ts';

/** How a pack string refers to its contestant or party. */
export type MentionRole =
  | 'name' // full name
  | 'name_part' // one word of a name (first or last name)
  | 'titled_name' // Pak/Bu/Mas + a word of a name
  | 'alias'
  | 'acronym' // alias written in capitals in the pack (AMIN, HERA)
  | 'slogan'
  | 'hashtag'
  | 'gesture'
  | 'gesture_emoji'
  | 'party'
  | 'party_acronym'
  | 'coalition'; // a supporting party of a contestant

/** A pack string matched in a post. */
export type MentionPayload = {
  type: 'mention';
  pack: number;
  /** Index into the pack's contestants, or -1 for a party. */
  contestant: number;
  /** Contestant id or party id (`P02`). */
  target: string;
  role: MentionRole;
  weight: number;
  /** Also an ordinary word: needs capitals, a hashtag or partisan context. */
  common: boolean;
  /** Generated spelling variant rather than the pack's own string. */
  variant: boolean;
  /** The pack string, for explanations. */
  label: string;
};
export type CuePayload = { type: 'cue'; cue: CueKind; label: string };
/** The pack's voting day written as a date (`tanggal 14`, `27 November`). */
export type DayPayload = { type: 'day'; pack: number; label: string };
export type Payload = MentionPayload | CuePayload | DayPayload;

export type Pattern = { keys: string[]; payloads: Payload[] };

/** Character trie over compact (space-less) forms, for matching inside hashtags and handles. */
export type TrieNode = { next: Map<number, TrieNode>; payloads: Payload[] | null };

/** Ballot numbers of one pack: number → contestant indexes and party indexes. */
export type NumberIndex = Map<number, { contestants: number[]; parties: number[] }>;

/** All active packs compiled into one matcher. Build once, reuse for every post. */
export type CompiledPacks = {
  packs: Pack[];
  /** First canonical key → patterns starting with it. */
  byFirst: Map<string, Pattern[]>;
  compact: TrieNode;
  numbers: NumberIndex[];
  /** Largest ballot number of any contestant or party. */
  maxNumber: number;
  cueSets: Record<CueKind, Set<string>>;
  patternCount: number;
};

const BASE_WEIGHT: Record<MentionRole, number> = {
  name: 0.9,
  name_part: 0.45,
  titled_name: 0.6,
  alias: 0.8,
  acronym: 0.8,
  slogan: 0.7,
  hashtag: 0.95,
  gesture: 0.45,
  gesture_emoji: 0.2,
  party: 0.85,
  party_acronym: 0.6,
  coalition: 0.3,
};

const MONTHS = [
  ['januari', 'jan'],
  ['februari', 'feb'],
  ['maret', 'mar'],
  ['april', 'apr'],
  ['mei', 'mei'],
  ['juni', 'jun'],
  ['juli', 'jul'],
  ['agustus', 'agu'],
  ['september', 'sep'],
  ['oktober', 'okt'],
  ['november', 'nov'],
  ['desember', 'des'],
] as const;

function keysOf(s: string): string[] {
  return phraseKeys(normalise(s));
}

function isAcronym(s: string): boolean {
  const letters = s.replace(/[^A-Za-z]/g, '');
  return letters.length >= 2 && letters.length <= 6 && letters === letters.toUpperCase();
}

function fingerGesture(keys: string[]): string | null {
  if (keys.includes('metal')) return GESTURE_METAL;
  if (!keys.includes('jari')) return null;
  if (keys.includes('1')) return GESTURE_ONE;
  if (keys.includes('2')) return GESTURE_TWO;
  if (keys.includes('3')) return GESTURE_THREE;
  return null;
}

/**
 * Compiles packs and the shipped cue lexicons into one matcher. Derives name parts, titled names,
 * compact (run-together) forms, camelCase hashtag phrases, spelling variants of long names and the
 * voting-day date. Packs are assumed valid (validate with `src/contracts/pack.ts` first).
 */
export function compilePacks(packs: readonly Pack[]): CompiledPacks {
  const patterns = new Map<string, Pattern>();
  const compact: TrieNode = { next: new Map(), payloads: null };

  const add = (keys: string[], payload: Payload): void => {
    if (keys.length === 0) return;
    const id = keys.join(' ');
    let p = patterns.get(id);
    if (!p) {
      p = { keys, payloads: [] };
      patterns.set(id, p);
    }
    p.payloads.push(payload);
  };
  const addCompact = (s: string, payload: Payload): void => {
    if (s.length < 4) return;
    let node = compact;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      let nxt = node.next.get(c);
      if (!nxt) {
        nxt = { next: new Map(), payloads: null };
        node.next.set(c, nxt);
      }
      node = nxt;
    }
    if (!node.payloads) node.payloads = [];
    node.payloads.push(payload);
  };

  // Name parts shared by several contestants are weaker evidence.
  const partOwners = new Map<string, Set<string>>();
  packs.forEach((pack, pi) => {
    pack.contestants.forEach((c, ci) => {
      for (const name of c.names)
        for (const k of keysOf(name)) {
          if (!partOwners.has(k)) partOwners.set(k, new Set());
          partOwners.get(k)!.add(`${pi}:${ci}`);
        }
    });
  });

  const titles = TITLES.map((t) => keysOf(t)[0]!).filter(Boolean);
  const numbers: NumberIndex[] = [];
  let maxNumber = 0;

  packs.forEach((pack, pi) => {
    const index: NumberIndex = new Map();
    numbers.push(index);
    const mention = (
      contestant: number,
      target: string,
      role: MentionRole,
      label: string,
      keys: string[],
      opts: { weight?: number; variant?: boolean } = {},
    ): MentionPayload => {
      // A term made only of everyday words ("perubahan", "oke gas", "Indonesia Maju") needs context.
      const common = keys.every((k) => COMMON_WORDS.has(k));
      return {
        type: 'mention',
        pack: pi,
        contestant,
        target,
        role,
        weight: opts.weight ?? BASE_WEIGHT[role],
        common,
        variant: opts.variant ?? false,
        label,
      };
    };
    const addTerm = (
      contestant: number,
      target: string,
      role: MentionRole,
      label: string,
      opts: { weight?: number; fuzzy?: boolean } = {},
    ): void => {
      const keys = keysOf(label);
      if (keys.length === 0) return;
      const payload = mention(contestant, target, role, label, keys, opts);
      add(keys, payload);
      const joined = keys.join('');
      if (keys.length > 1) {
        add([joined], { ...payload, variant: true });
      }
      if (!payload.common || keys.length > 1)
        addCompact(joined, { ...payload, weight: payload.weight * 0.9 });
      if (opts.fuzzy && keys.length === 1)
        for (const v of spellingVariants(keys[0]!))
          if (!COMMON_WORDS.has(v))
            add([v], { ...payload, weight: payload.weight * 0.85, variant: true, label });
    };

    pack.contestants.forEach((c, ci) => {
      const entry = index.get(c.number) ?? { contestants: [], parties: [] };
      entry.contestants.push(ci);
      index.set(c.number, entry);
      maxNumber = Math.max(maxNumber, c.number);
      for (const name of c.names) {
        addTerm(ci, c.id, 'name', name);
        const parts = keysOf(name);
        for (const part of parts) {
          if (part.length < 3 || /^\d+$/.test(part)) continue;
          const shared = (partOwners.get(part)?.size ?? 0) > 1;
          const w = shared ? 0.25 : BASE_WEIGHT.name_part;
          addTerm(ci, c.id, 'name_part', part, { weight: w, fuzzy: !shared });
          for (const t of titles)
            add([t, part], mention(ci, c.id, 'titled_name', `${t} ${part}`, [t, part], { weight: w + 0.15 }));
        }
      }
      for (const alias of c.aliases) {
        const role: MentionRole = isAcronym(alias) ? 'acronym' : 'alias';
        addTerm(ci, c.id, role, alias, { fuzzy: role === 'alias' });
      }
      for (const slogan of c.slogans) {
        const keys = keysOf(slogan);
        const w = keys.length >= 2 ? BASE_WEIGHT.slogan : 0.35;
        addTerm(ci, c.id, 'slogan', slogan, { weight: w });
        // A chant that repeats itself ("oke gas oke gas") is often written once.
        const half = keys.length / 2;
        if (
          keys.length >= 4 &&
          Number.isInteger(half) &&
          keys.slice(0, half).join() === keys.slice(half).join()
        )
          addTerm(ci, c.id, 'slogan', keys.slice(0, half).join(' '), { weight: w });
      }
      for (const tag of c.hashtags) {
        const body = tag.replace(/^#/, '');
        const keys = keysOf(body);
        if (keys.length === 0) continue;
        const payload = mention(ci, c.id, 'hashtag', tag, keys);
        add(keys, payload);
        addCompact(keys.join(''), payload);
        const words = splitHashtag(body);
        const withoutYear = words.filter((w) => !/^\d{4}$/.test(w));
        for (const ws of [words, withoutYear]) {
          if (ws.length < 2) continue;
          const phrase = keysOf(ws.join(' '));
          add(phrase, mention(ci, c.id, 'slogan', tag, phrase, { weight: 0.7 }));
          addCompact(phrase.join(''), { ...payload, weight: 0.85 });
        }
      }
      for (const g of c.gestures) {
        const keys = keysOf(g);
        addTerm(ci, c.id, 'gesture', g);
        const emoji = fingerGesture(keys);
        if (emoji) add([emoji], mention(ci, c.id, 'gesture_emoji', g, [emoji]));
      }
      for (const party of c.parties) {
        const keys = keysOf(party);
        add(keys, mention(ci, c.id, 'coalition', party, keys));
        if (keys.length > 1) add([keys.join('')], mention(ci, c.id, 'coalition', party, keys));
      }
    });

    pack.parties.forEach((p, pj) => {
      const entry = index.get(p.number) ?? { contestants: [], parties: [] };
      entry.parties.push(pj);
      index.set(p.number, entry);
      maxNumber = Math.max(maxNumber, p.number);
      addTerm(-1, p.id, 'party', p.name);
      const short = p.name.replace(/^partai\s+/i, '');
      if (short !== p.name) addTerm(-1, p.id, 'party', short, { weight: 0.7 });
      for (const alias of p.aliases) addTerm(-1, p.id, isAcronym(alias) ? 'party_acronym' : 'party', alias);
    });

    const voting = pack.stages.find((s) => s.code === 'pemungutan');
    if (voting) {
      const [, mm, dd] = voting.start.split('-');
      const day = String(Number(dd));
      const month = MONTHS[Number(mm) - 1];
      const label = `${day} ${month?.[0] ?? ''}`.trim();
      add(['tanggal', day], { type: 'day', pack: pi, label });
      if (month) for (const m of month) add([day, m], { type: 'day', pack: pi, label });
    }
  });

  const cueSets = {} as Record<CueKind, Set<string>>;
  for (const [kind, phrases] of Object.entries(CUES) as [CueKind, readonly string[]][]) {
    cueSets[kind] = new Set();
    for (const phrase of phrases) {
      const keys = keysOf(phrase);
      if (keys.length === 0) continue;
      cueSets[kind].add(keys.join(' '));
      add(keys, { type: 'cue', cue: kind, label: phrase });
      if (
        keys.length === 1 &&
        keys[0]!.length >= 5 &&
        (kind === 'vote' || kind === 'campaign' || kind === 'election' || kind === 'hope_win')
      )
        addCompact(keys[0]!, { type: 'cue', cue: kind, label: phrase });
    }
  }

  const byFirst = new Map<string, Pattern[]>();
  for (const p of patterns.values()) {
    const first = p.keys[0]!;
    const list = byFirst.get(first);
    if (list) list.push(p);
    else byFirst.set(first, [p]);
  }
  return { packs: [...packs], byFirst, compact, numbers, maxNumber, cueSets, patternCount: patterns.size };
}
