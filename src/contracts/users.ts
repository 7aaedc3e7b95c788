import { z } from 'zod';
import { Role } from './auth.ts';

/** A user as administrators see it (`GET /api/users`), with what the actor may do with it. */
export const UserSummary = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: Role,
  office: z.object({ id: z.string(), name: z.string(), regionCode: z.string() }),
  agencyId: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  createdAt: z.string(),
  abilities: z.object({ 'users.manage': z.boolean() }),
});
export type UserSummary = z.infer<typeof UserSummary>;

export const UserList = z.object({ users: z.array(UserSummary) });
export type UserList = z.infer<typeof UserList>;

export const CreateUserInput = z.object({
  username: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9][a-z0-9._-]{2,63}$/i,
      'Nama pengguna: 3–64 huruf, angka, titik, garis bawah, tanda hubung',
    ),
  displayName: z.string().trim().min(1, 'Nama wajib diisi').max(200),
  email: z.email('Surel tidak valid').max(254).nullable().optional(),
  role: Role,
  officeId: z.uuid('Kantor tidak valid'),
  agencyId: z.uuid('Instansi tidak valid').nullable().optional(),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

/** The new user with the generated one-time password (shown once, never stored in clear). */
export const CreatedUser = z.object({ user: UserSummary, password: z.string() });
export type CreatedUser = z.infer<typeof CreatedUser>;

export const UserIdParams = z.object({ id: z.uuid('ID pengguna tidak valid') });

export const ChangePasswordInput = z.object({
  currentPassword: z.string().min(1, 'Kata sandi lama wajib diisi').max(1000),
  newPassword: z.string().min(1, 'Kata sandi baru wajib diisi').max(1000),
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;
