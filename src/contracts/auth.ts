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
});
export type Me = z.infer<typeof Me>;
