import type { Pack } from '../contracts/pack.ts';
import { COMMON_WORDS, CUES, type CueKind, ENCLITICS, NUMBER_WORDS, SLANG, TITLES } from './lexicon.ts';
import { GESTURE_METAL, GESTURE_ONE, GESTURE_THREE, GESTURE_TWO, normalise } from './normalise.ts';
import { phraseKeys } from './tokenise.ts';
import { spellingVariants, splitHashtag } from './variants.ts';
import { createVocab, extendVocab, intern, lookupString, sealVocab, type Vocab } from './vocab.ts';

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

/** Mention roles in ordinal order (pack roles, then `number` for a ballot number). */
export const MENTION_ROLES = [
  'name',
  'name_part',
  'titled_name',
  'alias',
  'acronym',
  'slogan',
  'hashtag',
  'gesture',
  'gesture_emoji',
  'party',
  'party_acronym',
  'coalition',
  'number',
] as const;
/** Ordinal of each mention role; its bit in a role set is `1 << ordinal`. */
export const ROLE: Readonly<Record<(typeof MENTION_ROLES)[number], number>> = Object.fromEntries(
  MENTION_ROLES.map((r, i) => [r, i]),
) as Record<(typeof MENTION_ROLES)[number], number>;

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

/**
 * The cue payloads of all payload lists, as parallel arrays (the context rules read them for every
 * hit; arrays of small objects were a cache miss each): list `li` holds items
 * `start[li] .. start[li + 1]`, each with its cue kind by ordinal, label, and whether it still
 * counts inside a hashtag or handle.
 */
export type CueItems = { start: Int32Array; kind: Int32Array; inTag: Uint8Array; label: string[] };

/**
 * The mention payloads of all lists, laid out like `CueItems`: pack, target (index in
 * `TargetTable`), role by ordinal (`ROLE`), weight, whether it is also an everyday word, label.
 */
export type MentionItems = {
  start: Int32Array;
  pack: Int32Array;
  target: Int32Array;
  role: Int32Array;
  weight: Float64Array;
  common: Uint8Array;
  label: string[];
};

/**
 * Every contestant and party of the active packs, one index per pack and id (a contestant and a
 * party with the same id in one pack share it, as they share evidence). The context rules keep
 * their per-target sums in typed arrays indexed by it.
 */
export type TargetTable = {
  /** Target → pack index. */
  pack: Int32Array;
  /** Target → contestant or party id. */
  id: string[];
  /** Target → 1 when some contestant of its pack has this id. */
  contestant: Uint8Array;
  /** Per pack: the target of each of its contestants, in pack order. */
  ofContestants: Int32Array[];
};

/** Cue kinds in ordinal order (`CueItems.kind` holds indexes into this). */
export const CUE_KINDS: readonly CueKind[] = Object.keys(CUES) as CueKind[];
/** Ordinal of each cue kind. */
export const CUE_ORD: Readonly<Record<CueKind, number>> = Object.fromEntries(
  CUE_KINDS.map((k, i) => [k, i]),
) as Record<CueKind, number>;

/** Character trie over compact (space-less) forms, for matching inside hashtags and handles. */
export type TrieNode = { next: Map<number, TrieNode>; payloads: Payload[] | null };

/** Ballot numbers of one pack: number → contestant indexes and party indexes. */
export type NumberIndex = Map<number, { contestants: number[]; parties: number[] }>;

/**
 * Cue kinds without a bit in a token's cue set: the three number-context kinds are read from
 * `wordFlags` of the neighbouring token's key, the others only from their occurrence lists.
 */
const NO_BIT_KINDS: ReadonlySet<CueKind> = new Set<CueKind>([
  'number_intro',
  'number_block',
  'number_after_block',
  'participate',
  'wink',
  'candidacy_hint',
]);

/** Bit of each cue kind in a token's cue set (0 for `NO_BIT_KINDS`). */
export const CUE_BIT: Readonly<Record<CueKind, number>> = (() => {
  const out = {} as Record<CueKind, number>;
  let bit = 0;
  for (const k of Object.keys(CUES) as CueKind[]) {
    if (NO_BIT_KINDS.has(k)) out[k] = 0;
    else out[k] = (1 << bit++) >>> 0;
  }
  if (bit > 32) throw new Error('too many cue kinds for a 32-bit set');
  return out;
})();
/** Cue kinds that still count inside a hashtag or handle body. */
const TAG_CUES = CUE_BIT.vote | CUE_BIT.campaign | CUE_BIT.election | CUE_BIT.hope_win;

