import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn } from '../../../test/support/app.ts';
import { openTestDatabase } from '../../../test/support/db.ts';
import { makeUser } from '../../../test/support/factories.ts';
import type { Database } from '../../db/database.ts';

let database: Database;
let app: FastifyInstance;
let officeBalikpapan: string;
beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
  officeBalikpapan = (
    await database.db
      .selectFrom('offices')
      .select('id')
      .where('region_code', '=', '64.71')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const auditOf = (subjectId: string) =>
  database.db
    .selectFrom('audit_events')
    .select(['action', 'actor_id'])
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();

describe('user administration over HTTP', () => {
  it('an administrator creates a user, who signs in with the one-time password; audited', async () => {
    const admin = await makeUser(database.db, { role: 'admin', regionCode: '64' });
    const cookie = await signIn(app, admin.username, admin.password);
    const res = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: {
        username: 'analis.baru',
        displayName: 'Analis Baru',
        role: 'analyst',
        officeId: officeBalikpapan,
      },
    });
    expect(res.statusCode).toBe(201);
    const { user, password } = res.json();
    expect(user).toMatchObject({
      username: 'analis.baru',
      role: 'analyst',
      abilities: { 'users.manage': true },
    });
    expect(password.length).toBeGreaterThanOrEqual(20);
    await signIn(app, 'analis.baru', password);
    expect(await auditOf(user.id)).toEqual([
      { action: 'user.create', actor_id: admin.id },
      { action: 'auth.login', actor_id: user.id },
    ]);
    const dup = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: { username: 'ANALIS.BARU', displayName: 'X', role: 'analyst', officeId: officeBalikpapan },
    });
    expect(dup.statusCode).toBe(409);
  });

  it('refuses an office outside the jurisdiction and a task-force head without an agency; writes nothing', async () => {
    const admin = await makeUser(database.db, { role: 'admin', regionCode: '63' });
    const cookie = await signIn(app, admin.username, admin.password);
    const before = await database.db
      .selectFrom('users')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    for (const payload of [
      { username: 'luar.wilayah', displayName: 'X', role: 'analyst', officeId: officeBalikpapan },
      { username: 'satgas.tanpa', displayName: 'X', role: 'taskforce', officeId: officeBalikpapan },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/api/users', headers: { cookie }, payload });
      expect(res.statusCode).toBe(400);
    }
    const after = await database.db
      .selectFrom('users')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('disabling a user ends their sessions at once', async () => {
    const admin = await makeUser(database.db, { role: 'admin', regionCode: '64' });
    const target = await makeUser(database.db, { role: 'analyst', regionCode: '64.71' });
    const adminCookie = await signIn(app, admin.username, admin.password);
    const targetCookie = await signIn(app, target.username, target.password);
    const res = await app.inject({
      method: 'POST',
      url: `/api/users/${target.id}/disable`,
      headers: { cookie: adminCookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().disabled).toBe(true);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: targetCookie } })).statusCode).toBe(
      401,
    );
    const self = await app.inject({
      method: 'POST',
      url: `/api/users/${admin.id}/disable`,
      headers: { cookie: adminCookie },
    });
    expect(self.statusCode).toBe(409);
  });

  it('a user changes their own password under the NIST rules; other sessions end', async () => {
    const user = await makeUser(database.db, { role: 'analyst', password: 'kata-sandi-lama-panjang' });
    const a = await signIn(app, user.username, user.password);
    const b = await signIn(app, user.username, user.password);
    const change = (newPassword: string, currentPassword = user.password) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: { cookie: a },
        payload: { currentPassword, newPassword },
      });
    expect((await change('pendek')).statusCode).toBe(400);
    expect((await change('password123456')).json().details[0].message).toContain('umum');
    expect((await change('benar-benar-baru-sekali', 'salah')).statusCode).toBe(400);
    expect((await change('kopi tubruk di teras ☕ pagi')).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: a } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: b } })).statusCode).toBe(401);
    await signIn(app, user.username, 'kopi tubruk di teras ☕ pagi');
  });

  it('non-administrators get 403 on user administration', async () => {
    const head = await makeUser(database.db, { role: 'head', regionCode: '00' });
    const cookie = await signIn(app, head.username, head.password);
    const res = await app.inject({ url: '/api/users', headers: { cookie } });
    expect(res.statusCode).toBe(403);
  });
});
