/**
 * The kerawanan (vulnerability) index for ASN neutrality, per region or per agency, on a 0–100
 * scale with low / medium / high bands in the style of Bawaslu's IKP (domain brief §7). Pure: the
 * service gathers the counts, this module scores and explains them. docs/kerawanan.md states the
 * formula so that anyone can recompute a score by hand from the parts this module returns.
 *
 * score = Σ weightᵢ × valueᵢ over four parts, weights summing to 100 and every value in [0, 1]:
 * - incidence  (*insiden*): (cases + alertWeight × confirmed alerts) per 1,000 staff, saturating:
 *   rate / (rate + incidenceHalf) — equals ½ when the rate is `incidenceHalf`;
 * - prevention (*pencegahan*): the prevention gap 1 − coverage, coverage = weighted mean of the
 *   pledge share, a task force being in place, and activities in the last 90 days (capped at
 *   `activityTarget`);
 * - history    (*riwayat*): the previous election's cases per 1,000 staff, saturating like incidence;
 * - stage      (*tahapan*): a factor per election stage (campaign highest).
 * Points are rounded to hundredths per part and the score is their sum, so the parts shown always
 * add up to the score exactly.
 */

export const KERAWANAN_PARTS = ['incidence', 'prevention', 'history', 'stage'] as const;
export type KerawananPartKey = (typeof KERAWANAN_PARTS)[number];

export const KERAWANAN_BANDS = ['low', 'medium', 'high'] as const;
export type KerawananBand = (typeof KERAWANAN_BANDS)[number];

/** Which thresholds apply: provinces (and the nation) or regencies/cities (and agencies). */
export type KerawananLevel = 'province' | 'regency';

/** Administrator-editable settings. Stored in `kerawanan_settings` (migration 0010). */
export type KerawananSettings = {
  /** Points per part; the four must sum to 100. */
  weights: Record<KerawananPartKey, number>;
  /** Weight of one confirmed alert relative to one case in the incidence rate (0–1). */
  alertWeight: number;
  /** Rate per 1,000 staff at which the incidence part is half of its weight. */
  incidenceHalf: number;
  /** Previous-election cases per 1,000 staff at which the history part is half of its weight. */
  historyHalf: number;
  /** Shares inside prevention coverage; the three must sum to 1. */
  coverage: { pledge: number; taskForce: number; activities: number };
  /** Activities in the last 90 days that count as full coverage for that share. */
  activityTarget: number;
  /** Factor 0–1 per stage code; `none` when no stage is running, `other` for unknown codes. */
  stageFactors: Record<string, number>;
  /** Lower bounds of the medium and high bands, per level (IKP 2024 thresholds by default). */
  thresholds: Record<KerawananLevel, { medium: number; high: number }>;
};

/**
 * Defaults. Weights follow the order of evidence: what happens now (incidence) weighs most, then
 * what prevents it, then the past and the calendar. Thresholds are IKP 2024's (Alinea, domain §7):
 * province medium from 21.7, high from 68.5; regency/city medium from 13.47, high from 49.33.
 */
export const DEFAULT_KERAWANAN_SETTINGS: KerawananSettings = {
  weights: { incidence: 40, prevention: 25, history: 20, stage: 15 },
  alertWeight: 0.5,
  incidenceHalf: 1,
  historyHalf: 1,
  coverage: { pledge: 0.5, taskForce: 0.25, activities: 0.25 },
  activityTarget: 3,
  stageFactors: {
    none: 0.2,
    pendaftaran: 0.6,
    penetapan: 0.7,
    kampanye: 1,
    masa_tenang: 0.9,
    pemungutan: 0.8,
    rekapitulasi: 0.5,
    other: 0.5,
  },
  thresholds: { province: { medium: 21.7, high: 68.5 }, regency: { medium: 13.47, high: 49.33 } },
};

/** What is counted for one region or agency. */
export type KerawananInput = {
  /** Active staff (ASN and non-ASN) in the unit; 0 when unknown. */
  staff: number;
  /** Cases opened in the period (every origin). */
  cases: number;
  /** Alerts confirmed by a reviewer in the period. */
  confirmedAlerts: number;
  /** Staff who signed a neutrality pledge (*ikrar*). */
  pledged: number;
  /** A task force (*satgas netralitas*) is established by decree. */
  taskForce: boolean;
  /** Prevention activities held in the last 90 days. */
  activities90d: number;
  /** Cases of the previous election (imported history). */
  previousCases: number;
  /** The current election stage code, or null when none is running. */
  stage: string | null;
};

