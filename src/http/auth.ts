import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Me } from '../contracts/auth.ts';
import { DomainError } from '../domain/errors.ts';
import { ACTIONS, type Action, hasPermission } from '../domain/permissions.ts';
import { checkCsrf } from './csrf.ts';

export const SESSION_COOKIE = 'netra_session';

/**
 * What a route requires, declared as `config: { permission }`:
 * - `'public'`: anyone, no session (health, sign-in, public reports);
 * - `'sign-in'`: a step of signing in (TOTP code, enrolment): anyone may call it, and the service
 *   itself requires the half-done session of the first step (401 otherwise);
 * - `'authenticated'`: any signed-in user (own profile, sign-out);
 * - an action from src/domain/permissions.ts: a signed-in user whose role has it (else 403).
 * An `/api/` route that declares nothing is `'authenticated'` (closed by default).
 * Record-level checks (jurisdiction, agency) stay in services and SQL and answer 404.
 */
export type RoutePermission = 'public' | 'sign-in' | 'authenticated' | Action;

/** One row of the route table, as the authorisation matrix and fuzz tests iterate it. */
export type RouteEntry = {
  method: string;
  url: string;
  permission: RoutePermission;
  /** The route said so itself (`config.permission`), rather than falling back to 'authenticated'. */
  declared: boolean;
};

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
  }
  interface FastifyRequest {
    /** The signed-in staff user; set for every route that is not `'public'`. */
    actor: Me;
  }
  interface FastifyInstance {
    /** preHandler: 401 unless the request carries a live session (kept for routes that add it). */
    requireUser: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** Every API route with its declared permission (filled while routes are registered). */
    routeTable: RouteEntry[];
  }
}

const isApi = (url: string) => url.startsWith('/api/') && !url.startsWith('/api/docs');

/**
 * Records each API route's permission, then on every request: the CSRF check on state-changing
 * requests, authentication for non-public routes (401), and the role check (403).
 */
export function registerAuth(app: FastifyInstance, authenticate: (token: string) => Promise<Me | undefined>) {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.decorateRequest('actor', null as unknown as Me);

  app.addHook('onRoute', (route) => {
    if (!isApi(route.url)) return;
    const declared = route.config?.permission;
    if (declared !== undefined && !['public', 'sign-in', 'authenticated'].includes(declared)) {
      if (!(ACTIONS as readonly string[]).includes(declared))
        throw new Error(`route ${route.url} declares an unknown permission: ${declared}`);
    }
    const permission = declared ?? 'authenticated';
    route.config = { ...route.config, permission };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods)
      if (method !== 'HEAD')
        table.push({ method, url: route.url, permission, declared: declared !== undefined });
  });

  const resolveActor = async (req: FastifyRequest) => {
    if (req.actor) return;
    const token = req.cookies[SESSION_COOKIE];
    const me = token ? await authenticate(token) : undefined;
    if (!me) throw new DomainError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu / please sign in');
    req.actor = me;
  };

  app.addHook('onRequest', async (req) => {
    if (!isApi(req.url)) return;
    checkCsrf(req);
    const permission = req.routeOptions.config?.permission;
    if (permission === undefined || permission === 'public' || permission === 'sign-in') return;
    await resolveActor(req);
    if (permission !== 'authenticated' && !hasPermission(req.actor.role, permission))
      throw new DomainError('FORBIDDEN', 'Peran Anda tidak diizinkan / your role may not do this');
  });

  app.decorate('requireUser', resolveActor);
}
