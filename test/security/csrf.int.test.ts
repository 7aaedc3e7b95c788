import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { wireServer } from '../../src/main/server.ts';
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

  it('compares with the forwarded host behind a trusted TLS proxy, and only then', async () => {
    const user = await makeUser(database.db);
    const viaProxy = {
      method: 'POST' as const,
      url: '/api/auth/login',
      remoteAddress: '127.0.0.1',
      headers: {
        host: '10.0.0.5:3000',
        'x-forwarded-host': HOST,
        'x-forwarded-proto': 'https',
        origin: `https://${HOST}`,
      },
      payload: { username: user.username, password: user.password },
    };
    // Default (NETRA_TRUST_PROXY=false): forwarded headers are not believed, the origin mismatches.
    expect((await app.inject(viaProxy)).statusCode).toBe(403);
    const { app: proxied } = await wireServer(database, { trustProxy: 'loopback' });
    await proxied.ready();
    try {
      const res = await proxied.inject(viaProxy);
      expect(res.statusCode).toBe(200);
      expect(res.headers['set-cookie']).toMatch(/;\s*Secure/i);
    } finally {
      await proxied.close();
    }
  });
});
