/**
 * The working-day calendar, pure: dates are ISO `YYYY-MM-DD` strings (a calendar day in Indonesia,
 * no time of day), holidays a set of such strings (national holidays and collective leave, kept
 * by administrators in the `holidays` table). Saturdays and Sundays are never working days
 * (government offices work Monday to Friday).
 */

const DAY_MS = 86_400_000;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

export type HolidaySet = ReadonlySet<string>;

const toUtc = (date: string): number => {
  if (!ISO.test(date)) throw new Error(`not an ISO date: ${date}`);
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t)) throw new Error(`not an ISO date: ${date}`);
  return t;
};
const fromUtc = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** `date` plus `n` calendar days (n may be negative). */
export const addDays = (date: string, n: number): string => fromUtc(toUtc(date) + n * DAY_MS);

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (date: string): number => new Date(toUtc(date)).getUTCDay();

export const isWeekend = (date: string): boolean => {
  const d = weekday(date);
  return d === 0 || d === 6;
};

export const isWorkingDay = (date: string, holidays: HolidaySet): boolean =>
  !isWeekend(date) && !holidays.has(date);

/**
 * The `n`-th working day after `date` (the day itself never counts: a period "of 3 working days"
 * from Friday ends on Wednesday). `n = 0` returns `date`.
 */
export function addWorkingDays(date: string, n: number, holidays: HolidaySet): string {
  if (n < 0 || !Number.isInteger(n)) throw new Error(`working days must be a whole number ≥ 0: ${n}`);
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, holidays)) left--;
  }
  return d;
}

/** Working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: string, to: string, holidays: HolidaySet): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, holidays)) n++;
  return n;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((toUtc(to) - toUtc(from)) / DAY_MS);

/**
 * The calendar day of an instant in Indonesia. Deadlines are reckoned in Western Indonesia Time
 * (WIB, UTC+7) for every office: the law counts days, and one zone keeps national reports consistent.
 */
export const dayInWib = (at: Date): string => fromUtc(at.getTime() + 7 * 3_600_000);

/** The last moment of a day in WIB: 23:59:59.999 +07:00. */
export const endOfDayWib = (date: string): Date => new Date(toUtc(date) + DAY_MS - 7 * 3_600_000 - 1);
