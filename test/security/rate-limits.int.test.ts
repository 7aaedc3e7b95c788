import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { LOGIN_LIMIT } from '../../src/http/rate-limits.ts';
import { wireServer } from '../../src/main/server.ts';
import { buildTestApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';

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

describe('rate limits', () => {
  it('limits sign-in per IP with a 429 error body, per IP, and leaves health alone', async () => {
    const login = (ip: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: ip,
        payload: { username: 'nobody.at.all', password: 'x' },
      });
    for (let i = 0; i < LOGIN_LIMIT.max; i++) expect((await login('203.0.113.7')).statusCode).toBe(401);
    const limited = await login('203.0.113.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await login('203.0.113.8')).statusCode).toBe(401);
    for (let i = 0; i < 150; i++)
      expect((await app.inject({ url: '/api/health', remoteAddress: '203.0.113.7' })).statusCode).toBe(200);
  });

  it('refuses a body over 1 MiB with 413 and the error body', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'a', password: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('VALIDATION');
  });

  it('behind a trusted proxy (one hop) the client address from X-Forwarded-For is the key', async () => {
    const { app: proxied } = await wireServer(database, { trustProxy: 1 });
    await proxied.ready();
    try {
      const login = (client: string) =>
        proxied.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '10.0.0.2',
          headers: { 'x-forwarded-for': client },
          payload: { username: 'nobody.at.all', password: 'x' },
        });
      for (let i = 0; i < LOGIN_LIMIT.max; i++) await login('198.51.100.20');
      expect((await login('198.51.100.20')).statusCode).toBe(429);
      // Another client behind the same proxy is not throttled with the first one.
      expect((await login('198.51.100.21')).statusCode).toBe(401);
    } finally {
      await proxied.close();
    }
  });

  it('by default (NETRA_TRUST_PROXY=false) a client cannot pick its rate-limit key with X-Forwarded-For', async () => {
    const { app: strict } = await wireServer(database);
    await strict.ready();
    try {
      let last = 0;
      for (let i = 0; i <= LOGIN_LIMIT.max; i++) {
        const res = await strict.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '198.51.100.9',
          headers: { 'x-forwarded-for': `10.9.${i >> 8}.${i & 255}` },
          payload: { username: 'nobody.at.all', password: 'x' },
        });
        last = res.statusCode;
      }
      expect(last).toBe(429);
    } finally {
      await strict.close();
    }
  });
});
