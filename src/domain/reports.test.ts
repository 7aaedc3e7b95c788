import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  duplicateKey,
  formatReceipt,
  localDate,
  nextStatus,
  normaliseReceipt,
  reportClocks,
  reportingWindow,
  utcOffsetOf,
} from './reports.ts';

const base = {
  kind: 'laporan' as const,
  electionType: 'pemilu' as const,
  status: 'diterima',
  regionCode: '31.71',
  knownOn: '2024-11-10',
  reviewedAt: null,
  completionRequestedAt: null,
  decidedAt: null,
};

describe('reportingWindow', () => {
  it.each([
    // known, received (UTC instant), region, late, daysAfterKnown
    ['2024-11-10', '2024-11-17T10:00:00Z', '31.71', false, 7],
    ['2024-11-10', '2024-11-18T10:00:00Z', '31.71', true, 8],
    // 23:30 UTC on the 17th is already the 18th in Jakarta (WIB, UTC+7): late
    ['2024-11-10', '2024-11-17T23:30:00Z', '31.71', true, 8],
    // 16:30 UTC on the 17th is 23:30 WIB (on time) but 00:30 WITA on the 18th in Balikpapan (late)
    ['2024-11-10', '2024-11-17T16:30:00Z', '31.71', false, 7],
    ['2024-11-10', '2024-11-17T16:30:00Z', '64.71', true, 8],
    ['2024-11-10', '2024-11-10T01:00:00Z', '94.71', false, 0],
  ])('known %s, received %s in %s → late %s', (knownOn, at, region, late, days) => {
    for (const electionType of ['pemilu', 'pilkada'] as const) {
      const w = reportingWindow({ electionType, knownOn, receivedAt: new Date(at), regionCode: region });
      expect(w).toEqual({ lastDay: '2024-11-17', daysAfterKnown: days, late });
    }
  });

  it('uses WIB, WITA and WIT by province', () => {
    expect([utcOffsetOf('31.71'), utcOffsetOf('64.71.01'), utcOffsetOf('94'), utcOffsetOf(null)]).toEqual([
      7, 8, 9, 7,
    ]);
    expect(localDate(new Date('2024-01-01T17:00:00Z'), 7)).toBe('2024-01-02');
  });
});

describe('reportClocks', () => {
  const received = new Date('2024-11-11T03:00:00Z'); // 10:00 WIB, 11 Nov

  it('a fresh formal report: window met, initial review due end of 13 Nov WIB', () => {
    const clocks = reportClocks({ ...base, receivedAt: received }, new Date('2024-11-12T03:00:00Z'));
    expect(clocks.map((c) => [c.key, c.state, c.dueAt])).toEqual([
      ['reporting_window', 'met', '2024-11-17T16:59:59.999Z'],
      ['initial_review', 'open', '2024-11-13T16:59:59.999Z'],
    ]);
  });

  it('initial review goes due soon, overdue, and met or missed once reviewed', () => {
    const at = (now: string, reviewedAt: Date | null = null) =>
      reportClocks({ ...base, receivedAt: received, reviewedAt }, new Date(now)).find(
        (c) => c.key === 'initial_review',
      )!.state;
    expect(at('2024-11-13T06:00:00Z')).toBe('due_soon');
    expect(at('2024-11-13T17:00:00Z')).toBe('overdue');
    expect(at('2024-11-20T00:00:00Z', new Date('2024-11-12T00:00:00Z'))).toBe('met');
    expect(at('2024-11-20T00:00:00Z', new Date('2024-11-14T00:00:00Z'))).toBe('missed');
  });

  it('a late formal report shows the missed window', () => {
    const clocks = reportClocks({ ...base, knownOn: '2024-11-01', receivedAt: received }, received);
    expect(clocks[0]).toMatchObject({ key: 'reporting_window', state: 'missed' });
  });

  it('Pemilu: completion runs 3 days from the notice; Pilkada: 3 days from receipt', () => {
    const requested = new Date('2024-11-12T03:00:00Z');
    const input = {
      ...base,
      status: 'perlu_dilengkapi',
      receivedAt: received,
      completionRequestedAt: requested,
    };
    const now = new Date('2024-11-12T04:00:00Z');
    expect(reportClocks(input, now).find((c) => c.key === 'completion')!.dueAt).toBe(
      '2024-11-15T16:59:59.999Z',
    );
    expect(
      reportClocks({ ...input, electionType: 'pilkada' }, now).find((c) => c.key === 'completion')!.dueAt,
    ).toBe('2024-11-14T16:59:59.999Z');
    // Pilkada: the completion clock runs from receipt even before a notice was sent
    expect(
      reportClocks({ ...base, electionType: 'pilkada', receivedAt: received }, now).map((c) => c.key),
    ).toEqual(['reporting_window', 'initial_review']);
    expect(
      reportClocks({ ...input, electionType: 'pilkada', completionRequestedAt: null }, now).map((c) => c.key),
    ).toContain('completion');
  });

  it('a tip has the 7-day finding clock and no reporting window', () => {
    const clocks = reportClocks(
      { ...base, kind: 'informasi_awal', knownOn: null, receivedAt: received },
      new Date('2024-11-18T06:00:00Z'),
    );
    expect(clocks.map((c) => [c.key, c.state])).toEqual([
      ['initial_review', 'overdue'],
      ['finding', 'due_soon'],
    ]);
    expect(clocks[1]!.dueAt).toBe('2024-11-18T16:59:59.999Z');
  });
});

