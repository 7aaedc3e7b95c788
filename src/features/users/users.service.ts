import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Me } from '../../contracts/auth.ts';
import type { CreateUserInput, UserSummary } from '../../contracts/users.ts';
import type { Tables } from '../../db/tables.ts';
import { DomainError } from '../../domain/errors.ts';
import { NATIONAL } from '../../domain/jurisdiction.ts';
import { abilitiesFor, can, permissionActorOf } from '../../domain/permissions.ts';
import { hashPassword, verifyPassword } from '../../platform/crypto/passwords.ts';
import { tokenHash } from '../../platform/crypto/tokens.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';
import { normalisePassword, passwordProblems } from './password-policy.ts';
import * as repo from './users.repository.ts';

/** Who acts: a signed-in administrator, or the operator at the server's command line (`null`). */
export type UsersActor = Me | null;

const NOT_FOUND = () => new DomainError('NOT_FOUND', 'Pengguna tidak ditemukan / user not found');

/** A readable random password for a new or reset account: 20 characters of base32 in groups. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return chars.match(/.{1,5}/g)!.join('-');
}

function checkNewPassword(password: string, username: string) {
  const problems = passwordProblems(password, { username });
  if (problems.length)
    throw new DomainError(
      'VALIDATION',
      'Kata sandi tidak memenuhi aturan / the password does not meet the rules',
      problems.map((message) => ({ field: 'password', message })),
    );
}

export type UsersService = ReturnType<typeof createUsersService>;

export function createUsersService({ db, now = () => new Date() }: { db: Kysely<Tables>; now?: () => Date }) {
  const rootOf = (actor: UsersActor) => (actor ? actor.office.regionCode : NATIONAL);
  const present = (actor: UsersActor, u: repo.UserRecord): UserSummary => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    email: u.email,
    role: u.role,
    office: { id: u.office_id, name: u.office_name, regionCode: u.office_region_code },
    agencyId: u.agency_id,
    disabled: u.disabled_at !== null,
    locked: u.locked_until !== null && new Date(u.locked_until) > now(),
    createdAt: new Date(u.created_at).toISOString(),
    abilities: actor
      ? abilitiesFor(permissionActorOf(actor), 'user', { regionCode: u.office_region_code })
      : { 'users.manage': true },
  });

  /** Loads a user the actor may manage, or NOT_FOUND (absent and out of jurisdiction look alike). */
  async function loadManaged(actor: UsersActor, id: string) {
    const u = await repo.findUserWithin(db, rootOf(actor), id);
    if (!u) throw NOT_FOUND();
    if (actor && !can(permissionActorOf(actor), 'users.manage', { regionCode: u.office_region_code }))
      throw NOT_FOUND();
    return u;
  }

  async function userIdByName(username: string) {
    const u = await repo.findUserIdByUsername(db, username);
    if (!u) throw NOT_FOUND();
    return u.id;
  }

  return {
    async listUsers(actor: Me): Promise<UserSummary[]> {
      return (await repo.listUsersWithin(db, rootOf(actor))).map((u) => present(actor, u));
    },

    /**
     * Creates a user in an office inside the actor's jurisdiction. The password is given (CLI, read
     * from stdin) or generated; it is returned once and stored only as an argon2id hash.
     */
    async createUser(
      actor: UsersActor,
      input: CreateUserInput & { password?: string },
    ): Promise<{ user: UserSummary; password: string }> {
      const office = await repo.findOfficeWithin(db, rootOf(actor), input.officeId);
      if (!office)
        throw new DomainError('VALIDATION', 'Kantor tidak ditemukan / office not found', [
          {
            field: 'officeId',
            message: 'kantor tidak ada di wilayah Anda / no such office in your jurisdiction',
          },
        ]);
      const agencyId = input.agencyId ?? null;
      if (input.role === 'taskforce' && !agencyId)
        throw new DomainError(
          'VALIDATION',
          'Ketua satgas memerlukan instansi / a task-force head needs an agency',
          [{ field: 'agencyId', message: 'wajib untuk peran satgas / required for the task-force role' }],
        );
      if (agencyId && !(await repo.findAgency(db, agencyId)))
        throw new DomainError('VALIDATION', 'Instansi tidak ditemukan / agency not found', [
          { field: 'agencyId', message: 'tidak ada / does not exist' },
        ]);
      const password = input.password ?? generatePassword();
      checkNewPassword(password, input.username);
      if (await repo.findUserIdByUsername(db, input.username))
        throw new DomainError('CONFLICT', 'Nama pengguna sudah dipakai / username already taken', [
          { field: 'username', message: 'sudah dipakai / taken' },
        ]);
      const passwordHash = await hashPassword(normalisePassword(password));
      const t = now();
      const id = await db.transaction().execute(async (tx) => {
        const { id } = await repo.insertUser(tx, {
          username: input.username,
          displayName: input.displayName,
          email: input.email ?? null,
          role: input.role,
          officeId: office.id,
          agencyId,
          passwordHash,
          now: t,
        });
        await recordAuditInTx(tx, {
          actorId: actor?.id ?? null,
          action: 'user.create',
          subjectType: 'user',
          subjectId: id,
          details: {
            username: input.username,
            role: input.role,
            officeId: office.id,
            via: actor ? 'api' : 'cli',
          },
        });
        return id;
      });
      const created = await repo.findUserWithin(db, NATIONAL, id);
      return { user: present(actor, created!), password };
    },

    /** Sets a new password (given or generated), unlocks the account and ends its sessions. */
    async resetPassword(actor: UsersActor, id: string, password?: string): Promise<string> {
      const u = await loadManaged(actor, id);
      const pw = password ?? generatePassword();
      checkNewPassword(pw, u.username);
      const hash = await hashPassword(normalisePassword(pw));
      const t = now();
      await db.transaction().execute(async (tx) => {
        await repo.setPassword(tx, u.id, hash, t);
        const revoked = await repo.revokeUserSessions(tx, u.id, t);
        await recordAuditInTx(tx, {
          actorId: actor?.id ?? null,
          action: 'user.password_reset',
          subjectType: 'user',
          subjectId: u.id,
          details: { revokedSessions: revoked, via: actor ? 'api' : 'cli' },
        });
      });
      return pw;
    },

    /** Disables (or re-enables) an account; disabling ends its sessions at once. */
    async setDisabled(actor: UsersActor, id: string, disabled: boolean): Promise<UserSummary> {
      const u = await loadManaged(actor, id);
      if (actor && actor.id === u.id && disabled)
        throw new DomainError(
          'INVALID_STATE',
          'Tidak dapat menonaktifkan akun sendiri / cannot disable yourself',
        );
      const t = now();
      await db.transaction().execute(async (tx) => {
        await repo.setDisabled(tx, u.id, disabled ? t : null);
        const revoked = disabled ? await repo.revokeUserSessions(tx, u.id, t) : 0;
        await recordAuditInTx(tx, {
          actorId: actor?.id ?? null,
          action: disabled ? 'user.disable' : 'user.enable',
          subjectType: 'user',
          subjectId: u.id,
          details: { revokedSessions: revoked, via: actor ? 'api' : 'cli' },
        });
      });
      return present(actor, (await repo.findUserWithin(db, NATIONAL, u.id))!);
    },

    /** Removes a user's second factor (lost phone) and ends their sessions; they enrol again. */
    async resetTotp(actor: UsersActor, id: string): Promise<void> {
      const u = await loadManaged(actor, id);
      const t = now();
      await db.transaction().execute(async (tx) => {
        await repo.clearTotp(tx, u.id);
        const revoked = await repo.revokeUserSessions(tx, u.id, t);
        await recordAuditInTx(tx, {
          actorId: actor?.id ?? null,
          action: 'user.totp_reset',
          subjectType: 'user',
          subjectId: u.id,
          details: { revokedSessions: revoked, via: actor ? 'api' : 'cli' },
        });
      });
    },

    /** Ends every session of a user (a lost laptop, a leaving employee). */
    async revokeSessions(actor: UsersActor, id: string): Promise<number> {
      const u = await loadManaged(actor, id);
      return db.transaction().execute(async (tx) => {
        const revoked = await repo.revokeUserSessions(tx, u.id, now());
        await recordAuditInTx(tx, {
          actorId: actor?.id ?? null,
          action: 'user.sessions_revoke',
          subjectType: 'user',
          subjectId: u.id,
          details: { revokedSessions: revoked },
        });
        return revoked;
      });
    },

    /** A user changes their own password; their other sessions end. */
    async changeOwnPassword(actor: Me, sessionToken: string, current: string, next: string): Promise<void> {
      const { password_hash, username } = await repo.passwordHashOf(db, actor.id);
      if (!(await verifyPassword(password_hash, normalisePassword(current))))
        throw new DomainError('VALIDATION', 'Kata sandi lama salah / the current password is wrong', [
          { field: 'currentPassword', message: 'salah / wrong' },
        ]);
      checkNewPassword(next, username);
      const hash = await hashPassword(normalisePassword(next));
      const t = now();
      await db.transaction().execute(async (tx) => {
        await repo.setPassword(tx, actor.id, hash, t);
        const revoked = await repo.revokeUserSessions(tx, actor.id, t, tokenHash(sessionToken));
        await recordAuditInTx(tx, {
          actorId: actor.id,
          action: 'user.password_change',
          subjectType: 'user',
          subjectId: actor.id,
          details: { revokedSessions: revoked },
        });
      });
    },

    userIdByName,
    findOffice: (key: string) => repo.findOfficeByRegionOrName(db, key),
  };
}
