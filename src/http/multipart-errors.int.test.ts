import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userWithSession } from '../../test/security/sessions.ts';
import { buildTestApp } from '../../test/support/app.ts';
import { openTestDatabase } from '../../test/support/db.ts';
import type { Database } from '../db/database.ts';
import type { RoleName } from '../domain/permissions.ts';

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

/** Malformed multipart bodies: [what, Content-Type, body]; `NAME` is the form field of the route. */
const MALFORMED = [
  [
    'a boundary that does not match the header',
    'multipart/form-data; boundary=AAAA',
    '--BBBB\r\nContent-Disposition: form-data; name="NAME"\r\n\r\n{}\r\n--BBBB--\r\n',
  ],
  [
    'a body cut off in a part',
    'multipart/form-data; boundary=AAAA',
    '--AAAA\r\nContent-Disposition: form-data; name="NAME"\r\n\r\n{"kind":',
  ],
  [
    'a broken part header',
    'multipart/form-data; boundary=AAAA',
    '--AAAA\r\nContent-Disposition form-data name\r\n\r\n{}\r\n--AAAA--\r\n',
  ],
] as const;

describe('malformed multipart bodies', () => {
  it.each(MALFORMED)('to the public report form: %s is a 400, not a server error', async (_, type, body) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/public/reports',
      headers: { 'content-type': type },
      payload: body.replaceAll('NAME', 'report'),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe('VALIDATION');
  });

  it.each(MALFORMED)(
    'to monitoring evidence files: %s is a 400, not a server error',
    async (_, type, body) => {
      const analyst = await userWithSession(database.db, 'analyst', '64.71');
      const res = await app.inject({
        method: 'POST',
        url: `/api/monitoring/evidence/${randomUUID()}/files`,
        headers: { 'content-type': type, cookie: await analyst.newCookie() },
        payload: body.replaceAll('NAME', 'files'),
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION', message: expect.any(String) });
    },
  );

  // The one-file upload routes (field `file`): a body cut off inside the file part.
  it.each([
    ['POST /api/cases/:id/evidence', 'head'],
    ['POST /api/prevention/activities/:id/attendance', 'analyst'],
    ['POST /api/prevention/activities/:id/files', 'analyst'],
    ['POST /api/prevention/pledges/:id/signed-list', 'analyst'],
    ['POST /api/registry/import/staff?dryRun=true', 'head'],
    ['POST /api/analytics/kerawanan/history?election=pilkada-2020', 'admin'],
  ] as [string, RoleName][])(
    'to %s: a body cut off in the file is a 400, not a server error',
    async (route, role) => {
      const [method, url] = route.split(' ') as ['POST', string];
      const user = await userWithSession(database.db, role, '00');
      const res = await app.inject({
        method,
        url: url.replace(':id', randomUUID()),
        headers: { 'content-type': 'multipart/form-data; boundary=AAAA', cookie: await user.newCookie() },
        payload:
          '--AAAA\r\nContent-Disposition: form-data; name="file"; filename="daftar.csv"\r\n\r\nNIP,Nama\r\n19',
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe('VALIDATION');
    },
  );
});