describe('workflow', () => {
  it.each([
    ['laporan', 'diterima', 'register', 'diregistrasi'],
    ['laporan', 'diterima', 'request_completion', 'perlu_dilengkapi'],
    ['laporan', 'perlu_dilengkapi', 'reject', 'tidak_diregistrasi'],
    ['laporan', 'perlu_dilengkapi', 'request_completion', null],
    ['laporan', 'diregistrasi', 'reject', null],
    ['laporan', 'diterima', 'make_finding', null],
    ['informasi_awal', 'diterima', 'register', null],
    ['informasi_awal', 'diterima', 'trace', 'penelusuran'],
    ['informasi_awal', 'penelusuran', 'make_finding', 'temuan'],
    ['informasi_awal', 'temuan', 'reject', null],
    ['informasi_awal', 'diterima', 'reject', 'tidak_ditindaklanjuti'],
  ] as const)('%s in %s: %s → %s', (kind, status, action, next) => {
    expect(nextStatus(kind, status, action)).toBe(next);
    expect(allowedActions(kind, status).includes(action)).toBe(next !== null);
  });
});

describe('receipt codes', () => {
  it('80 bits in four groups of Crockford base32, round-tripping through what people type', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), (bytes) => {
        const code = formatReceipt(bytes);
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
        expect(normaliseReceipt(code.toLowerCase().replaceAll('-', ' '))).toBe(code.replaceAll('-', ''));
      }),
    );
    expect(formatReceipt(new Uint8Array(10))).toBe('0000-0000-0000-0000');
    expect(formatReceipt(new Uint8Array(10).fill(255))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
  });

  it('maps look-alikes and refuses what cannot be a code', () => {
    expect(normaliseReceipt('oooo-iiii-llll-0000')).toBe('0000111111110000');
    expect(normaliseReceipt('UUUU-0000-0000-0000')).toBeNull();
    expect(normaliseReceipt('ABC')).toBeNull();
    expect(normaliseReceipt('')).toBeNull();
  });
});

describe('duplicateKey', () => {
  it('ignores case, punctuation and spacing but not content', () => {
    const a = duplicateKey({ kind: 'laporan', reporterName: 'Budi', description: 'Camat X  kampanye!' });
    expect(duplicateKey({ kind: 'laporan', reporterName: 'BUDI', description: 'camat x kampanye' })).toBe(a);
    expect(duplicateKey({ kind: 'laporan', reporterName: 'Budi', description: 'camat y kampanye' })).not.toBe(
      a,
    );
  });
});
