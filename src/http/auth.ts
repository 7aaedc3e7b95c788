import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Me } from '../contracts/auth.ts';
import { DomainError } from '../domain/errors.ts';

export const SESSION_COOKIE = 'netra_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff user; set by `requireUser`. */
    actor: Me;
  }
  interface FastifyInstance {
    /** preHandler: 401 unless the request carries a live session. */
    requireUser: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

/**
 * Decorates the app with `requireUser`, which resolves the session cookie through `authenticate`
 * and sets `req.actor`. Routes opt in with `preHandler: app.requireUser`.
 */
export function registerAuth(app: FastifyInstance, authenticate: (token: string) => Promise<Me | undefined>) {
  app.decorateRequest('actor', null as unknown as Me);
  app.decorate('requireUser', async (req: FastifyRequest) => {
    const token = req.cookies[SESSION_COOKIE];
    const me = token ? await authenticate(token) : undefined;
    if (!me) throw new DomainError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu / please sign in');
    req.actor = me;
  });
}
