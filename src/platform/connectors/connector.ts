import type { Platform, Post } from '../../contracts/post.ts';
import { backoffMs, DEFAULT_BACKOFF, isRetryableStatus, retryAfterMs } from '../../domain/backoff.ts';

/**
 * The one connector interface (docs/connectors.md). Every way posts enter Netra — a file, a pushed
 * webhook, a platform API polled on a schedule — produces batches of posts in the contract §2 form
 * and hands them to a `PostSink`, the monitoring ingest (`ingestPosts` in
 * src/features/monitoring/monitoring.service.ts), which is idempotent on (platform, post id).
 */

/** Counts returned by the ingest for one batch. */
export type IngestCounts = { read: number; inserted: number; duplicates: number; flagged: number };

/** Where posts go: exactly the signature of the monitoring ingest's `ingestPosts`. */
export type PostSink = (posts: Post[], opts: { source: string }) => Promise<IngestCounts>;

/**
 * Where a polling adapter stands for one account: `since` marks the newest item of the last
 * finished run (an id or a time, adapter-specific); `pending` is the cursor of a run in progress.
 */
export type Checkpoint = { since: string | null; pending: Record<string, unknown> | null };

/** One page of a poll: its posts, and the checkpoint to store once they are ingested. */
export type PollPage = { posts: Post[]; checkpoint: Checkpoint };

/** A watched account as the adapters need it (from the registry's `social_accounts`). */
export type PollAccount = {
  /** The platform's stable id (X user id, Page id, IG user id, YouTube channel id) or, for TikTok, the username. */
  id: string;
  /** The handle as registered, used for URLs and `author.handle` when the API does not return one. */
  handle?: string | null;
};

/** A platform API adapter. `poll` yields pages newest-first until it reaches `checkpoint.since`. */
export type PollingConnector = {
  platform: Platform;
  poll: (account: PollAccount, checkpoint: Checkpoint) => AsyncIterable<PollPage>;
};

/** Injected I/O: tests give a fake clock and a sleep that does not sleep. */
export type ConnectorRuntime = {
  fetch: typeof fetch;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Attempts per request (first try included) for 429 / 5xx / network errors. */
  maxAttempts?: number;
  /** A server asking to wait longer than this is not waited for: `RateLimitedError` is thrown. */
  maxWaitMs?: number;
};

export const defaultRuntime = (): ConnectorRuntime => ({
  fetch: globalThis.fetch,
  now: () => new Date(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  random: Math.random,
});

/** The platform refused for good (bad credentials, no access, unknown account): do not retry now. */
export class PlatformError extends Error {
  override name = 'PlatformError';
  readonly status: number;
  readonly platform: string;
  /** The parsed error body, for adapters that branch on a platform error code. */
  readonly body: unknown;
  constructor(platform: string, status: number, message: string, body?: unknown) {
    super(`${platform}: HTTP ${status}: ${message}`);
    this.platform = platform;
    this.status = status;
    this.body = body;
  }
}

/** The platform asks to wait longer than we hold a worker: resume at `retryAt`. */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  readonly retryAt: Date;
  constructor(platform: string, retryAt: Date) {
    super(`${platform}: batas laju / rate limited until ${retryAt.toISOString()}`);
    this.retryAt = retryAt;
  }
}

export type ApiRequest = {
  platform: string;
  url: URL;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Some APIs signal throttling in a 200/400/403 body (Meta error codes 4, 17, 32, 613). */
  isThrottled?: (status: number, body: unknown) => boolean;
  /** Extracts a readable message from the platform's error body. */
  describeError?: (body: unknown) => string | undefined;
};

/**
 * One API call returning parsed JSON, with bounded retries: a 429 waits as `Retry-After` /
 * `x-rate-limit-reset` say (or backs off), 5xx and network errors back off with jitter. A wait
 * longer than `maxWaitMs` throws `RateLimitedError` (the job resumes later from its checkpoint);
 * other 4xx throw `PlatformError` at once.
 */
export async function requestJson<T>(rt: ConnectorRuntime, req: ApiRequest): Promise<T> {
  const maxAttempts = rt.maxAttempts ?? 5;
  const maxWaitMs = rt.maxWaitMs ?? 120_000;
  for (let attempt = 1; ; attempt++) {
    let status = 0;
    let body: unknown;
    let headers: Headers | undefined;
    let networkError: unknown;
    try {
      const res = await rt.fetch(req.url, {
        method: req.method ?? 'GET',
        headers: { accept: 'application/json', ...req.headers },
        body: req.body,
        signal: AbortSignal.timeout(60_000),
      });
      status = res.status;
      headers = res.headers;
      const text = await res.text();
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text.slice(0, 500);
      }
    } catch (e) {
      networkError = e;
    }
    const throttled = status !== 0 && (status === 429 || (req.isThrottled?.(status, body) ?? false));
    if (!networkError && !throttled && status >= 200 && status < 300) return body as T;
    if (!networkError && !throttled && !isRetryableStatus(status)) {
      throw new PlatformError(req.platform, status, req.describeError?.(body) ?? describe(body), body);
    }
    const hinted = throttled
      ? retryAfterMs(
          { retryAfter: headers?.get('retry-after'), rateLimitReset: headers?.get('x-rate-limit-reset') },
          rt.now(),
        )
      : undefined;
    const wait = hinted ?? backoffMs(attempt, rt.random, DEFAULT_BACKOFF);
    if (throttled && wait > maxWaitMs)
      throw new RateLimitedError(req.platform, new Date(rt.now().getTime() + wait));
    if (attempt >= maxAttempts) {
      if (throttled) throw new RateLimitedError(req.platform, new Date(rt.now().getTime() + wait));
      if (networkError)
        throw new Error(`${req.platform}: ${(networkError as Error).message}`, { cause: networkError });
      throw new PlatformError(req.platform, status, req.describeError?.(body) ?? describe(body), body);
    }
    await rt.sleep(wait);
  }
}

const describe = (body: unknown) =>
  typeof body === 'string'
    ? body
    : body === undefined
      ? '(kosong / empty)'
      : JSON.stringify(body).slice(0, 500);

/** Normalises a platform time ("2024-01-20T02:15:00+0000", unix seconds) to ISO 8601, or undefined. */
export function isoTime(value: string | number | undefined | null): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const d =
    typeof value === 'number' || /^\d+$/.test(value)
      ? new Date(Number(value) * 1000)
      : new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
