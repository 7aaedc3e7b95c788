import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Post } from '../../contracts/post.ts';

/**
 * Pushed posts (docs/connectors.md §Webhook). A partner POSTs a batch to
 * `/api/ingest/webhook/<source>` with the header
 *
 *     Netra-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *
 * (the Stripe scheme: the timestamp is signed with the body, so a captured request cannot be
 * replayed later than the window, and the receiver refuses a signature it has already accepted).
 * Several `v1=` values may be sent while a secret is being rotated.
 */

export const SIGNATURE_HEADER = 'netra-signature';
/** How far the signed timestamp may be from the receiver's clock, either way. */
export const SIGNATURE_WINDOW_SECONDS = 300;
/** Largest accepted body. */
export const WEBHOOK_MAX_BYTES = 5 * 1024 * 1024;
/** Most posts in one delivery. */
export const WEBHOOK_MAX_POSTS = 5_000;

/** A new random secret: 32 bytes, shown once as `whsec_<base64url>`. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

export const signPayload = (secret: string, timestamp: number, body: Buffer | string) =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');

/** The header value a sender puts on a request (used by tests and the docs' example). */
export const signatureHeader = (secret: string, timestamp: number, body: Buffer | string) =>
  `t=${timestamp},v1=${signPayload(secret, timestamp, body)}`;

export type SignatureCheck =
  | { ok: true; timestamp: number; signature: string }
  | { ok: false; reason: 'missing' | 'malformed' | 'expired' | 'mismatch' };

/**
 * Checks a `Netra-Signature` header against the raw body and the source's secrets (current, and the
 * previous one during a rotation's grace period). Every comparison is constant-time, and every
 * candidate is compared, so the time taken does not reveal which part matched.
 */
export function verifySignature(opts: {
  header: string | undefined;
  body: Buffer;
  secrets: string[];
  now: Date;
  windowSeconds?: number;
}): SignatureCheck {
  if (!opts.header) return { ok: false, reason: 'missing' };
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of opts.header.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === 't' && v && /^\d{1,12}$/.test(v)) timestamp = Number(v);
    else if (k === 'v1' && v && /^[0-9a-f]{64}$/i.test(v)) candidates.push(v.toLowerCase());
  }
  if (timestamp === undefined || candidates.length === 0 || candidates.length > 4)
    return { ok: false, reason: 'malformed' };
  const window = opts.windowSeconds ?? SIGNATURE_WINDOW_SECONDS;
  if (Math.abs(opts.now.getTime() / 1000 - timestamp) > window) return { ok: false, reason: 'expired' };
  let matched: string | undefined;
  for (const secret of opts.secrets) {
    const expected = Buffer.from(signPayload(secret, timestamp, opts.body), 'hex');
    for (const c of candidates) {
      if (timingSafeEqual(expected, Buffer.from(c, 'hex')) && matched === undefined) matched = c;
    }
  }
  return matched ? { ok: true, timestamp, signature: matched } : { ok: false, reason: 'mismatch' };
}

/** PostgreSQL text cannot hold U+0000: such a post is refused up front, naming it. */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1));
}

export type WebhookParse =
  | { ok: true; posts: Post[] }
  | { ok: false; details: { field: string; message: string; row?: number }[] };

/**
 * Parses a delivery: `application/json` with `{ "posts": [ … ] }` or a bare array, or
 * `application/x-ndjson` (JSON Lines, contract §2). All or nothing: one bad post refuses the batch,
 * naming its position (JSON: index from 0 in `posts.N`; JSON Lines: line number).
 */
export function parseWebhookBody(body: Buffer, contentType: string): WebhookParse {
  const text = body.toString('utf8');
  const isLines = /ndjson|jsonl|json-seq/i.test(contentType);
  let items: { value: unknown; field: string; row?: number }[];
  if (isLines) {
    items = [];
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      if (lines[i]!.trim() === '') continue;
      try {
        items.push({ value: JSON.parse(lines[i]!), field: `baris ${i + 1}`, row: i + 1 });
      } catch {
        return {
          ok: false,
          details: [{ field: `baris ${i + 1}`, row: i + 1, message: 'JSON tidak valid / invalid JSON' }],
        };
      }
    }
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { ok: false, details: [{ field: 'body', message: 'JSON tidak valid / invalid JSON' }] };
    }
    const list = Array.isArray(parsed)
      ? parsed
      : parsed && typeof parsed === 'object' && Array.isArray((parsed as { posts?: unknown }).posts)
        ? (parsed as { posts: unknown[] }).posts
        : undefined;
    if (!list)
      return {
        ok: false,
        details: [{ field: 'posts', message: 'harus berupa larik pos / must be an array of posts' }],
      };
    items = list.map((value, i) => ({ value, field: `posts.${i}` }));
  }
  if (items.length === 0) return { ok: false, details: [{ field: 'posts', message: 'kosong / empty' }] };
  if (items.length > WEBHOOK_MAX_POSTS)
    return {
      ok: false,
      details: [
        {
          field: 'posts',
          message: `paling banyak / at most ${WEBHOOK_MAX_POSTS} pos per kiriman / per delivery`,
        },
      ],
    };
  const posts: Post[] = [];
  const details: { field: string; message: string; row?: number }[] = [];
  for (const item of items) {
    if (containsNul(item.value)) {
      details.push({
        field: item.field,
        ...(item.row !== undefined ? { row: item.row } : {}),
        message: 'berisi karakter NUL (U+0000) / contains a NUL character',
      });
      continue;
    }
    const r = Post.safeParse(item.value);
    if (r.success) posts.push(r.data);
    else
      for (const issue of r.error.issues.slice(0, 3))
        details.push({
          field: [item.field, ...issue.path.map(String)].join('.'),
          ...(item.row !== undefined ? { row: item.row } : {}),
          message: issue.message,
        });
    if (details.length >= 50) break;
  }
  return details.length ? { ok: false, details } : { ok: true, posts };
}
