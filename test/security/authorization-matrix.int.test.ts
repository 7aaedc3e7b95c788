/**
 * The authorisation matrix, generated from the route table: every API route × every role × an
 * office inside or outside the region of the target, plus anonymous. The route-level answer must
 * follow the route's declared permission (src/domain/permissions.ts): public and authenticated
 * routes never answer 401/403 to a signed-in user, action routes answer 403 exactly when the role
 * lacks the action, and nothing answers 5xx. Record-level checks (404 outside the jurisdiction) are
 * covered per feature, e.g. the users tests below.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { hasPermission, ROLES } from '../../src/domain/permissions.ts';
import type { RouteEntry } from '../../src/http/auth.ts';
import { buildTestApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { makeUser } from '../support/factories.ts';
import { userWithSession } from './sessions.ts';

let database: Database;
let app: FastifyInstance;
let routes: RouteEntry[];
let regions: string[];
beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
  routes = app.routeTable;
  regions = (
    await database.db.selectFrom('offices').select('region_code').where('name', 'like', 'Bawaslu %').execute()
  ).map((r) => r.region_code);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** A concrete URL for a route pattern: every `:param` becomes a random UUID. */
const concrete = (url: string) => url.replace(/:[A-Za-z_]+/g, () => randomUUID());

const request = (route: RouteEntry, cookie?: string) =>
  app.inject({
    method: route.method as 'GET',
    url: concrete(route.url),
    headers: cookie ? { cookie } : {},
    ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
  });

describe('authorisation matrix (route table × role × jurisdiction)', () => {
  it('has a route table with a declared permission for every API route', () => {
    expect(routes.length).toBeGreaterThan(5);
    for (const r of routes) expect(r.permission, `${r.method} ${r.url}`).toBeDefined();
    expect(routes.find((r) => r.url === '/api/health')?.permission).toBe('public');
    expect(routes.find((r) => r.url === '/api/users')?.permission).toBe('users.manage');
  });

  it('anonymous requests: 401 everywhere except public routes and sign-in steps', async () => {
    for (const route of routes) {
      const res = await request(route);
      const what = `${route.method} ${route.url} → ${res.statusCode} ${res.body.slice(0, 200)}`;
      expect(res.statusCode, what).toBeLessThan(500);
      if (route.permission === 'public') expect(res.statusCode, what).not.toBe(401);
      // Sign-in steps need the half-done session of the first step.
      else if (route.permission === 'sign-in') expect([400, 401, 429], what).toContain(res.statusCode);
      else expect(res.statusCode, what).toBe(401);
    }
  });

  it('every role, anywhere: allowed exactly as declared, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROLES), fc.constantFrom(...regions), async (role, region) => {
        const user = await userWithSession(database.db, role, region);
        for (const route of routes) {
          const res = await request(route, await user.newCookie());
          const what = `${role}@${region}: ${route.method} ${route.url} → ${res.statusCode} ${res.body.slice(0, 200)}`;
          expect(res.statusCode, what).toBeLessThan(500);
          if (route.permission === 'sign-in') {
            // A full session is not a half-done one: the step refuses it, or (enrolment) accepts it.
            expect([200, 400, 401, 409, 429], what).toContain(res.statusCode);
            continue;
          }
          expect(res.statusCode, what).not.toBe(401);
          const allowed =
            route.permission === 'public' ||
            route.permission === 'authenticated' ||
            hasPermission(role, route.permission);
          if (allowed) expect(res.statusCode, what).not.toBe(403);
          else {
            expect(res.statusCode, what).toBe(403);
            expect(res.json().code, what).toBe('FORBIDDEN');
          }
        }
      }),
      { numRuns: 30 },
    );
    // Every feature adds routes (30 users × the whole route table): allow for a loaded CI machine.
  }, 240_000);

  it('user records: inside the jurisdiction allowed, outside the same 404 as a missing id', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...regions),
        fc.constantFrom(...regions),
        fc.boolean(),
        fc.nat(),
        async (adminRegion, anyRegion, pickInside, n) => {
          // Half the runs pick a target inside the admin's subtree, the other half anywhere.
          const within = regions.filter(
            (r) => adminRegion === '00' || r === adminRegion || r.startsWith(`${adminRegion}.`),
          );
          const targetRegion = pickInside ? within[n % within.length]! : anyRegion;
          const admin = await userWithSession(database.db, 'admin', adminRegion);
          const target = await makeUser(database.db, {
            role: 'viewer',
            regionCode: targetRegion,
            password: 'matrix-target-password',
          });
          const inside =
            adminRegion === '00' ||
            targetRegion === adminRegion ||
            targetRegion.startsWith(`${adminRegion}.`);
          for (const path of ['sessions/revoke', 'enable']) {
            const res = await app.inject({
              method: 'POST',
              url: `/api/users/${target.id}/${path}`,
              headers: { cookie: await admin.newCookie() },
            });
            const missing = await app.inject({
              method: 'POST',
              url: `/api/users/${randomUUID()}/${path}`,
              headers: { cookie: await admin.newCookie() },
            });
            expect(missing.statusCode).toBe(404);
            if (inside) expect(res.statusCode).toBe(200);
            else
              expect({ status: res.statusCode, body: res.json() }).toEqual({
                status: 404,
                body: missing.json(),
              });
          }
          const list = await app.inject({ url: '/api/users', headers: { cookie: await admin.newCookie() } });
          const ids = list.json().users.map((u: { id: string }) => u.id);
          expect(ids.includes(target.id)).toBe(inside);
        },
      ),
      { numRuns: 20 },
    );
  });
});
