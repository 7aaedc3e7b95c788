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
 * X API v2 user timelines: `GET /2/users/:id/tweets` with a bearer token (docs/connectors.md).
 * Newest first; `since_id` bounds a run to what is new since the last one, `pagination_token`
 * (from `meta.next_token`) walks the pages. The endpoint reaches back at most 3,200 posts.
 * Rate limits: 429 with `x-rate-limit-reset` (epoch seconds), honoured by `requestJson`.
 */

type XUser = { id: string; username?: string; name?: string; description?: string };
type XMedia = { media_key: string; type: string; url?: string; preview_image_url?: string };
type XTweet = {
  id: string;
  text: string;
  created_at?: string;
  lang?: string;
  author_id?: string;
  attachments?: { media_keys?: string[] };
  edit_history_tweet_ids?: string[];
};
export type XTimelineResponse = {
  data?: XTweet[];
  includes?: { users?: XUser[]; media?: XMedia[] };
  meta?: { result_count?: number; newest_id?: string; oldest_id?: string; next_token?: string };
  errors?: { title?: string; detail?: string; message?: string }[];
};

export type XConfig = { baseUrl: string; bearerToken: string; pageSize?: number };

const maxId = (a: string | null | undefined, b: string | null | undefined) => {
  if (!a) return b ?? null;
  if (!b) return a;
  return BigInt(a) >= BigInt(b) ? a : b;
};

/** Maps one page of a timeline response to contract §2 posts. */
export function mapXTimeline(body: XTimelineResponse, account: PollAccount): Post[] {
  const users = new Map((body.includes?.users ?? []).map((u) => [u.id, u]));
  const media = new Map((body.includes?.media ?? []).map((m) => [m.media_key, m]));
  return (body.data ?? []).map((t) => {
    const user = (t.author_id && users.get(t.author_id)) || users.get(account.id);
    const handle = user?.username ?? account.handle ?? undefined;
    const items = (t.attachments?.media_keys ?? []).flatMap((k) => {
      const m = media.get(k);
      if (!m) return [];
      return [{ type: m.type === 'photo' ? 'image' : m.type, url: m.url ?? m.preview_image_url }];
    });
    return {
      id: `x:${t.id}`,
      platform: 'x' as const,
      text: t.text,
      url: `https://x.com/${handle ?? 'i/web'}/status/${t.id}`,
      author: { handle, name: user?.name, bio: user?.description },
      posted_at: t.created_at,
      lang: t.lang,
      ...(items.length ? { media: items } : {}),
      // An edited post is a new id; its history lets the ingest link the versions.
      ...((t.edit_history_tweet_ids?.length ?? 0) > 1
        ? { edit_history_tweet_ids: t.edit_history_tweet_ids }
        : {}),
    };
  });
}

export function createXConnector(config: XConfig, rt: ConnectorRuntime): PollingConnector {
  return {
    platform: 'x',
    async *poll(account: PollAccount, checkpoint: Checkpoint): AsyncIterable<PollPage> {
      const since = checkpoint.since;
      let token = (checkpoint.pending?.token as string | undefined) ?? undefined;
      let newest = (checkpoint.pending?.newest as string | undefined) ?? null;
      const seen = new Set<string>();
      for (;;) {
        const url = new URL(`/2/users/${encodeURIComponent(account.id)}/tweets`, config.baseUrl);
        const q = url.searchParams;
        q.set('max_results', String(config.pageSize ?? 100));
        q.set('tweet.fields', 'created_at,lang,author_id,attachments,edit_history_tweet_ids');
        q.set('expansions', 'author_id,attachments.media_keys');
        q.set('user.fields', 'username,name,description');
        q.set('media.fields', 'type,url,preview_image_url');
        if (since) q.set('since_id', since);
        if (token) q.set('pagination_token', token);
        const body = await requestJson<XTimelineResponse>(rt, {
          platform: 'x',
          url,
          headers: { authorization: `Bearer ${config.bearerToken}` },
          describeError: (b) => {
            const e = b as { detail?: string; title?: string } | undefined;
            return e?.detail ?? e?.title;
          },
        });
        const posts = mapXTimeline(body, account).filter((p) => !seen.has(p.id) && seen.add(p.id));
        for (const t of body.data ?? []) newest = maxId(newest, t.id);
        newest = maxId(newest, body.meta?.newest_id);
        token = body.meta?.next_token;
        if (token) {
          yield { posts, checkpoint: { since, pending: { token, newest } } };
        } else {
          yield { posts, checkpoint: { since: maxId(since, newest), pending: null } };
          return;
        }
      }
    },
  };
}
