import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { createWorker, enqueue, retryDelayMs } from './queue.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const logger = pino({ level: 'silent' });
const jobsOfKind = (kind: string) =>
  database.db.selectFrom('jobs').selectAll().where('kind', '=', kind).orderBy('id').execute();

describe('job queue', () => {
  it('runs a job enqueued in a committed transaction, and never one whose transaction rolled back', async () => {
    const seen: unknown[] = [];
    const worker = createWorker({
      db: database.db,
      logger,
      pollMs: 50,
      handlers: { 'test.outbox': async (p) => void seen.push(p.n) },
    });
    await database.db.transaction().execute((tx) => enqueue(tx, 'test.outbox', { n: 1 }));
    await expect(
      database.db.transaction().execute(async (tx) => {
        await enqueue(tx, 'test.outbox', { n: 2 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await worker.drain()).toBe(1);
    expect(seen).toEqual([1]);
    const [job] = await jobsOfKind('test.outbox');
    expect(job).toMatchObject({ status: 'done', attempts: 1, last_error: null });
  });

  it('retries a failing job with backoff and parks it as dead after max attempts', async () => {
    let calls = 0;
    const worker = createWorker({
      db: database.db,
      logger,
      pollMs: 50,
      handlers: {
        'test.flaky': async () => {
          calls++;
          throw new Error(`boom ${calls}`);
        },
      },
    });
    const t0 = new Date('2030-01-01T00:00:00Z');
    await enqueue(database.db, 'test.flaky', {}, { maxAttempts: 3, runAt: t0 });

    expect(await worker.drain(t0)).toBe(1);
    let [job] = await jobsOfKind('test.flaky');
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    expect(job!.last_error).toContain('boom 1');
    expect(new Date(job!.run_at).getTime()).toBe(t0.getTime() + retryDelayMs(1));

    // Not due yet: nothing runs.
    expect(await worker.drain(new Date(t0.getTime() + 1000))).toBe(0);

    const t1 = new Date(t0.getTime() + retryDelayMs(1));
    expect(await worker.drain(t1)).toBe(1);
    const t2 = new Date(t1.getTime() + retryDelayMs(2));
    expect(await worker.drain(t2)).toBe(1);
    [job] = await jobsOfKind('test.flaky');
    expect(job).toMatchObject({ status: 'dead', attempts: 3 });
    expect(job!.last_error).toContain('boom 3');
    expect(await worker.drain(new Date(t2.getTime() + 86_400_000))).toBe(0);
    expect(calls).toBe(3);
  });

  it('keeps at most one job per dedupe key', async () => {
    await enqueue(database.db, 'test.dedupe', { n: 1 }, { dedupeKey: 'once' });
    await enqueue(database.db, 'test.dedupe', { n: 2 }, { dedupeKey: 'once' });
    expect((await jobsOfKind('test.dedupe')).map((j) => j.payload)).toEqual([{ n: 1 }]);
  });

  it('takes over a job whose worker died (lease expired), and only then', async () => {
    const t0 = new Date('2031-01-01T00:00:00Z');
    await enqueue(database.db, 'test.lease', {}, { runAt: t0 });
    await database.db
      .updateTable('jobs')
      .set({
        status: 'running',
        attempts: 1,
        locked_by: 'dead-worker',
        locked_until: new Date(t0.getTime() + 60_000),
      })
      .where('kind', '=', 'test.lease')
      .execute();
    let ran = 0;
    const worker = createWorker({
      db: database.db,
      logger,
      pollMs: 50,
      handlers: { 'test.lease': async () => void ran++ },
    });
    expect(await worker.drain(new Date(t0.getTime() + 30_000))).toBe(0);
    expect(await worker.drain(new Date(t0.getTime() + 61_000))).toBe(1);
    expect(ran).toBe(1);
    expect((await jobsOfKind('test.lease'))[0]).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('enqueues a scheduled job once per period, however often it ticks', async () => {
    const worker = createWorker({
      db: database.db,
      logger,
      pollMs: 50,
      handlers: { 'test.scheduled': async () => {} },
      schedules: [{ name: 'test-every-hour', kind: 'test.scheduled', everySeconds: 3600 }],
    });
    const t0 = new Date('2032-01-01T00:00:00Z');
    await worker.tickSchedules(t0);
    await worker.tickSchedules(new Date(t0.getTime() + 1000));
    await worker.tickSchedules(new Date(t0.getTime() + 1_800_000));
    expect(await jobsOfKind('test.scheduled')).toHaveLength(1);
    await worker.tickSchedules(new Date(t0.getTime() + 3_600_000));
    expect(await jobsOfKind('test.scheduled')).toHaveLength(2);
    expect(await worker.drain(new Date(t0.getTime() + 3_600_000))).toBe(2);
  });

  it('runs jobs in the background once started, and stops cleanly', async () => {
    const done: number[] = [];
    const worker = createWorker({
      db: database.db,
      logger,
      pollMs: 20,
      handlers: { 'test.loop': async (p) => void done.push(Number(p.n)) },
    });
    worker.start();
    await enqueue(database.db, 'test.loop', { n: 7 });
    for (let i = 0; i < 100 && done.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    expect(done).toEqual([7]);
  });
});
