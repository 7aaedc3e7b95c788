/**
 * Statutory clocks of a case, as data plus pure functions (domain brief §4.3, §11). Each rule says
 * how many days, whether they are calendar or working days, and by how much it may be extended.
 * Where sources conflict (the Pemilu reporting window: "7 days" in Perbawaslu 7/2022 vs "7 working
 * days" in the statute) the rule follows Bawaslu's practice and the conflict is noted.
 */
import type { CaseFold } from './case-workflow.ts';
import { addDays, addWorkingDays, dayInWib, endOfDayWib, type HolidaySet } from './working-days.ts';

export type Regime = 'pemilu' | 'pilkada';
export type DayUnit = 'calendar' | 'working';
export type ClockRule = { days: number; unit: DayUnit; extension?: number; basis: string; note?: string };

export const DEADLINE_KINDS = [
  'penetapan_temuan',
  'batas_laporan',
  'kajian_awal',
  'kelengkapan',
  'penanganan',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const CLOCK_RULES: Record<Regime, Record<DeadlineKind, ClockRule>> = {
  pemilu: {
    penetapan_temuan: { days: 7, unit: 'calendar', basis: 'UU 7/2017 Pasal 454 ayat (5)' },
    batas_laporan: {
      days: 7,
      unit: 'calendar',
      basis: 'Perbawaslu 7/2022 Pasal 8 ayat (3)',
      note: 'UU 7/2017 menyebut 7 hari kerja / the statute reads 7 working days',
    },
    kajian_awal: { days: 2, unit: 'calendar', basis: 'Perbawaslu 7/2022 Pasal 15 ayat (1)' },
    kelengkapan: { days: 3, unit: 'calendar', basis: 'Perbawaslu 7/2022 Pasal 15' },
    penanganan: { days: 7, unit: 'working', extension: 7, basis: 'UU 7/2017 Pasal 454 ayat (7)–(8)' },
  },
  pilkada: {
    penetapan_temuan: {
      days: 7,
      unit: 'calendar',
      basis: 'UU 1/2015 Pasal 134 ayat (4)',
      note: 'belum terverifikasi / unverified',
    },
    batas_laporan: { days: 7, unit: 'calendar', basis: 'UU 1/2015 Pasal 134 ayat (4)' },
    kajian_awal: {
      days: 2,
      unit: 'calendar',
      basis: 'Perbawaslu 9/2024',
      note: 'belum terverifikasi / unverified',
    },
    kelengkapan: { days: 3, unit: 'calendar', basis: 'Perbawaslu 9/2024' },
    penanganan: { days: 3, unit: 'calendar', extension: 2, basis: 'UU 1/2015 Pasal 134 ayat (5)–(6)' },
  },
};

/** A period that ends `rule.days` (calendar or working) days after `start`. */
export function dueDate(start: string, days: number, unit: DayUnit, holidays: HolidaySet): string {
  return unit === 'working' ? addWorkingDays(start, days, holidays) : addDays(start, days);
}

export type Deadline = {
  kind: DeadlineKind;
  start: string;
  dueOn: string;
  /** The last moment, end of the due day in WIB. */
  dueAt: Date;
  days: number;
  unit: DayUnit;
  basis: string;
  /** When the step the clock asks for was done; null while running. */
  metAt: Date | null;
};

export type ClockInput = {
  regime: Regime;
  origin: 'finding' | 'alert' | 'report';
  /** The day the event became known to the supervisor or reporter. */
  knownOn: string;
  fold: CaseFold;
};

/** Every clock that has started for a case, with its due date and whether it was met. */
export function caseDeadlines(input: ClockInput, holidays: HolidaySet, rules = CLOCK_RULES): Deadline[] {
  const r = rules[input.regime];
  const f = input.fold;
  const out: Deadline[] = [];
  const push = (kind: DeadlineKind, start: string, metAt: Date | null, extraDays = 0) => {
    const rule = r[kind];
    const days = rule.days + extraDays;
    const dueOn = dueDate(start, days, rule.unit, holidays);
    out.push({
      kind,
      start,
      dueOn,
      dueAt: endOfDayWib(dueOn),
      days,
      unit: rule.unit,
      basis: rule.basis,
      metAt,
    });
  };
  const settled =
    f.registeredAt ??
    (f.status === 'tidak_diregistrasi' || f.status === 'dicabut' ? (f.closedAt ?? f.openedAt) : null);
  if (input.origin === 'report') {
    push('batas_laporan', input.knownOn, f.openedAt);
    if (f.openedAt) push('kajian_awal', dayInWib(f.openedAt), f.completionRequestedAt ?? settled);
  } else {
    push('penetapan_temuan', input.knownOn, settled);
  }
  if (f.completionRequestedAt)
    push(
      'kelengkapan',
      dayInWib(f.completionRequestedAt),
      settled ?? (f.status === 'kajian_awal' ? f.completionRequestedAt : null),
    );
  if (f.registeredAt)
    push('penanganan', dayInWib(f.registeredAt), f.decidedAt, f.extended ? (r.penanganan.extension ?? 0) : 0);
  return out;
}

/** `overdue` past the due moment, `due_soon` within a day of it, else `ok`; met clocks are `met`. */
export function deadlineState(
  d: Pick<Deadline, 'dueAt' | 'metAt'>,
  now: Date,
): 'met' | 'overdue' | 'due_soon' | 'ok' {
  if (d.metAt) return 'met';
  const left = d.dueAt.getTime() - now.getTime();
  if (left < 0) return 'overdue';
  if (left <= 86_400_000) return 'due_soon';
  return 'ok';
}

/** The stage of a pack's calendar a day falls in, and whether candidates were determined yet. */
export type PackStage = { code: string; name?: string; start: string; end: string };

export function stageOn(stages: readonly PackStage[], date: string): PackStage | undefined {
  return stages.find((s) => s.start <= date && date <= s.end);
}

/**
 * Pre-candidate (*bakal calon*) before the candidates are determined (*penetapan*), candidate
 * (*calon*) from then on (domain brief §3.2: ethics before, discipline after). Without a
 * `penetapan` stage, the campaign's start is taken; without either, unknown.
 */
export function candidateStageOn(stages: readonly PackStage[], date: string): 'bakal_calon' | 'calon' | null {
  const fixed = stages.find((s) => s.code === 'penetapan') ?? stages.find((s) => s.code === 'kampanye');
  if (!fixed) return null;
  return date < fixed.start ? 'bakal_calon' : 'calon';
}

export type CompetentAgency = { code: string; name: string; validFrom: string; validTo: string | null };

/** Who receives a forwarded case on a day: KASN until 23 Aug 2024, BKN from 24 Aug 2024 (data). */
export function competentAgencyOn<T extends CompetentAgency>(
  agencies: readonly T[],
  date: string,
): T | undefined {
  return agencies.find((a) => a.validFrom <= date && (a.validTo === null || date <= a.validTo));
}
