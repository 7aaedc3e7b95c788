import type { Post } from '../../contracts/post.ts';
import {
  type Checkpoint,
  type ConnectorRuntime,
  isoTime,
  PlatformError,
  type PollAccount,
  type PollingConnector,
  type PollPage,
  RateLimitedError,
  requestJson,
} from './connector.ts';
import { isAfter, laterIso } from './meta-graph.ts';

/**
 * YouTube Data API v3 with an API key (public data only): `channels` (part=contentDetails,snippet)
 * gives the channel's uploads playlist; `playlistItems` (pageToken / nextPageToken, newest first)
 * lists its videos; `videos` (part=snippet, up to 50 ids) gives their full descriptions.
 * Quota: 10,000 units a day by default, 1 unit per call here; `quotaExceeded` waits for the daily
 * reset (midnight Pacific time) instead of retrying.
 */

type YtError = { error?: { code?: number; message?: string; errors?: { reason?: string }[] } };
type YtChannel = {
  id: string;
  snippet?: { title?: string; customUrl?: string; description?: string };
  contentDetails?: { relatedPlaylists?: { uploads?: string } };
};
type YtPlaylistItem = {
  snippet?: { publishedAt?: string; title?: string; description?: string; resourceId?: { videoId?: string } };
  contentDetails?: { videoId?: string; videoPublishedAt?: string };
};
type YtVideo = {
  id: string;
  snippet?: {
    publishedAt?: string;
    title?: string;
    description?: string;
    defaultLanguage?: string;
    defaultAudioLanguage?: string;
    thumbnails?: Record<string, { url?: string }>;
  };
};
export type YtList<T> = { items?: T[]; nextPageToken?: string };

export type YouTubeConfig = { baseUrl: string; apiKey: string; pageSize?: number };

const reasons = (body: unknown) => ((body as YtError | undefined)?.error?.errors ?? []).map((e) => e.reason);

/** Midnight Pacific time, when the daily quota resets (taken as 08:00 UTC; an hour early in summer). */
const nextQuotaReset = (now: Date) => {
  const reset = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 8));
  if (reset <= now) reset.setUTCDate(reset.getUTCDate() + 1);
  return reset;
};

export function mapYouTubeVideo(video: YtVideo, channel: { handle?: string; name?: string }): Post {
  const s = video.snippet ?? {};
  const thumb = s.thumbnails?.high?.url ?? s.thumbnails?.default?.url;
  return {
    id: `youtube:${video.id}`,
    platform: 'youtube',
    text: [s.title, s.description].filter(Boolean).join('\n\n'),
    url: `https://www.youtube.com/watch?v=${video.id}`,
    author: { handle: channel.handle, name: channel.name },
    posted_at: isoTime(s.publishedAt),
    lang: s.defaultLanguage ?? s.defaultAudioLanguage,
    media: [
      { type: 'video', url: `https://www.youtube.com/watch?v=${video.id}` },
      ...(thumb ? [{ type: 'image', url: thumb }] : []),
    ],
  };
}

export function createYouTubeConnector(config: YouTubeConfig, rt: ConnectorRuntime): PollingConnector {
  const get = async <T>(path: string, params: Record<string, string>) => {
    const url = new URL(`/youtube/v3/${path}`, config.baseUrl);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    url.searchParams.set('key', config.apiKey);
    try {
      return await requestJson<T>(rt, {
        platform: 'youtube',
        url,
        isThrottled: (status, body) =>
          status === 403 &&
          reasons(body).some((r) => r === 'rateLimitExceeded' || r === 'userRateLimitExceeded'),
        describeError: (body) => (body as YtError | undefined)?.error?.message,
      });
    } catch (e) {
      if (e instanceof PlatformError && e.status === 403 && reasons(e.body).includes('quotaExceeded'))
        throw new RateLimitedError('youtube', nextQuotaReset(rt.now()));
      throw e;
    }
  };

  return {
    platform: 'youtube',
    async *poll(account: PollAccount, checkpoint: Checkpoint): AsyncIterable<PollPage> {
      const since = checkpoint.since;
      const pending = checkpoint.pending ?? {};
      let uploads = pending.uploads as string | undefined;
      let channel = {
        handle: pending.handle as string | undefined,
        name: pending.name as string | undefined,
      };
      if (!uploads) {
        const list = await get<YtList<YtChannel>>('channels', {
          part: 'snippet,contentDetails',
          id: account.id,
        });
        const ch = list.items?.[0];
        uploads = ch?.contentDetails?.relatedPlaylists?.uploads;
        if (!ch || !uploads)
          throw new PlatformError('youtube', 404, `kanal tidak ditemukan / channel not found: ${account.id}`);
        channel = {
          handle: ch.snippet?.customUrl?.replace(/^@/, '') ?? account.handle ?? undefined,
          name: ch.snippet?.title,
        };
      }
      let pageToken = pending.pageToken as string | undefined;
      let newest = (pending.newest as string | undefined) ?? null;
      const seen = new Set<string>();
      for (;;) {
        const page = await get<YtList<YtPlaylistItem>>('playlistItems', {
          part: 'snippet,contentDetails',
          playlistId: uploads,
          maxResults: String(config.pageSize ?? 50),
          ...(pageToken ? { pageToken } : {}),
        });
        const items = page.items ?? [];
        const fresh = items.filter((i) =>
          isAfter(isoTime(i.contentDetails?.videoPublishedAt ?? i.snippet?.publishedAt), since),
        );
        const ids = fresh
          .map((i) => i.contentDetails?.videoId ?? i.snippet?.resourceId?.videoId)
          .filter((id): id is string => Boolean(id) && !seen.has(id!));
        let posts: Post[] = [];
        if (ids.length) {
          const videos = await get<YtList<YtVideo>>('videos', { part: 'snippet', id: ids.join(',') });
          // Keep the playlist order; a video that went private between the two calls is skipped.
          const byId = new Map((videos.items ?? []).map((v) => [v.id, v]));
          posts = ids.flatMap((id) => {
            const v = byId.get(id);
            return v ? [mapYouTubeVideo(v, channel)] : [];
          });
          for (const id of ids) seen.add(id);
        }
        for (const p of posts) newest = laterIso(newest, p.posted_at);
        const reachedSince = fresh.length < items.length;
        pageToken = !reachedSince ? page.nextPageToken : undefined;
        if (pageToken)
          yield {
            posts,
            checkpoint: {
              since,
              pending: { uploads, handle: channel.handle, name: channel.name, pageToken, newest },
            },
          };
        else {
          yield { posts, checkpoint: { since: laterIso(since, newest), pending: null } };
          return;
        }
      }
    },
  };
}
