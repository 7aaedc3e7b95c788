import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors.ts';
import { readingMultipart } from './multipart.ts';

describe('readingMultipart', () => {
  it('turns a parser error into a VALIDATION error', async () => {
    await expect(
      readingMultipart(() => Promise.reject(new Error('Unexpected end of form'))),
    ).rejects.toMatchObject({ code: 'VALIDATION', details: [{ field: 'body' }] });
  });

  it('lets domain errors and the parser’s client errors (a file over the limit: 413) through', async () => {
    const domain = new DomainError('NOT_FOUND', 'x');
    await expect(readingMultipart(() => Promise.reject(domain))).rejects.toBe(domain);
    const tooLarge = Object.assign(new Error('request file too large'), { statusCode: 413 });
    await expect(readingMultipart(() => Promise.reject(tooLarge))).rejects.toBe(tooLarge);
    await expect(readingMultipart(async () => 'ok')).resolves.toBe('ok');
  });
});
