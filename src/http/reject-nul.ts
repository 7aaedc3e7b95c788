import type { FastifyInstance } from 'fastify';
import { DomainError, type ErrorDetail } from '../domain/errors.ts';

const MAX_DEPTH = 32;

/** Paths of every string in `value` that contains a NUL character (U+0000). */
export function findNulStrings(value: unknown, path = '', found: string[] = [], depth = 0): string[] {
  // Binary parts (uploads as Buffers) are not text: only strings are checked.
  if (depth > MAX_DEPTH || found.length >= 20 || ArrayBuffer.isView(value)) return found;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path || 'nilai');
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries())
      findNulStrings(v, path ? `${path}.${i}` : String(i), found, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value))
      findNulStrings(v, path ? `${path}.${k}` : k, found, depth + 1);
  }
  return found;
}

/**
 * PostgreSQL cannot store U+0000 in text, so a NUL anywhere in the params, query or JSON body would
 * fail deep inside a query as a server error. Refuse it up front as a validation error naming the
 * field, before any handler runs (and so before anything is written).
 */
export function registerRejectNul(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const details: ErrorDetail[] = [];
    for (const [part, value] of [
      ['params', req.params],
      ['query', req.query],
      ['body', req.body],
    ] as const) {
      for (const field of findNulStrings(value))
        details.push({
          field: part === 'body' ? field : `${part}.${field}`,
          message: 'berisi karakter NUL (U+0000) yang tidak diizinkan',
        });
    }
    if (details.length)
      throw new DomainError('VALIDATION', 'Data yang dikirim tidak valid / the request is invalid', details);
  });
}
