/**
 * When to try a platform API again (pure; the clock and the random source are parameters).
 *
 * - `retryAfterMs`: the wait a server asks for — `Retry-After` as delta-seconds or an HTTP date
 *   (RFC 9110 §10.2.3), or X's `x-rate-limit-reset` (epoch seconds when the window resets).
 * - `backoffMs`: exponential backoff with "full jitter" (a uniform wait between 0 and
 *   base·2^(attempt-1), capped), for 5xx answers, network errors and 429 without a hint.
 */

export type RetryHints = {
  /** The `Retry-After` header, as received. */
  retryAfter?: string | null;
  /** X API: `x-rate-limit-reset`, epoch seconds. */
  rateLimitReset?: string | null;
};

/** Milliseconds to wait as the server asks, or undefined when it gives no usable hint. */
export function retryAfterMs(hints: RetryHints, now: Date): number | undefined {
  const ra = hints.retryAfter?.trim();
  if (ra) {
    if (/^\d+$/.test(ra)) return Number(ra) * 1000;
    // An HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT"); a date in the past means "now".
    if (/[a-z]/i.test(ra)) {
      const at = Date.parse(ra);
      if (!Number.isNaN(at)) return Math.max(0, at - now.getTime());
    }
  }
  const reset = hints.rateLimitReset?.trim();
  if (reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now.getTime());
  return undefined;
}

export type BackoffPolicy = {
  /** First wait ceiling, ms. */
  baseMs: number;
  /** No single wait is longer than this, ms. */
  capMs: number;
};

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 60_000 };

/** Full-jitter exponential backoff for retry `attempt` (1-based); `random` returns [0, 1). */
export function backoffMs(attempt: number, random: () => number, policy = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** The HTTP statuses worth retrying: rate limits, and server errors (not 501 Not Implemented). */
export const isRetryableStatus = (status: number): boolean =>
  status === 429 || status === 408 || (status >= 500 && status !== 501);
