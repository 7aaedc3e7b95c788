/**
 * Pure prevention rules: the election stage a date falls in, template placeholders of appeal
 * letters, name matching for pledge signatures and the coverage percentages.
 */

export const ACTIVITY_KINDS = [
  'sosialisasi',
  'rapat_koordinasi',
  'diseminasi',
  'patroli_siber',
  'lainnya',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const RECIPIENT_KINDS = ['agency', 'regional_secretary', 'party', 'candidate_pair', 'other'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** Activities counted in the coverage figures: those held in the last this many days. */
export const ACTIVITY_WINDOW_DAYS = 90;

export type StagedPack = {
  id: string;
  regionCode: string;
  stages: { code: string; name: string; start: string; end: string }[];
};

/**
 * The election stage a date (`YYYY-MM-DD`) falls in, from the calendars of the active packs whose
 * region contains (or is contained in) the activity's region. The most local pack wins (a Pilkada
 * pack of the city before the national Pemilu pack); within a pack the latest-starting stage that
 * covers the date (stages overlap, e.g. the campaign inside the whole Pilkada period).
 */
export function stageOn(
  packs: StagedPack[],
  regionCode: string,
  date: string,
): { packId: string; code: string; name: string } | null {
  const relevant = packs
    .filter(
      (p) =>
        p.regionCode === '00' ||
        regionCode === p.regionCode ||
        regionCode.startsWith(`${p.regionCode}.`) ||
        p.regionCode.startsWith(`${regionCode}.`),
    )
    .sort((a, b) => depth(b.regionCode) - depth(a.regionCode) || a.id.localeCompare(b.id));
  for (const p of relevant) {
    const hits = p.stages
      .filter((s) => s.start <= date && date <= s.end)
      .sort((a, b) => b.start.localeCompare(a.start) || a.end.localeCompare(b.end));
    if (hits[0]) return { packId: p.id, code: hits[0].code, name: hits[0].name };
  }
  return null;
}

const depth = (code: string) => (code === '00' ? 0 : code.split('.').length);

/** The placeholders an appeal-letter template may use, with what they stand for. */
export const TEMPLATE_PLACEHOLDERS = {
  penerima: 'recipient name / nama penerima',
  wilayah: 'region name / nama wilayah',
  instansi: 'agency name / nama instansi',
  tanggal: 'letter date / tanggal surat',
  nomor: 'letter number / nomor surat',
  kantor: 'office name / nama kantor',
  pemilihan: 'election name / nama pemilihan',
  tahapan: 'current stage / tahapan saat ini',
} as const;
export type PlaceholderName = keyof typeof TEMPLATE_PLACEHOLDERS;

/** Placeholders in a template that are not known (`{{foo}}`), for validation. */
export function unknownPlaceholders(template: string): string[] {
  const out = new Set<string>();
  for (const m of template.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g))
    if (!(m[1]! in TEMPLATE_PLACEHOLDERS)) out.add(m[1]!);
  return [...out];
}

/** Fills `{{placeholder}}`s; unknown or missing values become an empty string. */
export function fillTemplate(template: string, values: Partial<Record<PlaceholderName, string>>): string {
  return template.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (_, name: string) =>
    name in TEMPLATE_PLACEHOLDERS ? (values[name as PlaceholderName] ?? '') : '',
  );
}

/**
 * A person's name reduced for comparison: academic degrees after a comma and common honorifics
 * dropped, accents and punctuation removed, case and spacing ignored. "Dr. Budi  Santoso, S.Kom.,
 * M.M." and "budi santoso" compare equal.
 */
export function normaliseName(name: string): string {
  const base = name.split(',')[0] ?? '';
  return base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\b(dr|drs|dra|ir|prof|h|hj|hc|kh|r|rr)\.\s*/g, '')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether the name someone typed is the registry's name of that NIP. */
export const namesMatch = (typed: string, registry: string): boolean => {
  const a = normaliseName(typed);
  return a.length > 0 && a === normaliseName(registry);
};

/** A share as a percentage with one decimal; null when there is nobody to cover. */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((Math.min(part, whole) / whole) * 1000) / 10;
}

/** The first day of the activity window ending on `today` (`YYYY-MM-DD`, inclusive). */
export function windowStart(today: string, days = ACTIVITY_WINDOW_DAYS): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - (days - 1));
  return d.toISOString().slice(0, 10);
}

/** Today's date in Western Indonesia Time (UTC+7), the calendar the offices work in. */
export const todayWib = (now: Date): string =>
  new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
