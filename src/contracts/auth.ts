import { z } from 'zod';
import { ACTIONS } from '../domain/permissions.ts';

/** Staff roles (see docs/glossary.md). Permissions per role live in src/domain/permissions.ts. */
export const Role = z.enum(['admin', 'head', 'analyst', 'taskforce', 'liaison', 'viewer']);
export type Role = z.infer<typeof Role>;

export const LoginInput = z.object({
  username: z.string().trim().min(1, 'Nama pengguna wajib diisi').max(100),
  password: z.string().min(1, 'Kata sandi wajib diisi').max(1000),
});
export type LoginInput = z.infer<typeof LoginInput>;

/** The signed-in user, as `GET /api/auth/me` and `POST /api/auth/login` return it. */
export const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  office: z.object({
    id: z.string(),
    name: z.string(),
    /** Root of the user's jurisdiction: "00" national, "64" a province, "64.71" a regency/city. */
    regionCode: z.string(),
  }),
  /** Task-force heads: the agency whose prevention data they see; null for other roles. */
  agencyId: z.string().nullable(),
  /** What the role may do (src/domain/permissions.ts), so the UI hides what the server refuses. */
  permissions: z.array(z.enum(ACTIONS)),
  /** Whether the user has a TOTP second factor. */
  twoFactor: z.boolean(),
});
export type Me = z.infer<typeof Me>;

/** `POST /api/auth/login` → 202: the password was right; the second step is still to take. */
export const LoginChallenge = z.object({
  /** `totp`: enter a code from the authenticator app; `enrol`: set up the second factor first. */
  next: z.enum(['totp', 'enrol']),
});
export type LoginChallenge = z.infer<typeof LoginChallenge>;

export const TotpCodeInput = z.object({
  /** Six digits from the app, or a recovery code (`xxxxx-xxxxx`). */
  code: z.string().trim().min(1, 'Kode wajib diisi').max(32),
});
export type TotpCodeInput = z.infer<typeof TotpCodeInput>;

/** A new second factor being enrolled: shown once, never again. */
export const TotpEnrolment = z.object({
  secret: z.string(),
  uri: z.string(),
  /** The otpauth URI as a QR code, an SVG data URL. */
  qrCode: z.string(),
});
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;

export const TotpEnrolled = z.object({ me: Me, recoveryCodes: z.array(z.string()) });
export type TotpEnrolled = z.infer<typeof TotpEnrolled>;
