import type { Post } from '../../contracts/post.ts';
import {
  type Checkpoint,
  type ConnectorRuntime,
  type PollAccount,
  type PollingConnector,
  type PollPage,
  requestJson,
} from './connector.ts';

/**
 * TikTok Research API (approved researchers only, docs/connectors.md). A client access token comes
 * from `POST /v2/oauth/token/` (client credentials); videos from `POST /v2/research/video/query/`
 * with a query on `username`, a date range of at most 30 days (`start_date`/`end_date`,
 * YYYYMMDD, UTC), and `cursor` + `search_id` for the next page while `has_more` is true.
 * Results are not ordered by time, so a run reads every page of its range and keeps what is newer
 * than the checkpoint (`since` = newest `create_time`, unix seconds).
 */

type TtVideo = {
  id: number | string;
  video_description?: string;
  create_time?: number;
  username?: string;
  region_code?: string;
  hashtag_names?: string[];
  voice_to_text?: string;
};
type TtError = { error?: { code?: string; message?: string; log_id?: string } };
export type TtQueryResponse = {
  data?: { videos?: TtVideo[]; cursor?: number; has_more?: boolean; search_id?: string };
} & TtError;

export type TikTokConfig = {
  baseUrl: string;
  clientKey: string;
  clientSecret: string;
  /** How far back the first run of an account reaches, days (at most 30). */
  firstRunDays?: number;
  pageSize?: number;
};

const DAY = 86_400_000;
const ymd = (d: Date) => d.toISOString().slice(0, 10).replaceAll('-', '');

export function mapTikTokVideo(v: TtVideo, account: PollAccount): Post {
  const username = v.username ?? account.handle ?? account.id;
  return {
    id: `tiktok:${v.id}`,
    platform: 'tiktok',
    text: v.video_description ?? '',
    url: `https://www.tiktok.com/@${username}/video/${v.id}`,
    author: { handle: username },
    posted_at: v.create_time !== undefined ? new Date(v.create_time * 1000).toISOString() : undefined,
    media: [{ type: 'video', url: `https://www.tiktok.com/@${username}/video/${v.id}` }],
    ...(v.voice_to_text ? { voice_to_text: v.voice_to_text } : {}),
    ...(v.hashtag_names?.length ? { hashtags: v.hashtag_names } : {}),
    ...(v.region_code ? { region_code: v.region_code } : {}),
  };
}

export function createTikTokConnector(config: TikTokConfig, rt: ConnectorRuntime): PollingConnector {
  let token: { value: string; until: number } | undefined;
  const describeError = (body: unknown) => {
    const e = (body as TtError | undefined)?.error;
    return e ? `${e.code ?? 'error'}: ${e.message ?? ''}` : undefined;
  };

  async function accessToken(): Promise<string> {
    if (token && token.until > rt.now().getTime()) return token.value;
    const body = await requestJson<{ access_token?: string; expires_in?: number }>(rt, {
      platform: 'tiktok',
      url: new URL('/v2/oauth/token/', config.baseUrl),
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_key: config.clientKey,
        client_secret: config.clientSecret,
        grant_type: 'client_credentials',
      }).toString(),
      describeError: (b) => {
        const e = b as { error?: string; error_description?: string } | undefined;
        return e?.error_description ?? e?.error;
      },
    });
    if (!body.access_token) throw new Error('tiktok: token tidak diterima / no access token in the answer');
    token = { value: body.access_token, until: rt.now().getTime() + ((body.expires_in ?? 7200) - 60) * 1000 };
    return token.value;
  }

  return {
    platform: 'tiktok',
    async *poll(account: PollAccount, checkpoint: Checkpoint): AsyncIterable<PollPage> {
      const since = checkpoint.since;
      const pending = checkpoint.pending;
      const now = rt.now();
      const earliest = new Date(now.getTime() - 29 * DAY);
      const from = since
        ? new Date(Number(since) * 1000)
        : new Date(now.getTime() - Math.min(30, config.firstRunDays ?? 7) * DAY);
      const range = {
        start_date: (pending?.start_date as string) ?? ymd(from < earliest ? earliest : from),
        end_date: (pending?.end_date as string) ?? ymd(now),
      };
      let cursor = pending?.cursor as number | undefined;
      let searchId = pending?.search_id as string | undefined;
      let newest = (pending?.newest as string | undefined) ?? null;
      const seen = new Set<string>();
      for (;;) {
        const url = new URL('/v2/research/video/query/', config.baseUrl);
        url.searchParams.set(
          'fields',
          'id,video_description,create_time,username,region_code,hashtag_names,voice_to_text',
        );
        const body = await requestJson<TtQueryResponse>(rt, {
          platform: 'tiktok',
          url,
          method: 'POST',
          headers: { authorization: `Bearer ${await accessToken()}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            query: { and: [{ operation: 'EQ', field_name: 'username', field_values: [account.id] }] },
            ...range,
            max_count: config.pageSize ?? 100,
            ...(cursor !== undefined ? { cursor } : {}),
            ...(searchId ? { search_id: searchId } : {}),
          }),
          describeError,
        });
        const videos = (body.data?.videos ?? []).filter(
          (v) => v.create_time !== undefined && (!since || v.create_time > Number(since)),
        );
        const posts = videos
          .map((v) => mapTikTokVideo(v, account))
          .filter((p) => !seen.has(p.id) && seen.add(p.id));
        for (const v of videos)
          if (newest === null || v.create_time! > Number(newest)) newest = String(v.create_time);
        if (body.data?.has_more && body.data.cursor !== undefined) {
          cursor = body.data.cursor;
          searchId = body.data.search_id ?? searchId;
          yield { posts, checkpoint: { since, pending: { ...range, cursor, search_id: searchId, newest } } };
        } else {
          const latest =
            since === null
              ? newest
              : newest === null
                ? since
                : String(Math.max(Number(since), Number(newest)));
          yield { posts, checkpoint: { since: latest, pending: null } };
          return;
        }
      }
    },
  };
}
