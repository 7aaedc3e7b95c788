/**
 * Official letters (*naskah dinas*): numbering and dates, as pure functions.
 *
 * A letter number is built from the office's template, e.g. `{seq}/{class}/{office}/{month}/{year}`
 * → `012/PM.00.02/K.KI-12/11/2024`. Placeholders:
 * - `{seq}` the running number in the series for the year, zero-padded to 3 digits (`{seq:n}` pads to n);
 * - `{class}` the classification code of the letter kind (given by the feature, editable by the office);
 * - `{office}` the office's own code (e.g. `K.KI-12` for Bawaslu Kota Balikpapan);
 * - `{month}` the month as a number 1–12, `{mm}` zero-padded, `{roman}` in Roman numerals (XI);
 * - `{year}` the four-digit year.
 * Unknown placeholders are an error (a typo in an office's template must not issue bad numbers).
 */
import { DomainError } from './errors.ts';

export const DEFAULT_LETTER_NUMBER_TEMPLATE = '{seq}/{class}/{office}/{mm}/{year}';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'] as const;

export const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

/** Calendar parts of a date in Indonesia's western time zone (WIB, UTC+7), where letters are dated. */
export function datePartsWib(date: Date): { year: number; month: number; day: number } {
  const shifted = new Date(date.getTime() + 7 * 3600_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** `2 Desember 2026`: the date as Indonesian letters write it (WIB). */
export function formatDateId(date: Date): string {
  const { year, month, day } = datePartsWib(date);
  return `${day} ${MONTHS_ID[month - 1]} ${year}`;
}

/** Throws VALIDATION when the template has an unknown placeholder or no `{seq}`. */
export function validateNumberTemplate(template: string): void {
  const names = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? '');
  const bad = names.filter((n) => !/^(seq(:\d)?|class|office|month|mm|roman|year)$/.test(n));
  if (bad.length > 0 || !names.some((n) => n.startsWith('seq')))
    throw new DomainError('VALIDATION', 'Format nomor surat tidak valid / invalid letter number template', [
      {
        field: 'numberTemplate',
        message: bad.length
          ? `penanda tidak dikenal / unknown placeholder: {${bad[0]}}`
          : 'harus memuat {seq} / must contain {seq}',
      },
    ]);
}

/** Formats a letter number from a template (see the module comment). */
export function formatLetterNumber(
  template: string,
  parts: { seq: number; classCode: string; officeCode: string; date: Date },
): string {
  validateNumberTemplate(template);
  const { year, month } = datePartsWib(parts.date);
  return template.replace(/\{([^}]*)\}/g, (_, name: string) => {
    if (name.startsWith('seq')) {
      const width = name.includes(':') ? Number(name.slice(4)) : 3;
      return String(parts.seq).padStart(width, '0');
    }
    switch (name) {
      case 'class':
        return parts.classCode;
      case 'office':
        return parts.officeCode;
      case 'month':
        return String(month);
      case 'mm':
        return String(month).padStart(2, '0');
      case 'roman':
        return ROMAN[month - 1]!;
      default:
        return String(year);
    }
  });
}

/**
 * The city a letter is dated in, from the office's region name: `Kota Balikpapan` → `Balikpapan`,
 * `Kabupaten Bantul` → `Bantul`, national → `Jakarta`, a province → its name (offices may override).
 */
export function letterCityOf(regionName: string, regionCode: string): string {
  if (regionCode === '00') return 'Jakarta';
  return regionName.replace(/^(Kota|Kabupaten|Kab\.|Provinsi)\s+/i, '').trim();
}
