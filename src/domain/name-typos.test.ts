import { describe, expect, it } from 'vitest';
import { editDistance, rankCorrections, singleEdits } from './name-typos.ts';

describe('singleEdits', () => {
  it.each([
    ['sri', 'sai'], // substitution
    ['sri', 'sr'], // deletion
    ['sri', 'srii'], // insertion
    ['sri', 'rsi'], // transposition
    ['budi', 'budiy'],
    ['saputra', 'saputar'],
  ])('%s has %s one edit away', (word, neighbour) => {
    expect(singleEdits(word)).toContain(neighbour);
  });

  it('never lists the word itself, duplicates or the empty word', () => {
    const e = singleEdits('aa');
    expect(e).not.toContain('aa');
    expect(e).not.toContain('');
    expect(new Set(e).size).toBe(e.length);
  });

  it('every neighbour is exactly one edit away', () => {
    for (const w of ['eko', 'wahyuni', 'nasution'])
      for (const n of singleEdits(w)) expect(editDistance(w, n), `${w} → ${n}`).toBe(1);
  });

  it('grows linearly with the word (about 54 per letter)', () => {
    expect(singleEdits('hidayat').length).toBeLessThan(54 * 7 + 26);
  });
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['budi', 'budi', 0],
    ['budi', 'badi', 1],
    ['budi', 'bdui', 1],
    ['budi', 'bud', 1],
    ['santoso', 'santosa', 1],
    ['santoso', 'susanto', 4],
    ['', 'abc', 3],
  ])('%s ↔ %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('rankCorrections', () => {
  it('puts one-edit words before more similar-looking longer ones', () => {
    expect(
      rankCorrections(
        'hidayst',
        [
          { word: 'hidayati', similarity: 0.5 },
          { word: 'hidayat', similarity: 0.45 },
          { word: 'hidayah', similarity: 0.5 },
        ],
        2,
      ),
    ).toEqual(['hidayat', 'hidayah']);
  });

  it('keeps far words only when nothing is close', () => {
    expect(rankCorrections('xq', [{ word: 'rahmawati', similarity: 0.1 }], 3)).toEqual(['rahmawati']);
    expect(
      rankCorrections(
        'sai',
        [
          { word: 'sri', similarity: 0.1 },
          { word: 'rahmawati', similarity: 0.2 },
        ],
        3,
      ),
    ).toEqual(['sri']);
  });

  it('merges duplicates and orders ties alphabetically', () => {
    expect(
      rankCorrections(
        'ani',
        [{ word: 'ari' }, { word: 'adi' }, { word: 'ari', similarity: 0.2 }, { word: 'ana' }],
        5,
      ),
    ).toEqual(['ari', 'adi', 'ana']);
  });
});
