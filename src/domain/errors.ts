/**
 * The one transport-neutral error type. Services and domain rules throw it; the HTTP layer maps
 * `code` to a status in `src/http/error-handler.ts`; the CLI prints `message` and exits non-zero.
 */
export const ERROR_CODES = {
  /** Input failed validation; `details` lists the fields. HTTP 400, CLI exit 3. */
  VALIDATION: 'VALIDATION',
  /** The thing does not exist, or is outside the actor's jurisdiction (same answer). HTTP 404. */
  NOT_FOUND: 'NOT_FOUND',
  /** Not signed in or the session expired. HTTP 401. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Signed in, but the role may not do this. HTTP 403. */
  FORBIDDEN: 'FORBIDDEN',
  /** The action is not allowed in the current state of the record. HTTP 409. */
  INVALID_STATE: 'INVALID_STATE',
  /** A record with the same key exists already. HTTP 409. */
  CONFLICT: 'CONFLICT',
  /** A statutory deadline has passed. HTTP 409. */
  DEADLINE_PASSED: 'DEADLINE_PASSED',
  /** A row of an import is invalid; `details` carries the row number. HTTP 400, CLI exit 3. */
  IMPORT_ROW_INVALID: 'IMPORT_ROW_INVALID',
  /** Too many attempts; try later. HTTP 429. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** Anything unexpected. HTTP 500. */
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export type ErrorDetail = { field: string; message: string; row?: number };

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
