import type { Kysely } from 'kysely';
import type { Me } from '../../contracts/auth.ts';
import type { Tables } from '../../db/tables.ts';
import { DomainError } from '../../domain/errors.ts';
import { permissionsOf } from '../../domain/permissions.ts';
import { hashPassword, verifyPassword } from '../../platform/crypto/passwords.ts';
import { newToken, tokenHash } from '../../platform/crypto/tokens.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';
import * as repo from './auth.repository.ts';

/** Session lifetime: absolute 12 hours, idle 30 minutes (a shared office computer left open). */
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
export const SESSION_IDLE_MS = 30 * 60_000;
/** After this many consecutive failures the account is locked for LOCK_MS. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60_000;

const BAD_CREDENTIALS = 'Nama pengguna atau kata sandi salah / wrong username or password';

export type Actor = Me;

export const toMe = (u: repo.UserRow): Me => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  role: u.role,
  office: { id: u.office_id, name: u.office_name, regionCode: u.office_region_code },
  agencyId: u.agency_id,
  permissions: permissionsOf(u.role),
});

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService({ db, now = () => new Date() }: { db: Kysely<Tables>; now?: () => Date }) {
  // Verified against when the user does not exist, so both answers take the same time.
  const dummyHash = hashPassword('netra-timing-equaliser');

  return {
    /** Signs a user in (*masuk*); returns the session token for the cookie and the user. */
    async login(input: { username: string; password: string }): Promise<{ token: string; me: Me }> {
      const t = now();
      const user = await repo.findUserByUsername(db, input.username);
      if (!user) {
        await verifyPassword(await dummyHash, input.password);
        throw new DomainError('UNAUTHENTICATED', BAD_CREDENTIALS);
      }
      const locked = user.locked_until && new Date(user.locked_until) > t;
      const ok =
        !locked &&
        !user.disabled_at &&
        (await verifyPassword(user.password_hash, input.password.normalize('NFKC')));
      if (!ok) {
        await db.transaction().execute(async (tx) => {
          if (!locked && !user.disabled_at) {
            const failures = user.failed_logins + 1;
            await repo.recordFailedLogin(
              tx,
              user.id,
              failures >= MAX_FAILED_LOGINS ? new Date(t.getTime() + LOCK_MS) : null,
            );
          }
          await recordAuditInTx(tx, {
            actorId: user.id,
            action: 'auth.login_failed',
            subjectType: 'user',
            subjectId: user.id,
            details: { locked: Boolean(locked), disabled: Boolean(user.disabled_at) },
          });
        });
        throw new DomainError(
          locked ? 'RATE_LIMITED' : 'UNAUTHENTICATED',
          locked
            ? 'Akun dikunci sementara karena terlalu banyak percobaan / account temporarily locked'
            : BAD_CREDENTIALS,
        );
      }
      const token = newToken();
      await db.transaction().execute(async (tx) => {
        await repo.resetFailedLogins(tx, user.id);
        await repo.insertSession(tx, {
          idHash: tokenHash(token),
          userId: user.id,
          now: t,
          expiresAt: new Date(t.getTime() + SESSION_ABSOLUTE_MS),
        });
        await recordAuditInTx(tx, {
          actorId: user.id,
          action: 'auth.login',
          subjectType: 'user',
          subjectId: user.id,
        });
      });
      return { token, me: toMe(user) };
    },

    /** The signed-in user for a session token, or undefined (absent, revoked, expired or idle). */
    async authenticate(token: string): Promise<Me | undefined> {
      const t = now();
      const idHash = tokenHash(token);
      const row = await repo.findLiveSession(db, idHash, t, new Date(t.getTime() - SESSION_IDLE_MS));
      if (!row) return undefined;
      // Refresh the idle clock at most once a minute to spare writes.
      if (t.getTime() - new Date(row.last_seen_at).getTime() > 60_000) await repo.touchSession(db, idHash, t);
      return toMe(row);
    },

    /** Ends a session (*keluar*). */
    async logout(token: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const revoked = await repo.revokeSession(tx, tokenHash(token), now());
        if (revoked)
          await recordAuditInTx(tx, {
            actorId: revoked.user_id,
            action: 'auth.logout',
            subjectType: 'user',
            subjectId: revoked.user_id,
          });
      });
    },

    /** Deletes sessions that ended more than a day ago (scheduled housekeeping). */
    purgeEndedSessions: () => repo.purgeEndedSessions(db, new Date(now().getTime() - 24 * 3600_000)),
  };
}
