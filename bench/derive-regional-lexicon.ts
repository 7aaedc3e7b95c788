/**
 * Derives `src/detection/data/regional-nusax.json` (CC BY-SA 4.0, docs/data-sources.md) from a copy
 * of the NusaX lexicons: regional word → the Indonesian single-word cue it translates (vote,
 * support, invitation, negation). Regional words that are also Indonesian words (any word in the
 * NusaX Indonesian columns or Indonesian sentences), shorter than 4 letters, ambiguous, or on the
 * hand-checked BLOCK list are left out. Run: `node bench/derive-regional-lexicon.ts <nusax dir>`.
 * (`SLANG` already contains the current file's words; those are not counted as "known slang".)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import current from '../src/detection/data/regional-nusax.json' with { type: 'json' };
import { CUES, NUMBER_WORDS, SLANG } from '../src/detection/lexicon.ts';

const slang: Record<string, string> = { ...SLANG };
for (const w of Object.keys(current.words))
  if (slang[w] === (current.words as Record<string, string>)[w]) delete slang[w];

const dir = process.argv[2];
if (!dir)
  throw new Error(
    'usage: node bench/derive-regional-lexicon.ts NUSAX_DIR (lexicon-*.csv, sentiment-indonesian-*.csv)',
  );
const langs = [
  'javanese',
  'sundanese',
  'banjarese',
  'minangkabau',
  'madurese',
  'balinese',
  'buginese',
  'acehnese',
  'ngaju',
  'toba_batak',
];
const parse = (line: string) => {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (const ch of line) {
    if (ch === '"') q = !q;
    else if (ch === ',' && !q) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
};
// Indonesian vocabulary: Indonesian columns + the NusaX Indonesian sentences.
const indo = new Set<string>();
const rows: [string, string, string][] = [];
for (const l of langs) {
  for (const line of readFileSync(`${dir}/lexicon-${l}.csv`, 'utf8').split('\n').slice(1)) {
    const c = parse(line);
    if (c.length < 3) continue;
    const id = c[1]!.trim().toLowerCase();
    indo.add(id);
    for (const r of c[2]!.split(/[;/]/)) rows.push([l, id, r.trim().toLowerCase()]);
  }
}
for (const f of ['train', 'valid', 'test'])
  for (const w of readFileSync(`${dir}/sentiment-indonesian-${f}.csv`, 'utf8')
    .toLowerCase()
    .match(/[a-z]+/g) ?? [])
    indo.add(w);
// Target Indonesian words: single-word cue phrases of these kinds.
const kinds = ['vote', 'invite', 'stance', 'praise', 'hope_win', 'negation', 'first_person'];
const targets = new Map<string, string>();
for (const k of kinds)
  for (const p of (CUES as Record<string, readonly string[]>)[k]!) if (!p.includes(' ')) targets.set(p, k);
targets.set('mendukung', 'vote');
targets.set('memilih', 'vote');
targets.set('bagus', 'praise');
targets.set('baik', 'praise');
targets.set('jujur', 'praise');
targets.set('pintar', 'praise');
targets.set('tidak', 'negation');
targets.delete('tabrak');
const BLOCK = new Set(
  'kecelakaan mario elok mapan galang pang bage hana lengket ranjah rujuk seken renta anggar bulus wikan purun bani bengal emut poso pande hormat bijak enya legan menga bello marennu sengga leppo'.split(
    ' ',
  ),
);
const out: Record<string, string> = {};
const src: Record<string, string[]> = {};
for (const [l, id, r] of rows) {
  if (!targets.has(id)) continue;
  if (!/^[a-z]{4,}$/.test(r) || r === id) continue;
  if (BLOCK.has(r) || indo.has(r) || slang[r] || (NUMBER_WORDS as Record<string, string>)[r]) continue;
  const canon = slang[id] ?? id;
  if (out[r] && out[r] !== canon) {
    delete out[r];
    continue;
  }
  out[r] = canon;
  const langsOfWord = src[r] ?? [];
  langsOfWord.push(l);
  src[r] = langsOfWord;
}
const sorted = Object.fromEntries(
  Object.keys(out)
    .sort()
    .map((k) => [k, out[k]]),
);
const langsOf = Object.fromEntries(Object.keys(sorted).map((k) => [k, [...new Set(src[k])].join(',')]));
writeFileSync(
  new URL('../src/detection/data/regional-nusax.json', import.meta.url),
  `${JSON.stringify(
    {
      source:
        'IndoNLP/nusax commit 75b0be5, datasets/lexicon/<language>.csv (Winata et al., NusaX, EACL 2023)',
      licence:
        'CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/); derived subset, see docs/data-sources.md',
      note: 'Regional-language word -> Indonesian cue word it translates (reversed NusaX lexicon rows whose Indonesian side is a support, vote, invitation or negation cue). Words that are also Indonesian words were left out.',
      words: sorted,
      languages: langsOf,
    },
    null,
    1,
  )}\n`,
);
console.log(`${Object.keys(sorted).length} words`);
