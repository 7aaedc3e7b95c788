import type { Post } from '../../contracts/post.ts';
import {
  type Checkpoint,
  type ConnectorRuntime,
  isoTime,
  type PollAccount,
  type PollingConnector,
  type PollPage,
  requestJson,
} from './connector.ts';
import {
  type GraphPaging,
  graphRequest,
  graphUrl,
  isAfter,
  laterIso,
  type MetaConfig,
} from './meta-graph.ts';

/**
 * Instagram professional accounts (Business or Creator) through the Meta Graph API:
 * `GET /{version}/{ig-user-id}/media`, newest first, cursor paging (`paging.cursors.after` while
 * `paging.next` is present). Personal Instagram accounts are not reachable by any API.
 */

type IgMedia = {
  id: string;
  caption?: string;
  media_type?: string;
  media_url?: string;
  thumbnail_url?: string;
  permalink?: string;
  timestamp?: string;
  username?: string;
};
export type IgMediaResponse = { data?: IgMedia[]; paging?: GraphPaging };

const MEDIA_TYPE: Record<string, string> = { IMAGE: 'image', VIDEO: 'video', CAROUSEL_ALBUM: 'album' };

export function mapInstagramMedia(body: IgMediaResponse, account: PollAccount): Post[] {
  return (body.data ?? []).map((m) => ({
    id: `instagram:${m.id}`,
    platform: 'instagram' as const,
    text: m.caption ?? '',
    url: m.permalink ?? `https://www.instagram.com/${m.username ?? account.handle ?? ''}`,
    author: { handle: m.username ?? account.handle ?? undefined },
    posted_at: isoTime(m.timestamp),
    media: [
      {
        type: MEDIA_TYPE[m.media_type ?? ''] ?? (m.media_type ?? 'image').toLowerCase(),
        url: m.media_url ?? m.thumbnail_url,
      },
    ],
  }));
}

export function createInstagramConnector(config: MetaConfig, rt: ConnectorRuntime): PollingConnector {
  return {
    platform: 'instagram',
    async *poll(account: PollAccount, checkpoint: Checkpoint): AsyncIterable<PollPage> {
      const since = checkpoint.since;
      let after = checkpoint.pending?.after as string | undefined;
      let newest = (checkpoint.pending?.newest as string | undefined) ?? null;
      const seen = new Set<string>();
      for (;;) {
        const url = graphUrl(config, `${encodeURIComponent(account.id)}/media`);
        url.searchParams.set(
          'fields',
          'id,caption,media_type,media_url,thumbnail_url,permalink,timestamp,username',
        );
        url.searchParams.set('limit', String(config.pageSize ?? 100));
        if (after) url.searchParams.set('after', after);
        const body = await requestJson<IgMediaResponse>(rt, graphRequest(config, 'instagram', url));
        const fresh = (body.data ?? []).filter((m) => isAfter(isoTime(m.timestamp), since));
        const posts = mapInstagramMedia({ data: fresh }, account).filter(
          (p) => !seen.has(p.id) && seen.add(p.id),
        );
        for (const p of posts) newest = laterIso(newest, p.posted_at);
        const reachedSince = fresh.length < (body.data ?? []).length;
        after = body.paging?.next && !reachedSince ? body.paging.cursors?.after : undefined;
        if (after) yield { posts, checkpoint: { since, pending: { after, newest } } };
        else {
          yield { posts, checkpoint: { since: laterIso(since, newest), pending: null } };
          return;
        }
      }
    },
  };
}
