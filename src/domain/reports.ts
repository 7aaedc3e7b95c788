/**
 * Public reports (*laporan*) and tips (*informasi awal*): the statutory clocks as data, the triage
 * workflow, receipt codes. Pure: the clock is a parameter. Sources: domain brief §4.3 (deadlines),
 * §4.4 (requirements), §4.6 (statuses).
 */

export const REPORT_KINDS = ['laporan', 'informasi_awal'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const ELECTION_TYPES = ['pemilu', 'pilkada'] as const;
export type ElectionType = (typeof ELECTION_TYPES)[number];

/** Deadlines per regime, in calendar days, with their legal basis. */
export type ReportRules = {
  /** A formal report is filed within this many days of when the violation became known. */
  reportWindowDays: number;
  reportWindowBasis: string;
  /** Initial review (*kajian awal*) after receipt. */
  initialReviewDays: number;
  initialReviewBasis: string;
  /** The reporter completes missing requirements within this many days … */
  completionDays: number;
  /** … counted from the completion notice (Pemilu) or from receipt (Pilkada). */
  completionFrom: 'request' | 'receipt';
  completionBasis: string;
  /** Supervisors set a tip (initial information) as a finding within this many days of learning of it. */
  findingDays: number;
  findingBasis: string;
};

export const REPORT_RULES: Record<ElectionType, ReportRules> = {
  pemilu: {
    reportWindowDays: 7,
    reportWindowBasis:
      'Perbawaslu 7/2022 Pasal 8 ayat (3): paling lama 7 hari sejak diketahui (UU 7/2017 menyebut 7 hari kerja)',
    initialReviewDays: 2,
    initialReviewBasis:
      'Perbawaslu 7/2022 Pasal 15 ayat (1): kajian awal paling lama 2 hari setelah diterima',
    completionDays: 3,
    completionFrom: 'request',
    completionBasis: 'Perbawaslu 7/2022: pelapor melengkapi paling lama 3 hari sejak pemberitahuan',
    findingDays: 7,
    findingBasis:
      'UU 7/2017 Pasal 454 ayat (5): ditetapkan sebagai temuan paling lama 7 hari sejak ditemukan',
  },
  pilkada: {
    reportWindowDays: 7,
    reportWindowBasis: 'UU 1/2015 Pasal 134 ayat (4): paling lama 7 hari sejak diketahui dan/atau ditemukan',
    initialReviewDays: 2,
    initialReviewBasis: 'Kajian awal 2 hari (praktik; belum terverifikasi untuk Pilkada)',
    completionDays: 3,
    completionFrom: 'receipt',
    completionBasis: 'FAQ Bawaslu Jateng: perbaikan paling lama 3 hari sejak laporan diterima',
    findingDays: 7,
    findingBasis: '7 hari sejak ditemukan (belum terverifikasi untuk Pilkada)',
  },
};

// ---------------------------------------------------------------------------------------------
// Local dates: the day of an instant in the region's time zone (WIB, WITA or WIT).

const WITA = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);
const WIT = new Set(['81', '82', '91', '92', '93', '94', '95', '96', '97']);

/** UTC offset in hours of a region (by its province code): 7 (WIB), 8 (WITA) or 9 (WIT). */
export function utcOffsetOf(regionCode: string | null | undefined): number {
  const province = (regionCode ?? '').split('.')[0] ?? '';
  if (WITA.has(province)) return 8;
  if (WIT.has(province)) return 9;
  return 7;
}

/** The local calendar date (YYYY-MM-DD) of an instant at a UTC offset. */
export function localDate(at: Date, offsetHours: number): string {
  return new Date(at.getTime() + offsetHours * 3_600_000).toISOString().slice(0, 10);
}

const DAY = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
/** Whole days from date `a` to date `b` (YYYY-MM-DD). */
export const daysBetween = (a: string, b: string) => dayNumber(b) - dayNumber(a);
/** `date` plus `days`, as YYYY-MM-DD. */
export const addDays = (date: string, days: number) =>
  new Date((dayNumber(date) + days) * DAY).toISOString().slice(0, 10);

export type ReportingWindow = {
  /** The last day on which the report is on time (known date + window). */
  lastDay: string;
  /** Days between becoming known and receipt (local dates). */
  daysAfterKnown: number;
  late: boolean;
};

/** The 7-day reporting window: is a report received at `receivedAt` later than allowed? */
export function reportingWindow(input: {
  electionType: ElectionType;
  knownOn: string;
  receivedAt: Date;
  regionCode?: string | null;
}): ReportingWindow {
  const rules = REPORT_RULES[input.electionType];
  const received = localDate(input.receivedAt, utcOffsetOf(input.regionCode));
  const daysAfterKnown = daysBetween(input.knownOn, received);
  return {
    lastDay: addDays(input.knownOn, rules.reportWindowDays),
    daysAfterKnown,
    late: daysAfterKnown > rules.reportWindowDays,
  };
}

