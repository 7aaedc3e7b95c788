import { bearer, type FakeServer, type Reply, startFakeServer } from './server.ts';

/**
 * A fake TikTok Research API: `POST /v2/oauth/token/` (client credentials, form-encoded) and
 * `POST /v2/research/video/query/` (bearer token; JSON body with `query`, `start_date`/`end_date`
 * YYYYMMDD at most 30 days apart, `max_count` ≤ 100, `cursor`, `search_id`), answering
 * `{ data: { videos, cursor, has_more, search_id }, error: { code: "ok", message, log_id } }`.
 * Results come in no particular time order, as the real API's do. Errors: 401
 * access_token_invalid, 400 invalid_params, 429 rate_limit_exceeded.
 */
export type FakeTikTokVideo = {
  id: number;
  username: string;
  video_description: string;
  create_time: number;
};

const ttError = (status: number, code: string, message: string): Reply => ({
  status,
  body: { data: {}, error: { code, message, log_id: '20261202070000ABCDEF' } },
});

const ymdToTime = (s: string) =>
  Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8))) / 1000;

export async function startFakeTikTok(opts: {
  clientKey: string;
  clientSecret: string;
  videos: FakeTikTokVideo[];
}): Promise<FakeServer & { tokensIssued: () => number }> {
  let issued = 0;
  const tokens = new Set<string>();
  const searches = new Map<string, FakeTikTokVideo[]>();
  const server = await startFakeServer((req) => {
    if (req.path === '/v2/oauth/token/' && req.method === 'POST') {
      const form = new URLSearchParams(req.body);
      if (form.get('client_key') !== opts.clientKey || form.get('client_secret') !== opts.clientSecret)
        return {
          status: 401,
          body: { error: 'invalid_client', error_description: 'Client key or secret is incorrect.' },
        };
      if (form.get('grant_type') !== 'client_credentials')
        return { status: 400, body: { error: 'invalid_grant', error_description: 'grant_type' } };
      const token = `clt.fake${++issued}`;
      tokens.add(token);
      return { status: 200, body: { access_token: token, expires_in: 7200, token_type: 'Bearer' } };
    }
    if (req.path !== '/v2/research/video/query/' || req.method !== 'POST')
      return ttError(404, 'not_found', `no route ${req.path}`);
    if (!tokens.has(bearer(req) ?? ''))
      return ttError(401, 'access_token_invalid', 'The access token is invalid or not found in the request.');
    if (!req.query.get('fields')) return ttError(400, 'invalid_params', 'fields is required');
    const body = JSON.parse(req.body) as {
      query: { and: { operation: string; field_name: string; field_values: string[] }[] };
      start_date: string;
      end_date: string;
      max_count?: number;
      cursor?: number;
      search_id?: string;
    };
    const start = ymdToTime(body.start_date);
    const end = ymdToTime(body.end_date) + 86_400;
    if (!(start < end) || end - start > 31 * 86_400)
      return ttError(
        400,
        'invalid_params',
        'The time range between start_date and end_date must not exceed 30 days.',
      );
    const max = body.max_count ?? 20;
    if (max > 100) return ttError(400, 'invalid_params', 'max_count must be at most 100');
    let result = body.search_id ? searches.get(body.search_id) : undefined;
    if (!result) {
      const names = body.query.and.filter((c) => c.field_name === 'username').flatMap((c) => c.field_values);
      // Unordered, like the real API: sorted by id modulo a prime rather than by time.
      result = opts.videos
        .filter((v) => names.includes(v.username) && v.create_time >= start && v.create_time < end)
        .sort((a, b) => (a.id % 7) - (b.id % 7) || a.id - b.id);
    }
    const searchId = body.search_id ?? `search-${searches.size + 1}`;
    searches.set(searchId, result);
    const cursor = body.cursor ?? 0;
    const page = result.slice(cursor, cursor + max);
    return {
      status: 200,
      body: {
        data: {
          videos: page,
          cursor: cursor + page.length,
          has_more: cursor + max < result.length,
          search_id: searchId,
        },
        error: { code: 'ok', message: '', log_id: '20261202070000ABCDEF' },
      },
    };
  });
  return Object.assign(server, { tokensIssued: () => issued });
}
