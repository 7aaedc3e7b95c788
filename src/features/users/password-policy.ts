/**
 * Password rules after NIST SP 800-63B §3.1.1.2 (rev. 4): a minimum length (15 characters for
 * single-factor accounts, 8 with a second factor — we require 12 for every staff account), at least
 * 64 characters allowed, every Unicode character allowed (normalised to NFKC), no composition rules
 * (no "one digit, one symbol"), no periodic expiry, and a check against commonly used and breached
 * passwords and context words (the username). Pure: no I/O.
 */
import { COMMON_PASSWORDS } from './common-passwords.ts';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

/** NFKC normalisation as 800-63B recommends, so the same password typed on two keyboards matches. */
export const normalisePassword = (password: string) => password.normalize('NFKC');

/** Length in characters (code points), not UTF-16 units, so emoji and Javanese script count once. */
const length = (s: string) => [...s].length;

/** Problems with a new password, in Bahasa Indonesia / English; empty when it is acceptable. */
export function passwordProblems(password: string, context: { username?: string } = {}): string[] {
  const pw = normalisePassword(password);
  const problems: string[] = [];
  if (length(pw) < MIN_PASSWORD_LENGTH)
    problems.push(`minimal ${MIN_PASSWORD_LENGTH} karakter / at least ${MIN_PASSWORD_LENGTH} characters`);
  if (length(pw) > MAX_PASSWORD_LENGTH)
    problems.push(`maksimal ${MAX_PASSWORD_LENGTH} karakter / at most ${MAX_PASSWORD_LENGTH} characters`);
  const lower = pw.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(lower.replace(/[\d\W_]+$/u, '')))
    problems.push('terlalu umum atau pernah bocor / too common or known from breaches');
  if (/^(.)\1*$/u.test(pw) || /^(?:0123456789|1234567890|abcdefghijkl|qwertyuiop)/.test(lower))
    problems.push('berupa urutan atau pengulangan / a sequence or repetition');
  const user = context.username?.toLowerCase();
  if (user && user.length >= 3 && (lower.includes(user) || user.includes(lower)))
    problems.push('memuat nama pengguna / contains the username');
  if (lower.includes('netra') && lower.replace(/netra|bawaslu|[\d\W_]/gu, '').length < 4)
    problems.push('hanya nama aplikasi dan angka / only the application name and digits');
  return problems;
}