// ---------------------------------------------------------------------------------------------
// Workflow

export const REPORT_STATUSES = [
  /** Received, awaiting initial review. */
  'diterima',
  /** The reporter was asked to complete the requirements. */
  'perlu_dilengkapi',
  /** Formal report registered (a case is opened). */
  'diregistrasi',
  /** Formal report not registered (reason sent to the reporter). */
  'tidak_diregistrasi',
  /** Tip taken up as initial information and being traced (*penelusuran*). */
  'penelusuran',
  /** Tip set as a finding (*temuan*; a case is opened). */
  'temuan',
  /** Tip not followed up (reason sent to the reporter). */
  'tidak_ditindaklanjuti',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const TRIAGE_ACTIONS = ['request_completion', 'register', 'reject', 'trace', 'make_finding'] as const;
export type TriageAction = (typeof TRIAGE_ACTIONS)[number];

const TRANSITIONS: Record<
  ReportKind,
  Partial<Record<ReportStatus, Partial<Record<TriageAction, ReportStatus>>>>
> = {
  laporan: {
    diterima: {
      request_completion: 'perlu_dilengkapi',
      register: 'diregistrasi',
      reject: 'tidak_diregistrasi',
    },
    perlu_dilengkapi: { register: 'diregistrasi', reject: 'tidak_diregistrasi' },
  },
  informasi_awal: {
    diterima: {
      request_completion: 'perlu_dilengkapi',
      trace: 'penelusuran',
      make_finding: 'temuan',
      reject: 'tidak_ditindaklanjuti',
    },
    perlu_dilengkapi: { trace: 'penelusuran', make_finding: 'temuan', reject: 'tidak_ditindaklanjuti' },
    penelusuran: {
      request_completion: 'perlu_dilengkapi',
      make_finding: 'temuan',
      reject: 'tidak_ditindaklanjuti',
    },
  },
};

/** The status after `action`, or null when the action is not allowed now. */
export function nextStatus(kind: ReportKind, status: string, action: TriageAction): ReportStatus | null {
  return TRANSITIONS[kind][status as ReportStatus]?.[action] ?? null;
}

/** The actions allowed on a report in its status. */
export function allowedActions(kind: ReportKind, status: string): TriageAction[] {
  return TRIAGE_ACTIONS.filter((a) => nextStatus(kind, status, a) !== null);
}

/** Actions that need a reason the reporter will read. */
export const ACTIONS_NEEDING_REASON: readonly TriageAction[] = ['request_completion', 'reject'];

/** Statuses in which the reporter's reply returns the report to review. */
export const statusAfterReporterReply = (status: string): string =>
  status === 'perlu_dilengkapi' ? 'diterima' : status;

/** Statuses after which the reporter may still write and add evidence. */
export const isOpenStatus = (status: string) =>
  ['diterima', 'perlu_dilengkapi', 'penelusuran', 'diregistrasi', 'temuan'].includes(status);

/** Public labels (Bahasa Indonesia / English). */
export const STATUS_LABELS: Record<ReportStatus, { id: string; en: string }> = {
  diterima: { id: 'Diterima, menunggu kajian awal', en: 'Received, awaiting initial review' },
  perlu_dilengkapi: { id: 'Perlu dilengkapi oleh pelapor', en: 'Reporter must complete it' },
  diregistrasi: { id: 'Diregistrasi dan ditangani', en: 'Registered and being handled' },
  tidak_diregistrasi: { id: 'Tidak diregistrasi', en: 'Not registered' },
  penelusuran: { id: 'Ditelusuri sebagai informasi awal', en: 'Being traced as initial information' },
  temuan: { id: 'Ditetapkan sebagai temuan', en: 'Set as a finding' },
  tidak_ditindaklanjuti: { id: 'Tidak ditindaklanjuti', en: 'Not followed up' },
};

// ---------------------------------------------------------------------------------------------
// Clocks

export type ClockKey = 'reporting_window' | 'initial_review' | 'completion' | 'finding';
export type ClockState = 'open' | 'due_soon' | 'overdue' | 'met' | 'missed';
export type Clock = { key: ClockKey; dueAt: string; state: ClockState; basis: string };

export type ClockInput = {
  kind: ReportKind;
  electionType: ElectionType;
  status: string;
  regionCode: string | null;
  receivedAt: Date;
  knownOn: string | null;
  reviewedAt: Date | null;
  completionRequestedAt: Date | null;
  decidedAt: Date | null;
};

/** A clock is due soon in its last 12 hours. */
const DUE_SOON_MS = 12 * 3_600_000;

function stateOf(due: Date, doneAt: Date | null, now: Date): ClockState {
  if (doneAt) return doneAt.getTime() <= due.getTime() ? 'met' : 'missed';
  if (now.getTime() > due.getTime()) return 'overdue';
  if (due.getTime() - now.getTime() <= DUE_SOON_MS) return 'due_soon';
  return 'open';
}

/** End of the local day `date` (YYYY-MM-DD) at a UTC offset, as an instant. */
const endOfLocalDay = (date: string, offsetHours: number) =>
  new Date(Date.parse(`${date}T23:59:59.999Z`) - offsetHours * 3_600_000);

/**
 * Every clock running on a report, for the intake list: the reporting window (formal reports with a
 * known date; `met` or `missed` at receipt), the initial review (from receipt), completion (after a
 * completion notice, or from receipt under Pilkada rules) and, for tips, the 7 days to set a finding.
 * Deadlines end at the end of the local day.
 */
export function reportClocks(r: ClockInput, now: Date): Clock[] {
  const rules = REPORT_RULES[r.electionType];
  const offset = utcOffsetOf(r.regionCode);
  const receivedDay = localDate(r.receivedAt, offset);
  const clocks: Clock[] = [];
  if (r.kind === 'laporan' && r.knownOn) {
    const w = reportingWindow({ ...r, knownOn: r.knownOn });
    clocks.push({
      key: 'reporting_window',
      dueAt: endOfLocalDay(w.lastDay, offset).toISOString(),
      state: w.late ? 'missed' : 'met',
      basis: rules.reportWindowBasis,
    });
  }
  const reviewDue = endOfLocalDay(addDays(receivedDay, rules.initialReviewDays), offset);
  clocks.push({
    key: 'initial_review',
    dueAt: reviewDue.toISOString(),
    state: stateOf(reviewDue, r.reviewedAt, now),
    basis: rules.initialReviewBasis,
  });
  const completionStart =
    rules.completionFrom === 'receipt' ? r.receivedAt : (r.completionRequestedAt ?? null);
  if (completionStart && (r.completionRequestedAt || r.status === 'perlu_dilengkapi')) {
    const due = endOfLocalDay(addDays(localDate(completionStart, offset), rules.completionDays), offset);
    const done = r.status === 'perlu_dilengkapi' ? null : (r.decidedAt ?? r.reviewedAt ?? now);
    clocks.push({
      key: 'completion',
      dueAt: due.toISOString(),
      state: r.status === 'perlu_dilengkapi' ? stateOf(due, null, now) : stateOf(due, done, now),
      basis: rules.completionBasis,
    });
  }
  if (r.kind === 'informasi_awal') {
    const due = endOfLocalDay(addDays(receivedDay, rules.findingDays), offset);
    const settled = ['temuan', 'tidak_ditindaklanjuti'].includes(r.status) ? r.decidedAt : null;
    clocks.push({
      key: 'finding',
      dueAt: due.toISOString(),
      state: stateOf(due, settled, now),
      basis: rules.findingBasis,
    });
  }
  return clocks;
}

/** The earliest open deadline of a report (for sorting the intake list), or null. */
export function nextDeadline(clocks: Clock[]): string | null {
  const open = clocks.filter((c) => c.state === 'open' || c.state === 'due_soon' || c.state === 'overdue');
  return open.map((c) => c.dueAt).sort()[0] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Receipt codes: 80 random bits as 16 Crockford base32 characters in four groups (XXXX-XXXX-XXXX-XXXX).

export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECEIPT_BYTES = 10;

/** Formats 10 random bytes (80 bits) as a receipt code. */
export function formatReceipt(bytes: Uint8Array): string {
  if (bytes.length !== RECEIPT_BYTES) throw new Error('a receipt needs exactly 10 bytes');
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 15; i >= 0; i--) out += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return out.match(/.{4}/g)!.join('-');
}

/**
 * Normalises what a person typed (case, spaces, dashes, O/I/L look-alikes) to the 16 canonical
 * characters, or null when it cannot be a receipt code.
 */
export function normaliseReceipt(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== 16) return null;
  for (const c of s) if (!CROCKFORD.includes(c)) return null;
  return s;
}

// ---------------------------------------------------------------------------------------------
// Duplicate detection: the normalised text that is fingerprinted (with a key) to link duplicates.

const norm = (s: string | null | undefined) =>
  (s ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** What two submissions share when one is a duplicate of the other. */
export function duplicateKey(input: {
  kind: ReportKind;
  reporterName?: string | null;
  reportedName?: string | null;
  description: string;
  regionCode?: string | null;
}): string {
  return [
    input.kind,
    norm(input.reporterName),
    norm(input.reportedName),
    norm(input.description),
    input.regionCode ?? '',
  ].join('\u001f');
}
