import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeMetaData, graphError, startFakeMeta } from '../../../test/support/fake-platforms/meta.ts';
import { collect, testRuntime } from '../../../test/support/fake-platforms/runtime.ts';
import type { FakeServer } from '../../../test/support/fake-platforms/server.ts';
import { PlatformError, RateLimitedError } from './connector.ts';
import { createFacebookConnector } from './facebook.ts';
import { createInstagramConnector } from './instagram.ts';

const TOKEN = 'EAAGfake-page-access-token-0123456789';
const VERSION = 'v23.0';
const at = (n: number) => new Date(Date.UTC(2026, 10, 2, 0, n)).toISOString();
const data: FakeMetaData = {
  pages: {
    '1020304050': {
      name: 'Dinas Pendidikan Kota Balikpapan',
      posts: Array.from({ length: 12 }, (_, i) => ({
        id: `1020304050_${900 + i}`,
        message: `Kegiatan ${i}`,
        created_time: at(i),
        permalink_url: `https://www.facebook.com/1020304050/posts/${900 + i}`,
      })),
    },
  },
  igUsers: {
    '17841400000000001': {
      username: 'guru.pppk.bpn',
      media: Array.from({ length: 7 }, (_, i) => ({
        id: `1790000${i}`,
        caption: `Foto ${i} #coblos`,
        media_type: i % 3 === 0 ? ('VIDEO' as const) : ('IMAGE' as const),
        media_url: `https://scontent.example/${i}.jpg`,
        permalink: `https://www.instagram.com/p/ABC${i}/`,
        timestamp: at(i),
      })),
    },
    '17841400000000002': { username: 'pribadi', media: [], personal: true },
  },
};

let meta: FakeServer;
beforeAll(async () => {
  meta = await startFakeMeta({ token: TOKEN, version: VERSION, data });
});
afterAll(() => meta.close());

const config = (pageSize = 5, token = TOKEN) => ({
  baseUrl: meta.url,
  accessToken: token,
  version: VERSION,
  pageSize,
});
const page = { id: '1020304050', handle: 'disdik.balikpapan' };
const ig = { id: '17841400000000001', handle: 'guru.pppk.bpn' };

describe('Meta Graph API: Facebook Page posts', () => {
  it('pages with cursors (paging.next / cursors.after), maps to posts, no duplicates, checkpoint = newest', async () => {
    meta.reset();
    const run = await collect(createFacebookConnector(config(), testRuntime().rt), page);
    expect(run.pages).toHaveLength(3);
    expect(run.ids).toHaveLength(12);
    expect(new Set(run.ids).size).toBe(12);
    expect(run.pages[0]!.posts[0]).toEqual({
      id: 'facebook:1020304050_911',
      platform: 'facebook',
      text: 'Kegiatan 11',
      url: 'https://www.facebook.com/1020304050/posts/911',
      author: { handle: 'disdik.balikpapan', name: 'Dinas Pendidikan Kota Balikpapan' },
      posted_at: at(11),
    });
    expect(run.last).toEqual({ since: at(11), pending: null });
    expect(meta.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(meta.requests[1]!.query.get('after')).toBeTruthy();
  });

  it('second run: only newer posts, with `since`', async () => {
    data.pages['1020304050']!.posts.push({
      id: '1020304050_999',
      message: 'Baru',
      created_time: at(30),
      permalink_url: 'https://www.facebook.com/1020304050/posts/999',
    });
    meta.reset();
    const run = await collect(createFacebookConnector(config(), testRuntime().rt), page, {
      since: at(11),
      pending: null,
    });
    expect(run.ids).toEqual(['facebook:1020304050_999']);
    expect(meta.requests[0]!.query.get('since')).toBe(String(Date.parse(at(11)) / 1000));
    expect(run.last.since).toBe(at(30));
    data.pages['1020304050']!.posts.pop();
  });

  it('resumes from the stored `after` cursor after a restart', async () => {
    const first = await collect(createFacebookConnector(config(), testRuntime().rt), page, undefined, 1);
    const rest = await collect(createFacebookConnector(config(), testRuntime().rt), page, first.last);
    expect(new Set([...first.ids, ...rest.ids]).size).toBe(12);
    expect(first.ids.length + rest.ids.length).toBe(12);
    expect(rest.last).toEqual({ since: at(11), pending: null });
  });

  it('treats Graph throttling codes (4, 17, 32, 613) as rate limits: backs off, then continues', async () => {
    const { rt, sleeps } = testRuntime();
    meta.inject({ ...graphError(403, 32, 'Page request limit reached'), times: 1 });
    meta.inject({ ...graphError(400, 4, 'Application request limit reached'), times: 1 });
    const run = await collect(createFacebookConnector(config(), rt), page);
    expect(sleeps).toEqual([500, 1_000]);
    expect(run.ids).toHaveLength(12);
  });

  it('refuses a bad token (190), an unknown Page (100) and a 500 that persists', async () => {
    const bad = await collect(
      createFacebookConnector(config(5, 'EAAG-wrong-token-xxxxxxxx'), testRuntime().rt),
      page,
    ).catch((e) => e);
    expect(bad).toBeInstanceOf(PlatformError);
    expect((bad as Error).message).toContain('code 190');
    const missing = await collect(createFacebookConnector(config(), testRuntime().rt), {
      id: '404404',
    }).catch((e) => e);
    expect((missing as Error).message).toContain('does not exist');
    const { rt } = testRuntime(undefined, { maxAttempts: 2 });
    meta.inject({
      status: 500,
      body: { error: { message: 'An unknown error occurred', code: 1 } },
      times: 2,
    });
    const down = await collect(createFacebookConnector(config(), rt), page).catch((e) => e);
    expect((down as PlatformError).status).toBe(500);
    meta.reset();
  });
});

describe('Meta Graph API: Instagram professional account media', () => {
  it('pages the media edge, maps captions and media types, stops at the checkpoint', async () => {
    const run = await collect(createInstagramConnector(config(3), testRuntime().rt), ig);
    expect(run.ids).toHaveLength(7);
    expect(new Set(run.ids).size).toBe(7);
    expect(run.pages[0]!.posts[0]).toEqual({
      id: 'instagram:17900006',
      platform: 'instagram',
      text: 'Foto 6 #coblos',
      url: 'https://www.instagram.com/p/ABC6/',
      author: { handle: 'guru.pppk.bpn' },
      posted_at: at(6),
      media: [{ type: 'video', url: 'https://scontent.example/6.jpg' }],
    });
    meta.reset();
    // With a checkpoint at item 4, only 5 and 6 are new, and paging stops at the first old item.
    const next = await collect(createInstagramConnector(config(3), testRuntime().rt), ig, {
      since: at(4),
      pending: null,
    });
    expect(next.ids).toEqual(['instagram:17900006', 'instagram:17900005']);
    expect(meta.requests).toHaveLength(1);
    expect(next.last).toEqual({ since: at(6), pending: null });
  });

  it('cannot read a personal account (403, code 10) and says so', async () => {
    const err = await collect(createInstagramConnector(config(), testRuntime().rt), {
      id: '17841400000000002',
    }).catch((e) => e);
    expect((err as PlatformError).status).toBe(403);
    expect((err as Error).message).toContain('permission');
  });

  it('gives a 429 with a long Retry-After back as RateLimitedError', async () => {
    const { rt } = testRuntime();
    meta.inject({ status: 429, headers: { 'retry-after': '3600' }, body: graphError(429, 4, 'limit').body });
    const err = await collect(createInstagramConnector(config(), rt), ig).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAt.getTime()).toBe(rt.now().getTime() + 3_600_000);
  });
});
