import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.ts';
import { openTestDatabase } from '../../test/support/db.ts';
import type { Database } from '../db/database.ts';
import { findNulStrings } from './reject-nul.ts';

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

describe('NUL characters in input', () => {
  it('are found at any depth with their path', () => {
    expect(findNulStrings({ a: 'ok', b: ['x', 'y\u0000'], c: { d: '\u0000' } })).toEqual(['b.1', 'c.d']);
    expect(findNulStrings({ a: 'fine', n: 1, z: null })).toEqual([]);
  });

  it('are refused as a validation error naming the field, not a server error', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: '\u0000', password: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION', details: [{ field: 'username' }] });
  });
});
