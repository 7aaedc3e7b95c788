/**
 * The case workflow as a pure state machine over an append-only event log (domain brief §4.6):
 * `foldCase(events)` derives the status and facts, `availableActions` lists what a role may do in
 * a state, and `checkAction` refuses an illegal step before anything is written. Which role may
 * take which step is part of the machine: every action needs one permission of
 * src/domain/permissions.ts (head decides and forwards, analyst records, liaison records the
 * follow-up of forwarded cases, viewer reads).
 */
import { DomainError } from './errors.ts';
import { type Action, hasPermission, type RoleName } from './permissions.ts';

export const CASE_STATES = [
  /** Initial review of the finding or report (*kajian awal*). */
  'kajian_awal',
  /** The reporter was asked to complete the formal/material requirements. */
  'perlu_dilengkapi',
  'diregistrasi',
  'tidak_diregistrasi',
  /** Clarification of reporter, witnesses and the ASN (*klarifikasi*). */
  'klarifikasi',
  /** Review of the alleged violation (*kajian dugaan pelanggaran*). */
  'kajian_dugaan_pelanggaran',
  'terbukti_pelanggaran',
  'bukan_pelanggaran',
  'dihentikan',
  /** Forwarded to the competent agency (KASN before 24 Aug 2024, BKN after). */
  'diteruskan',
  /** The competent agency issued its recommendation to the PPK. */
  'rekomendasi_diterbitkan',
  'sanksi_dijatuhkan',
  /** The PPK has not acted on the recommendation. */
  'belum_ditindaklanjuti',
  /** Escalated: BKN asked to block the ASN's personnel data. */
  'pemblokiran_data',
  'selesai',
  /** Withdrawn before registration (Perbawaslu 7/2022 Art. 14(1)). */
  'dicabut',
  /** Merged into another case; its events are shown on the surviving case. */
  'digabung',
] as const;
export type CaseStatus = (typeof CASE_STATES)[number];

export const TERMINAL_STATES: readonly CaseStatus[] = ['selesai', 'dicabut', 'digabung'];

