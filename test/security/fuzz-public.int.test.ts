/**
 * Fuzzing of every public endpoint, taken from the route table (so endpoints added later are covered
 * without touching this file): random JSON values, malformed JSON, huge fields, odd Unicode, random
 * path parameters and query strings. Never a 5xx, the process keeps answering, and a rejected
 * request (4xx) writes nothing to any table.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { RouteEntry } from '../../src/http/auth.ts';
import { buildTestApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';

let database: Database;
let app: FastifyInstance;
let publicRoutes: RouteEntry[];
let countAll: () => Promise<string>;
beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
  publicRoutes = app.routeTable.filter((r) => r.permission === 'public' || r.permission === 'sign-in');
  const tables = (
    await sql<{
      tablename: string;
    }>`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`.execute(database.db)
  ).rows.map((r) => r.tablename);
  const query = tables.map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM "${t}"`).join(' UNION ALL ');
  countAll = async () => JSON.stringify((await sql.raw(query).execute(database.db)).rows);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const oddString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    '\uFEFF',
    '\u202E',
    '\uD800',
    'ꦲꦏ꧀ꦱꦫ',
    '👩‍👩‍👧‍👦',
    "'; DROP TABLE users; --",
    '../../etc/passwd',
    '%00',
    '{{7*7}}',
    '<script>alert(1)</script>',
    '__proto__',
  ),
  fc.integer({ min: 1000, max: 200_000 }).map((n) => 'x'.repeat(n)),
);
const jsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(
    fc.constantFrom(
      'username',
      'password',
      'kind',
      'reporter',
      'description',
      'nip',
      'name',
      'agree',
      'website',
      '__proto__',
      'constructor',
    ),
    fc.oneof(oddString, fc.jsonValue({ maxDepth: 2 })),
  ),
  fc.record({ username: oddString, password: oddString }),
);
const malformed = fc.constantFrom(
  '{',
  '{"a":',
  '[1,2',
  'null',
  '"x"',
  '{"__proto__":{"x":1}}',
  '\u0000',
  '{}{}',
  '1e999999',
);

/** A lone surrogate cannot be percent-encoded (URIError): it becomes U+FFFD, as a client would send. */
const encodeParam = (s: string) => encodeURIComponent(s.toWellFormed());

function concrete(url: string, params: string[]) {
  let i = 0;
  return url.replace(/:[A-Za-z_]+/g, () => encodeParam(params[i++ % params.length] ?? 'x'));
}

describe('fuzzing public endpoints', () => {
  it('covers the public routes of the route table', () => {
    const urls = publicRoutes.map((r) => `${r.method} ${r.url}`);
    expect(urls).toEqual(
      expect.arrayContaining([
        'GET /api/health',
        'POST /api/auth/login',
        'POST /api/auth/logout',
        'POST /api/public/reports',
        'GET /api/public/reports/:receipt',
        'POST /api/public/reports/:receipt/messages',
        'POST /api/public/reports/:receipt/evidence',
        'POST /api/public/reports/:receipt/identity',
        'POST /api/public/reports/receipt.pdf',
        // Prevention: the public neutrality-pledge page.
        'GET /api/public/pledges/:id',
        'POST /api/public/pledges/:id/sign',
      ]),
    );
  });

  it('never answers 5xx and writes nothing on rejection', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.oneof(
          jsonValue.map((v) => ({ type: 'application/json', body: JSON.stringify(v) })),
          malformed.map((body) => ({ type: 'application/json', body })),
          oddString.map((body) => ({ type: 'text/plain', body })),
          oddString.map((body) => ({ type: 'application/x-www-form-urlencoded', body })),
        ),
        fc.array(
          oddString.filter((s) => s.length > 0 && s.length < 300),
          { minLength: 1, maxLength: 3 },
        ),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 30 }), {
          maxKeys: 3,
        }),
        async (n, payload, params, query) => {
          const route = publicRoutes[n % publicRoutes.length]!;
          const before = await countAll();
          const res = await app.inject({
            method: route.method as 'POST',
            url: concrete(route.url, params),
            query,
            ...(route.method === 'GET' || route.method === 'HEAD'
              ? {}
              : { headers: { 'content-type': payload.type }, payload: payload.body }),
          });
          const what = `${route.method} ${route.url} → ${res.statusCode} ${res.body.slice(0, 200)}`;
          expect(res.statusCode, what).toBeLessThan(500);
          if (res.statusCode >= 400) {
            expect(res.json(), what).toMatchObject({ code: expect.any(String), message: expect.any(String) });
            expect(await countAll(), what).toBe(before);
          }
        },
      ),
      { numRuns: 300 },
    );
    expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
  });
});