export type KerawananPart = {
  key: KerawananPartKey;
  /** Points this part can give at most (its weight). */
  weight: number;
  /** The part's value in [0, 1] before weighting (rounded to 4 places for display). */
  value: number;
  /** weight × value, rounded to hundredths; the parts' points sum to the score. */
  points: number;
  /** Indonesian / English one-line reason, e.g. "2,40 kasus per 1.000 pegawai". */
  detail: string;
};

export type KerawananScore = {
  score: number;
  band: KerawananBand;
  parts: KerawananPart[];
  /** Inputs that were missing and how they were treated (e.g. staff count unknown). */
  notes: string[];
};

/** x / (x + half): 0 at 0, ½ at `half`, tends to 1; strictly increasing for x ≥ 0. */
const saturate = (x: number, half: number) => (x <= 0 ? 0 : x / (x + half));
const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
// One formatter per precision: `toLocaleString` builds a new one on every call, which is what the
// dashboard's thousands of agency scores would pay for.
const FORMATS = [0, 1, 2].map(
  (d) => new Intl.NumberFormat('id-ID', { minimumFractionDigits: d, maximumFractionDigits: d }),
);
const fmt = (n: number, digits = 2) => FORMATS[digits]!.format(n);

/** Checks settings; returns a list of problems (empty when valid), Indonesian / English. */
export function validateKerawananSettings(s: KerawananSettings): string[] {
  const problems: string[] = [];
  const weights = KERAWANAN_PARTS.map((k) => s.weights[k]);
  if (weights.some((w) => !Number.isFinite(w) || w < 0))
    problems.push('bobot tidak boleh negatif / weights must not be negative');
  else if (Math.abs(weights.reduce((a, b) => a + b, 0) - 100) > 1e-9)
    problems.push('jumlah bobot harus 100 / the weights must sum to 100');
  const cov = [s.coverage.pledge, s.coverage.taskForce, s.coverage.activities];
  if (cov.some((c) => !Number.isFinite(c) || c < 0))
    problems.push('porsi cakupan tidak boleh negatif / coverage shares must not be negative');
  else if (Math.abs(cov.reduce((a, b) => a + b, 0) - 1) > 1e-9)
    problems.push('porsi cakupan harus berjumlah 1 / coverage shares must sum to 1');
  if (!(s.alertWeight >= 0 && s.alertWeight <= 1))
    problems.push('bobot peringatan antara 0 dan 1 / alertWeight must be between 0 and 1');
  if (!(s.incidenceHalf > 0) || !(s.historyHalf > 0))
    problems.push('titik setengah harus > 0 / half-saturation points must be > 0');
  if (!(s.activityTarget >= 1))
    problems.push('target kegiatan minimal 1 / activityTarget must be at least 1');
  for (const [code, f] of Object.entries(s.stageFactors))
    if (!(f >= 0 && f <= 1)) problems.push(`faktor tahapan ${code} antara 0 dan 1 / stage factor 0–1`);
  if (s.stageFactors.none === undefined || s.stageFactors.other === undefined)
    problems.push('faktor tahapan "none" dan "other" wajib / stage factors "none" and "other" are required');
  for (const level of ['province', 'regency'] as const) {
    const t = s.thresholds[level];
    if (!(t && t.medium > 0 && t.high > t.medium && t.high <= 100))
      problems.push(`ambang ${level}: 0 < sedang < tinggi ≤ 100 / thresholds: 0 < medium < high ≤ 100`);
  }
  return problems;
}

/** The band of a score at a level: high from `high`, medium from `medium`, else low. */
export function bandOf(score: number, level: KerawananLevel, settings = DEFAULT_KERAWANAN_SETTINGS) {
  const t = settings.thresholds[level];
  return score >= t.high ? 'high' : score >= t.medium ? 'medium' : ('low' as KerawananBand);
}

