import type { z } from 'zod';
import { ErrorBody } from '../../../src/contracts/errors.ts';
import { ApiError } from './api-error.ts';

export { ApiError, isApiError } from './api-error.ts';

type RequestOptions<S extends z.ZodType | undefined> = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** Zod schema of a successful answer; the answer is parsed with it. Omit for 204 answers. */
  schema?: S;
  signal?: AbortSignal;
};

type Result<S> = S extends z.ZodType ? z.infer<S> : undefined;

/**
 * Calls the Netra API on the same origin: sends and receives JSON, includes the session cookie,
 * parses successful answers with the contract's schema and turns error answers into `ApiError`.
 */
export async function apiRequest<S extends z.ZodType | undefined = undefined>(
  path: string,
  options: RequestOptions<S> = {},
): Promise<Result<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'include',
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'INTERNAL', message: (e as Error).message, fromServer: false });
  }

  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }

  if (!response.ok) {
    const parsed = ErrorBody.safeParse(json);
    if (parsed.success) {
      throw new ApiError({ status: response.status, ...parsed.data, fromServer: true });
    }
    throw new ApiError({
      status: response.status,
      code: response.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL',
      message: `HTTP ${response.status} ${response.statusText}`.trim(),
      fromServer: false,
    });
  }

  if (!options.schema) return undefined as Result<S>;
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError({
      status: response.status,
      code: 'INTERNAL',
      message: `Unexpected answer from ${path}: ${parsed.error.message}`,
      fromServer: false,
    });
  }
  return parsed.data as Result<S>;
}
