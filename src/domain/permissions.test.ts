import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWithinJurisdiction, NATIONAL } from './jurisdiction.ts';
import {
  ACTIONS,
  type Action,
  abilitiesFor,
  can,
  hasPermission,
  type PermissionActor,
  permissionsOf,
  RESOURCE_ACTIONS,
  ROLES,
  scopeOf,
} from './permissions.ts';

const region = fc
  .array(fc.integer({ min: 1, max: 12 }), { minLength: 0, maxLength: 3 })
  .map((parts) => (parts.length === 0 ? NATIONAL : parts.map((p) => String(p).padStart(2, '0')).join('.')));
const role = fc.constantFrom(...ROLES);
const action = fc.constantFrom(...ACTIONS);
const agency = fc.option(fc.constantFrom('a1', 'a2', 'a3'), { nil: null });
const actor = fc.record({ role, regionCode: region, agencyId: agency });
const resource = fc.record({ regionCode: region, agencyId: agency, forwarded: fc.boolean() });

describe('the permission matrix', () => {
  it.each([
    ['admin', 'users.manage', true],
    ['admin', 'audit.read', true],
    ['admin', 'reports.identity.view', false],
    ['admin', 'cases.decide', false],
    ['head', 'cases.decide', true],
    ['head', 'reports.identity.view', true],
    ['head', 'users.manage', false],
    ['analyst', 'alerts.review', true],
    ['analyst', 'cases.decide', false],
    ['taskforce', 'prevention.read', true],
    ['taskforce', 'reports.read', false],
    ['taskforce', 'reports.identity.view', false],
    ['taskforce', 'registry.read', false],
    ['liaison', 'sanctions.record', true],
    ['liaison', 'reports.read', false],
    ['viewer', 'analytics.read', true],
    ['viewer', 'registry.write', false],
    ['viewer', 'reports.read', false],
  ] as const)('%s → %s: %s', (r, a, expected) => {
    expect(hasPermission(r, a)).toBe(expected);
    expect(permissionsOf(r).includes(a)).toBe(expected);
  });

  it('only roles that read reports may see a reporter identity, and only admins manage users', () => {
    for (const r of ROLES) {
      if (hasPermission(r, 'reports.identity.view')) expect(hasPermission(r, 'reports.read')).toBe(true);
      expect(hasPermission(r, 'users.manage')).toBe(r === 'admin');
      expect(hasPermission(r, 'audit.read')).toBe(r === 'admin');
    }
  });

  it('nobody acts on a record outside their jurisdiction', () => {
    fc.assert(
      fc.property(actor, action, resource, (a, act, res) => {
        if (!isWithinJurisdiction(res.regionCode, a.regionCode)) expect(can(a, act, res)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('inside the jurisdiction, the role decides (apart from agency and forwarding rules)', () => {
    fc.assert(
      fc.property(actor, action, resource, (a, act, res) => {
        if (!isWithinJurisdiction(res.regionCode, a.regionCode)) return;
        if (a.role === 'taskforce' || a.role === 'liaison') return;
        expect(can(a, act, res)).toBe(hasPermission(a.role, act));
      }),
      { numRuns: 2000 },
    );
  });

  it('a record-level permission implies the route-level one', () => {
    fc.assert(
      fc.property(actor, action, resource, (a, act, res) => {
        if (can(a, act, res)) expect(can(a, act)).toBe(true);
      }),
    );
  });

  it('a task-force head sees only their own agency, and nothing without one', () => {
    fc.assert(
      fc.property(region, agency, resource, (rc, ag, res) => {
        const tf: PermissionActor = { role: 'taskforce', regionCode: rc, agencyId: ag };
        const allowed = can(tf, 'prevention.read', res);
        expect(allowed).toBe(ag !== null && res.agencyId === ag && isWithinJurisdiction(res.regionCode, rc));
        expect(scopeOf(tf).agencyId).toBe(ag ?? '');
      }),
    );
  });

  it('a liaison sees only forwarded cases', () => {
    const liaison: PermissionActor = { role: 'liaison', regionCode: NATIONAL };
    expect(can(liaison, 'cases.read', { regionCode: '64.71', forwarded: true })).toBe(true);
    expect(can(liaison, 'cases.read', { regionCode: '64.71', forwarded: false })).toBe(false);
    expect(can(liaison, 'cases.read', { regionCode: '64.71' })).toBe(false);
  });

  it('abilities match can() for every action of the kind', () => {
    fc.assert(
      fc.property(
        actor,
        resource,
        fc.constantFrom(...(Object.keys(RESOURCE_ACTIONS) as (keyof typeof RESOURCE_ACTIONS)[])),
        (a, res, kind) => {
          const abilities = abilitiesFor(a, kind, res) as Record<string, boolean>;
          expect(Object.keys(abilities).sort()).toEqual([...RESOURCE_ACTIONS[kind]].sort());
          for (const [act, ok] of Object.entries(abilities)) expect(ok).toBe(can(a, act as Action, res));
        },
      ),
    );
  });

  it('non-task-force roles are scoped by region only', () => {
    fc.assert(
      fc.property(actor, (a) => {
        const scope = scopeOf(a);
        expect(scope.regionRoot).toBe(a.regionCode);
        if (a.role !== 'taskforce') expect(scope.agencyId).toBeNull();
      }),
    );
  });
});
