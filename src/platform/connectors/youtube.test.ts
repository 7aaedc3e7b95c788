import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, testRuntime } from '../../../test/support/fake-platforms/runtime.ts';
import type { FakeServer } from '../../../test/support/fake-platforms/server.ts';
import {
  type FakeChannel,
  googleError,
  startFakeYouTube,
} from '../../../test/support/fake-platforms/youtube.ts';
import { type PlatformError, RateLimitedError } from './connector.ts';
import { createYouTubeConnector } from './youtube.ts';

const KEY = 'AIzaSyFAKE-youtube-api-key-000000';
const at = (n: number) => new Date(Date.UTC(2026, 10, 3, n)).toISOString();
const channel: FakeChannel = {
  id: 'UCabcdefghijklmnopqrstuv',
  title: 'Camat Balikpapan Utara',
  customUrl: '@camatbpu',
  videos: Array.from({ length: 7 }, (_, i) => ({
    id: `vid${i}xxxxxx`,
    title: `Video ${i}`,
    description: `Deskripsi lengkap video ${i} — ajakan memilih nomor urut dua pada hari pencoblosan`,
    publishedAt: at(i),
  })),
};

let yt: FakeServer;
beforeAll(async () => {
  yt = await startFakeYouTube({ apiKey: KEY, channels: [channel] });
});
afterAll(() => yt.close());

const connector = (rt = testRuntime().rt, key = KEY) =>
  createYouTubeConnector({ baseUrl: yt.url, apiKey: key, pageSize: 3 }, rt);
const account = { id: channel.id };

describe('YouTube Data API v3 adapter', () => {
  it('channels → uploads playlist → playlistItems pages → videos, with full descriptions', async () => {
    yt.reset();
    const run = await collect(connector(), account);
    expect(run.ids).toHaveLength(7);
    expect(new Set(run.ids).size).toBe(7);
    expect(yt.requests.map((r) => r.path.replace('/youtube/v3/', ''))).toEqual([
      'channels',
      'playlistItems',
      'videos',
      'playlistItems',
      'videos',
      'playlistItems',
      'videos',
    ]);
    expect(yt.requests[1]!.query.get('playlistId')).toBe('UUabcdefghijklmnopqrstuv');
    expect(run.pages[0]!.posts[0]).toEqual({
      id: 'youtube:vid6xxxxxx',
      platform: 'youtube',
      text: `Video 6\n\n${channel.videos[6]!.description}`,
      url: 'https://www.youtube.com/watch?v=vid6xxxxxx',
      author: { handle: 'camatbpu', name: 'Camat Balikpapan Utara' },
      posted_at: at(6),
      lang: 'id',
      media: [
        { type: 'video', url: 'https://www.youtube.com/watch?v=vid6xxxxxx' },
        { type: 'image', url: 'https://i.ytimg.com/vi/vid6xxxxxx/hqdefault.jpg' },
      ],
    });
    expect(run.last).toEqual({ since: at(6), pending: null });
  });

  it('resumes mid-run from the stored pageToken without asking for the channel again', async () => {
    const first = await collect(connector(), account, undefined, 1);
    expect(first.last.pending).toMatchObject({
      uploads: 'UUabcdefghijklmnopqrstuv',
      pageToken: expect.any(String),
    });
    yt.reset();
    const rest = await collect(connector(), account, first.last);
    expect(yt.requests[0]!.path).toBe('/youtube/v3/playlistItems');
    expect(yt.requests[0]!.query.get('pageToken')).toBe(first.last.pending!.pageToken);
    expect(new Set([...first.ids, ...rest.ids]).size).toBe(7);
    expect(first.ids.length + rest.ids.length).toBe(7);
  });

  it('a later run reads only videos newer than the checkpoint', async () => {
    yt.reset();
    const run = await collect(connector(), account, { since: at(4), pending: null });
    expect(run.ids).toEqual(['youtube:vid6xxxxxx', 'youtube:vid5xxxxxx']);
    expect(yt.requests.filter((r) => r.path.endsWith('playlistItems'))).toHaveLength(1);
  });

  it('backs off on rateLimitExceeded (403) and 503; waits for the daily reset on quotaExceeded', async () => {
    const { rt, sleeps } = testRuntime();
    yt.inject({ ...googleError(403, 'rateLimitExceeded', 'Rate Limit Exceeded') });
    yt.inject({ ...googleError(503, 'backendError', 'Backend Error') });
    expect((await collect(connector(rt), account)).ids).toHaveLength(7);
    expect(sleeps).toEqual([500, 1_000]);

    const quota = testRuntime(new Date('2026-12-02T07:00:00Z'));
    yt.inject({
      ...googleError(
        403,
        'quotaExceeded',
        'The request cannot be completed because you have exceeded your quota.',
      ),
    });
    const err = await collect(connector(quota.rt), account).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAt.toISOString()).toBe('2026-12-02T08:00:00.000Z');
    expect(quota.sleeps).toEqual([]);
  });

  it('refuses a bad key (400 keyInvalid), a forbidden call (403), an unknown channel (404)', async () => {
    const bad = await collect(connector(undefined, 'AIza-wrong-key-000000000000'), account).catch((e) => e);
    expect((bad as PlatformError).status).toBe(400);
    expect((bad as Error).message).toContain('API key not valid');
    yt.inject({ ...googleError(403, 'forbidden', 'Access forbidden.') });
    expect(((await collect(connector(), account).catch((e) => e)) as PlatformError).status).toBe(403);
    const missing = await collect(connector(), { id: 'UCnobodynobodynobodynobo' }).catch((e) => e);
    expect((missing as PlatformError).status).toBe(404);
  });
});
