import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { buildTestApp, signIn } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { makeUser } from '../support/factories.ts';

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

const HOST = 'netra.example.go.id';

describe('CSRF protection on state-changing requests', () => {
  it('refuses a cross-site Origin or Sec-Fetch-Site, on sign-in and on a signed-in action', async () => {
    const user = await makeUser(database.db);
    const cookie = await signIn(app, user.username, user.password);
    for (const headers of [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ]) {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { host: HOST, ...headers },
        payload: { username: user.username, password: user.password },
      });
      expect(login.statusCode).toBe(403);
      expect(login.json().code).toBe('FORBIDDEN');
      const logout = await app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { host: HOST, cookie, ...headers },
      });
      expect(logout.statusCode).toBe(403);
    }
    // The session survived every forged sign-out.
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
  });

  it('accepts same-origin browsers and non-browser clients; GET is never checked', async () => {
    const user = await makeUser(database.db);
    for (const headers of [
      { origin: `https://${HOST}` },
      { 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'none' },
      {},
    ]) {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { host: HOST, ...headers },
        payload: { username: user.username, password: user.password },
      });
      expect(login.statusCode).toBe(200);
    }
    const health = await app.inject({ url: '/api/health', headers: { origin: 'https://evil.example' } });
    expect(health.statusCode).toBe(200);
  });

  it('compares with the forwarded host behind a TLS proxy', async () => {
    const user = await makeUser(database.db);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: {
        host: '10.0.0.5:3000',
        'x-forwarded-host': HOST,
        'x-forwarded-proto': 'https',
        origin: `https://${HOST}`,
      },
      payload: { username: user.username, password: user.password },
    });
    expect(res.statusCode).toBe(200);
  });
});
