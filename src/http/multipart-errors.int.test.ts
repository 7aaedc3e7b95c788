import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.ts';
import { openTestDatabase } from '../../test/support/db.ts';
import type { Database } from '../db/database.ts';

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

describe('malformed multipart bodies', () => {
  it.each([
    [
      'a boundary that does not match the header',
      'multipart/form-data; boundary=AAAA',
      '--BBBB\r\nContent-Disposition: form-data; name="report"\r\n\r\n{}\r\n--BBBB--\r\n',
    ],
    [
      'a body cut off in a part',
      'multipart/form-data; boundary=AAAA',
      '--AAAA\r\nContent-Disposition: form-data; name="report"\r\n\r\n{"kind":',
    ],
    [
      'a broken part header',
      'multipart/form-data; boundary=AAAA',
      '--AAAA\r\nContent-Disposition form-data name\r\n\r\n{}\r\n--AAAA--\r\n',
    ],
  ])('%s is a 400, not a server error', async (_, contentType, payload) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/public/reports',
      headers: { 'content-type': contentType },
      payload,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe('VALIDATION');
  });
});
