import type { ErrorCode, ErrorDetail } from '../../../src/domain/errors.ts';

/**
 * An error answer of the API (`{ code, message, details }`, contracts §5), or a failure to reach it.
 * `status` is 0 when the request never got an answer (network down, server stopped).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  /** True when the message came from the server (and is fit to show as is). */
  readonly fromServer: boolean;
  constructor(options: {
    status: number;
    code: ErrorCode;
    message: string;
    details?: ErrorDetail[];
    fromServer: boolean;
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.details = options.details ?? [];
    this.fromServer = options.fromServer;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
