import type { ApiRequest } from './connector.ts';

/**
 * What the Facebook and Instagram adapters share: the Graph API's error body
 * (`{ error: { message, type, code, error_subcode, fbtrace_id } }`) and its throttling codes,
 * which arrive as HTTP 400/403 rather than 429 (4 app, 17 user, 32 Page, 613 call volume,
 * 80001 Page and 80002 Instagram business-use-case limits).
 */
export type GraphPaging = { cursors?: { before?: string; after?: string }; next?: string };
export type GraphError = {
  error?: { message?: string; type?: string; code?: number; error_subcode?: number };
};

export const THROTTLE_CODES = new Set([4, 17, 32, 613, 80001, 80002]);

export type MetaConfig = { baseUrl: string; accessToken: string; version: string; pageSize?: number };

export const graphRequest = (config: MetaConfig, platform: string, url: URL): ApiRequest => ({
  platform,
  url,
  // The Graph API accepts the token as a bearer header, which keeps it out of URLs and logs.
  headers: { authorization: `Bearer ${config.accessToken}` },
  isThrottled: (status, body) =>
    status >= 400 && THROTTLE_CODES.has(Number((body as GraphError | undefined)?.error?.code)),
  describeError: (body) => {
    const e = (body as GraphError | undefined)?.error;
    return e ? `${e.message ?? 'error'} (code ${e.code ?? '?'}${e.type ? `, ${e.type}` : ''})` : undefined;
  },
});

export const graphUrl = (config: MetaConfig, path: string) =>
  new URL(`/${config.version}/${path.replace(/^\//, '')}`, config.baseUrl);

/** Later of two ISO times (either may be missing). */
export const laterIso = (a: string | null | undefined, b: string | null | undefined) =>
  !a ? (b ?? null) : !b ? a : Date.parse(a) >= Date.parse(b) ? a : b;

/** Is `time` strictly after the checkpoint `since` (no checkpoint: everything is new)? */
export const isAfter = (time: string | undefined, since: string | null) =>
  !since || (time !== undefined && Date.parse(time) > Date.parse(since));
