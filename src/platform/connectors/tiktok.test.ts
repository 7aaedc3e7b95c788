import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, testRuntime } from '../../../test/support/fake-platforms/runtime.ts';
import type { FakeServer } from '../../../test/support/fake-platforms/server.ts';
import { type FakeTikTokVideo, startFakeTikTok } from '../../../test/support/fake-platforms/tiktok.ts';
import type { PlatformError } from './connector.ts';
import { createTikTokConnector } from './tiktok.ts';

const NOW = new Date('2026-12-02T07:00:00Z');
const sec = (hoursAgo: number) => Math.floor(NOW.getTime() / 1000) - hoursAgo * 3600;
const videos: FakeTikTokVideo[] = [
  ...Array.from({ length: 11 }, (_, i) => ({
    id: 7300000000000000000 + i * 1000,
    username: 'asn.dishub',
    video_description: `Video ${i} #pilkada2026`,
    create_time: sec(100 - i * 5),
  })),
  { id: 7300000000000099000, username: 'orang.lain', video_description: 'bukan target', create_time: sec(2) },
];

let tt: FakeServer & { tokensIssued: () => number };
beforeAll(async () => {
  tt = await startFakeTikTok({ clientKey: 'awfakeclientkey', clientSecret: 'fake-client-secret', videos });
});
afterAll(() => tt.close());

const connector = (rt = testRuntime(NOW).rt, secret = 'fake-client-secret') =>
  createTikTokConnector(
    { baseUrl: tt.url, clientKey: 'awfakeclientkey', clientSecret: secret, pageSize: 4 },
    rt,
  );
const account = { id: 'asn.dishub' };
const queries = () =>
  tt.requests.filter((r) => r.path === '/v2/research/video/query/').map((r) => JSON.parse(r.body));

describe('TikTok Research API adapter', () => {
  it('gets a client token once, queries by username over a date range, pages with cursor + search_id', async () => {
    tt.reset();
    const c = connector();
    const run = await collect(c, account);
    expect(run.ids).toHaveLength(11);
    expect(new Set(run.ids).size).toBe(11);
    const q = queries();
    expect(q).toHaveLength(3);
    expect(q[0]).toMatchObject({
      query: { and: [{ operation: 'EQ', field_name: 'username', field_values: ['asn.dishub'] }] },
      start_date: '20261125',
      end_date: '20261202',
      max_count: 4,
    });
    expect(q[1]).toMatchObject({ cursor: 4, search_id: 'search-1' });
    expect(tt.requests.filter((r) => r.path === '/v2/oauth/token/')).toHaveLength(1);
    const newest = videos[10]!;
    expect(run.pages.flatMap((p) => p.posts).find((p) => p.id === `tiktok:${newest.id}`)).toEqual({
      id: `tiktok:${newest.id}`,
      platform: 'tiktok',
      text: 'Video 10 #pilkada2026',
      url: `https://www.tiktok.com/@asn.dishub/video/${newest.id}`,
      author: { handle: 'asn.dishub' },
      posted_at: new Date(newest.create_time * 1000).toISOString(),
      media: [{ type: 'video', url: `https://www.tiktok.com/@asn.dishub/video/${newest.id}` }],
    });
    expect(run.last).toEqual({ since: String(newest.create_time), pending: null });
    // The token is reused for the next run of the same adapter.
    await collect(c, account, run.last);
    expect(tt.requests.filter((r) => r.path === '/v2/oauth/token/')).toHaveLength(1);
  });

  it('keeps only videos newer than the checkpoint, though results are unordered', async () => {
    const since = String(videos[7]!.create_time);
    const run = await collect(connector(), account, { since, pending: null });
    expect(run.ids.sort()).toEqual([8, 9, 10].map((i) => `tiktok:${videos[i]!.id}`).sort());
  });

  it('resumes from the stored cursor and search_id after a restart', async () => {
    const first = await collect(connector(), account, undefined, 1);
    expect(first.last.pending).toMatchObject({ cursor: 4, search_id: expect.any(String) });
    tt.reset();
    const rest = await collect(connector(), account, first.last);
    expect(queries()[0]).toMatchObject({ cursor: 4, search_id: first.last.pending!.search_id });
    expect(new Set([...first.ids, ...rest.ids]).size).toBe(11);
    expect(first.ids.length + rest.ids.length).toBe(11);
  });

  it('honours 429 rate_limit_exceeded with Retry-After, and refuses a bad client secret', async () => {
    const { rt, sleeps } = testRuntime(NOW);
    tt.inject({
      path: /video\/query/,
      status: 429,
      headers: { 'retry-after': '9' },
      body: { error: { code: 'rate_limit_exceeded', message: 'API rate limit was exceeded', log_id: 'x' } },
    });
    expect((await collect(connector(rt), account)).ids).toHaveLength(11);
    expect(sleeps).toEqual([9_000]);
    const bad = await collect(connector(undefined, 'wrong'), account).catch((e) => e);
    expect((bad as PlatformError).status).toBe(401);
    expect((bad as Error).message).toContain('Client key or secret is incorrect');
  });

  it('reports 401 access_token_invalid, 403 and 404 with the platform message', async () => {
    for (const [status, code] of [
      [401, 'access_token_invalid'],
      [403, 'scope_not_authorized'],
      [404, 'not_found'],
    ] as const) {
      tt.inject({
        path: /video\/query/,
        status,
        body: { error: { code, message: `msg ${code}`, log_id: 'x' } },
      });
      const err = await collect(connector(), account).catch((e) => e);
      expect((err as PlatformError).status).toBe(status);
      expect((err as Error).message).toContain(code);
    }
  });
});
