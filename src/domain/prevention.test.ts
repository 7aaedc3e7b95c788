import { describe, expect, it } from 'vitest';
import {
  fillTemplate,
  namesMatch,
  normaliseName,
  percent,
  stageOn,
  todayWib,
  unknownPlaceholders,
  windowStart,
} from './prevention.ts';

const packs = [
  {
    id: 'pemilu-2024',
    regionCode: '00',
    stages: [
      { code: 'kampanye', name: 'Kampanye', start: '2023-11-28', end: '2024-02-10' },
      { code: 'tenang', name: 'Masa tenang', start: '2024-02-11', end: '2024-02-13' },
    ],
  },
  {
    id: 'pilkada-bpn-2024',
    regionCode: '64.71',
    stages: [
      { code: 'penyelenggaraan', name: 'Penyelenggaraan', start: '2024-01-01', end: '2024-12-31' },
      { code: 'kampanye', name: 'Kampanye Pilkada', start: '2024-09-25', end: '2024-11-23' },
    ],
  },
];

describe('stageOn', () => {
  it.each([
    ['64.71', '2024-10-01', 'pilkada-bpn-2024', 'kampanye'],
    ['64.71.01', '2024-03-01', 'pilkada-bpn-2024', 'penyelenggaraan'],
    ['64.71', '2023-12-01', 'pemilu-2024', 'kampanye'],
    ['33.02', '2024-02-12', 'pemilu-2024', 'tenang'],
    ['33.02', '2024-10-01', null, null],
    ['64.71', '2025-01-05', null, null],
  ])('%s on %s → %s %s', (region, date, packId, code) => {
    const s = stageOn(packs, region, date);
    expect(s?.packId ?? null).toBe(packId);
    expect(s?.code ?? null).toBe(code);
  });
});

describe('templates', () => {
  it('fills known placeholders and lists unknown ones', () => {
    const t = 'Yth. {{penerima}} di {{ wilayah }}, {{foo}}.';
    expect(unknownPlaceholders(t)).toEqual(['foo']);
    expect(fillTemplate(t, { penerima: 'Sekda', wilayah: 'Balikpapan' })).toBe('Yth. Sekda di Balikpapan, .');
  });
});

describe('names', () => {
  it.each([
    ['Dr. Budi  Santoso, S.Kom., M.M.', 'budi santoso', true],
    ['Hj. Siti Aminah', 'SITI AMINAH, S.Pd.', true],
    ['Budi Santosa', 'Budi Santoso', false],
    ['', 'Budi', false],
    ['Ni Luh Putu Ayu', 'Ni Luh Putu Ayu', true],
  ])('%s vs %s → %s', (a, b, same) => {
    expect(namesMatch(a, b)).toBe(same);
  });
  it('normalises accents and punctuation', () => {
    expect(normaliseName('Andi Muh. Ridwan-Jaya')).toBe('andi muh ridwan jaya');
  });
});

describe('figures', () => {
  it.each([
    [0, 0, null],
    [1, 3, 33.3],
    [5, 5, 100],
    [6, 5, 100],
  ])('percent(%i, %i) = %s', (a, b, p) => expect(percent(a, b)).toBe(p));
  it('computes the 90-day window and the WIB date', () => {
    expect(windowStart('2024-03-31')).toBe('2024-01-02');
    expect(todayWib(new Date('2024-03-31T18:00:00Z'))).toBe('2024-04-01');
  });
});
