import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorBody } from '../contracts/errors.ts';
import { type ErrorCode, isDomainError } from '../domain/errors.ts';

/** The one place where error codes become HTTP statuses. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION: 400,
  IMPORT_ROW_INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_STATE: 409,
  CONFLICT: 409,
  DEADLINE_PASSED: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

const VALIDATION_MESSAGE = 'Data yang dikirim tidak valid / the request is invalid';

/** Maps zod issue paths to a field name such as `reporter.name` or `witnesses.0.name`. */
const fieldOf = (instancePath: string, fallback: string) =>
  instancePath.replace(/^\//, '').replaceAll('/', '.') || fallback;

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    let status: number;
    let body: ErrorBody;
    if (isDomainError(err)) {
      status = STATUS_BY_CODE[err.code];
      body = { code: err.code, message: err.message, details: err.details };
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      status = 400;
      body = {
        code: 'VALIDATION',
        message: VALIDATION_MESSAGE,
        details: err.validation.map((v) => ({
          field: fieldOf(v.instancePath, err.validationContext ?? 'body'),
          message: v.message ?? 'tidak valid',
        })),
      };
    } else if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      status = 500;
      body = { code: 'INTERNAL', message: 'Kesalahan server / internal error', details: [] };
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own client errors: malformed JSON, body too large, unsupported media type…
      status = err.statusCode;
      const code: ErrorCode = status === 404 ? 'NOT_FOUND' : status === 429 ? 'RATE_LIMITED' : 'VALIDATION';
      body = { code, message: `${VALIDATION_MESSAGE}: ${err.message}`, details: [] };
    } else {
      req.log.error({ err }, 'unhandled error');
      status = 500;
      body = { code: 'INTERNAL', message: 'Kesalahan server / internal error', details: [] };
    }
    if (status >= 500 && isDomainError(err)) req.log.error({ err }, 'internal domain error');
    return reply.code(status).send(body);
  });
}

/**
 * 404s: JSON `{ code, message, details }` for the API and assets; for other GET pages, when the web
 * UI is served, the single-page app's index.html (its router shows its own not-found page).
 */
export function registerNotFound(
  app: FastifyInstance,
  spaIndex?: (reply: FastifyReply) => FastifyReply,
): void {
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    const isPage = (req.method === 'GET' || req.method === 'HEAD') && !/^\/(api|assets)(\/|$)/.test(path);
    if (spaIndex && isPage) return spaIndex(reply);
    const body: ErrorBody = {
      code: 'NOT_FOUND',
      message: `Tidak ditemukan / not found: ${req.method} ${path}`,
      details: [],
    };
    return reply.code(404).send(body);
  });
}
