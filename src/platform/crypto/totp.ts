import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import qrcode from 'qrcode-generator';

/**
 * TOTP (RFC 6238): 30-second steps, 6 digits, HMAC-SHA-1 — what every authenticator app
 * (Google Authenticator, Microsoft Authenticator, FreeOTP, Aegis) accepts. One step of clock drift
 * either way is allowed.
 */
export const TOTP_PERIOD_S = 30;

const totpFor = (secretBase32: string, label = 'netra') =>
  new TOTP({
    issuer: 'Netra',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_S,
    secret: Secret.fromBase32(secretBase32),
  });

/** A new random secret (160 bits, as RFC 4226 recommends), base32. */
export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/** The `otpauth://` URI an authenticator app reads from the QR code. */
export const totpUri = (secretBase32: string, username: string) => totpFor(secretBase32, username).toString();

/** The QR code of a URI as an SVG data URL (rendered on the server; the CSP allows data: images). */
export function qrSvgDataUrl(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const svg = qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/**
 * Checks a code at time `now`; returns the time step it matched (to refuse a replay of the same
 * or an earlier step), or null.
 */
export function verifyTotp(secretBase32: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secretBase32).validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_S) + delta;
}

/** The code for a time (tests, and the documented demo secret). */
export const totpCodeAt = (secretBase32: string, at: Date) =>
  totpFor(secretBase32).generate({ timestamp: at.getTime() });

/** Ten single-use recovery codes, `xxxxx-xxxxx` from an unambiguous alphabet (~50 bits each). */
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: count }, () => {
    const chars = [...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Recovery codes are stored as SHA-256 (high-entropy, so no slow hash is needed). */
export const recoveryCodeHash = (code: string) =>
  createHash('sha256').update(code.trim().toLowerCase().replace(/\s+/g, '')).digest('hex');
