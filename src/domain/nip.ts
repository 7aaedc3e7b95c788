/**
 * NIP (*Nomor Induk Pegawai*), the 18-digit civil-servant number:
 *
 * ```
 * 19850317 201001 1 004
 * └birth─┘ └TMT─┘ │ └seq┘
 *   date   CPNS   sex (1 male, 2 female)
 * ```
 * - digits 1–8: date of birth, YYYYMMDD;
 * - digits 9–14: year and month of appointment as CPNS (TMT CPNS), YYYYMM. PPPK numbers (NI PPPK)
 *   carry the year of appointment followed by "21" in place of the month;
 * - digit 15: sex, 1 = male, 2 = female;
 * - digits 16–18: sequence among staff with the same birth date, appointment month and sex, 001–999.
 *
 * Pure: no I/O, no clock (the caller passes `today` to reject birth dates in the future).
 */

export type NipSex = 'male' | 'female';

export type ParsedNip = {
  nip: string;
  /** ISO date, YYYY-MM-DD. */
  birthDate: string;
  /** TMT CPNS as YYYY-MM; for a PPPK number only the year, YYYY. */
  appointedOn: string;
  /** `pppk` when digits 13–14 are "21" (NI PPPK), else `pns` (PNS/CPNS). */
  kind: 'pns' | 'pppk';
  sex: NipSex;
  sequence: number;
};

export type NipResult = { ok: true; value: ParsedNip } | { ok: false; reason: string };

/** Youngest and oldest plausible ages at appointment (CPNS ages 18–35, some professions to 40+). */
const MIN_AGE_AT_APPOINTMENT = 15;
const MAX_AGE_AT_APPOINTMENT = 60;
const EARLIEST_BIRTH_YEAR = 1900;

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number) =>
  [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

/**
 * Normalises what people type or what spreadsheets store: spaces, dots and dashes between groups
 * are dropped ("19850317 201001 1 004"); a number that Excel shortened to scientific notation cannot
 * be recovered and is rejected by `parseNip`.
 */
export function normaliseNip(input: string): string {
  return input
    .trim()
    .replace(/^'/, '')
    .replace(/[\s.-]/g, '');
}

/** Parses and validates a NIP; the reason is in Indonesian, ready for an import error line. */
export function parseNip(input: string, today: Date = new Date()): NipResult {
  const nip = normaliseNip(input);
  if (/^\d([.,]\d+)?e\+?\d+$/i.test(input.trim()))
    return {
      ok: false,
      reason: 'NIP tersimpan sebagai angka sehingga digit terakhir hilang; format kolom NIP sebagai Teks',
    };
  if (!/^\d+$/.test(nip)) return { ok: false, reason: 'NIP hanya boleh berisi angka' };
  if (nip.length !== 18) return { ok: false, reason: `NIP harus 18 digit (tertulis ${nip.length} digit)` };

  const by = Number(nip.slice(0, 4));
  const bm = Number(nip.slice(4, 6));
  const bd = Number(nip.slice(6, 8));
  if (bm < 1 || bm > 12 || bd < 1 || bd > daysInMonth(by, bm) || by < EARLIEST_BIRTH_YEAR)
    return { ok: false, reason: `tanggal lahir ${nip.slice(0, 8)} tidak mungkin` };
  const birthDate = `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`;
  const todayIso = today.toISOString().slice(0, 10);
  if (birthDate > todayIso) return { ok: false, reason: `tanggal lahir ${birthDate} di masa depan` };

  const ty = Number(nip.slice(8, 12));
  const tm = Number(nip.slice(12, 14));
  const kind = tm === 21 ? 'pppk' : 'pns';
  if (kind === 'pns' && (tm < 1 || tm > 12))
    return { ok: false, reason: `bulan TMT CPNS ${nip.slice(12, 14)} tidak mungkin` };
  const appointedOn = kind === 'pppk' ? nip.slice(8, 12) : `${nip.slice(8, 12)}-${nip.slice(12, 14)}`;
  if (appointedOn > todayIso.slice(0, 7))
    return { ok: false, reason: `TMT CPNS ${appointedOn} di masa depan` };
  const ageAtAppointment = ty - by - (kind === 'pns' && tm < bm ? 1 : 0);
  if (ageAtAppointment < MIN_AGE_AT_APPOINTMENT || ageAtAppointment > MAX_AGE_AT_APPOINTMENT)
    return {
      ok: false,
      reason: `TMT CPNS ${appointedOn} tidak cocok dengan tanggal lahir ${birthDate} (usia ${ageAtAppointment} tahun)`,
    };

  const sexDigit = nip[14];
  if (sexDigit !== '1' && sexDigit !== '2')
    return { ok: false, reason: `digit jenis kelamin harus 1 atau 2 (tertulis ${sexDigit})` };
  const sequence = Number(nip.slice(15, 18));
  if (sequence === 0) return { ok: false, reason: 'nomor urut NIP tidak boleh 000' };

  return {
    ok: true,
    value: { nip, birthDate, appointedOn, kind, sex: sexDigit === '1' ? 'male' : 'female', sequence },
  };
}
