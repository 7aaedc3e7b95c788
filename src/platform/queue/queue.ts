import { hostname } from 'node:os';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Tables } from '../../db/tables.ts';

/**
 * A durable job queue on a Postgres table (`jobs`), claimed with `FOR UPDATE SKIP LOCKED`, so it runs
 * the same on PGlite (one connection, one worker loop) and on a PostgreSQL server (any number of
 * worker processes). Enqueue inside the caller's transaction (transactional outbox): a job exists
 * only if the change that asked for it committed. Delivery is at least once: handlers are idempotent.
 *
 * A failed job is retried with exponential backoff until `max_attempts`, then parked as `dead`
 * (the dead-letter state) with its last error, for an administrator to inspect and retry.
 */
export type JobHandler = (
  payload: Record<string, unknown>,
  ctx: { jobId: string; attempt: number },
) => Promise<void>;

export type EnqueueOptions = {
  /** Run no earlier than this. */
  runAt?: Date;
  maxAttempts?: number;
  /** At most one job with this key ever exists: enqueueing again is a no-op. */
  dedupeKey?: string;
};

export type Schedule = {
  name: string;
  /** Job kind to enqueue each time the schedule fires. */
  kind: string;
  everySeconds: number;
};

type Exec = Kysely<Tables> | Transaction<Tables>;

/** Adds a job; pass the caller's transaction to make it part of the same commit. */
export async function enqueue(
  exec: Exec,
  kind: string,
  payload: Record<string, unknown> = {},
  opts: EnqueueOptions = {},
): Promise<void> {
  await exec
    .insertInto('jobs')
    .values({
      kind,
      payload: JSON.stringify(payload),
      run_at: opts.runAt ?? new Date(),
      max_attempts: opts.maxAttempts ?? 5,
      dedupe_key: opts.dedupeKey ?? null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** Backoff before retry `attempt` (1-based): 5 s, 20 s, 80 s … capped at one hour. */
export const retryDelayMs = (attempt: number) => Math.min(3_600_000, 5_000 * 4 ** (attempt - 1));

export type Worker = {
  /** Claims and runs due jobs until none is left; returns how many ran. Used by the loop and tests. */
  drain: (now?: Date) => Promise<number>;
  /** Enqueues every schedule that is due (idempotent per slot). */
  tickSchedules: (now?: Date) => Promise<void>;
  start: () => void;
  /** Stops polling and waits for the job in hand to finish. */
  stop: () => Promise<void>;
};

export function createWorker(opts: {
  db: Kysely<Tables>;
  handlers: Record<string, JobHandler>;
  schedules?: Schedule[];
  logger: Logger;
  pollMs: number;
  /** How long a claimed job may run before another worker may take it over (crash recovery). */
  leaseMs?: number;
}): Worker {
  const { db, handlers, logger } = opts;
  const schedules = opts.schedules ?? [];
  const leaseMs = opts.leaseMs ?? 10 * 60_000;
  const workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;
  let stopping = false;

  async function claim(now: Date) {
    const kinds = Object.keys(handlers);
    if (kinds.length === 0) return undefined;
    const { rows } = await sql<{
      id: string;
      kind: string;
      payload: Record<string, unknown>;
      attempts: number;
      max_attempts: number;
    }>`
      UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = ${workerId},
        locked_until = ${new Date(now.getTime() + leaseMs)}
      WHERE id = (
        SELECT id FROM jobs
        WHERE kind IN (${sql.join(kinds)})
          AND ((status = 'pending' AND run_at <= ${now}) OR (status = 'running' AND locked_until < ${now}))
        ORDER BY run_at, id
        FOR UPDATE SKIP LOCKED
        LIMIT 1)
      RETURNING id, kind, payload, attempts, max_attempts
    `.execute(db);
    return rows[0];
  }

  async function runOne(now: Date): Promise<boolean> {
    const job = await claim(now);
    if (!job) return false;
    const handler = handlers[job.kind]!;
    try {
      await handler(job.payload, { jobId: String(job.id), attempt: job.attempts });
      await db
        .updateTable('jobs')
        .set({
          status: 'done',
          finished_at: new Date(),
          locked_by: null,
          locked_until: null,
          last_error: null,
        })
        .where('id', '=', job.id)
        .execute();
    } catch (e) {
      const message = (e as Error).stack ?? String(e);
      const dead = job.attempts >= job.max_attempts;
      logger.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, dead, err: e }, 'job failed');
      await db
        .updateTable('jobs')
        .set({
          status: dead ? 'dead' : 'pending',
          run_at: new Date(now.getTime() + retryDelayMs(job.attempts)),
          finished_at: dead ? new Date() : null,
          locked_by: null,
          locked_until: null,
          last_error: message.slice(0, 4000),
        })
        .where('id', '=', job.id)
        .execute();
    }
    return true;
  }

  async function drain(now = new Date()) {
    let count = 0;
    while (!stopping && (await runOne(now))) count++;
    return count;
  }

  async function tickSchedules(now = new Date()) {
    for (const s of schedules) {
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('job_schedules')
          .values({ name: s.name, next_run_at: now })
          .onConflict((oc) => oc.column('name').doNothing())
          .execute();
        const due = await tx
          .updateTable('job_schedules')
          .set({ next_run_at: new Date(now.getTime() + s.everySeconds * 1000) })
          .where('name', '=', s.name)
          .where('next_run_at', '<=', now)
          .returning('next_run_at')
          .executeTakeFirst();
        if (due) {
          const slot = Math.floor(now.getTime() / (s.everySeconds * 1000));
          await enqueue(tx, s.kind, { schedule: s.name }, { dedupeKey: `schedule:${s.name}:${slot}` });
        }
      });
    }
  }

  async function loop() {
    if (stopped) return;
    running = (async () => {
      try {
        await tickSchedules();
        await drain();
      } catch (e) {
        logger.error({ err: e }, 'job loop error');
      }
    })();
    await running;
    if (!stopped) timer = setTimeout(loop, opts.pollMs);
  }

  return {
    drain,
    tickSchedules,
    start() {
      if (!stopped) return;
      stopped = false;
      stopping = false;
      timer = setTimeout(loop, 0);
    },
    async stop() {
      stopped = true;
      stopping = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
