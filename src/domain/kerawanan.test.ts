import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bandOf,
  currentStage,
  DEFAULT_KERAWANAN_SETTINGS,
  type KerawananInput,
  type KerawananSettings,
  kerawananLevelOf,
  scoreKerawanan,
  validateKerawananSettings,
} from './kerawanan.ts';

const BASE: KerawananInput = {
  staff: 10_000,
  cases: 0,
  confirmedAlerts: 0,
  pledged: 0,
  taskForce: false,
  activities90d: 0,
  previousCases: 0,
  stage: null,
};

const points = (s: ReturnType<typeof scoreKerawanan>) =>
  Object.fromEntries(s.parts.map((p) => [p.key, p.points]));

describe('scoreKerawanan: worked examples (docs/kerawanan.md)', () => {
  it.each<[string, Partial<KerawananInput>, Record<string, number>, number]>([
    // Nothing happened, nothing prevented, no stage: only the prevention gap and the idle stage factor.
    ['empty', {}, { incidence: 0, prevention: 25, history: 0, stage: 3 }, 28],
    // 10 cases + 4 confirmed alerts ×0.5 = 12 per 10,000 staff = 1.2 per 1,000 → 1.2/2.2 × 40 = 21.82.
    [
      'campaign with cases',
      { cases: 10, confirmedAlerts: 4, stage: 'kampanye' },
      { incidence: 21.82, prevention: 25, history: 0, stage: 15 },
      61.82,
    ],
    // Full coverage: all pledged, task force, 3 activities → no prevention points.
    [
      'fully covered',
      { pledged: 10_000, taskForce: true, activities90d: 5, stage: 'pemungutan' },
      { incidence: 0, prevention: 0, history: 0, stage: 12 },
      12,
    ],
    // Half pledged, a task force, 1 of 3 activities: coverage 0.25 + 0.25 + 0.0833 = 0.5833.
    [
      'partly covered, history',
      { pledged: 5000, taskForce: true, activities90d: 1, previousCases: 10, stage: 'masa_tenang' },
      { incidence: 0, prevention: 10.42, history: 10, stage: 13.5 },
      33.92,
    ],
    // Unknown stage codes use the "other" factor.
    ['unknown stage', { stage: 'debat' }, { incidence: 0, prevention: 25, history: 0, stage: 7.5 }, 32.5],
  ])('%s', (_name, input, expected, score) => {
    const s = scoreKerawanan({ ...BASE, ...input }, 'regency');
    expect(points(s)).toEqual(expected);
    expect(s.score).toBe(score);
  });

  it('counts per 1,000 assumed staff and says so when the staff count is unknown', () => {
    const s = scoreKerawanan({ ...BASE, staff: 0, cases: 1 }, 'regency');
    expect(s.parts[0]!.value).toBeCloseTo(0.5);
    expect(s.notes.join()).toMatch(/jumlah pegawai tidak diketahui/);
  });
});

describe('bands (IKP 2024 thresholds)', () => {
  it.each([
    [21.69, 'province', 'low'],
    [21.7, 'province', 'medium'],
    [68.49, 'province', 'medium'],
    [68.5, 'province', 'high'],
    [13.46, 'regency', 'low'],
    [13.47, 'regency', 'medium'],
    [49.33, 'regency', 'high'],
  ] as const)('%s at %s level is %s', (score, level, band) => {
    expect(bandOf(score, level)).toBe(band);
  });

  it('uses province thresholds for the nation and provinces, regency ones below', () => {
    expect(kerawananLevelOf('00')).toBe('province');
    expect(kerawananLevelOf('64')).toBe('province');
    expect(kerawananLevelOf('64.71')).toBe('regency');
  });
});

describe('validateKerawananSettings', () => {
  it('accepts the defaults', () => expect(validateKerawananSettings(DEFAULT_KERAWANAN_SETTINGS)).toEqual([]));
  it.each<[string, Partial<KerawananSettings>, RegExp]>([
    ['weights not 100', { weights: { incidence: 50, prevention: 25, history: 20, stage: 15 } }, /100/],
    ['negative weight', { weights: { incidence: 120, prevention: -20, history: 0, stage: 0 } }, /negatif/],
    ['coverage not 1', { coverage: { pledge: 0.5, taskForce: 0.5, activities: 0.5 } }, /berjumlah 1/],
    ['alert weight', { alertWeight: 2 }, /alertWeight/],
    [
      'bad thresholds',
      { thresholds: { province: { medium: 70, high: 60 }, regency: { medium: 1, high: 2 } } },
      /ambang/,
    ],
    ['stage factor', { stageFactors: { none: 0.2, other: 1.5 } }, /faktor tahapan other/],
  ])('rejects %s', (_n, patch, message) => {
    expect(validateKerawananSettings({ ...DEFAULT_KERAWANAN_SETTINGS, ...patch }).join('\n')).toMatch(
      message,
    );
  });
});

