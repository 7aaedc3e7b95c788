import type { FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery check for state-changing API requests, on top of the SameSite=Strict
 * session cookie (OWASP "verify origin with standard headers" + Fetch Metadata):
 * - an `Origin` header must name this host (browsers send it on every cross-origin and same-origin
 *   POST/PUT/PATCH/DELETE; `null` is refused);
 * - without `Origin`, `Sec-Fetch-Site`, when present, must be `same-origin` or `none`;
 * - a request with neither comes from a non-browser client (CLI, scripts, tests), which carries no
 *   ambient cookies of a victim, and is allowed.
 * Anonymous requests to `/api/public/*` (the public report form, contracts §5) are not checked:
 * they carry no session and partners may post them from elsewhere.
 */
export function checkCsrf(req: FastifyRequest): void {
  if (SAFE_METHODS.has(req.method)) return;
  const path = req.url.split('?')[0] ?? '';
  if (path.startsWith('/api/public/') && !req.headers.cookie) return;
  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (!sameHost(origin, req.host)) throw forbidden();
    return;
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw forbidden();
}

function sameHost(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

const forbidden = () =>
  new DomainError('FORBIDDEN', 'Permintaan lintas situs ditolak / cross-site request refused', [
    { field: 'origin', message: 'asal permintaan bukan situs ini / the request did not come from this site' },
  ]);
