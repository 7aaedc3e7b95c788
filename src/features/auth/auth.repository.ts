import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../../db/tables.ts';

type Exec = Kysely<Tables> | Transaction<Tables>;

const userWithOffice = (exec: Exec) =>
  exec
    .selectFrom('users')
    .innerJoin('offices', 'offices.id', 'users.office_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.password_hash',
      'users.failed_logins',
      'users.locked_until',
      'users.disabled_at',
      'users.agency_id',
      'users.totp_secret',
      'users.totp_pending_secret',
      'users.totp_enabled_at',
      'users.totp_last_step',
      'offices.id as office_id',
      'offices.name as office_name',
      'offices.region_code as office_region_code',
    ]);

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUserByUsername>>>;

export const findUserByUsername = (exec: Exec, username: string) =>
  userWithOffice(exec)
    .where((eb) => eb(eb.fn('lower', ['users.username']), '=', username.toLowerCase()))
    .executeTakeFirst();

export async function recordFailedLogin(tx: Transaction<Tables>, userId: string, lockUntil: Date | null) {
  await tx
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1), locked_until: lockUntil }))
    .where('id', '=', userId)
    .execute();
}

export async function resetFailedLogins(tx: Transaction<Tables>, userId: string) {
  await tx
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

export async function insertSession(
  tx: Transaction<Tables>,
  s: { idHash: string; userId: string; now: Date; expiresAt: Date; stage?: 'full' | 'totp' | 'enrol' },
) {
  await tx
    .insertInto('sessions')
    .values({
      id_hash: s.idHash,
      user_id: s.userId,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: s.expiresAt,
      stage: s.stage ?? 'full',
    })
    .execute();
}

/** A live session of any stage (a half-done sign-in too) with its user; undefined when ended. */
export const findSessionAnyStage = (exec: Exec, idHash: string, now: Date) =>
  userWithOffice(exec)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .select(['sessions.id_hash', 'sessions.stage'])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();

export async function setPendingTotpSecret(tx: Transaction<Tables>, userId: string, sealed: string) {
  await tx.updateTable('users').set({ totp_pending_secret: sealed }).where('id', '=', userId).execute();
}

export async function enableTotp(
  tx: Transaction<Tables>,
  userId: string,
  now: Date,
  step: number,
  codeHashes: string[],
) {
  await tx
    .updateTable('users')
    .set((eb) => ({
      totp_secret: eb.ref('totp_pending_secret'),
      totp_pending_secret: null,
      totp_enabled_at: now,
      totp_last_step: step,
    }))
    .where('id', '=', userId)
    .execute();
  await tx.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
  await tx
    .insertInto('user_recovery_codes')
    .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash })))
    .execute();
}

/** Records the time step of an accepted code; false when that step (or a later one) was used. */
export async function claimTotpStep(tx: Transaction<Tables>, userId: string, step: number): Promise<boolean> {
  const r = await tx
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks an unused recovery code used; false when it is unknown or used. */
export async function spendRecoveryCode(
  tx: Transaction<Tables>,
  userId: string,
  codeHash: string,
  now: Date,
) {
  const r = await tx
    .updateTable('user_recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The live session for a token hash with its user, or undefined when absent, revoked or expired. */
export const findLiveSession = (exec: Exec, idHash: string, now: Date, idleSince: Date) =>
  userWithOffice(exec)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .select(['sessions.id_hash', 'sessions.last_seen_at'])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.stage', '=', 'full')
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .where('sessions.last_seen_at', '>', idleSince)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();

export async function touchSession(exec: Exec, idHash: string, now: Date) {
  await exec.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
}

export async function revokeSession(tx: Transaction<Tables>, idHash: string, now: Date) {
  return tx
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id_hash', '=', idHash)
    .where('revoked_at', 'is', null)
    .returning('user_id')
    .executeTakeFirst();
}

/** Deletes sessions that ended (expired or revoked) before `before`; returns how many. */
export async function purgeEndedSessions(exec: Exec, before: Date): Promise<number> {
  const result = await exec
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