const count = fc.integer({ min: 0, max: 1_000_000 });
const input = fc.record({
  staff: fc.integer({ min: 0, max: 5_000_000 }),
  cases: count,
  confirmedAlerts: count,
  pledged: fc.integer({ min: 0, max: 6_000_000 }),
  taskForce: fc.boolean(),
  activities90d: fc.integer({ min: 0, max: 1000 }),
  previousCases: count,
  stage: fc.constantFrom(null, 'pendaftaran', 'kampanye', 'masa_tenang', 'pemungutan', 'lain'),
});
/** Any valid settings: random weights normalised to 100, coverage shares to 1. */
const settings = fc
  .record({
    w: fc.tuple(fc.nat(100), fc.nat(100), fc.nat(100), fc.nat(100)).filter((w) => w.some((x) => x > 0)),
    c: fc.tuple(fc.nat(10), fc.nat(10), fc.nat(10)).filter((c) => c.some((x) => x > 0)),
    alertWeight: fc.double({ min: 0, max: 1, noNaN: true }),
    incidenceHalf: fc.double({ min: 0.01, max: 100, noNaN: true }),
    historyHalf: fc.double({ min: 0.01, max: 100, noNaN: true }),
    activityTarget: fc.integer({ min: 1, max: 20 }),
  })
  .map(({ w, c, ...rest }): KerawananSettings => {
    const sw = w.reduce((a, b) => a + b, 0);
    const weights = { incidence: (w[0] * 100) / sw, prevention: (w[1] * 100) / sw, history: 0, stage: 0 };
    weights.history = (w[2] * 100) / sw;
    weights.stage = 100 - weights.incidence - weights.prevention - weights.history;
    const sc = c.reduce((a, b) => a + b, 0);
    return {
      ...DEFAULT_KERAWANAN_SETTINGS,
      ...rest,
      weights,
      coverage: { pledge: c[0] / sc, taskForce: c[1] / sc, activities: 1 - c[0] / sc - c[1] / sc },
    };
  });

describe('properties', () => {
  it('is bounded: 0 ≤ score ≤ 100, every part between 0 and its weight', () => {
    fc.assert(
      fc.property(input, settings, (i, s) => {
        const r = scoreKerawanan(i, 'regency', s);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        for (const p of r.parts) {
          expect(p.value).toBeGreaterThanOrEqual(0);
          expect(p.value).toBeLessThanOrEqual(1);
          expect(p.points).toBeGreaterThanOrEqual(0);
          expect(p.points).toBeLessThanOrEqual(p.weight + 0.005);
        }
      }),
    );
  });

  it('is explained: the parts sum to the score exactly (in hundredths)', () => {
    fc.assert(
      fc.property(input, settings, (i, s) => {
        const r = scoreKerawanan(i, 'province', s);
        const sum = r.parts.reduce((a, p) => a + Math.round(p.points * 100), 0);
        expect(Math.round(r.score * 100)).toBe(sum);
        expect(r.band).toBe(bandOf(r.score, 'province', s));
      }),
    );
  });

  it('is monotone in incidence: more cases or more confirmed alerts never lower the score', () => {
    fc.assert(
      fc.property(input, settings, count, count, (i, s, moreCases, moreAlerts) => {
        const before = scoreKerawanan(i, 'regency', s);
        const after = scoreKerawanan(
          { ...i, cases: i.cases + moreCases, confirmedAlerts: i.confirmedAlerts + moreAlerts },
          'regency',
          s,
        );
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        expect(after.parts[0]!.value).toBeGreaterThanOrEqual(before.parts[0]!.value);
      }),
    );
  });

  it('more prevention never raises the score', () => {
    fc.assert(
      fc.property(input, settings, fc.nat(1000), (i, s, more) => {
        const before = scoreKerawanan(i, 'regency', s);
        const after = scoreKerawanan(
          { ...i, pledged: i.pledged + more, activities90d: i.activities90d + 1, taskForce: true },
          'regency',
          s,
        );
        expect(after.score).toBeLessThanOrEqual(before.score);
      }),
    );
  });
});

describe('currentStage', () => {
  const packs = [
    { regionCode: '00', stages: [{ code: 'pendaftaran', start: '2026-01-01', end: '2026-01-31' }] },
    {
      regionCode: '64.71',
      stages: [
        { code: 'kampanye', start: '2026-01-10', end: '2026-01-20' },
        { code: 'masa_tenang', start: '2026-01-21', end: '2026-01-23' },
      ],
    },
  ];
  it.each([
    ['64.71', '2026-01-05', 'pendaftaran'],
    ['64.71', '2026-01-15', 'kampanye'],
    ['64', '2026-01-15', 'kampanye'], // a regency inside the province is campaigning
    ['64.72', '2026-01-15', 'pendaftaran'], // another regency: only the national pack
    ['64.71', '2026-01-22', 'masa_tenang'],
    ['64.71', '2026-02-15', null],
  ])('%s on %s → %s', (region, today, stage) => {
    expect(currentStage(packs, region, today)).toBe(stage);
  });
});
