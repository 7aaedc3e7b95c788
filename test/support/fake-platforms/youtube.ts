import { decodeCursor, encodeCursor, type FakeServer, type Reply, startFakeServer } from './server.ts';

/**
 * A fake YouTube Data API v3: `channels` (part contentDetails,snippet → uploads playlist),
 * `playlistItems` (newest first, `maxResults` ≤ 50, `pageToken` / `nextPageToken`), `videos`
 * (comma-separated ids, ≤ 50), API key in `key`, and Google's error body
 * (`{ error: { code, message, errors: [ { reason } ] } }`): keyInvalid 400, forbidden 403,
 * quotaExceeded 403, rateLimitExceeded 403, playlistNotFound 404.
 */
export type FakeVideo = { id: string; title: string; description: string; publishedAt: string };
export type FakeChannel = { id: string; title: string; customUrl: string; videos: FakeVideo[] };

export const googleError = (code: number, reason: string, message: string): Reply => ({
  status: code,
  body: { error: { code, message, errors: [{ message, domain: 'youtube.quota', reason }] } },
});

export async function startFakeYouTube(opts: {
  apiKey: string;
  channels: FakeChannel[];
}): Promise<FakeServer> {
  return startFakeServer((req) => {
    if (req.query.get('key') !== opts.apiKey)
      return googleError(400, 'keyInvalid', 'API key not valid. Please pass a valid API key.');
    const uploadsOf = (c: FakeChannel) => `UU${c.id.slice(2)}`;
    if (req.path === '/youtube/v3/channels') {
      const ids = (req.query.get('id') ?? '').split(',');
      return {
        status: 200,
        body: {
          kind: 'youtube#channelListResponse',
          pageInfo: { totalResults: 0, resultsPerPage: 5 },
          items: opts.channels
            .filter((c) => ids.includes(c.id))
            .map((c) => ({
              kind: 'youtube#channel',
              id: c.id,
              snippet: { title: c.title, customUrl: c.customUrl, description: '' },
              contentDetails: { relatedPlaylists: { likes: '', uploads: uploadsOf(c) } },
            })),
        },
      };
    }
    if (req.path === '/youtube/v3/playlistItems') {
      const c = opts.channels.find((ch) => uploadsOf(ch) === req.query.get('playlistId'));
      if (!c)
        return googleError(
          404,
          'playlistNotFound',
          "The playlist identified with the request's playlistId parameter cannot be found.",
        );
      const max = Math.min(50, Number(req.query.get('maxResults') ?? 5));
      const offset = decodeCursor(req.query.get('pageToken'));
      const all = [...c.videos].sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt));
      const items = all.slice(offset, offset + max);
      return {
        status: 200,
        body: {
          kind: 'youtube#playlistItemListResponse',
          ...(offset + max < all.length ? { nextPageToken: encodeCursor(offset + max) } : {}),
          pageInfo: { totalResults: all.length, resultsPerPage: max },
          items: items.map((v) => ({
            kind: 'youtube#playlistItem',
            id: `PI${v.id}`,
            // The playlist's snippet carries a shortened description; `videos` has the full one.
            snippet: {
              publishedAt: v.publishedAt,
              title: v.title,
              description: v.description.slice(0, 20),
              resourceId: { kind: 'youtube#video', videoId: v.id },
            },
            contentDetails: { videoId: v.id, videoPublishedAt: v.publishedAt },
          })),
        },
      };
    }
    if (req.path === '/youtube/v3/videos') {
      const ids = (req.query.get('id') ?? '').split(',');
      if (ids.length > 50) return googleError(400, 'invalidParameter', 'too many ids');
      const all = opts.channels.flatMap((c) => c.videos);
      return {
        status: 200,
        body: {
          kind: 'youtube#videoListResponse',
          items: all
            .filter((v) => ids.includes(v.id))
            .map((v) => ({
              kind: 'youtube#video',
              id: v.id,
              snippet: {
                publishedAt: v.publishedAt,
                title: v.title,
                description: v.description,
                defaultAudioLanguage: 'id',
                thumbnails: { high: { url: `https://i.ytimg.com/vi/${v.id}/hqdefault.jpg` } },
              },
            })),
        },
      };
    }
    return googleError(404, 'notFound', `no route ${req.path}`);
  });
}
