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
  s: { idHash: string; userId: string; now: Date; expiresAt: Date },
) {
  await tx
    .insertInto('sessions')
    .values({
      id_hash: s.idHash,
      user_id: s.userId,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: s.expiresAt,
    })
    .execute();
}

/** The live session for a token hash with its user, or undefined when absent, revoked or expired. */
export const findLiveSession = (exec: Exec, idHash: string, now: Date, idleSince: Date) =>
  userWithOffice(exec)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .select(['sessions.id_hash', 'sessions.last_seen_at'])
    .where('sessions.id_hash', '=', idHash)
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
