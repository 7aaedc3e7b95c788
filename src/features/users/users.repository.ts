import { type Expression, type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import type { Tables } from '../../db/tables.ts';
import { NATIONAL } from '../../domain/jurisdiction.ts';

type Exec = Kysely<Tables> | Transaction<Tables>;

/** SQL: `column` lies inside the region subtree rooted at `root` (mirrors isWithinJurisdiction). */
export const regionWithin = (column: string, root: string): Expression<SqlBool> =>
  root === NATIONAL
    ? sql<SqlBool>`true`
    : sql<SqlBool>`(${sql.ref(column)} = ${root} OR ${sql.ref(column)} LIKE ${`${root.replace(/[\\%_]/g, '\\$&')}.%`})`;

const selectUsers = (exec: Exec, regionRoot: string) =>
  exec
    .selectFrom('users')
    .innerJoin('offices', 'offices.id', 'users.office_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.email',
      'users.role',
      'users.agency_id',
      'users.disabled_at',
      'users.locked_until',
      'users.created_at',
      'offices.id as office_id',
      'offices.name as office_name',
      'offices.region_code as office_region_code',
    ])
    .where(regionWithin('offices.region_code', regionRoot));

export type UserRecord = Awaited<ReturnType<typeof listUsersWithin>>[number];

/** Users whose office lies inside the jurisdiction, by username. */
export const listUsersWithin = (exec: Exec, regionRoot: string, limit = 500) =>
  selectUsers(exec, regionRoot).orderBy('users.username').limit(limit).execute();

/** One user inside the jurisdiction; undefined when absent or outside (the same answer). */
export const findUserWithin = (exec: Exec, regionRoot: string, id: string) =>
  selectUsers(exec, regionRoot).where('users.id', '=', id).executeTakeFirst();

export const findUserIdByUsername = (exec: Exec, username: string) =>
  exec
    .selectFrom('users')
    .select(['id', 'username'])
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();

export const findOfficeWithin = (exec: Exec, regionRoot: string, officeId: string) =>
  exec
    .selectFrom('offices')
    .select(['id', 'name', 'region_code'])
    .where('id', '=', officeId)
    .where(regionWithin('offices.region_code', regionRoot))
    .executeTakeFirst();

export const findOfficeByRegionOrName = (exec: Exec, key: string) =>
  exec
    .selectFrom('offices')
    .select(['id', 'name', 'region_code'])
    .where((eb) =>
      eb.or([eb('name', '=', key), eb.and([eb('region_code', '=', key), eb('name', 'like', 'Bawaslu %')])]),
    )
    .orderBy('name')
    .executeTakeFirst();

export const findAgency = (exec: Exec, agencyId: string) =>
  exec.selectFrom('agencies').select(['id', 'region_code']).where('id', '=', agencyId).executeTakeFirst();

export const insertUser = (
  tx: Transaction<Tables>,
  u: {
    username: string;
    displayName: string;
    email: string | null;
    role: Tables['users']['role'];
    officeId: string;
    agencyId: string | null;
    passwordHash: string;
    now: Date;
  },
) =>
  tx
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      email: u.email,
      role: u.role,
      office_id: u.officeId,
      agency_id: u.agencyId,
      password_hash: u.passwordHash,
      password_changed_at: u.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

export async function setPassword(tx: Transaction<Tables>, userId: string, passwordHash: string, now: Date) {
  await tx
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: now, failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

export async function setDisabled(tx: Transaction<Tables>, userId: string, at: Date | null) {
  await tx.updateTable('users').set({ disabled_at: at }).where('id', '=', userId).execute();
}

export const passwordHashOf = (exec: Exec, userId: string) =>
  exec
    .selectFrom('users')
    .select(['password_hash', 'username'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();

/** Revokes every live session of a user (optionally but one); returns how many. */
export async function revokeUserSessions(
  tx: Transaction<Tables>,
  userId: string,
  now: Date,
  exceptHash?: string,
) {
  let q = tx
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (exceptHash) q = q.where('id_hash', '!=', exceptHash);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Removes a user's second factor and recovery codes (a lost phone); they enrol again at sign-in. */
export async function clearTotp(tx: Transaction<Tables>, userId: string) {
  await tx
    .updateTable('users')
    .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null })
    .where('id', '=', userId)
    .execute();
  await tx.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
}
