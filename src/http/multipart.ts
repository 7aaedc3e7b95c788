import { DomainError, isDomainError } from '../domain/errors.ts';

/**
 * Reads a multipart body with `read`, turning what the multipart parser throws on a malformed body
 * (a boundary that does not match the Content-Type header, a body cut off inside a part) into a
 * VALIDATION error (400 with the usual error body) instead of a server error. Domain errors and the
 * parser's own client errors (a file over the size limit: 413; too many parts) pass through.
 */
export async function readingMultipart<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (isDomainError(e)) throw e;
    const status = (e as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) throw e;
    throw new DomainError(
      'VALIDATION',
      'Kiriman multipart tidak dapat dibaca / the multipart body could not be read',
      [{ field: 'body', message: 'multipart/form-data tidak utuh atau batasnya tidak cocok' }],
    );
  }
}
