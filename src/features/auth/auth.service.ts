import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Me, TotpEnrolment } from '../../contracts/auth.ts';
import type { Tables } from '../../db/tables.ts';
import { DomainError } from '../../domain/errors.ts';
import { permissionsOf } from '../../domain/permissions.ts';
import { hashPassword, verifyPassword } from '../../platform/crypto/passwords.ts';
import { createSecretBox, type SecretBox } from '../../platform/crypto/secret-box.ts';
import { newToken, tokenHash } from '../../platform/crypto/tokens.ts';
import {
  newRecoveryCodes,
  newTotpSecret,
  qrSvgDataUrl,
  recoveryCodeHash,
  totpUri,
  verifyTotp,
} from '../../platform/crypto/totp.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';
import * as repo from './auth.repository.ts';

/** Session lifetime: absolute 12 hours, idle 30 minutes (a shared office computer left open). */
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
export const SESSION_IDLE_MS = 30 * 60_000;
/** A half-done sign-in (password checked, second factor pending) lasts at most 10 minutes. */
export const PENDING_SESSION_MS = 10 * 60_000;
/** After this many consecutive failures (password or code) the account is locked for LOCK_MS. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60_000;

const BAD_CREDENTIALS = 'Nama pengguna atau kata sandi salah / wrong username or password';
const BAD_CODE = 'Kode salah atau kedaluwarsa / wrong or expired code';
const NO_PENDING = 'Silakan masuk terlebih dahulu / please sign in';

export type Actor = Me;

export const toMe = (u: repo.UserRow): Me => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  role: u.role,
  office: { id: u.office_id, name: u.office_name, regionCode: u.office_region_code },
  agencyId: u.agency_id,
  permissions: permissionsOf(u.role),
  twoFactor: u.totp_enabled_at !== null,
});

/**
 * The outcome of the password step: a full session (`next: null`), or a half-done one with the
 * second step to take. `me` is for the caller only; routes send it just for a full session.
 */
