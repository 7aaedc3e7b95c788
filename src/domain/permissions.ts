/**
 * Who may do what, where: a pure permission matrix over roles × actions × jurisdiction.
 *
 * Two questions, asked at two places:
 * - `hasPermission(role, action)`: may this role ever do this? Checked per route from the route's
 *   declaration (`config: { permission }`); a refusal is 403 FORBIDDEN.
 * - `can(actor, action, resource)`: may this actor do this to this record? Checked by services on
 *   records they loaded with the actor's scope (`scopeOf`) in SQL; a refusal on a record outside the
 *   actor's reach is 404 NOT_FOUND, the same answer as for a record that does not exist.
 *
 * `abilitiesFor` computes what the actor may do with a record, sent with the record so the UI hides
 * what the server would refuse. See docs/security.md for the matrix as a table.
 */
import { isWithinJurisdiction } from './jurisdiction.ts';

export const ROLES = ['admin', 'head', 'analyst', 'taskforce', 'liaison', 'viewer'] as const;
export type RoleName = (typeof ROLES)[number];

/** Every action, named `<area>.<verb>`. Features use these names in routes and services. */
export const ACTIONS = [
  /** Read agencies, staff and watched accounts. */
  'registry.read',
  /** Create, edit and import agencies, staff and accounts. */
  'registry.write',
  /** Read monitored posts and alerts. */
  'monitoring.read',
  /** Confirm or dismiss alerts in the review queue. */
  'alerts.review',
  /** Manage election packs (keywords, candidates). */
  'packs.manage',
  /** Read public reports and tips without the reporter's identity. */
  'reports.read',
  /** See a reporter's identity (name, NIK, contact); every view is audited. */
  'reports.identity.view',
  /** Triage reports: accept, ask for completion, reject, turn into a case. */
  'reports.triage',
  /** Read cases. */
  'cases.read',
  /** Record findings, clarifications and documents on a case. */
  'cases.write',
  /** Decide a case (recommendation). */
  'cases.decide',
  /** Forward a case to BKN / an inspectorate. */
  'cases.forward',
  /** Record a sanction and its follow-up on a forwarded case. */
  'sanctions.record',
  /** Read prevention data: events, letters, pledges, task forces. */
  'prevention.read',
  /** Write prevention data. */
  'prevention.write',
  /** Dashboards, maps, kerawanan, statistics exports. */
  'analytics.read',
  /** Edit the kerawanan weights and import the previous election's cases. */
  'analytics.manage',
  /** Browse and export the audit trail. */
  'audit.read',
  /** Create, disable and reset users; revoke sessions. */
  'users.manage',
  /** Maintain reference data: the holiday calendar and the violation-form catalogue. */
  'reference.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * The matrix. Separation of duties: administrators run the system (users, audit, registry, packs)
 * but do not see reporters' identities or decide cases; task-force heads see prevention data of
 * their own agency only; liaisons see only cases forwarded to them.
 */
const MATRIX: Record<RoleName, readonly Action[]> = {
  admin: [
    'registry.read',
    'registry.write',
    'monitoring.read',
    'packs.manage',
    'analytics.read',
    'analytics.manage',
    'audit.read',
    'users.manage',
    'reference.manage',
  ],
  head: [
    'registry.read',
    'registry.write',
    'monitoring.read',
    'alerts.review',
    'packs.manage',
    'reports.read',
    'reports.identity.view',
    'reports.triage',
    'cases.read',
    'cases.write',
    'cases.decide',
    'cases.forward',
    'prevention.read',
    'prevention.write',
    'analytics.read',
  ],
  analyst: [
    'registry.read',
    'registry.write',
    'monitoring.read',
    'alerts.review',
    'reports.read',
    'reports.identity.view',
    'reports.triage',
    'cases.read',
    'cases.write',
    'prevention.read',
    'prevention.write',
    'analytics.read',
  ],
  taskforce: ['prevention.read', 'prevention.write'],
  liaison: ['cases.read', 'sanctions.record'],
  viewer: ['registry.read', 'monitoring.read', 'cases.read', 'prevention.read', 'analytics.read'],
};

/** The actor as permission checks need it. `agencyId` is set for task-force heads. */
export type PermissionActor = { role: RoleName; regionCode: string; agencyId?: string | null };

/** A record as permission checks need it: where it is, whose agency, whether it was forwarded. */
export type PermissionResource = {
  regionCode: string;
  agencyId?: string | null;
  /** Cases: forwarded to BKN / an inspectorate (what liaisons may see). */
  forwarded?: boolean;
};

/** May this role ever do this action (somewhere)? The route-level check. */
export const hasPermission = (role: RoleName, action: Action): boolean => MATRIX[role].includes(action);

/** Every action a role has, in ACTIONS order (sent to the web client with the signed-in user). */
export const permissionsOf = (role: RoleName): Action[] => ACTIONS.filter((a) => MATRIX[role].includes(a));

/**
 * May this actor do this action on this record? Without a record: the route-level answer.
 * With one: the role must have the action, the record must be inside the actor's jurisdiction,
 * a task-force head's record must belong to their agency, and a liaison's case must be forwarded.
 */
export function can(actor: PermissionActor, action: Action, resource?: PermissionResource): boolean {
  if (!hasPermission(actor.role, action)) return false;
  if (!resource) return true;
  if (!isWithinJurisdiction(resource.regionCode, actor.regionCode)) return false;
  if (actor.role === 'taskforce' && (!actor.agencyId || resource.agencyId !== actor.agencyId)) return false;
  if (actor.role === 'liaison' && resource.forwarded !== true) return false;
  return true;
}

/**
 * What repositories filter by, in SQL: the region subtree root, and for task-force heads their
 * agency (`null` means no agency filter). A task-force head without an agency sees nothing.
 */
export function scopeOf(actor: PermissionActor): { regionRoot: string; agencyId: string | null } {
  return {
    regionRoot: actor.regionCode,
    agencyId: actor.role === 'taskforce' ? (actor.agencyId ?? '') : null,
  };
}

/** The actions that apply to each kind of record, for `abilitiesFor`. */
export const RESOURCE_ACTIONS = {
  agency: ['registry.read', 'registry.write'],
  staff: ['registry.read', 'registry.write'],
  alert: ['monitoring.read', 'alerts.review'],
  report: ['reports.read', 'reports.identity.view', 'reports.triage'],
  case: ['cases.read', 'cases.write', 'cases.decide', 'cases.forward', 'sanctions.record'],
  prevention: ['prevention.read', 'prevention.write'],
  user: ['users.manage'],
} as const satisfies Record<string, readonly Action[]>;
export type ResourceKind = keyof typeof RESOURCE_ACTIONS;

export type Abilities<K extends ResourceKind> = { [A in (typeof RESOURCE_ACTIONS)[K][number]]: boolean };

/** What the actor may do with one record, e.g. `{ 'cases.read': true, 'cases.decide': false, … }`. */
export function abilitiesFor<K extends ResourceKind>(
  actor: PermissionActor,
  kind: K,
  resource: PermissionResource,
): Abilities<K> {
  const out: Record<string, boolean> = {};
  for (const action of RESOURCE_ACTIONS[kind]) out[action] = can(actor, action, resource);
  return out as Abilities<K>;
}

/** The permission view of a signed-in user (`Me` from src/contracts/auth.ts). */
export const permissionActorOf = (me: {
  role: RoleName;
  office: { regionCode: string };
  agencyId?: string | null;
}): PermissionActor => ({ role: me.role, regionCode: me.office.regionCode, agencyId: me.agencyId ?? null });
