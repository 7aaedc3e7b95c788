import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/db.ts';
import { testRuntime } from '../../../test/support/fake-platforms/runtime.ts';
import type { FakeServer } from '../../../test/support/fake-platforms/server.ts';
import { type FakeXUser, startFakeX } from '../../../test/support/fake-platforms/x.ts';
import type { Post } from '../../contracts/post.ts';
import type { Database } from '../../db/database.ts';
import type { PostSink } from '../../platform/connectors/connector.ts';
import { createXConnector } from '../../platform/connectors/x.ts';
import { createWorker } from '../../platform/queue/queue.ts';
import { connectorsHandlers, connectorsSchedules } from './connectors.jobs.ts';
import { CONNECTOR_JOBS, createConnectorsService } from './connectors.service.ts';

const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAfake-bearer-token';
const tweet = (n: number) => ({
  id: String(1800000000000000000n + BigInt(n)),
  text: `pos ${n}`,
  created_at: new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString(),
});
const users: FakeXUser[] = [
  {
    id: '2001',
    username: 'asn_satu',
    name: 'Satu',
    description: 'PNS',
    tweets: Array.from({ length: 25 }, (_, i) => tweet(i + 1)),
  },
  {
    id: '2002',
    username: 'asn_dua',
    name: 'Dua',
    description: 'PPPK',
    tweets: [tweet(101), tweet(102), tweet(103)],
  },
  { id: '2003', username: 'asn_jeda', name: 'Jeda', description: '', tweets: [tweet(201)] },
];

let database: Database;
let x: FakeServer;
const masterKey = randomBytes(32);
const logger = pino({ level: 'silent' });

/** The ingest as the connectors see it: idempotent on post id; records every delivery. */
function ingestStore() {
  const stored = new Map<string, Post>();
  const deliveries: string[][] = [];
  let failAfter = Number.POSITIVE_INFINITY;
  const sink: PostSink = async (posts) => {
    if (deliveries.length >= failAfter) throw new Error('worker killed during ingest');
    deliveries.push(posts.map((p) => p.id));
    let inserted = 0;
    for (const p of posts)
      if (!stored.has(p.id)) {
        stored.set(p.id, p);
        inserted++;
      }
    return { read: posts.length, inserted, duplicates: posts.length - inserted, flagged: 0 };
  };
  return {
    sink,
    stored,
    deliveries,
    failAfter: (n: number) => {
      failAfter = n;
    },
  };
}

const service = (sink: PostSink, now?: () => Date) => {
  const { rt } = testRuntime(new Date());
  return createConnectorsService({
    db: database.db,
    masterKey,
    sink,
    connectors: { x: createXConnector({ baseUrl: x.url, bearerToken: TOKEN, pageSize: 10 }, rt) },
    now,
  });
};

beforeAll(async () => {
  database = await openTestDatabase();
  x = await startFakeX({ token: TOKEN, users });
  await database.db
    .insertInto('social_accounts')
    .values([
      { platform: 'x', handle: 'asn_satu', platform_user_id: '2001' },
      { platform: 'x', handle: 'asn_dua', platform_user_id: '2002' },
      { platform: 'x', handle: 'asn_jeda', platform_user_id: '2003', watch_status: 'paused' },
      { platform: 'x', handle: 'asn_tanpa_id' },
      { platform: 'youtube', handle: 'kanal', platform_user_id: 'UCxxxxxxxxxxxxxxxxxxxxxx' },
    ])
    .execute();
});
afterAll(async () => {
  await x.close();
  await database.close();
});

const checkpoint = (account: string) =>
  database.db
    .selectFrom('connector_checkpoints')
    .selectAll()
    .where('platform', '=', 'x')
    .where('account', '=', account)
    .executeTakeFirst();