export type LoginOutcome = { token: string; me: Me; next: null | 'totp' | 'enrol' };

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService({
  db,
  now = () => new Date(),
  masterKey = randomBytes(32),
  requireTotp = false,
}: {
  db: Kysely<Tables>;
  now?: () => Date;
  /** Seals TOTP secrets; tests that do not care get a random one. */
  masterKey?: Buffer;
  /** Every user must enrol a second factor before a full session (see docs/decisions/0003-*). */
  requireTotp?: boolean;
}) {
  // Verified against when the user does not exist, so both answers take the same time.
  const dummyHash = hashPassword('netra-timing-equaliser');
  const totpBox: SecretBox = createSecretBox(masterKey, 'totp');

  async function startSession(
    userId: string,
    t: Date,
    stage: 'full' | 'totp' | 'enrol',
    tx: Parameters<typeof repo.insertSession>[0],
  ) {
    const token = newToken();
    await repo.insertSession(tx, {
      idHash: tokenHash(token),
      userId,
      now: t,
      expiresAt: new Date(t.getTime() + (stage === 'full' ? SESSION_ABSOLUTE_MS : PENDING_SESSION_MS)),
      stage,
    });
    return token;
  }

  /** Counts a failed password or code; locks the account at the limit. Audited. */
  async function recordFailure(
    user: repo.UserRow,
    action: string,
    details: Record<string, unknown>,
    t: Date,
  ) {
    await db.transaction().execute(async (tx) => {
      const failures = user.failed_logins + 1;
      const lock = failures >= MAX_FAILED_LOGINS ? new Date(t.getTime() + LOCK_MS) : null;
      await repo.recordFailedLogin(tx, user.id, lock);
      await recordAuditInTx(tx, {
        actorId: user.id,
        action,
        subjectType: 'user',
        subjectId: user.id,
        details,
      });
    });
  }

  /** The half-done sign-in (or, with `allowFull`, a full session) behind a cookie token. */
  async function sessionFor(token: string | undefined, stages: ('full' | 'totp' | 'enrol')[]) {
    const t = now();
    const row = token ? await repo.findSessionAnyStage(db, tokenHash(token), t) : undefined;
    if (!row || !stages.includes(row.stage)) throw new DomainError('UNAUTHENTICATED', NO_PENDING);
    if (row.locked_until && new Date(row.locked_until) > t)
      throw new DomainError('RATE_LIMITED', 'Akun dikunci sementara / account temporarily locked');
    return { row, t };
  }

  return {
    /**
     * The password step of signing in (*masuk*). Users with a second factor (or, when it is
     * required, without one yet) get a half-done session and `next: 'totp' | 'enrol'`.
     */
    async login(input: { username: string; password: string }): Promise<LoginOutcome> {
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
        if (!locked && !user.disabled_at)
          await recordFailure(user, 'auth.login_failed', { locked: false, disabled: false }, t);
        else
          await db.transaction().execute((tx) =>
            recordAuditInTx(tx, {
              actorId: user.id,
              action: 'auth.login_failed',
              subjectType: 'user',
              subjectId: user.id,
              details: { locked: Boolean(locked), disabled: Boolean(user.disabled_at) },
            }),
          );
        throw new DomainError(
          locked ? 'RATE_LIMITED' : 'UNAUTHENTICATED',
          locked
            ? 'Akun dikunci sementara karena terlalu banyak percobaan / account temporarily locked'
            : BAD_CREDENTIALS,
        );
      }
      const stage = user.totp_enabled_at ? 'totp' : requireTotp ? 'enrol' : 'full';
      const token = await db.transaction().execute(async (tx) => {
        if (stage === 'full') await repo.resetFailedLogins(tx, user.id);
        const token = await startSession(user.id, t, stage, tx);
        await recordAuditInTx(tx, {
          actorId: user.id,
          action: stage === 'full' ? 'auth.login' : 'auth.password_ok',
          subjectType: 'user',
          subjectId: user.id,
          details: stage === 'full' ? {} : { next: stage },
        });
        return token;
      });
      return { token, me: toMe(user), next: stage === 'full' ? null : stage };
    },

    /**
     * The second step: a 6-digit TOTP code (each time step accepted once) or an unused recovery
     * code. Ends the half-done session and starts a full one (a new token).
     */
    async completeTotp(pendingToken: string | undefined, code: string): Promise<{ token: string; me: Me }> {
      const { row, t } = await sessionFor(pendingToken, ['totp']);
      const secret = totpBox.open(row.totp_secret!, row.id).toString();
      const trimmed = code.trim();
      const token = await db.transaction().execute(async (tx) => {
        let factor: 'totp' | 'recovery' | null = null;
        const step = verifyTotp(secret, trimmed, t);
        if (step !== null && (await repo.claimTotpStep(tx, row.id, step))) factor = 'totp';
        else if (
          step === null &&
          /[a-z]/i.test(trimmed) &&
          (await repo.spendRecoveryCode(tx, row.id, recoveryCodeHash(trimmed), t))
        )
          factor = 'recovery';
        if (!factor) return null;
        await repo.revokeSession(tx, row.id_hash, t);
        await repo.resetFailedLogins(tx, row.id);
        const token = await startSession(row.id, t, 'full', tx);
        await recordAuditInTx(tx, {
          actorId: row.id,
          action: 'auth.login',
          subjectType: 'user',
          subjectId: row.id,
          details: { factor },
        });
        return token;
      });
      if (!token) {
        await recordFailure(row, 'auth.totp_failed', {}, t);
        throw new DomainError('UNAUTHENTICATED', BAD_CODE, [{ field: 'code', message: 'salah / wrong' }]);
      }
      return { token, me: toMe(row) };
    },

    /** Starts enrolling a second factor: a new secret, its otpauth URI and QR code (shown once). */
    async startEnrolment(token: string | undefined): Promise<TotpEnrolment> {
      const { row } = await sessionFor(token, ['enrol', 'full']);
      const secret = newTotpSecret();
      await db.transaction().execute(async (tx) => {
        await repo.setPendingTotpSecret(tx, row.id, totpBox.seal(secret, row.id));
        await recordAuditInTx(tx, {
          actorId: row.id,
          action: 'auth.totp_enrol_start',
          subjectType: 'user',
          subjectId: row.id,
        });
      });
      const uri = totpUri(secret, row.username);
      return { secret, uri, qrCode: qrSvgDataUrl(uri) };
    },

    /**
     * Confirms enrolment with a code from the app: the second factor is on, ten recovery codes are
     * issued (shown once). A half-done sign-in becomes a full session (new token).
     */
    async confirmEnrolment(
      token: string | undefined,
      code: string,
    ): Promise<{ token: string | null; me: Me; recoveryCodes: string[] }> {
      const { row, t } = await sessionFor(token, ['enrol', 'full']);
      if (!row.totp_pending_secret)
        throw new DomainError('INVALID_STATE', 'Mulai pendaftaran terlebih dahulu / start enrolment first');
      const step = verifyTotp(totpBox.open(row.totp_pending_secret, row.id).toString(), code.trim(), t);
      if (step === null) {
        await recordFailure(row, 'auth.totp_failed', { enrolment: true }, t);
        throw new DomainError('VALIDATION', BAD_CODE, [{ field: 'code', message: 'salah / wrong' }]);
      }
      const recoveryCodes = newRecoveryCodes();
      const newToken_ = await db.transaction().execute(async (tx) => {
        await repo.enableTotp(tx, row.id, t, step, recoveryCodes.map(recoveryCodeHash));
        await repo.resetFailedLogins(tx, row.id);
        let fresh: string | null = null;
        if (row.stage === 'enrol') {
          await repo.revokeSession(tx, row.id_hash, t);
          fresh = await startSession(row.id, t, 'full', tx);
        }
        await recordAuditInTx(tx, {
          actorId: row.id,
          action: 'auth.totp_enrol',
          subjectType: 'user',
          subjectId: row.id,
        });
        if (fresh)
          await recordAuditInTx(tx, {
            actorId: row.id,
            action: 'auth.login',
            subjectType: 'user',
            subjectId: row.id,
            details: { factor: 'totp' },
          });
        return fresh;
      });
      return { token: newToken_, me: { ...toMe(row), twoFactor: true }, recoveryCodes };
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

    /** Ends a session (*keluar*), full or half-done. */
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
