import { describe, expect, it } from 'vitest';
import {
  CLOCK_RULES,
  candidateStageOn,
  caseDeadlines,
  competentAgencyOn,
  deadlineState,
  dueDate,
  stageOn,
} from './case-clocks.ts';
import { foldCase } from './case-workflow.ts';
import {
  addDays,
  addWorkingDays,
  dayInWib,
  endOfDayWib,
  isWorkingDay,
  workingDaysBetween,
} from './working-days.ts';

// A few official days off (SKB 3 Menteri), enough for the cases below.
const H = new Set([
  '2024-04-08',
  '2024-04-09',
  '2024-04-10',
  '2024-04-11',
  '2024-04-12',
  '2024-04-15',
  '2024-12-25',
  '2024-12-26',
  '2025-01-01',
  '2024-02-14',
  '2024-11-27',
]);

describe('working days', () => {
  it.each([
    // from, n, expected, why
    ['2024-11-22', 3, '2024-11-28', 'Fri + 3 skips the weekend and Pilkada voting day (Wed 27 Nov)'],
    ['2024-11-25', 1, '2024-11-26', 'Mon + 1'],
    ['2024-04-05', 1, '2024-04-16', 'Fri before Lebaran: the whole cuti bersama week is skipped'],
    ['2024-12-24', 2, '2024-12-30', 'Christmas, cuti bersama and the weekend across the year end'],
    ['2024-12-30', 2, '2025-01-02', 'New Year is skipped'],
    ['2024-12-31', 0, '2024-12-31', 'zero days'],
    ['2024-02-13', 1, '2024-02-15', 'Pemilu voting day 14 Feb 2024 is a holiday'],
    ['2024-11-23', 1, '2024-11-25', 'from a Saturday'],
  ])('%s + %i working days = %s (%s)', (from, n, expected) => {
    expect(addWorkingDays(from, n, H)).toBe(expected);
  });

  it('counts calendar days across month, leap day and year end', () => {
    expect(addDays('2024-02-27', 3)).toBe('2024-03-01');
    expect(addDays('2024-12-28', 7)).toBe('2025-01-04');
    expect(addDays('2025-01-03', -7)).toBe('2024-12-27');
  });

  it('knows weekends and holidays', () => {
    expect(isWorkingDay('2024-11-23', H)).toBe(false); // Saturday
    expect(isWorkingDay('2024-11-24', H)).toBe(false); // Sunday
    expect(isWorkingDay('2024-11-27', H)).toBe(false); // holiday
    expect(isWorkingDay('2024-11-26', H)).toBe(true);
    expect(isWorkingDay('2024-11-26', new Set())).toBe(true);
  });

  it('is the inverse of counting working days between two dates', () => {
    for (let n = 0; n < 40; n++) {
      const due = addWorkingDays('2024-12-20', n, H);
      expect(workingDaysBetween('2024-12-20', due, H)).toBe(n);
      expect(isWorkingDay(due, H) || n === 0).toBe(true);
    }
  });

  it('rejects malformed dates and negative counts', () => {
    expect(() => addDays('2024-13-45', 1)).toThrow();
    expect(() => addWorkingDays('2024-01-01', -1, H)).toThrow();
  });

  it('reckons days in WIB', () => {
    expect(dayInWib(new Date('2024-12-31T17:30:00Z'))).toBe('2025-01-01');
    expect(dayInWib(new Date('2024-12-31T16:59:59Z'))).toBe('2024-12-31');
    expect(endOfDayWib('2024-12-31').toISOString()).toBe('2024-12-31T16:59:59.999Z');
  });
});

