import {
  bearer,
  decodeCursor,
  encodeCursor,
  type FakeServer,
  type RecordedRequest,
  type Reply,
  startFakeServer,
} from './server.ts';

/**
 * A fake Meta Graph API: `GET /{version}/{page-id}/posts` (Facebook Pages, `since` in unix
 * seconds) and `GET /{version}/{ig-user-id}/media` (Instagram professional accounts), newest first,
 * `limit`, cursor paging `paging.cursors.{before,after}` with `paging.next` only when there is more,
 * the token as a bearer header or `access_token`, and Graph error bodies
 * (`{ error: { message, type, code, fbtrace_id } }`): 190 bad token, 10/200 permission, 100
 * unknown object, 4/17/32/613 throttling.
 */
export type FakeFbPost = { id: string; message?: string; created_time: string; permalink_url: string };
export type FakeIgMedia = {
  id: string;
  caption?: string;
  media_type: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  media_url: string;
  permalink: string;
  timestamp: string;
};
export type FakeMetaData = {
  pages: Record<string, { name: string; posts: FakeFbPost[] }>;
  igUsers: Record<string, { username: string; media: FakeIgMedia[]; personal?: boolean }>;
};

export const graphError = (
  status: number,
  code: number,
  message: string,
  type = 'OAuthException',
): Reply => ({
  status,
  body: { error: { message, type, code, fbtrace_id: 'AbCdEfGh123' } },
});

const newestFirst = <T>(items: T[], time: (t: T) => string) =>
  [...items].sort((a, b) => Date.parse(time(b)) - Date.parse(time(a)));

function page<T>(req: RecordedRequest, base: string, all: T[]) {
  const limit = Number(req.query.get('limit') ?? 25);
  const offset = decodeCursor(req.query.get('after'));
  const data = all.slice(offset, offset + limit);
  const more = offset + limit < all.length;
  const next = new URL(`${base}${req.path}`);
  for (const [k, v] of req.query) next.searchParams.set(k, v);
  next.searchParams.set('after', encodeCursor(offset + limit));
  return {
    data,
    paging: {
      cursors: { before: encodeCursor(offset), after: encodeCursor(offset + data.length) },
      ...(more ? { next: next.toString() } : {}),
    },
  };
}

export async function startFakeMeta(opts: {
  token: string;
  version: string;
  data: FakeMetaData;
}): Promise<FakeServer> {
  let base = '';
  const server = await startFakeServer((req) => {
    const token = bearer(req) ?? req.query.get('access_token');
    if (token !== opts.token)
      return graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token');
    const m = new RegExp(`^/${opts.version.replace('.', '\\.')}/([^/]+)/(posts|media)$`).exec(req.path);
    if (!m) return graphError(400, 2500, 'Unknown path components', 'OAuthException');
    const [, id, edge] = m;
    if (edge === 'posts') {
      const pg = opts.data.pages[id!];
      if (!pg)
        return graphError(
          400,
          100,
          `Unsupported get request. Object with ID '${id}' does not exist`,
          'GraphMethodException',
        );
      const since = req.query.get('since');
      const posts = newestFirst(pg.posts, (p) => p.created_time).filter(
        (p) => !since || Date.parse(p.created_time) / 1000 >= Number(since),
      );
      return {
        status: 200,
        body: page(
          req,
          base,
          posts.map((p) => ({
            ...p,
            created_time: p.created_time.replace(/\.000Z$|Z$/, '+0000'),
            from: { id: id!, name: pg.name },
          })),
        ),
      };
    }
    const ig = opts.data.igUsers[id!];
    if (!ig)
      return graphError(
        400,
        100,
        `Unsupported get request. Object with ID '${id}' does not exist`,
        'GraphMethodException',
      );
    if (ig.personal) return graphError(403, 10, 'Application does not have permission for this action');
    const media = newestFirst(ig.media, (m) => m.timestamp).map((m) => ({
      ...m,
      timestamp: m.timestamp.replace(/\.000Z$|Z$/, '+0000'),
      username: ig.username,
    }));
    return { status: 200, body: page(req, base, media) };
  });
  base = server.url;
  return server;
}
