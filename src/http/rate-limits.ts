import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../domain/errors.ts';

/**
 * Per-IP request limits (in memory, per process) on the routes anyone can call:
 * - sign-in: 60 a minute per IP, against password spraying across accounts (each account is also
 *   locked after 5 failures, see auth.service.ts); generous because a Bawaslu office shares one IP;
 * - every other public or sign-in-step route (public reports, receipts, TOTP): 120 a minute per IP
 *   (TOTP guesses are also bounded by the account lockout);
 * - `/api/health` is not limited (load balancers and monitors poll it).
 * Signed-in routes are not limited per IP: the session is the control there. With several server
 * processes each keeps its own counters (the limit is per process).
 */
export const LOGIN_LIMIT = { max: 60, timeWindow: 60_000 };
export const PUBLIC_LIMIT = { max: 120, timeWindow: 60_000 };

export async function registerRateLimits(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    if ((permission !== 'public' && permission !== 'sign-in') || route.url === '/api/health') return;
    if ((route.config as { rateLimit?: unknown }).rateLimit !== undefined) return;
    const limit = route.url === '/api/auth/login' ? LOGIN_LIMIT : PUBLIC_LIMIT;
    route.config = { ...route.config, rateLimit: limit } as typeof route.config;
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) =>
      Object.assign(
        new DomainError(
          'RATE_LIMITED',
          `Terlalu banyak permintaan; coba lagi dalam ${context.after} / too many requests; retry in ${context.after}`,
        ),
        { statusCode: 429 },
      ),
  });
}
