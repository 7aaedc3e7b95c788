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
 * Facebook Pages through the Meta Graph API: `GET /{version}/{page-id}/posts`, newest first,
 * cursor paging (`paging.cursors.after`, continued while `paging.next` is present), bounded by
 * `since` (unix seconds). Needs a Page access token or an app with Page Public Content Access.
 * Personal profiles cannot be read at all (docs/connectors.md).
 */

type FbAttachment = { media_type?: string; url?: string; media?: { image?: { src?: string } } };
type FbPost = {
  id: string;
  message?: string;
  story?: string;
  created_time?: string;
  permalink_url?: string;
  from?: { id?: string; name?: string };
  attachments?: { data?: FbAttachment[] };
};
export type FbPostsResponse = { data?: FbPost[]; paging?: GraphPaging };

export function mapFacebookPosts(body: FbPostsResponse, account: PollAccount): Post[] {
  return (body.data ?? []).map((p) => {
    const media = (p.attachments?.data ?? []).flatMap((a) =>
      a.media_type && a.media_type !== 'link'
        ? [{ type: a.media_type === 'photo' ? 'image' : a.media_type, url: a.media?.image?.src ?? a.url }]
        : [],
    );
    return {
      id: `facebook:${p.id}`,
      platform: 'facebook' as const,
      text: p.message ?? p.story ?? '',
      url: p.permalink_url ?? `https://www.facebook.com/${p.id}`,
      author: { handle: account.handle ?? p.from?.id ?? account.id, name: p.from?.name },
      posted_at: isoTime(p.created_time),
      ...(media.length ? { media } : {}),
    };
  });
}

export function createFacebookConnector(config: MetaConfig, rt: ConnectorRuntime): PollingConnector {
  return {
    platform: 'facebook',
    async *poll(account: PollAccount, checkpoint: Checkpoint): AsyncIterable<PollPage> {
      const since = checkpoint.since;
      let after = checkpoint.pending?.after as string | undefined;
      let newest = (checkpoint.pending?.newest as string | undefined) ?? null;
      const seen = new Set<string>();
      for (;;) {
        const url = graphUrl(config, `${encodeURIComponent(account.id)}/posts`);
        url.searchParams.set(
          'fields',
          'id,message,story,created_time,permalink_url,from{id,name},attachments{media_type,url,media}',
        );
        url.searchParams.set('limit', String(config.pageSize ?? 100));
        if (since) url.searchParams.set('since', String(Math.floor(Date.parse(since) / 1000)));
        if (after) url.searchParams.set('after', after);
        const body = await requestJson<FbPostsResponse>(rt, graphRequest(config, 'facebook', url));
        const fresh = (body.data ?? []).filter((p) => isAfter(isoTime(p.created_time), since));
        const posts = mapFacebookPosts({ data: fresh }, account).filter(
          (p) => !seen.has(p.id) && seen.add(p.id),
        );
        for (const p of posts) newest = laterIso(newest, p.posted_at);
        // Newest first: a page that reached the checkpoint ends the run.
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
