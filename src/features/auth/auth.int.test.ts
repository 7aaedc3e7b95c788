import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn } from '../../../test/support/app.ts';
import { openTestDatabase } from '../../../test/support/db.ts';
import { makeUser } from '../../../test/support/factories.ts';
import type { Database } from '../../db/database.ts';
import { createAuthService, MAX_FAILED_LOGINS, SESSION_IDLE_MS } from './auth.service.ts';

let database: Database;
let app: FastifyInstance;
beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const login = (username: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('sign-in over HTTP', () => {
  it('signs in, answers /me with the office and jurisdiction, and signs out', async () => {
    const user = await makeUser(database.db, { role: 'head', regionCode: '63' });
    const res = await login(user.username.toUpperCase(), user.password);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      username: user.username,
      role: 'head',
      office: { name: 'Bawaslu Provinsi Kalimantan Selatan', regionCode: '63' },
    });
    const cookie = res.cookies.find((c) => c.name === 'netra_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });

    const header = `netra_session=${cookie.value}`;
    const me = await app.inject({ url: '/api/auth/me', headers: { cookie: header } });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(user.id);

    expect(
      (await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: header } })).statusCode,
    ).toBe(204);
    const after = await app.inject({ url: '/api/auth/me', headers: { cookie: header } });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const user = await makeUser(database.db);
    const wrong = await login(user.username, 'not-the-password');
    const unknown = await login('nobody.here', 'whatever');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('rejects a malformed body with field messages in Indonesian', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION');
    expect(body.details.map((d: { field: string }) => d.field).sort()).toEqual(['password', 'username']);
    expect(body.details.find((d: { field: string }) => d.field === 'username').message).toBe(
      'Nama pengguna wajib diisi',
    );
    expect(body.details.find((d: { field: string }) => d.field === 'password').message).toMatch(
      /[Ii]nput tidak valid|diharapkan/,
    );
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    const user = await makeUser(database.db);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++)
      expect((await login(user.username, 'wrong')).statusCode).toBe(401);
    const locked = await login(user.username, user.password);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('RATE_LIMITED');
    const failures = await database.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', user.id)
      .where('action', '=', 'auth.login_failed')
      .execute();
    expect(failures).toHaveLength(MAX_FAILED_LOGINS + 1);
  });

  it('refuses a disabled user', async () => {
    const user = await makeUser(database.db);
    await database.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    expect((await login(user.username, user.password)).statusCode).toBe(401);
  });

  it('ends a session after the idle time', async () => {
    const user = await makeUser(database.db);
    let now = new Date('2030-05-01T08:00:00Z');
    const auth = createAuthService({ db: database.db, now: () => now });
    const { token } = await auth.login({ username: user.username, password: user.password });
    now = new Date(now.getTime() + SESSION_IDLE_MS - 60_000);
    expect(await auth.authenticate(token)).toMatchObject({ id: user.id });
    now = new Date(now.getTime() + SESSION_IDLE_MS + 1);
    expect(await auth.authenticate(token)).toBeUndefined();
  });
});

describe('HTTP basics', () => {
  it('reports health with the database kind', async () => {
    const res = await app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: database.kind, version: expect.any(String) });
  });

  it('answers unknown API paths with the error body', async () => {
    const res = await app.inject({ url: '/api/does-not-exist' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', details: [] });
  });

  it('serves OpenAPI generated from the route schemas', async () => {
    const res = await app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const spec = res.json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(spec.paths['/api/health'].get.responses['200']).toBeDefined();
    expect(spec.paths['/api/auth/login'].post.requestBody).toBeDefined();
  });

  it('sets security headers', async () => {
    const res = await app.inject({ url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('signs in through the helper used by other tests', async () => {
    const user = await makeUser(database.db);
    expect(await signIn(app, user.username, user.password)).toMatch(/^netra_session=/);
  });
});