describe('statutory clocks', () => {
  const at = (iso: string) => new Date(iso);
  it('Pemilu handling: 7 working days after registration, 14 once extended', () => {
    const fold = foldCase([
      { type: 'opened', at: at('2024-02-06T02:00:00Z') },
      { type: 'register', at: at('2024-02-07T02:00:00Z') },
    ]);
    const d = caseDeadlines({ regime: 'pemilu', origin: 'finding', knownOn: '2024-02-05', fold }, H);
    expect(d.map((x) => [x.kind, x.dueOn])).toEqual([
      ['penetapan_temuan', '2024-02-12'],
      ['penanganan', '2024-02-19'], // Wed 7 Feb + 7 working days, skipping 14 Feb (voting day)
    ]);
    expect(d[0]!.metAt).toEqual(at('2024-02-07T02:00:00Z'));
    const extended = foldCase([
      { type: 'opened', at: at('2024-02-06T02:00:00Z') },
      { type: 'register', at: at('2024-02-07T02:00:00Z') },
      { type: 'extend_deadline', at: at('2024-02-12T02:00:00Z') },
    ]);
    const e = caseDeadlines(
      { regime: 'pemilu', origin: 'finding', knownOn: '2024-02-05', fold: extended },
      H,
    );
    expect(e[1]!.dueOn).toBe('2024-02-28');
  });

  it('Pilkada: 3 calendar days to decide, +2 with extra information; reports have the 7-day window and a 2-day initial review', () => {
    const fold = foldCase([
      { type: 'opened', at: at('2024-11-20T03:00:00Z') },
      { type: 'request_completion', at: at('2024-11-21T03:00:00Z') },
      { type: 'complete', at: at('2024-11-22T03:00:00Z') },
      { type: 'register', at: at('2024-11-22T05:00:00Z') },
      { type: 'extend_deadline', at: at('2024-11-23T05:00:00Z') },
    ]);
    const d = caseDeadlines({ regime: 'pilkada', origin: 'report', knownOn: '2024-11-15', fold }, H);
    expect(d.map((x) => [x.kind, x.dueOn, x.metAt !== null])).toEqual([
      ['batas_laporan', '2024-11-22', true],
      ['kajian_awal', '2024-11-22', true],
      ['kelengkapan', '2024-11-24', true],
      ['penanganan', '2024-11-27', false],
    ]);
  });

  it('classifies a clock as met, overdue, due soon or ok', () => {
    const dueAt = endOfDayWib('2024-11-27');
    expect(deadlineState({ dueAt, metAt: null }, at('2024-11-28T00:00:00Z'))).toBe('overdue');
    expect(deadlineState({ dueAt, metAt: null }, at('2024-11-27T01:00:00Z'))).toBe('due_soon');
    expect(deadlineState({ dueAt, metAt: null }, at('2024-11-20T01:00:00Z'))).toBe('ok');
    expect(deadlineState({ dueAt, metAt: at('2024-11-29T00:00:00Z') }, at('2024-12-01T00:00:00Z'))).toBe(
      'met',
    );
  });

  it('keeps the rules as data with a legal basis', () => {
    for (const regime of ['pemilu', 'pilkada'] as const)
      for (const rule of Object.values(CLOCK_RULES[regime])) {
        expect(rule.days).toBeGreaterThan(0);
        expect(rule.basis).not.toBe('');
      }
    expect(dueDate('2024-12-24', 3, 'calendar', H)).toBe('2024-12-27');
    expect(dueDate('2024-12-24', 3, 'working', H)).toBe('2024-12-31');
    expect(dueDate('2024-12-24', 4, 'working', H)).toBe('2025-01-02');
  });
});

describe('candidate stage and the competent agency', () => {
  const stages = [
    { code: 'pendaftaran', start: '2024-08-27', end: '2024-08-29' },
    { code: 'penetapan', start: '2024-09-22', end: '2024-09-22' },
    { code: 'kampanye', start: '2024-09-25', end: '2024-11-23' },
  ];
  it('is pre-candidate before determination and candidate from then on', () => {
    expect(candidateStageOn(stages, '2024-09-21')).toBe('bakal_calon');
    expect(candidateStageOn(stages, '2024-09-22')).toBe('calon');
    expect(candidateStageOn(stages, '2024-11-01')).toBe('calon');
    expect(candidateStageOn([], '2024-11-01')).toBeNull();
    expect(stageOn(stages, '2024-10-01')?.code).toBe('kampanye');
    expect(stageOn(stages, '2024-09-23')).toBeUndefined();
  });
  it('forwards to KASN until 23 Aug 2024 and to BKN from 24 Aug 2024', () => {
    const agencies = [
      { code: 'KASN', name: 'KASN', validFrom: '2014-01-15', validTo: '2024-08-23' },
      { code: 'BKN', name: 'BKN', validFrom: '2024-08-24', validTo: null },
    ];
    expect(competentAgencyOn(agencies, '2024-02-20')?.code).toBe('KASN');
    expect(competentAgencyOn(agencies, '2024-08-23')?.code).toBe('KASN');
    expect(competentAgencyOn(agencies, '2024-08-24')?.code).toBe('BKN');
    expect(competentAgencyOn(agencies, '2026-12-02')?.code).toBe('BKN');
  });
});
