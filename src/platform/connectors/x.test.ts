import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, testRuntime } from '../../../test/support/fake-platforms/runtime.ts';
import type { FakeServer } from '../../../test/support/fake-platforms/server.ts';
import { type FakeXUser, startFakeX } from '../../../test/support/fake-platforms/x.ts';
import { PlatformError, RateLimitedError } from './connector.ts';
import { createXConnector } from './x.ts';

const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAfake-bearer-token';
const tweet = (n: number) => ({
  id: String(1790000000000000000n + BigInt(n)),
  text: `kicauan ${n} #pilkada`,
  created_at: new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString(),
  ...(n % 5 === 0 ? { media: [{ type: 'photo', url: `https://pbs.example/${n}.jpg` }] } : {}),
});
const user: FakeXUser = {
  id: '1111',
  username: 'budi_asn',
  name: 'Budi',
  description: 'ASN Pemkot Balikpapan',
  tweets: Array.from({ length: 23 }, (_, i) => tweet(i + 1)),
};

let x: FakeServer;
beforeAll(async () => {
  x = await startFakeX({ token: TOKEN, users: [user] });
});
afterAll(() => x.close());

const connector = (rt = testRuntime().rt, token = TOKEN) =>
  createXConnector({ baseUrl: x.url, bearerToken: token, pageSize: 10 }, rt);
const account = { id: '1111', handle: 'budi_asn' };

describe('X API v2 user timeline adapter', () => {
  it('walks every page with next_token, maps to contract posts, no duplicates', async () => {
    x.requests.length = 0;
    const run = await collect(connector(), account);
    expect(run.pages).toHaveLength(3);
    expect(run.ids).toHaveLength(23);
    expect(new Set(run.ids).size).toBe(23);
    expect(run.pages[0]!.posts[0]).toEqual({
      id: `x:${tweet(23).id}`,
      platform: 'x',
      text: 'kicauan 23 #pilkada',
      url: `https://x.com/budi_asn/status/${tweet(23).id}`,
      author: { handle: 'budi_asn', name: 'Budi', bio: 'ASN Pemkot Balikpapan' },
      posted_at: tweet(23).created_at,
      lang: 'in',
    });
    expect(run.pages[0]!.posts.find((p) => p.id === `x:${tweet(20).id}`)?.media).toEqual([
      { type: 'image', url: 'https://pbs.example/20.jpg' },
    ]);
    expect(run.last).toEqual({ since: tweet(23).id, pending: null });
    expect(x.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(x.requests[1]!.query.get('pagination_token')).toBeTruthy();
  });

  it('asks only for what is new since the checkpoint (since_id)', async () => {
    user.tweets.push(tweet(24), tweet(25));
    x.requests.length = 0;
    const run = await collect(connector(), account, { since: tweet(23).id, pending: null });
    expect(run.ids).toEqual([`x:${tweet(25).id}`, `x:${tweet(24).id}`]);
    expect(x.requests[0]!.query.get('since_id')).toBe(tweet(23).id);
    expect(run.last).toEqual({ since: tweet(25).id, pending: null });
    // Nothing new: one request, the checkpoint stays.
    const again = await collect(connector(), account, run.last);
    expect(again.ids).toEqual([]);
    expect(again.last).toEqual(run.last);
    user.tweets.splice(23);
  });

  it('resumes a run cut after its first page from the stored cursor, without duplicates', async () => {
    const first = await collect(connector(), account, undefined, 1);
    expect(first.ids).toHaveLength(10);
    expect(first.last.pending).toMatchObject({ token: expect.any(String), newest: tweet(23).id });
    x.requests.length = 0;
    // A new adapter instance, as after a restart of the worker.
    const rest = await collect(connector(), account, first.last);
    expect(x.requests[0]!.query.get('pagination_token')).toBe(first.last.pending!.token);
    expect(rest.ids).toHaveLength(13);
    const all = [...first.ids, ...rest.ids];
    expect(new Set(all).size).toBe(23);
    expect(rest.last).toEqual({ since: tweet(23).id, pending: null });
  });

  it('honours a 429 with x-rate-limit-reset: waits until the reset (injected sleep), then goes on', async () => {
    const { rt, sleeps } = testRuntime();
    const reset = Math.floor(rt.now().getTime() / 1000) + 42;
    x.inject({
      status: 429,
      headers: { 'x-rate-limit-reset': String(reset), 'x-rate-limit-remaining': '0' },
      body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
    });
    const run = await collect(connector(rt), account);
    expect(sleeps).toEqual([42_000]);
    expect(run.ids).toHaveLength(23);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const { rt, sleeps } = testRuntime();
    x.inject({ status: 429, headers: { 'retry-after': new Date(rt.now().getTime() + 5_000).toUTCString() } });
    await collect(connector(rt), account);
    expect(sleeps).toEqual([5_000]);
  });

  it('gives a long rate limit back as RateLimitedError with the time to resume (no long sleep)', async () => {
    const { rt, sleeps } = testRuntime();
    const reset = Math.floor(rt.now().getTime() / 1000) + 900;
    x.inject({ status: 429, headers: { 'x-rate-limit-reset': String(reset) } });
    const err = await collect(connector(rt), account).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAt.getTime()).toBe(reset * 1000);
    expect(sleeps).toEqual([]);
  });

  it('backs off with jitter on 5xx, bounded, and then succeeds', async () => {
    const { rt, sleeps } = testRuntime();
    x.inject({ status: 500, body: { title: 'Internal Error' }, times: 1 });
    x.inject({ status: 503, body: { title: 'Service Unavailable' }, times: 1 });
    const run = await collect(connector(rt), account);
    expect(sleeps).toEqual([500, 1_000]); // random() = 0.5 of 1 s, then of 2 s
    expect(run.ids).toHaveLength(23);
  });

  it('gives up after the bounded attempts on a persistent 5xx', async () => {
    const { rt, sleeps } = testRuntime(undefined, { maxAttempts: 4 });
    x.inject({ status: 500, body: { title: 'Internal Error', detail: 'boom' }, times: 10 });
    x.requests.length = 0;
    const err = await collect(connector(rt), account).catch((e) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect((err as PlatformError).status).toBe(500);
    expect(x.requests).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
    x.reset();
  });

  it.each([
    [401, 'Unauthorized'],
    [403, 'Forbidden'],
  ])('refuses at once on %i (%s), without retrying', async (status, title) => {
    x.requests.length = 0;
    x.inject({ status, body: { title, detail: `${title} detail`, type: 'about:blank', status } });
    const err = await collect(connector(), account).catch((e) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect((err as PlatformError).status).toBe(status);
    expect((err as Error).message).toContain(`${title} detail`);
    expect(x.requests).toHaveLength(1);
  });

  it('refuses a wrong token (401) and an unknown user (404) as the API answers them', async () => {
    const bad = await collect(connector(undefined, 'wrong-token-wrong-token'), account).catch((e) => e);
    expect((bad as PlatformError).status).toBe(401);
    const missing = await collect(connector(), { id: '999' }).catch((e) => e);
    expect((missing as PlatformError).status).toBe(404);
    expect((missing as Error).message).toContain('Could not find user');
  });
});