export const CASE_ACTIONS = [
  'request_completion',
  'complete',
  'register',
  'not_register',
  'withdraw',
  'invite_clarification',
  'record_clarification',
  'record_review',
  'extend_deadline',
  'decide',
  'forward',
  'record_recommendation',
  'record_sanction',
  'record_no_follow_up',
  'request_blocking',
  'close',
  'hand_over',
  'take_over',
  'merge',
  'classify',
  'add_note',
  'add_evidence',
  'add_party',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Event types: every action, plus what the system records. */
export type CaseEventType = CaseAction | 'opened' | 'merged_from' | 'linked';

const PRE_REGISTRATION: CaseStatus[] = ['kajian_awal', 'perlu_dilengkapi'];
const HANDLING: CaseStatus[] = ['diregistrasi', 'klarifikasi', 'kajian_dugaan_pelanggaran'];
const FOLLOW_UP: CaseStatus[] = [
  'diteruskan',
  'rekomendasi_diterbitkan',
  'belum_ditindaklanjuti',
  'pemblokiran_data',
];
const OPEN: CaseStatus[] = CASE_STATES.filter((s) => !TERMINAL_STATES.includes(s));

/**
 * The transition table: the states an action may be taken in, the permission it needs, and the
 * state it leads to (`undefined`: the state stays; `decide` picks its target from the outcome).
 */
export const TRANSITIONS: Record<
  CaseAction,
  { from: readonly CaseStatus[]; permission: Action; to?: CaseStatus }
> = {
  request_completion: { from: ['kajian_awal'], permission: 'cases.write', to: 'perlu_dilengkapi' },
  complete: { from: ['perlu_dilengkapi'], permission: 'cases.write', to: 'kajian_awal' },
  register: { from: PRE_REGISTRATION, permission: 'cases.decide', to: 'diregistrasi' },
  not_register: { from: PRE_REGISTRATION, permission: 'cases.decide', to: 'tidak_diregistrasi' },
  // Before registration the case ends (Art. 14(1)); after it, the withdrawal is noted and the
  // case continues (Art. 17(3)).
  withdraw: { from: [...PRE_REGISTRATION, ...HANDLING], permission: 'cases.write' },
  invite_clarification: {
    from: ['diregistrasi', 'klarifikasi'],
    permission: 'cases.write',
    to: 'klarifikasi',
  },
  record_clarification: { from: ['klarifikasi'], permission: 'cases.write', to: 'klarifikasi' },
  record_review: { from: HANDLING, permission: 'cases.write', to: 'kajian_dugaan_pelanggaran' },
  extend_deadline: { from: HANDLING, permission: 'cases.decide' },
  decide: { from: ['kajian_dugaan_pelanggaran'], permission: 'cases.decide' },
  forward: { from: ['terbukti_pelanggaran'], permission: 'cases.forward', to: 'diteruskan' },
  record_recommendation: {
    from: ['diteruskan'],
    permission: 'sanctions.record',
    to: 'rekomendasi_diterbitkan',
  },
  record_sanction: { from: FOLLOW_UP, permission: 'sanctions.record', to: 'sanksi_dijatuhkan' },
  record_no_follow_up: {
    from: ['diteruskan', 'rekomendasi_diterbitkan'],
    permission: 'sanctions.record',
    to: 'belum_ditindaklanjuti',
  },
  request_blocking: { from: ['belum_ditindaklanjuti'], permission: 'cases.forward', to: 'pemblokiran_data' },
  close: {
    from: ['tidak_diregistrasi', 'bukan_pelanggaran', 'dihentikan', 'sanksi_dijatuhkan', 'pemblokiran_data'],
    permission: 'cases.decide',
    to: 'selesai',
  },
  hand_over: { from: [...PRE_REGISTRATION, ...HANDLING], permission: 'cases.forward' },
  take_over: { from: [...PRE_REGISTRATION, ...HANDLING], permission: 'cases.forward' },
  merge: { from: [...PRE_REGISTRATION, ...HANDLING], permission: 'cases.decide', to: 'digabung' },
  classify: { from: [...PRE_REGISTRATION, ...HANDLING, 'terbukti_pelanggaran'], permission: 'cases.write' },
  add_note: { from: OPEN, permission: 'cases.write' },
  add_evidence: { from: [...PRE_REGISTRATION, ...HANDLING], permission: 'cases.write' },
  add_party: { from: [...PRE_REGISTRATION, ...HANDLING], permission: 'cases.write' },
};

export const OUTCOME_STATUS = {
  violation: 'terbukti_pelanggaran',
  no_violation: 'bukan_pelanggaran',
  stopped: 'dihentikan',
} as const satisfies Record<string, CaseStatus>;
export type Outcome = keyof typeof OUTCOME_STATUS;

export type CaseEvent = { type: CaseEventType; at: Date; payload?: Record<string, unknown> };

/** What the log says about a case. */
export type CaseFold = {
  status: CaseStatus;
  openedAt: Date | null;
  completionRequestedAt: Date | null;
  registeredAt: Date | null;
  decidedAt: Date | null;
  outcome: Outcome | null;
  forwardedAt: Date | null;
  extended: boolean;
  withdrawnAt: Date | null;
  closedAt: Date | null;
  sanctionImposed: string | null;
  sanctionImposedOn: string | null;
  sanctionRecommended: string | null;
};

const EMPTY: CaseFold = {
  status: 'kajian_awal',
  openedAt: null,
  completionRequestedAt: null,
  registeredAt: null,
  decidedAt: null,
  outcome: null,
  forwardedAt: null,
  extended: false,
  withdrawnAt: null,
  closedAt: null,
  sanctionImposed: null,
  sanctionImposedOn: null,
  sanctionRecommended: null,
};

/** The state after one more event (events are assumed legal: checked when they were written). */
export function applyEvent(s: CaseFold, e: CaseEvent): CaseFold {
  const p = e.payload ?? {};
  switch (e.type) {
    case 'opened':
      return { ...s, status: 'kajian_awal', openedAt: e.at };
    case 'merged_from':
    case 'linked':
      return s;
    case 'decide': {
      const outcome = p.outcome as Outcome;
      return {
        ...s,
        status: OUTCOME_STATUS[outcome],
        outcome,
        decidedAt: e.at,
        sanctionRecommended: (p.sanctionRecommended as string | undefined) ?? s.sanctionRecommended,
      };
    }
    case 'withdraw':
      return PRE_REGISTRATION.includes(s.status)
        ? { ...s, status: 'dicabut', withdrawnAt: e.at, closedAt: e.at }
        : { ...s, withdrawnAt: e.at };
    default: {
      const to = TRANSITIONS[e.type].to;
      const next: CaseFold = { ...s, status: to ?? s.status };
      if (e.type === 'request_completion') next.completionRequestedAt = e.at;
      if (e.type === 'register') next.registeredAt = e.at;
      if (e.type === 'extend_deadline') next.extended = true;
      if (e.type === 'forward') next.forwardedAt = e.at;
      if (e.type === 'record_recommendation' && typeof p.sanctionRecommended === 'string')
        next.sanctionRecommended = p.sanctionRecommended;
      if (e.type === 'record_sanction') {
        next.sanctionImposed = (p.sanction as string) ?? null;
        next.sanctionImposedOn = (p.imposedOn as string) ?? null;
      }
      if (to && TERMINAL_STATES.includes(to)) next.closedAt = e.at;
      return next;
    }
  }
}

/** Status and facts of a case from its events, oldest first. */
export const foldCase = (events: readonly CaseEvent[]): CaseFold => events.reduce(applyEvent, EMPTY);

/** Extra conditions an action has beyond state and role, from the folded facts. */
function blockedBy(action: CaseAction, s: CaseFold): string | undefined {
  if (action === 'extend_deadline' && s.extended)
    return 'Batas waktu sudah diperpanjang sekali / the deadline was already extended once';
  if (action === 'extend_deadline' && !s.registeredAt) return 'Kasus belum diregistrasi / not registered';
  if (action === 'withdraw' && s.withdrawnAt) return 'Pencabutan sudah dicatat / withdrawal already recorded';
  return undefined;
}

/** May this role take this action in this state (ignoring jurisdiction, checked by services)? */
export function isAllowed(action: CaseAction, s: CaseFold, role: RoleName): boolean {
  const t = TRANSITIONS[action];
  return t.from.includes(s.status) && hasPermission(role, t.permission) && !blockedBy(action, s);
}

/** Every action the role may take now, in CASE_ACTIONS order (sent to the UI as abilities). */
export const availableActions = (s: CaseFold, role: RoleName): CaseAction[] =>
  CASE_ACTIONS.filter((a) => isAllowed(a, s, role));

/**
 * Refuses an action with the reason: FORBIDDEN when the role never may, INVALID_STATE when the
 * case is not in a state that allows it (or a condition fails), VALIDATION for a decision without
 * a valid outcome. Returns the status after the action.
 */
export function checkAction(
  action: CaseAction,
  s: CaseFold,
  role: RoleName,
  payload: Record<string, unknown> = {},
): CaseStatus {
  const t = TRANSITIONS[action];
  if (!hasPermission(role, t.permission))
    throw new DomainError('FORBIDDEN', 'Peran Anda tidak diizinkan / your role may not do this');
  if (!t.from.includes(s.status))
    throw new DomainError(
      'INVALID_STATE',
      `Tindakan tidak dapat dilakukan pada status ${s.status} / action ${action} is not allowed in state ${s.status}`,
    );
  const blocked = blockedBy(action, s);
  if (blocked) throw new DomainError('INVALID_STATE', blocked);
  if (action === 'decide') {
    const outcome = payload.outcome;
    if (typeof outcome !== 'string' || !(outcome in OUTCOME_STATUS))
      throw new DomainError('VALIDATION', 'Hasil keputusan wajib diisi / an outcome is required', [
        { field: 'outcome', message: 'violation | no_violation | stopped' },
      ]);
    return OUTCOME_STATUS[outcome as Outcome];
  }
  return applyEvent(s, { type: action, at: new Date(0), payload }).status;
}

/** Whether a case in this state was forwarded (what liaisons may see). */
export const isForwarded = (s: Pick<CaseFold, 'forwardedAt'>): boolean => s.forwardedAt !== null;
