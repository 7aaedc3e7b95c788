import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/db.ts';
import { makeUser } from '../../../test/support/factories.ts';
import type { Database } from '../../db/database.ts';
import { wireServer } from '../../main/server.ts';
import { totpCodeAt } from '../../platform/crypto/totp.ts';
import { createAuthService, MAX_FAILED_LOGINS } from './auth.service.ts';

let database: Database;
let app: FastifyInstance;
const masterKey = randomBytes(32);
beforeAll(async () => {
  database = await openTestDatabase();
  ({ app } = await wireServer(database, { masterKey, requireTotp: true }));
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const cookieOf = (res: { cookies: { name: string; value: string }[] }) =>
  `netra_session=${res.cookies.find((c) => c.name === 'netra_session')!.value}`;
const post = (url: string, cookie: string, payload?: object) =>
  app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });

describe('TOTP second factor over HTTP (required)', () => {
  it('enrols with a QR code, then signs in with a recovery code; codes and the pending session are single-use', async () => {
    const user = await makeUser(database.db, { role: 'analyst' });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: user });
    expect(login.statusCode).toBe(202);
    expect(login.json()).toEqual({ next: 'enrol' });
    const pending = cookieOf(login);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: pending } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/users', headers: { cookie: pending } })).statusCode).toBe(401);
    expect((await post('/api/auth/totp', pending, { code: '123456' })).statusCode).toBe(401);

    const start = await post('/api/auth/totp/enrolment', pending);
    expect(start.statusCode).toBe(200);
    const { secret, uri, qrCode } = start.json();
    expect(uri).toContain(`Netra:${user.username}`);
    expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    const stored = await database.db
      .selectFrom('users')
      .select('totp_pending_secret')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.totp_pending_secret).not.toContain(secret);

    expect((await post('/api/auth/totp/enrolment/confirm', pending, { code: '000000' })).statusCode).toBe(
      400,
    );
    const confirm = await post('/api/auth/totp/enrolment/confirm', pending, {
      code: totpCodeAt(secret, new Date()),
    });
    expect(confirm.statusCode).toBe(200);
    const { recoveryCodes, me } = confirm.json();
    expect(me.twoFactor).toBe(true);
    expect(recoveryCodes).toHaveLength(10);
    const full = cookieOf(confirm);
    expect(full).not.toBe(pending);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: full } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: pending } })).statusCode).toBe(401);

    const again = await app.inject({ method: 'POST', url: '/api/auth/login', payload: user });
    expect(again.json()).toEqual({ next: 'totp' });
    const step2 = cookieOf(again);
    const ok = await post('/api/auth/totp', step2, { code: recoveryCodes[0] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().username).toBe(user.username);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: cookieOf(ok) } })).statusCode).toBe(
      200,
    );
    // The half-done session is gone, and the recovery code is spent.
    expect((await post('/api/auth/totp', step2, { code: recoveryCodes[1] })).statusCode).toBe(401);
    const third = cookieOf(await app.inject({ method: 'POST', url: '/api/auth/login', payload: user }));
    expect((await post('/api/auth/totp', third, { code: recoveryCodes[0] })).statusCode).toBe(401);

    const actions = await database.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', user.id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'auth.password_ok',
      'auth.totp_enrol_start',
      'auth.totp_failed',
      'auth.totp_enrol',
      'auth.login',
      'auth.password_ok',
      'auth.login',
      'auth.password_ok',
      'auth.totp_failed',
    ]);
  });
});

describe('TOTP codes with a controlled clock', () => {
  it('accepts a code once (no replay), allows one step of drift, locks after repeated failures', async () => {
    const user = await makeUser(database.db);
    let t = new Date('2031-03-01T08:00:00Z');
    const auth = createAuthService({ db: database.db, masterKey, requireTotp: true, now: () => t });
    const pending = (await auth.login(user)).token;
    const { secret } = await auth.startEnrolment(pending);
    await auth.confirmEnrolment(pending, totpCodeAt(secret, t));

    const sameStep = (await auth.login(user)).token;
    await expect(auth.completeTotp(sameStep, totpCodeAt(secret, t))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    t = new Date(t.getTime() + 60_000);
    const drift = (await auth.login(user)).token;
    expect((await auth.completeTotp(drift, totpCodeAt(secret, new Date(t.getTime() - 30_000)))).me.id).toBe(
      user.id,
    );

    t = new Date(t.getTime() + 60_000);
    const guess = (await auth.login(user)).token;
    for (let i = 0; i < MAX_FAILED_LOGINS; i++)
      await expect(auth.completeTotp(guess, '000000')).rejects.toMatchObject({ code: expect.any(String) });
    await expect(auth.completeTotp(guess, totpCodeAt(secret, t))).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
  });

  it('without the requirement, users who have not enrolled sign in with the password alone', async () => {
    const user = await makeUser(database.db);
    const auth = createAuthService({ db: database.db, masterKey });
    expect((await auth.login(user)).next).toBeNull();
  });

  it('an administrator removes a lost second factor; the user enrols again', async () => {
    const user = await makeUser(database.db, { regionCode: '64.71' });
    const auth = createAuthService({ db: database.db, masterKey, requireTotp: true });
    const pending = (await auth.login(user)).token;
    const { secret } = await auth.startEnrolment(pending);
    await auth.confirmEnrolment(pending, totpCodeAt(secret, new Date()));
    expect((await auth.login(user)).next).toBe('totp');

    const admin = await makeUser(database.db, { role: 'admin', regionCode: '64' });
    const adminAuth = await auth.login(admin);
    const { secret: adminSecret } = await auth.startEnrolment(adminAuth.token);
    const enrolled = await auth.confirmEnrolment(adminAuth.token, totpCodeAt(adminSecret, new Date()));
    const res = await post(`/api/users/${user.id}/totp/reset`, `netra_session=${enrolled.token}`);
    expect(res.statusCode).toBe(204);
    expect((await auth.login(user)).next).toBe('enrol');
  });
});