describe('polling with checkpoints in the database', () => {
  it('a worker that dies mid-run resumes after restart from the stored page, every post exactly once', async () => {
    const store = ingestStore();
    store.failAfter(1); // the first page is ingested, then the worker dies
    x.reset();
    await expect(service(store.sink).pollAccount({ platform: 'x', account: '2001' })).rejects.toThrow(
      'worker killed',
    );
    const saved = await checkpoint('2001');
    expect(saved).toMatchObject({ since: null, locked_until: null });
    expect(Number(saved!.posts_seen)).toBe(10);
    expect(saved!.pending).toMatchObject({ token: expect.any(String), newest: tweet(25).id });
    expect(saved!.last_error).toContain('worker killed');

    // Restart: a new service, new adapter, the same database.
    store.failAfter(Number.POSITIVE_INFINITY);
    x.reset();
    const outcome = await service(store.sink).pollAccount({ platform: 'x', account: '2001' });
    expect(outcome).toEqual({ status: 'done', posts: 15, pages: 2 });
    expect(x.requests[0]!.query.get('pagination_token')).toBe(saved!.pending!.token);
    const all = store.deliveries.flat();
    expect(all).toHaveLength(25);
    expect(new Set(all).size).toBe(25);
    expect(store.stored.size).toBe(25);
    const done = await checkpoint('2001');
    expect(done).toMatchObject({ since: tweet(25).id, pending: null, last_error: null });
    expect(Number(done!.posts_seen)).toBe(25);
  });

  it('the next run asks only for what is new (since_id)', async () => {
    const store = ingestStore();
    users[0]!.tweets.push(tweet(26));
    x.reset();
    expect(await service(store.sink).pollAccount({ platform: 'x', account: '2001' })).toEqual({
      status: 'done',
      posts: 1,
      pages: 1,
    });
    expect(x.requests[0]!.query.get('since_id')).toBe(tweet(25).id);
    expect(store.deliveries).toEqual([[`x:${tweet(26).id}`]]);
  });

  it('a live lease (another worker, or one killed before releasing it) blocks a second poller until it expires', async () => {
    const store = ingestStore();
    const future = new Date(Date.now() + 5 * 60_000);
    await database.db
      .updateTable('connector_checkpoints')
      .set({ locked_until: future })
      .where('account', '=', '2001')
      .execute();
    expect(await service(store.sink).pollAccount({ platform: 'x', account: '2001' })).toEqual({
      status: 'busy',
    });
    const later = () => new Date(future.getTime() + 1000);
    expect((await service(store.sink, later).pollAccount({ platform: 'x', account: '2001' })).status).toBe(
      'done',
    );
  });

  it('records a refusal (unknown account 404, bad token 401) on the checkpoint without throwing', async () => {
    const store = ingestStore();
    const outcome = await service(store.sink).pollAccount({ platform: 'x', account: '9999' });
    expect(outcome).toMatchObject({ status: 'refused', error: expect.stringContaining('404') });
    expect((await checkpoint('9999'))!.last_error).toContain('Could not find user');
    x.inject({
      status: 401,
      body: { title: 'Unauthorized', detail: 'Unauthorized', type: 'about:blank', status: 401 },
    });
    expect(await service(store.sink).pollAccount({ platform: 'x', account: '2002' })).toMatchObject({
      status: 'refused',
      error: expect.stringContaining('401'),
    });
    expect(await service(store.sink).pollAccount({ platform: 'youtube', account: 'UC' })).toEqual({
      status: 'not-configured',
    });
  });

  it('drops a stored page cursor the platform refuses (400), so the next run starts from since', async () => {
    const store = ingestStore();
    await database.db
      .updateTable('connector_checkpoints')
      .set({ pending: JSON.stringify({ token: 'expired-token', newest: null }) })
      .where('account', '=', '2001')
      .execute();
    const outcome = await service(store.sink).pollAccount({ platform: 'x', account: '2001' });
    expect(outcome).toMatchObject({ status: 'refused', error: expect.stringContaining('400') });
    const cp = await checkpoint('2001');
    expect(cp).toMatchObject({ pending: null, since: tweet(26).id });
    expect(cp!.last_error).toContain('page cursor discarded');
    x.reset();
    expect((await service(store.sink).pollAccount({ platform: 'x', account: '2001' })).status).toBe('done');
    expect(x.requests[0]!.query.get('since_id')).toBe(tweet(26).id);
    expect(x.requests[0]!.query.get('pagination_token')).toBeNull();
  });
});

describe('polling as jobs on the queue', () => {
  it('the schedule plans one poll per watched account with a platform id; the worker runs them', async () => {
    const store = ingestStore();
    const connectors = service(store.sink);
    const worker = createWorker({
      db: database.db,
      logger,
      pollMs: 50,
      handlers: connectorsHandlers({ db: database.db, connectors, logger }),
      schedules: connectorsSchedules(900),
    });
    await worker.tickSchedules(new Date());
    expect(await worker.drain()).toBe(1); // the plan
    // then 2001 and 2002 (2003 is paused, asn_tanpa_id has no id)
    expect(await worker.drain()).toBe(2);
    const polls = await database.db
      .selectFrom('jobs')
      .select(['payload', 'status'])
      .where('kind', '=', CONNECTOR_JOBS.poll)
      .execute();
    expect(polls.map((j) => (j.payload as { account: string }).account).sort()).toEqual(['2001', '2002']);
    expect(polls.every((j) => j.status === 'done')).toBe(true);
    expect(store.stored.has(`x:${tweet(103).id}`)).toBe(true);
    expect(store.stored.has(`x:${tweet(201).id}`)).toBe(false);
    // Ticking again within the period plans nothing new.
    await worker.tickSchedules(new Date());
    expect(await worker.drain(new Date(Date.now() + 1000))).toBe(0);
  });

  it('a long rate limit re-enqueues the account for the reset time instead of holding the worker', async () => {
    const store = ingestStore();
    const connectors = service(store.sink);
    users[1]!.tweets.push(tweet(104));
    const reset = Math.floor(Date.now() / 1000) + 900;
    x.inject({ status: 429, headers: { 'x-rate-limit-reset': String(reset) } });
    const handlers = connectorsHandlers({ db: database.db, connectors, logger });
    await handlers[CONNECTOR_JOBS.poll]!(
      { platform: 'x', account: '2002', handle: 'asn_dua' },
      { jobId: '1', attempt: 1 },
    );
    const resume = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', CONNECTOR_JOBS.poll)
      .where('status', '=', 'pending')
      .where('dedupe_key', 'like', 'connectors:resume:%')
      .executeTakeFirstOrThrow();
    expect(resume.payload).toEqual({ platform: 'x', account: '2002', handle: 'asn_dua' });
    expect(new Date(resume.run_at).getTime()).toBe(reset * 1000);
    expect((await checkpoint('2002'))!.last_error).toContain('rate limited');
    expect(store.deliveries).toEqual([]);
  });
});
