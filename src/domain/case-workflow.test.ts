import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availableActions,
  CASE_ACTIONS,
  CASE_STATES,
  type CaseAction,
  type CaseEvent,
  type CaseFold,
  type CaseStatus,
  checkAction,
  foldCase,
  TERMINAL_STATES,
} from './case-workflow.ts';
import { DomainError } from './errors.ts';
import { ROLES, type RoleName } from './permissions.ts';

/**
 * The specification, written out independently of the machine's table: in which states an action
 * may be taken, and which roles may take it.
 */
const PRE = ['kajian_awal', 'perlu_dilengkapi'];
const HANDLING = ['diregistrasi', 'klarifikasi', 'kajian_dugaan_pelanggaran'];
const SPEC_STATES: Record<CaseAction, string[]> = {
  request_completion: ['kajian_awal'],
  complete: ['perlu_dilengkapi'],
  register: PRE,
  not_register: PRE,
  withdraw: [...PRE, ...HANDLING],
  invite_clarification: ['diregistrasi', 'klarifikasi'],
  record_clarification: ['klarifikasi'],
  record_review: HANDLING,
  extend_deadline: HANDLING,
  decide: ['kajian_dugaan_pelanggaran'],
  forward: ['terbukti_pelanggaran'],
  record_recommendation: ['diteruskan'],
  record_sanction: ['diteruskan', 'rekomendasi_diterbitkan', 'belum_ditindaklanjuti', 'pemblokiran_data'],
  record_no_follow_up: ['diteruskan', 'rekomendasi_diterbitkan'],
  request_blocking: ['belum_ditindaklanjuti'],
  close: ['tidak_diregistrasi', 'bukan_pelanggaran', 'dihentikan', 'sanksi_dijatuhkan', 'pemblokiran_data'],
  hand_over: [...PRE, ...HANDLING],
  take_over: [...PRE, ...HANDLING],
  merge: [...PRE, ...HANDLING],
  classify: [...PRE, ...HANDLING, 'terbukti_pelanggaran'],
  add_note: CASE_STATES.filter((s) => !['selesai', 'dicabut', 'digabung'].includes(s)),
  add_evidence: [...PRE, ...HANDLING],
  add_party: [...PRE, ...HANDLING],
};
const RECORDS = [
  'request_completion',
  'complete',
  'withdraw',
  'invite_clarification',
  'record_clarification',
  'record_review',
  'classify',
  'add_note',
  'add_evidence',
  'add_party',
];
const DECIDES = ['register', 'not_register', 'extend_deadline', 'decide', 'close', 'merge'];
const FORWARDS = ['forward', 'request_blocking', 'hand_over', 'take_over'];
const FOLLOW_UP = ['record_recommendation', 'record_sanction', 'record_no_follow_up'];
const SPEC_ROLES: Record<RoleName, string[]> = {
  head: [...RECORDS, ...DECIDES, ...FORWARDS],
  analyst: RECORDS,
  liaison: FOLLOW_UP,
  viewer: [],
  admin: [],
  taskforce: [],
};

/** A fold in the given state that satisfies the extra conditions (registered, not yet extended). */
const stateOf = (status: CaseStatus): CaseFold => ({
  ...foldCase([{ type: 'opened', at: new Date('2024-11-01T00:00:00Z') }]),
  status,
  registeredAt: PRE.includes(status) ? null : new Date('2024-11-02T00:00:00Z'),
});

