import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../../src/contracts/auth.ts';
import type { Tables } from '../../src/db/tables.ts';
import { newToken, tokenHash } from '../../src/platform/crypto/tokens.ts';

/**
 * A user of `role` in the Bawaslu office of `regionCode` with a live session, inserted directly
 * (no argon2 hashing, no login round trip), so a matrix of hundreds of requests stays fast.
 * Returns the cookie header.
 */
export async function userWithSession(db: Kysely<Tables>, role: Role, regionCode: string) {
  const office = await db
    .selectFrom('offices')
    .select(['id'])
    .where('region_code', '=', regionCode)
    .where('name', 'like', 'Bawaslu %')
    .executeTakeFirstOrThrow();
  const username = `m.${role}.${randomBytes(4).toString('hex')}`;
  const user = await db
    .insertInto('users')
    .values({
      username,
      display_name: username,
      email: null,
      role,
      office_id: office.id,
      password_hash: 'not-a-hash',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: user.id, username, newCookie: () => sessionCookie(db, user.id) };
}

/** A fresh live session for a user (each request that might end it, e.g. logout, gets its own). */
export async function sessionCookie(db: Kysely<Tables>, userId: string): Promise<string> {
  const token = newToken();
  const now = new Date();
  await db
    .insertInto('sessions')
    .values({
      id_hash: tokenHash(token),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + 3600_000),
    })
    .execute();
  return `netra_session=${token}`;
}