/** `wordFlags` bits of a canonical key. */
export const WORD_NUMBER_INTRO = 1;
export const WORD_NUMBER_BLOCK = 2;
export const WORD_NUMBER_AFTER_BLOCK = 4;
export const WORD_NEGATION_EXCUSED = 8;

/** `listFlags` bits of a payload list. */
export const LIST_MENTION = 1;
export const LIST_DAY = 2;
/** The list holds a campaign event or structure one can take part in (`CAMPAIGN_EVENTS`). */
export const LIST_CAMPAIGN_EVENT = 4;
/** The list holds a `participate` cue ("ikut", "hadir", "gabung"). */
export const LIST_PARTICIPATE = 8;

/** `campaign` cue phrases naming an event or structure one takes part in ("ikut kampanye"). */
export const CAMPAIGN_EVENTS: ReadonlySet<string> = new Set([
  'kampanye',
  'kampanye dialogis',
  'deklarasi',
  'relawan',
  'sukarelawan',
  'posko',
  'konsolidasi',
  'blusukan',
  'silaturahmi akbar',
  'nobar debat',
]);

/** Words the context rules compare token keys with. */
export const RULE_WORDS = [
  'jari',
  'salam',
  'pose',
  'yang',
  'saja',
  'lah',
  'for',
  'untuk',
  'atau',
  'terserah',
  'bebas',
  'penting',
  'calon',
] as const;

/** After a negation these words mean the negation governs something else ("jangan lupa"). */
export const NEGATION_EXCUSED: readonly string[] = [
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
];

/**
 * The token-level automaton: a trie over interned canonical keys. `firstNode[key]` is the root
 * child for a first key (−1 if no pattern starts with it); `nodeList[node]` the payload list of the
 * pattern ending there (−1 if none); `edges` its children by key (`childOf`).
 */
export type TokenTrie = {
  firstNode: Int32Array;
  nodeList: Int32Array;
  /** Per node: 1 when some pattern continues after it. */
  hasChildren: Uint8Array;
  edges: EdgeTable;
  /** Per interned key: 1 when it occurs after the first word of some pattern (else no child has it). */
  follows: Uint8Array;
  /** Per interned key of ≥ 6 letters: trie node of its stem before an enclitic (−1 if none). */
  encliticNode: Int32Array;
};

/** The contestants and parties of one pack that hold a ballot number, with their targets. */
export type NumberEntry = {
  pi: number;
  /** The pack has parties (a number may name one). */
  hasParties: boolean;
  contestants: number[];
  parties: number[];
  contestantTargets: Int32Array;
  partyTargets: Int32Array;
};

/**
 * The trie's edges (node, key) → child in one open-addressing table of typed arrays: one probe of
 * contiguous memory instead of a `Map` per node.
 */
export type EdgeTable = { node: Int32Array; key: Int32Array; child: Int32Array; mask: number };

function edgeSlot(node: number, key: number, mask: number): number {
  return (Math.imul(node, 0x9e3779b1) ^ Math.imul(key, 0x85ebca6b)) & mask;
}

function buildEdges(nodeNext: readonly (Map<number, number> | null)[]): EdgeTable {
  let count = 0;
  for (const next of nodeNext) count += next?.size ?? 0;
  let size = 16;
  while (size < count * 2) size *= 2;
  const table: EdgeTable = {
    node: new Int32Array(size).fill(-1),
    key: new Int32Array(size),
    child: new Int32Array(size),
    mask: size - 1,
  };
  nodeNext.forEach((next, node) => {
    if (!next) return;
    for (const [key, child] of next) {
      let slot = edgeSlot(node, key, table.mask);
      while (table.node[slot] !== -1) slot = (slot + 1) & table.mask;
      table.node[slot] = node;
      table.key[slot] = key;
      table.child[slot] = child;
    }
  });
  return table;
}

