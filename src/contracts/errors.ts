import { z } from 'zod';
import { ERROR_CODES } from '../domain/errors.ts';

/** Body of every error response: `{ code, message, details }` (contracts §5). */
export const ErrorBody = z.object({
  code: z.enum(Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...(keyof typeof ERROR_CODES)[]]),
  message: z.string(),
  details: z.array(z.object({ field: z.string(), message: z.string(), row: z.number().int().optional() })),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