describe('case workflow: every state × action × role', () => {
  const rows = CASE_STATES.flatMap((s) => CASE_ACTIONS.flatMap((a) => ROLES.map((r) => [s, a, r] as const)));
  it(`covers ${rows.length} combinations`, () => expect(rows.length).toBe(17 * 23 * 6));

  it.each(rows)('%s × %s × %s', (status, action, role) => {
    const allowed = SPEC_STATES[action].includes(status) && SPEC_ROLES[role].includes(action);
    const s = stateOf(status);
    expect(availableActions(s, role).includes(action)).toBe(allowed);
    const payload = action === 'decide' ? { outcome: 'violation' } : {};
    if (allowed) expect(() => checkAction(action, s, role, payload)).not.toThrow();
    else {
      let err: unknown;
      try {
        checkAction(action, s, role, payload);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe(
        SPEC_ROLES[role].includes(action) ? 'INVALID_STATE' : 'FORBIDDEN',
      );
    }
  });
});

describe('case workflow: transitions', () => {
  const t = (type: CaseEvent['type'], payload?: Record<string, unknown>, day = 1): CaseEvent => ({
    type,
    at: new Date(Date.UTC(2024, 10, day)),
    payload,
  });

  it('runs a finding through to the sanction and closing', () => {
    const events = [
      t('opened'),
      t('register', {}, 2),
      t('invite_clarification', {}, 3),
      t('record_clarification', {}, 4),
      t('record_review', {}, 5),
      t('decide', { outcome: 'violation', sanctionRecommended: 'berat' }, 6),
      t('forward', {}, 7),
      t('record_recommendation', {}, 10),
      t('record_sanction', { sanction: 'penurunan jabatan', imposedOn: '2024-11-20' }, 20),
      t('close', {}, 21),
    ];
    const expected: CaseStatus[] = [
      'kajian_awal',
      'diregistrasi',
      'klarifikasi',
      'klarifikasi',
      'kajian_dugaan_pelanggaran',
      'terbukti_pelanggaran',
      'diteruskan',
      'rekomendasi_diterbitkan',
      'sanksi_dijatuhkan',
      'selesai',
    ];
    expect(events.map((_, i) => foldCase(events.slice(0, i + 1)).status)).toEqual(expected);
    const f = foldCase(events);
    expect(f.outcome).toBe('violation');
    expect(f.sanctionRecommended).toBe('berat');
    expect(f.sanctionImposed).toBe('penurunan jabatan');
    expect(f.sanctionImposedOn).toBe('2024-11-20');
    expect(f.forwardedAt).toEqual(new Date(Date.UTC(2024, 10, 7)));
    expect(f.closedAt).toEqual(new Date(Date.UTC(2024, 10, 21)));
  });

  it('decides each outcome into its own state', () => {
    const base = [t('opened'), t('register'), t('record_review')];
    expect(foldCase([...base, t('decide', { outcome: 'no_violation' })]).status).toBe('bukan_pelanggaran');
    expect(foldCase([...base, t('decide', { outcome: 'stopped' })]).status).toBe('dihentikan');
    expect(() => checkAction('decide', foldCase(base), 'head', { outcome: 'maybe' })).toThrow(/outcome/);
  });

  it('ends a case withdrawn before registration, and only notes a withdrawal after it (Art. 14/17)', () => {
    expect(foldCase([t('opened'), t('withdraw')]).status).toBe('dicabut');
    const after = foldCase([t('opened'), t('register'), t('withdraw')]);
    expect(after.status).toBe('diregistrasi');
    expect(after.withdrawnAt).not.toBeNull();
    expect(availableActions(after, 'analyst')).not.toContain('withdraw');
  });

  it('escalates a recommendation the PPK ignores to a blocking request', () => {
    const f = foldCase([
      t('opened'),
      t('register'),
      t('record_review'),
      t('decide', { outcome: 'violation' }),
      t('forward'),
      t('record_recommendation'),
      t('record_no_follow_up'),
      t('request_blocking'),
    ]);
    expect(f.status).toBe('pemblokiran_data');
    expect(availableActions(f, 'liaison')).toEqual(['record_sanction']);
    expect(availableActions(f, 'head')).toEqual(['close', 'add_note']);
  });

  it('extends the handling deadline once', () => {
    const f = foldCase([t('opened'), t('register'), t('extend_deadline')]);
    expect(f.extended).toBe(true);
    expect(() => checkAction('extend_deadline', f, 'head')).toThrow(DomainError);
  });

  it('never leaves a terminal state, whatever is tried (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TERMINAL_STATES),
        fc.constantFrom(...CASE_ACTIONS),
        fc.constantFrom(...ROLES),
        (status, action, role) => {
          const s = stateOf(status);
          return (
            availableActions(s, role).every(
              (a) =>
                a === 'add_note' && status !== 'selesai' && status !== 'dicabut' && status !== 'digabung',
            ) &&
            (() => {
              try {
                checkAction(action, s, role, { outcome: 'violation' });
                return false;
              } catch {
                return true;
              }
            })()
          );
        },
      ),
    );
  });

  it('folds any sequence of allowed actions to a known state (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 30 }), (picks) => {
        const events: CaseEvent[] = [t('opened')];
        for (const p of picks) {
          const s = foldCase(events);
          const options = availableActions(s, 'head').concat(availableActions(s, 'liaison'));
          if (!options.length) break;
          const a = options[p % options.length]!;
          events.push(t(a, a === 'decide' ? { outcome: 'violation' } : {}));
        }
        return CASE_STATES.includes(foldCase(events).status);
      }),
    );
  });
});