/** The child of trie node `node` by key `key`, or −1. */
export function childOf(edges: EdgeTable, node: number, key: number): number {
  const mask = edges.mask;
  let slot = edgeSlot(node, key, mask);
  for (;;) {
    const at = edges.node[slot]!;
    if (at === -1) return -1;
    if (at === node && edges.key[slot] === key) return edges.child[slot]!;
    slot = (slot + 1) & mask;
  }
}

/** All active packs compiled into one matcher. Build once, reuse for every post. */
export type CompiledPacks = {
  packs: Pack[];
  vocab: Vocab;
  trie: TokenTrie;
  /**
   * Payload lists: one per pattern (index = pattern index, in creation order), then one per node of
   * the compact trie that carries payloads.
   */
  lists: Payload[][];
  /** The same lists split by payload type: cue items, mention items, how many voting-day payloads. */
  cueItems: CueItems;
  mentionItems: MentionItems;
  listDays: Uint8Array;
  /** Per list: cue bits it sets, the bits it sets inside a hashtag/handle, `LIST_*` flags. */
  listCue: Uint32Array;
  listTagCue: Uint32Array;
  listFlags: Uint8Array;
  /** Per compact-trie node with payloads: its list index. */
  compactList: Map<TrieNode, number>;
  compact: TrieNode;
  /** `WORD_*` bits by interned id. */
  wordFlags: Uint8Array;
  /** Two-word number blocks ("nomor antrean") as `first * 2^21 + second`. */
  blockPairs: Set<number>;
  /** Interned ids of `RULE_WORDS`, by word. */
  ruleWord: Record<(typeof RULE_WORDS)[number], number>;
  numbers: NumberIndex[];
  /**
   * By ballot number: the packs that have it, with their entry (`numbers[pi].get(value)`), in pack
   * order. Index 0..maxNumber.
   */
  numberPacks: NumberEntry[][];
  targets: TargetTable;
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

/**
 * Keys of a pack or lexicon string, remembered across compiles: every detector compiles the same
 * cue lexicon again, and an ingest compiles one detector per pack set (hundreds in a Pilkada).
 * Callers never mutate the returned array.
 */
const keysMemo = new Map<string, readonly string[]>();
function keysOf(s: string): string[] {
  let keys = keysMemo.get(s);
  if (!keys) {
    if (keysMemo.size >= 200_000) keysMemo.clear();
    keys = phraseKeys(normalise(s));
    keysMemo.set(s, keys);
  }
  return keys as string[];
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

  const targets = buildTargets(packs);
  const targetOf = (pi: number, id: string): number => targets.byId[pi]!.get(id)!;
  const numberPacks: NumberEntry[][] = [];
  for (let v = 0; v <= maxNumber; v++) {
    const at: NumberEntry[] = [];
    numbers.forEach((index, pi) => {
      const entry = index.get(v);
      if (!entry) return;
      const pack = packs[pi]!;
      at.push({
        pi,
        hasParties: pack.parties.length > 0,
        contestants: entry.contestants,
        parties: entry.parties,
        contestantTargets: Int32Array.from(entry.contestants, (ci) => targetOf(pi, pack.contestants[ci]!.id)),
        partyTargets: Int32Array.from(entry.parties, (pj) => targetOf(pi, pack.parties[pj]!.id)),
      });
    });
    numberPacks.push(at);
  }

  return {
    packs: [...packs],
    ...buildAutomaton([...patterns.values()], compact, cueSets, targetOf),
    numbers,
    numberPacks,
    targets: targets.table,
    maxNumber,
    cueSets,
  };
}

/** Numbers every (pack, contestant or party id); see `TargetTable`. */
function buildTargets(packs: readonly Pack[]): { table: TargetTable; byId: Map<string, number>[] } {
  const pack: number[] = [];
  const id: string[] = [];
  const contestant: number[] = [];
  const byId: Map<string, number>[] = [];
  const ofContestants: Int32Array[] = [];
  packs.forEach((p, pi) => {
    const ids = new Map<string, number>();
    byId.push(ids);
    for (const t of [...p.contestants.map((c) => c.id), ...p.parties.map((q) => q.id)])
      if (!ids.has(t)) {
        ids.set(t, id.length);
        pack.push(pi);
        id.push(t);
        contestant.push(p.contestants.some((c) => c.id === t) ? 1 : 0);
      }
    ofContestants.push(Int32Array.from(p.contestants, (c) => ids.get(c.id)!));
  });
  return {
    table: { pack: Int32Array.from(pack), id, contestant: Uint8Array.from(contestant), ofContestants },
    byId,
  };
}

const ENCLITICS_LONGEST_FIRST = [...ENCLITICS].sort((a, b) => b.length - a.length);

/** What a word would be without an enclitic (`bukunya` → `buku`), longest enclitic first; null if none. */
function encliticStems(w: string): string[] | null {
  if (w.length < 6) return null;
  const out: string[] = [];
  for (const e of ENCLITICS_LONGEST_FIRST)
    if (w.endsWith(e) && w.length - e.length >= 4) out.push(w.slice(0, -e.length));
  return out.length > 0 ? out : null;
}

/**
 * The words every detector knows whatever its packs (rule words, enclitics, gesture symbols, the
 * slang and number-word tables), interned and sealed once per process; each detector extends a copy
 * with its packs' words (~half of compiling a pack set was redoing this).
 */
let shared: { vocab: Vocab; stems: (string[] | null)[] } | null = null;
function sharedVocab() {
  if (!shared) {
    const vocab = createVocab();
    for (const w of RULE_WORDS) intern(vocab, w);
    for (const w of NEGATION_EXCUSED) intern(vocab, w);
    for (const e of ENCLITICS) intern(vocab, e);
    for (const g of [GESTURE_ONE, GESTURE_TWO, GESTURE_THREE, GESTURE_METAL]) intern(vocab, g);
    sealVocab(vocab, SLANG, NUMBER_WORDS);
    shared = { vocab, stems: vocab.words.map(encliticStems) };
  }
  return shared;
}

function buildAutomaton(
  patterns: Pattern[],
  compact: TrieNode,
  cueSets: Record<CueKind, Set<string>>,
  targetOf: (pack: number, id: string) => number,
): Omit<CompiledPacks, 'packs' | 'numbers' | 'numberPacks' | 'maxNumber' | 'cueSets' | 'targets'> {
  const base = sharedVocab();
  const vocab = extendVocab(base.vocab);
  const patternIds = patterns.map((p) => p.keys.map((k) => intern(vocab, k)));
  sealVocab(vocab, SLANG, NUMBER_WORDS, base.vocab);
  const size = vocab.words.length;

  // Token trie, patterns in creation order.
  const firstNode = new Int32Array(size).fill(-1);
  const follows = new Uint8Array(size);
  const nodeList: number[] = [];
  const nodeNext: (Map<number, number> | null)[] = [];
  const newNode = (): number => {
    nodeList.push(-1);
    nodeNext.push(null);
    return nodeList.length - 1;
  };
  patternIds.forEach((ids, pi) => {
    let node = firstNode[ids[0]!]!;
    if (node < 0) {
      node = newNode();
      firstNode[ids[0]!] = node;
    }
    for (let k = 1; k < ids.length; k++) {
      follows[ids[k]!] = 1;
      let next = nodeNext[node];
      if (!next) {
        next = new Map();
        nodeNext[node] = next;
      }
      let child = next.get(ids[k]!);
      if (child === undefined) {
        child = newNode();
        next.set(ids[k]!, child);
      }
      node = child;
    }
    nodeList[node] = pi;
  });

  // Enclitic stems of known words (unknown words are checked at run time the same way): the first
  // candidate stem (longest enclitic first) that starts a pattern.
  const encliticNode = new Int32Array(size).fill(-1);
  for (let id = 1; id < size; id++) {
    const stems = id < base.vocab.words.length ? base.stems[id] : encliticStems(vocab.words[id]!);
    if (!stems) continue;
    for (const s of stems) {
      const stem = lookupString(vocab, s);
      if (stem !== 0 && firstNode[stem]! >= 0) {
        encliticNode[id] = firstNode[stem]!;
        break;
      }
    }
  }

  // Payload lists with their cue bits.
  const lists: Payload[][] = patterns.map((p) => p.payloads);
  const compactList = new Map<TrieNode, number>();
  const walk = (node: TrieNode): void => {
    if (node.payloads) {
      compactList.set(node, lists.length);
      lists.push(node.payloads);
    }
    for (const child of node.next.values()) walk(child);
  };
  walk(compact);
  const listCue = new Uint32Array(lists.length);
  const listTagCue = new Uint32Array(lists.length);
  const listFlags = new Uint8Array(lists.length);
  const listDays = new Uint8Array(lists.length);
  const tagKinds = new Set<CueKind>(['vote', 'campaign', 'election', 'hope_win']);
  // Items are counted first, so the flat arrays are allocated once at their size.
  let cueCount = 0;
  let mentionCount = 0;
  for (const payloads of lists)
    for (const p of payloads)
      if (p.type === 'cue') cueCount++;
      else if (p.type === 'mention') mentionCount++;
  const cueItems: CueItems = {
    start: new Int32Array(lists.length + 1),
    kind: new Int32Array(cueCount),
    inTag: new Uint8Array(cueCount),
    label: new Array<string>(cueCount),
  };
  const mentionItems: MentionItems = {
    start: new Int32Array(lists.length + 1),
    pack: new Int32Array(mentionCount),
    target: new Int32Array(mentionCount),
    role: new Int32Array(mentionCount),
    weight: new Float64Array(mentionCount),
    common: new Uint8Array(mentionCount),
    label: new Array<string>(mentionCount),
  };
  let c = 0;
  let m = 0;
  lists.forEach((payloads, li) => {
    let bits = 0;
    let flags = 0;
    let days = 0;
    for (const p of payloads) {
      if (p.type === 'cue') {
        bits |= CUE_BIT[p.cue];
        if (p.cue === 'campaign_team' || (p.cue === 'campaign' && CAMPAIGN_EVENTS.has(p.label)))
          flags |= LIST_CAMPAIGN_EVENT;
        if (p.cue === 'participate') flags |= LIST_PARTICIPATE;
        cueItems.kind[c] = CUE_ORD[p.cue];
        cueItems.inTag[c] = tagKinds.has(p.cue) ? 1 : 0;
        cueItems.label[c++] = p.label;
      } else if (p.type === 'day') {
        flags |= LIST_DAY;
        days++;
      } else {
        flags |= LIST_MENTION;
        mentionItems.pack[m] = p.pack;
        mentionItems.target[m] = targetOf(p.pack, p.target);
        mentionItems.role[m] = ROLE[p.role];
        mentionItems.weight[m] = p.weight;
        mentionItems.common[m] = p.common ? 1 : 0;
        mentionItems.label[m++] = p.label;
      }
    }
    cueItems.start[li + 1] = c;
    mentionItems.start[li + 1] = m;
    listCue[li] = bits >>> 0;
    listDays[li] = days;
    listTagCue[li] = (bits & TAG_CUES) >>> 0;
    listFlags[li] = flags;
  });

  const wordFlags = new Uint8Array(size);
  const blockPairs = new Set<number>();
  const mark = (set: Set<string>, bit: number): void => {
    for (const phrase of set) {
      const parts = phrase.split(' ');
      if (parts.length === 1) {
        const id = lookupString(vocab, phrase);
        wordFlags[id] = wordFlags[id]! | bit;
      } else if (parts.length === 2 && bit === WORD_NUMBER_BLOCK)
        blockPairs.add(lookupString(vocab, parts[0]!) * 2097152 + lookupString(vocab, parts[1]!));
    }
  };
  mark(cueSets.number_intro, WORD_NUMBER_INTRO);
  mark(cueSets.number_block, WORD_NUMBER_BLOCK);
  mark(cueSets.number_after_block, WORD_NUMBER_AFTER_BLOCK);
  mark(new Set(NEGATION_EXCUSED), WORD_NEGATION_EXCUSED);
  wordFlags[0] = 0;
  const ruleWord = Object.fromEntries(RULE_WORDS.map((w) => [w, lookupString(vocab, w)])) as Record<
    (typeof RULE_WORDS)[number],
    number
  >;

  return {
    vocab,
    trie: {
      firstNode,
      nodeList: Int32Array.from(nodeList),
      hasChildren: Uint8Array.from(nodeNext, (next) => (next ? 1 : 0)),
      edges: buildEdges(nodeNext),
      follows,
      encliticNode,
    },
    lists,
    cueItems,
    mentionItems,
    listDays,
    listCue,
    listTagCue,
    listFlags,
    compactList,
    compact,
    wordFlags,
    blockPairs,
    ruleWord,
    patternCount: patterns.length,
  };
}