/** Scores one region or agency and explains the score by its four parts. */
export function scoreKerawanan(
  input: KerawananInput,
  level: KerawananLevel,
  settings: KerawananSettings = DEFAULT_KERAWANAN_SETTINGS,
): KerawananScore {
  const notes: string[] = [];
  const staffKnown = input.staff > 0;
  if (!staffKnown)
    notes.push(
      'jumlah pegawai tidak diketahui: angka dihitung per 1.000 pegawai dianggap 1.000 / staff count unknown: counted as 1,000 staff',
    );
  const perThousand = (n: number) => (Math.max(0, n) * 1000) / (staffKnown ? input.staff : 1000);

  const weighted = Math.max(0, input.cases) + settings.alertWeight * Math.max(0, input.confirmedAlerts);
  const rate = perThousand(weighted);
  const incidence = saturate(rate, settings.incidenceHalf);

  const pledgeShare = staffKnown ? clamp01(input.pledged / input.staff) : 0;
  const activityShare = clamp01(Math.max(0, input.activities90d) / settings.activityTarget);
  const coverage =
    settings.coverage.pledge * pledgeShare +
    settings.coverage.taskForce * (input.taskForce ? 1 : 0) +
    settings.coverage.activities * activityShare;
  const prevention = clamp01(1 - coverage);

  const historyRate = perThousand(input.previousCases);
  const history = saturate(historyRate, settings.historyHalf);

  const stageKey = input.stage ?? 'none';
  const stage = clamp01(settings.stageFactors[stageKey] ?? settings.stageFactors.other ?? 0.5);

  const values: Record<KerawananPartKey, number> = { incidence, prevention, history, stage };
  const details: Record<KerawananPartKey, string> = {
    incidence: `${fmt(rate)} per 1.000 pegawai (${input.cases} kasus + ${input.confirmedAlerts} peringatan terkonfirmasi × ${settings.alertWeight}) / per 1,000 staff`,
    prevention: `cakupan ${fmt(coverage * 100, 0)}%: ikrar ${fmt(pledgeShare * 100, 0)}%, satgas ${input.taskForce ? 'ada' : 'tidak ada'}, ${input.activities90d} kegiatan 90 hari / coverage, pledges, task force, activities in 90 days`,
    history: `${fmt(historyRate)} kasus pemilu sebelumnya per 1.000 pegawai / previous election's cases per 1,000 staff`,
    stage: `tahapan ${stageKey} (faktor ${fmt(stage)}) / stage factor`,
  };

  // Hundredths as integers, so Σ points equals the score exactly.
  const parts: KerawananPart[] = KERAWANAN_PARTS.map((key) => {
    const weight = settings.weights[key];
    const cents = Math.round(weight * values[key] * 100);
    return {
      key,
      weight,
      value: Math.round(values[key] * 10_000) / 10_000,
      points: cents / 100,
      detail: details[key],
    };
  });
  const cents = parts.reduce((sum, p) => sum + Math.round(p.points * 100), 0);
  const score = Math.min(100, Math.max(0, cents / 100));
  return { score, band: bandOf(score, level, settings), parts, notes };
}

/** The level whose thresholds apply to a region code ("00" and provinces → province). */
export const kerawananLevelOf = (regionCode: string | null): KerawananLevel =>
  regionCode === null || regionCode === '00' || !regionCode.includes('.') ? 'province' : 'regency';

/** An election pack's calendar as the stage rule needs it. */
export type PackCalendar = { regionCode: string; stages: { code: string; start: string; end: string }[] };

const related = (a: string, b: string) =>
  a === '00' || b === '00' || a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

/**
 * The election stage running on `today` (YYYY-MM-DD) for a region: among the stages of active
 * packs whose region contains the region or lies inside it, the one with the highest factor
 * (a province where one regency is campaigning is campaigning). Null when none runs.
 */
export function currentStage(
  packs: PackCalendar[],
  regionCode: string,
  today: string,
  settings: KerawananSettings = DEFAULT_KERAWANAN_SETTINGS,
): string | null {
  let best: { code: string; factor: number } | null = null;
  for (const pack of packs) {
    if (!related(pack.regionCode, regionCode)) continue;
    for (const s of pack.stages) {
      if (s.start > today || today > s.end) continue;
      const factor = settings.stageFactors[s.code] ?? settings.stageFactors.other ?? 0.5;
      if (!best || factor > best.factor) best = { code: s.code, factor };
    }
  }
  return best?.code ?? null;
}
