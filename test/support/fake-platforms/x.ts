import {
  bearer,
  decodeCursor,
  encodeCursor,
  type FakeServer,
  type Reply,
  startFakeServer,
} from './server.ts';

/**
 * A fake X API v2 speaking the documented format of `GET /2/users/:id/tweets`: bearer auth,
 * newest first, `max_results`, `since_id` (exclusive), `pagination_token` / `meta.next_token`,
 * `includes.users` and `includes.media` expansions, X's error bodies
 * (`{ title, detail, type, status }`) and rate limits (429 with `x-rate-limit-reset`).
 */
export type FakeTweet = {
  id: string;
  text: string;
  created_at: string;
  media?: { type: string; url: string }[];
};
export type FakeXUser = {
  id: string;
  username: string;
  name: string;
  description: string;
  tweets: FakeTweet[];
};

const problem = (status: number, title: string, detail: string): Reply => ({
  status,
  body: { title, detail, type: 'about:blank', status },
});

export async function startFakeX(opts: {
  token: string;
  users: FakeXUser[];
}): Promise<FakeServer & { users: FakeXUser[] }> {
  const server = await startFakeServer((req) => {
    if (bearer(req) !== opts.token) return problem(401, 'Unauthorized', 'Unauthorized');
    const m = /^\/2\/users\/([^/]+)\/tweets$/.exec(req.path);
    if (!m || req.method !== 'GET') return problem(404, 'Not Found', `no route ${req.path}`);
    const user = opts.users.find((u) => u.id === m[1]);
    if (!user) return problem(404, 'Not Found Error', `Could not find user with id: [${m[1]}].`);
    const max = Number(req.query.get('max_results') ?? 10);
    if (!Number.isInteger(max) || max < 5 || max > 100)
      return problem(
        400,
        'Invalid Request',
        'The `max_results` query parameter value is not between 5 and 100',
      );
    const sinceId = req.query.get('since_id');
    const all = [...user.tweets]
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
      .filter((t) => !sinceId || BigInt(t.id) > BigInt(sinceId));
    let offset: number;
    try {
      offset = decodeCursor(req.query.get('pagination_token'));
    } catch {
      return problem(400, 'Invalid Request', 'The `pagination_token` query parameter value is not valid');
    }
    const page = all.slice(offset, offset + max);
    const mediaOf = (t: FakeTweet) => (t.media ?? []).map((_, i) => `${t.id}_${i}`);
    return {
      status: 200,
      headers: { 'x-rate-limit-limit': '900', 'x-rate-limit-remaining': '899' },
      body: {
        ...(page.length
          ? {
              data: page.map((t) => ({
                id: t.id,
                text: t.text,
                created_at: t.created_at,
                author_id: user.id,
                lang: 'in',
                edit_history_tweet_ids: [t.id],
                ...(t.media?.length ? { attachments: { media_keys: mediaOf(t) } } : {}),
              })),
              includes: {
                users: [
                  { id: user.id, username: user.username, name: user.name, description: user.description },
                ],
                media: page.flatMap((t) =>
                  (t.media ?? []).map((md, i) => ({
                    media_key: `${t.id}_${i}`,
                    type: md.type,
                    ...(md.type === 'photo' ? { url: md.url } : { preview_image_url: md.url }),
                  })),
                ),
              },
            }
          : {}),
        meta: {
          result_count: page.length,
          ...(page.length ? { newest_id: page[0]!.id, oldest_id: page[page.length - 1]!.id } : {}),
          ...(offset + max < all.length ? { next_token: encodeCursor(offset + max) } : {}),
        },
      },
    };
  });
  return Object.assign(server, { users: opts.users });
}
