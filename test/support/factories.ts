import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../../src/contracts/auth.ts';
import type { Tables } from '../../src/db/tables.ts';
import { hashPassword } from '../../src/platform/crypto/passwords.ts';

/** A staff user in the Bawaslu office of `regionCode`, inserted for real; returns it with its password. */
export async function makeUser(
  db: Kysely<Tables>,
  opts: { role?: Role; regionCode?: string; password?: string } = {},
) {
  const password = opts.password ?? `pw-${randomBytes(6).toString('hex')}`;
  const office = await db
    .selectFrom('offices')
    .select(['id', 'name', 'region_code'])
    .where('region_code', '=', opts.regionCode ?? '64.71')
    .where('name', 'like', 'Bawaslu %')
    .executeTakeFirstOrThrow();
  const username = `user.${randomBytes(4).toString('hex')}`;
  const user = await db
    .insertInto('users')
    .values({
      username,
      display_name: `Pengguna ${username}`,
      email: null,
      role: opts.role ?? 'analyst',
      office_id: office.id,
      password_hash: await hashPassword(password),
    })
    .returning(['id', 'username'])
    .executeTakeFirstOrThrow();
  return { ...user, password, office };
}
