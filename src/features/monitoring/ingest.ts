import { isUtf8 } from 'node:buffer';
import { hash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import { Pack } from '../../contracts/pack.ts';
import type { Post } from '../../contracts/post.ts';
import type { ScanResult } from '../../contracts/scan.ts';
import { copyInto, epochMicros, isoFromMicros, UuidBatch } from '../../db/copy-in.ts';
import type { Tables } from '../../db/tables.ts';
import { TextArray } from '../../db/text-array.ts';
import { createDetector, type Detector } from '../../detection/detect.ts';
import {
  type AgencyCandidate,
  findAsnDeclaration,
  hintSearchWords,
  pickAgency,
} from '../../domain/asn-declaration.ts';
import { canonicalContent, packsCovering, postKey } from '../../domain/monitoring.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';

/** What one ingest call did (contracts §6 prints the first four). */
export type IngestCounts = {
  /** Posts given. */
  read: number;
  /** New posts stored. */
  inserted: number;
  /** Posts already stored with the same content (nothing changed). */
  duplicates: number;
  /** New posts and new versions the detector flagged (each an alert in the review queue). */
  flagged: number;
  /** Stored posts whose content changed: a new version. */
  edited: number;
  /** Posts newly marked deleted (`"deleted": true` from a connector). */
  deleted: number;
};

export const emptyCounts = (): IngestCounts => ({
  read: 0,
  inserted: 0,
  duplicates: 0,
  flagged: 0,
  edited: 0,
  deleted: 0,
});

export function addCounts(a: IngestCounts, b: IngestCounts): IngestCounts {
  return {
    read: a.read + b.read,
    inserted: a.inserted + b.inserted,
    duplicates: a.duplicates + b.duplicates,
    flagged: a.flagged + b.flagged,
    edited: a.edited + b.edited,
    deleted: a.deleted + b.deleted,
  };
}

type Author = {
  accountId: string | null;
  staffId: string | null;
  agencyId: string | null;
  regionCode: string | null;
};

type Prepared = {
  platform: string;
  postId: string;
  /** platform + post id, the identity of a post (a map key; made once). */
  key: string;
  /** platform + handle + user id, the identity of its author (a map key; made once). */
  authorKey: string;
  externalId: string;
  sha: string;
  handle: string | null;
  userId: string | null;
  name: string | null;
  bio: string | null;
  url: string | null;
  /** The post's time as given (for the stage of the election), when valid. */
  postedAt: string | null;
  /** The same time in microseconds since the Unix epoch (stored). */
  postedAtUs: number | null;
  text: string;
  lang: string | null;
  /** The payload to archive: JSON text, or its UTF-8 bytes as received. */
  raw: string | Uint8Array;
  deleted: boolean;
  author: Author;
  result: ScanResult | null;
  packId: string | null;
};

/**
 * The payload exactly as received (a JSON Lines line, as text or as its UTF-8 bytes), when the
 * caller has it: archived as the raw payload instead of serialising the parsed post again.
 * `netra ingest` sets the bytes it read, which then go to the database without being decoded and
 * encoded again.
 */
export const RAW_PAYLOAD: unique symbol = Symbol('netra.rawPayload');
export type ReceivedPost = Post & { [RAW_PAYLOAD]?: string | Uint8Array };

/** Posts per write transaction (and per round of array parameters). */
const CHUNK = 2_000;
/** Authors remembered between calls (a registry lookup per new author only). */
const AUTHOR_CACHE = 200_000;

const postKeyOf = (platform: string, postId: string) => `${platform}\u0000${postId}`;
const authorKeyOf = (platform: string, handle: string, userId: string) =>
  `${platform}\u0000${handle}\u0000${userId}`;

const NO_AUTHOR: Author = { accountId: null, staffId: null, agencyId: null, regionCode: null };

/**
 * PostgreSQL text holds neither NUL nor unpaired UTF-16 surrogates (a post cut in the middle of an
 * emoji): both become U+FFFD, one code unit for one, so signal offsets still point at the same text.
 */
export function storable(s: string): string {
  const t = s.includes('\u0000') ? s.replaceAll('\u0000', '\uFFFD') : s;
  return t.isWellFormed() ? t : t.toWellFormed();
}

/** The same for a JSON document: `\u0000` and lone `\udXXX` escapes (jsonb rejects them) become `\ufffd`. */
export function storableJson(json: string): string {
  if (!json.includes('\\u')) return json;
  return json.replace(
    /(?<!\\)((?:\\\\)*)\\u(?:(d[89ab][0-9a-f]{2}\\ud[c-f][0-9a-f]{2})|0000|d[89a-f][0-9a-f]{2})/gi,
    (_m, pre: string, pair: string | undefined) => (pair ? `${pre}\\u${pair}` : `${pre}\\ufffd`),
  );
}

/** The payload to archive: as received when valid UTF-8 without escapes PostgreSQL refuses, else as text. */
function rawPayloadOf(post: ReceivedPost): string | Uint8Array {
  const raw = post[RAW_PAYLOAD];
  if (raw === undefined) return storableJson(JSON.stringify(post));
  if (typeof raw === 'string') return storableJson(raw);
  const bytes = asBuffer(raw);
  return isUtf8(bytes) && bytes.indexOf('\\u') < 0 ? bytes : storableJson(bytes.toString('utf8'));
}

const asBuffer = (b: Uint8Array) =>
  Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const rawText = (raw: string | Uint8Array) =>
  typeof raw === 'string' ? raw : asBuffer(raw).toString('utf8');

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? storable(v) : null);

function handleOf(h: string | null): string | null {
  if (!h) return null;
  const v = h.trim().replace(/^@/, '').toLowerCase();
  return v.length ? v : null;
}

/**
 * A valid timestamp (microseconds since the Unix epoch), or null: a bad date never fails a batch.
 * A time without an offset is read in the ingesting machine's time zone.
 */
function timestampOf(v: unknown): number | null {
  if (typeof v !== 'string' || v.length > 40) return null;
  const us = epochMicros(v);
  return us !== null && us >= EARLIEST_US && us < AFTER_LATEST_US ? us : null;
}
/** Post times outside 1990–2200 (UTC) are taken for errors. */
const EARLIEST_US = Date.UTC(1990, 0, 1) * 1000;
const AFTER_LATEST_US = Date.UTC(2201, 0, 1) * 1000;

type PackRow = { id: string; region_code: string; pack: Pack };

const isoOrNull = (us: number | null) => (us === null ? null : isoFromMicros(us));

/** New posts in one binary COPY (deleted_at is set after, for posts that come deleted). */
async function copyPosts(tx: Transaction<Tables>, rows: Prepared[], ids: UuidBatch, source: string) {
  const text = (name: string, f: (r: Prepared) => string | null) =>
    ({ name, type: 'text', values: rows.map(f) }) as const;
  const uuid = (name: string, f: (r: Prepared) => string | null) =>
    ({ name, type: 'uuid', values: rows.map(f) }) as const;
  await copyInto(tx, 'posts', [
    { name: 'id', type: 'uuid', values: ids },
    text('platform', (r) => r.platform),
    text('platform_post_id', (r) => r.postId),
    text('external_id', (r) => r.externalId),
    uuid('account_id', (r) => r.author.accountId),
    text('author_handle', (r) => r.handle),
    text('author_name', (r) => r.name),
    text('author_bio', (r) => r.bio),
    text('url', (r) => r.url),
    { name: 'posted_at', type: 'timestamptz', values: rows.map((r) => r.postedAtUs) },
    text('text', (r) => r.text),
    text('lang', (r) => r.lang),
    text('content_sha256', (r) => r.sha),
    { name: 'raw', type: 'json', values: rows.map((r) => r.raw) },
    text('source', () => source),
    text('region_code', (r) => r.author.regionCode),
    uuid('agency_id', (r) => r.author.agencyId),
    uuid('staff_id', (r) => r.author.staffId),
  ]);
}

/**
 * Locks the accounts these posts name until the transaction ends, so none can be deleted meanwhile,
 * and checks that each exists: the foreign key of `posts.account_id`, for a whole batch in one
 * statement (migration 0016).
 */
async function lockAccounts(tx: Transaction<Tables>, rows: Prepared[]) {
  const ids = new Set<string>();
  for (const r of rows) if (r.author.accountId) ids.add(r.author.accountId);
  if (ids.size === 0) return;
  const { rows: found } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM social_accounts WHERE id = ANY(${new TextArray([...ids])}::text[]::uuid[]) FOR KEY SHARE) AS locked`.execute(
    tx,
  );
  if (found[0]?.n !== ids.size)
    throw Object.assign(
      new Error(
        'akun media sosial dihapus selama ingest; jalankan lagi / a social-media account was deleted during the ingest; run it again',
      ),
      { code: '23503' },
    );
}

/**
 * New posts while another ingest may be storing the same ones: `ON CONFLICT DO NOTHING`, and the
 * ids of the rows this one stored.
 */
async function insertRacing(tx: Transaction<Tables>, rows: Prepared[], ids: UuidBatch, source: string) {
  const col = (f: (r: Prepared) => string | null) => new TextArray(rows.map(f));
  const inserted = await sql<{ id: string }>`
    INSERT INTO posts (id, platform, platform_post_id, external_id, account_id, author_handle, author_name,
      author_bio, url, posted_at, text, lang, content_sha256, raw, source, region_code, agency_id,
      staff_id, deleted_at)
    SELECT t.id, t.platform, t.post_id, t.external_id, t.account_id, t.handle, t.name, t.bio, t.url,
           t.posted_at, t.text, t.lang, t.sha, t.raw::json, ${source}, t.region, t.agency_id, t.staff_id,
           CASE WHEN t.deleted THEN now() END
    FROM unnest(${new TextArray(rows.map((_, i) => ids.text(i)))}::text[]::uuid[], ${col((r) => r.platform)}::text[], ${col((r) => r.postId)}::text[],
      ${col((r) => r.externalId)}::text[], ${col((r) => r.author.accountId)}::text[]::uuid[],
      ${col((r) => r.handle)}::text[], ${col((r) => r.name)}::text[], ${col((r) => r.bio)}::text[],
      ${col((r) => r.url)}::text[], ${col((r) => isoOrNull(r.postedAtUs))}::text[]::timestamptz[], ${col((r) => r.text)}::text[],
      ${col((r) => r.lang)}::text[], ${col((r) => r.sha)}::text[], ${col((r) => rawText(r.raw))}::text[],
      ${col((r) => r.author.regionCode)}::text[], ${col((r) => r.author.agencyId)}::text[]::uuid[],
      ${col((r) => r.author.staffId)}::text[]::uuid[], ${col((r) => (r.deleted ? 't' : 'f'))}::text[]::boolean[])
      AS t(id, platform, post_id, external_id, account_id, handle, name, bio, url, posted_at, text, lang, sha,
           raw, region, agency_id, staff_id, deleted)
    ON CONFLICT (platform, platform_post_id) DO NOTHING RETURNING id`.execute(tx);
  return new Set(inserted.rows.map((r) => r.id));
}

/**
 * The ingest pipeline: posts (contracts §2) → registry match → detection with the packs covering
 * the author's region → one transaction per chunk writing posts, versions, alerts, link
 * suggestions and an audit event. Idempotent on (platform, platform post id): a re-run of the same
 * input changes nothing and counts duplicates.
 */
export function createIngester({ db }: { db: Kysely<Tables> }) {
  let packSignature = '';
  let packs: PackRow[] = [];
  const detectors = new Map<string, Detector>();
  const authors = new Map<string, Author>();
  const suggested = new Set<string>();
  const agencyHints = new Map<string, AgencyCandidate | null>();
  /** The last chunk looked up held no stored post: the next ones skip the lookup (ingestChunk). */
  let streamIsNew = false;

  async function refreshPacks() {
    const rows = await db
      .selectFrom('election_packs')
      .select(['id', sql<string>`updated_at::text`.as('v')])
      .where('active', '=', true)
      .orderBy('id')
      .execute();
    const signature = rows.map((r) => `${r.id}@${r.v}`).join('|');
    if (signature === packSignature) return;
    const full = await db
      .selectFrom('election_packs')
      .select(['id', 'region_code', 'body'])
      .where('active', '=', true)
      .orderBy('id')
      .execute();
    packs = full.map((r) => ({
      id: r.id,
      region_code: r.region_code,
      pack: Pack.parse(typeof r.body === 'string' ? JSON.parse(r.body) : r.body),
    }));
    packSignature = signature;
    detectors.clear();
    byRegion.clear();
  }

  type RegionDetector = { detector: Detector | null; fallbackPack: string | null };
  const byRegion = new Map<string, RegionDetector>();
  function detectorFor(regionCode: string | null): RegionDetector {
    const rk = regionCode ?? '';
    let hit = byRegion.get(rk);
    if (!hit) {
      if (byRegion.size > 20_000) byRegion.clear();
      hit = compileFor(regionCode);
      byRegion.set(rk, hit);
    }
    return hit;
  }

  function compileFor(regionCode: string | null): RegionDetector {
    const covering = packsCovering(packs, regionCode);
    if (covering.length === 0) return { detector: null, fallbackPack: null };
    const key = covering.map((p) => p.id).join('\u0000');
    let d = detectors.get(key);
    if (!d) {
      if (detectors.size > 2_000) detectors.clear();
      d = createDetector(covering.map((p) => p.pack));
      detectors.set(key, d);
    }
    // The most local pack names an alert the detector could not tie to one contest.
    const local = covering.reduce((a, b) => (b.region_code.length > a.region_code.length ? b : a));
    return { detector: d, fallbackPack: local.id };
  }

  async function resolveAuthors(rows: Prepared[]) {
    const want = new Map<string, { p: string; h: string | null; u: string | null }>();
    for (const r of rows) {
      const k = r.authorKey;
      if (!authors.has(k) && (r.handle || r.userId)) want.set(k, { p: r.platform, h: r.handle, u: r.userId });
    }
    if (want.size > 0) {
      const list = [...want.values()];
      const ps = new TextArray(list.map((w) => w.p));
      const hs = new TextArray(list.map((w) => w.h ?? ''));
      const us = new TextArray(list.map((w) => w.u ?? ''));
      const { rows: found } = await sql<{
        p: string;
        h: string;
        u: string;
        id: string;
        staff_id: string | null;
        agency_id: string | null;
        region: string | null;
        by_id: boolean;
      }>`
        SELECT k.p, k.h, k.u, sa.id, sa.staff_id, s.agency_id,
               COALESCE(a.region_code, sa.region_code) AS region, false AS by_id
        FROM unnest(${ps}::text[], ${hs}::text[], ${us}::text[]) AS k(p, h, u)
        JOIN social_accounts sa ON sa.platform = k.p AND lower(sa.handle) = k.h
        LEFT JOIN staff s ON s.id = sa.staff_id
        LEFT JOIN agencies a ON a.id = s.agency_id
        WHERE k.h <> ''
        UNION ALL
        SELECT k.p, k.h, k.u, sa.id, sa.staff_id, s.agency_id,
               COALESCE(a.region_code, sa.region_code) AS region, true AS by_id
        FROM unnest(${ps}::text[], ${hs}::text[], ${us}::text[]) AS k(p, h, u)
        JOIN social_accounts sa ON sa.platform = k.p AND sa.platform_user_id = k.u
        LEFT JOIN staff s ON s.id = sa.staff_id
        LEFT JOIN agencies a ON a.id = s.agency_id
        WHERE k.u <> ''`.execute(db);
      if (authors.size + want.size > AUTHOR_CACHE) authors.clear();
      for (const k of want.keys()) authors.set(k, NO_AUTHOR);
      // The platform's user id is the stronger key (a handle can be renamed): it wins.
      found.sort((a, b) => Number(a.by_id) - Number(b.by_id));
      for (const f of found)
        authors.set(authorKeyOf(f.p, f.h, f.u), {
          accountId: f.id,
          staffId: f.staff_id,
          agencyId: f.agency_id,
          regionCode: f.region,
        });
    }
    for (const r of rows) r.author = authors.get(r.authorKey) ?? NO_AUTHOR;
  }

  /** Suggestions for authors not linked to staff whose name or bio declares a civil-service role. */
  async function suggestionsFor(rows: Prepared[]) {
    const out: {
      platform: string;
      handle: string;
      account_id: string | null;
      author_name: string | null;
      author_bio: string | null;
      role: string;
      matched_text: string;
      agency_id: string | null;
      region_code: string | null;
      confidence: number;
    }[] = [];
    for (const r of rows) {
      if (r.author.staffId || !r.handle || (!r.name && !r.bio)) continue;
      const key = `${r.platform}\u0000${r.handle}`;
      if (suggested.has(key)) continue;
      if (suggested.size > AUTHOR_CACHE) suggested.clear();
      suggested.add(key);
      const d = findAsnDeclaration(r.name, r.bio);
      if (!d) continue;
      let agency: AgencyCandidate | null = null;
      if (d.agencyHint) {
        const hk = d.agencyHint.toLowerCase();
        if (agencyHints.has(hk)) agency = agencyHints.get(hk) ?? null;
        else {
          const words = hintSearchWords(d.agencyHint).slice(0, 2);
          const candidates = words.length
            ? await db
                .selectFrom('agencies')
                .select(['id', 'name', 'region_code'])
                .where((eb) => eb.and(words.map((w) => eb('name', 'ilike', `%${w}%`))))
                .limit(200)
                .execute()
            : [];
          agency = pickAgency(d.agencyHint, candidates);
          if (agencyHints.size > 10_000) agencyHints.clear();
          agencyHints.set(hk, agency);
        }
      }
      out.push({
        platform: r.platform,
        handle: r.handle,
        account_id: r.author.accountId,
        author_name: r.name,
        author_bio: r.bio,
        role: d.role,
        matched_text: d.matchedText,
        agency_id: agency?.id ?? null,
        region_code: agency?.region_code ?? r.author.regionCode,
        confidence: agency ? Math.min(1, d.confidence + 0.1) : d.confidence,
      });
    }
    return out;
  }

  function prepare(post: ReceivedPost): Prepared {
    const { platform, postId } = postKey(post.id, post.platform);
    const author = post.author;
    const media = Array.isArray(post.media)
      ? post.media.map((m) => (typeof m?.url === 'string' ? m.url : '')).filter((u) => u)
      : [];
    const text = storable(post.text);
    const handle = handleOf(str(author?.handle));
    const userId = str((author as Record<string, unknown> | undefined)?.id);
    const postedAtUs = timestampOf(post.posted_at);
    return {
      platform,
      postId,
      key: postKeyOf(platform, postId),
      authorKey: authorKeyOf(platform, handle ?? '', userId ?? ''),
      externalId: post.id,
      sha: hash('sha256', canonicalContent(text, media), 'hex'),
      handle,
      userId,
      name: str(author?.name),
      bio: str(author?.bio),
      url: str(post.url),
      postedAt: postedAtUs === null ? null : (post.posted_at as string),
      postedAtUs,
      text,
      lang: str(post.lang),
      raw: rawPayloadOf(post),
      deleted: (post as Record<string, unknown>).deleted === true,
      author: NO_AUTHOR,
      result: null,
      packId: null,
    };
  }

  function detect(r: Prepared) {
    const { detector, fallbackPack } = detectorFor(r.author.regionCode);
    if (!detector) return;
    const result = detector.detect({ id: r.externalId, text: r.text, posted_at: r.postedAt ?? undefined });
    if (result.flag) {
      r.result = result;
      r.packId = result.pack ?? fallbackPack;
    }
  }

  async function writeChunk(
    rows: Prepared[],
    suggestions: Awaited<ReturnType<typeof suggestionsFor>>,
    known: Map<string, string>,
    source: string,
    racing: boolean,
  ): Promise<IngestCounts> {
    const counts = emptyCounts();
    counts.read = rows.length;
    // The first occurrence of each post goes into the INSERT; repeats within the chunk are
    // compared with it afterwards, in input order.
    const firsts: Prepared[] = [];
    const later: Prepared[] = [];
    const keys = new Set<string>();
    for (const r of rows) {
      const k = r.key;
      if (keys.has(k) || known.has(k)) later.push(r);
      else {
        keys.add(k);
        firsts.push(r);
      }
    }
    await db.transaction().execute(async (tx) => {
      // Ids made here: the rows go in without a round trip for their ids.
      const ids = new UuidBatch(firsts.length);
      await lockAccounts(tx, firsts);
      const insertedIds = racing ? await insertRacing(tx, firsts, ids, source) : null;
      if (!insertedIds) {
        // These posts are believed new (looked up just before, or the stream has been all new). If
        // one was stored after all, the unique violation rolls the chunk back and ingestChunk runs
        // it again, looked up or racing.
        await copyPosts(tx, firsts, ids, source);
        const gone = firsts.flatMap((r, i) => (r.deleted ? [ids.text(i)] : []));
        if (gone.length)
          await sql`UPDATE posts SET deleted_at = now() WHERE id = ANY(${new TextArray(gone)}::text[]::uuid[])`.execute(
            tx,
          );
      }
      /** Posts judged in this chunk that may raise an alert (flagged new posts, new versions) → row id and version. */
      const judged = new Map<Prepared, { id: string; version: number }>();
      const rest: Prepared[] = [];
      for (let i = 0; i < firsts.length; i++) {
        const r = firsts[i]!;
        if (!insertedIds || insertedIds.has(ids.text(i))) {
          counts.inserted++;
          if (r.deleted) counts.deleted++;
          else if (r.result) judged.set(r, { id: ids.text(i), version: 1 });
        } else rest.push(r);
      }
      rest.push(...later);

      if (rest.length > 0) {
        const existing = await sql<{
          id: string;
          platform: string;
          platform_post_id: string;
          content_sha256: string;
          version: number;
          deleted: boolean;
        }>`
          SELECT p.id, p.platform, p.platform_post_id, p.content_sha256, p.version, p.deleted_at IS NOT NULL AS deleted
          FROM posts p
          JOIN unnest(${rest.map((r) => r.platform)}::text[], ${rest.map((r) => r.postId)}::text[]) AS k(pl, pid)
            ON p.platform = k.pl AND p.platform_post_id = k.pid`.execute(tx);
        const byKey = new Map(existing.rows.map((e) => [postKeyOf(e.platform, e.platform_post_id), e]));
        const edits: { r: Prepared; id: string; version: number }[] = [];
        const toDelete: string[] = [];
        for (const r of rest) {
          const e = byKey.get(r.key);
          if (!e) continue; // cannot happen: the insert conflicted on this key
          if (r.deleted) {
            if (!e.deleted) {
              toDelete.push(e.id);
              e.deleted = true;
              counts.deleted++;
            } else counts.duplicates++;
          } else if (e.content_sha256 === r.sha) {
            counts.duplicates++;
          } else {
            // A later edit of the same post in this chunk compares with this one.
            e.content_sha256 = r.sha;
            e.version++;
            e.deleted = false;
            edits.push({ r, id: e.id, version: e.version });
          }
        }
        if (toDelete.length)
          await sql`UPDATE posts SET deleted_at = now(), last_seen_at = now() WHERE id = ANY(${toDelete}::uuid[])`.execute(
            tx,
          );
        // One statement for all edits, except a post edited twice in one chunk (then in rounds).
        for (let i = 0; i < edits.length; ) {
          const batch: typeof edits = [];
          const inBatch = new Set<string>();
          while (i < edits.length && !inBatch.has(edits[i]!.id)) {
            inBatch.add(edits[i]!.id);
            batch.push(edits[i]!);
            i++;
          }
          const bid = batch.map((e) => e.id);
          await sql`
            INSERT INTO post_versions (post_id, version, text, content_sha256, raw, posted_at, seen_at)
            SELECT id, version, text, content_sha256, raw, posted_at, last_seen_at FROM posts WHERE id = ANY(${bid}::uuid[])`.execute(
            tx,
          );
          await sql`
            UPDATE posts SET text = t.text, content_sha256 = t.sha, raw = t.raw::json, version = posts.version + 1,
              posted_at = COALESCE(t.posted_at, posts.posted_at), url = COALESCE(t.url, posts.url),
              author_name = COALESCE(t.name, posts.author_name), author_bio = COALESCE(t.bio, posts.author_bio),
              last_seen_at = now(), deleted_at = NULL, source = ${source}
            FROM unnest(${bid}::uuid[], ${batch.map((e) => e.r.text)}::text[], ${batch.map((e) => e.r.sha)}::text[],
              ${batch.map((e) => rawText(e.r.raw))}::text[], ${batch.map((e) => isoOrNull(e.r.postedAtUs))}::timestamptz[],
              ${batch.map((e) => e.r.url)}::text[], ${batch.map((e) => e.r.name)}::text[],
              ${batch.map((e) => e.r.bio)}::text[]) AS t(id, text, sha, raw, posted_at, url, name, bio)
            WHERE posts.id = t.id`.execute(tx);
          for (const e of batch) judged.set(e.r, { id: e.id, version: e.version });
          counts.edited += batch.length;
        }
      }

      // Alerts: flagged new posts and new versions (a new version updates a pending alert); the
      // same post twice in one chunk keeps the last version's verdict.
      const byAlert = new Map<string, { r: Prepared; id: string; version: number }>();
      for (const r of rows) {
        const j = judged.get(r);
        if (!j || !r.result || !r.packId) continue;
        byAlert.set(`${j.id}\u0000${r.packId}`, { r, ...j });
      }
      const alerts = [...byAlert.values()];
      counts.flagged = alerts.length;
      const col = (f: (a: (typeof alerts)[number]) => string | null) => new TextArray(alerts.map(f));
      if (alerts.length)
        await sql`
          INSERT INTO alerts (post_id, post_version, pack_id, category, score, targets, signals, explanation,
            region_code, agency_id, staff_id, stage_code, account_id)
          SELECT t.post_id, t.version, t.pack, t.category, t.score, t.targets::jsonb, t.signals::jsonb, t.explanation,
            t.region, t.agency_id, t.staff_id, t.stage, t.account_id
          FROM unnest(${col((a) => a.id)}::text[]::uuid[], ${col((a) => String(a.version))}::text[]::int[],
            ${col((a) => a.r.packId)}::text[], ${col((a) => a.r.result!.category)}::text[],
            ${col((a) => String(a.r.result!.score))}::text[]::real[],
            ${col((a) => JSON.stringify(a.r.result!.targets))}::text[],
            ${col((a) => JSON.stringify(a.r.result!.signals))}::text[],
            ${col((a) => a.r.result!.explanation)}::text[], ${col((a) => a.r.author.regionCode)}::text[],
            ${col((a) => a.r.author.agencyId)}::text[]::uuid[], ${col((a) => a.r.author.staffId)}::text[]::uuid[],
            ${col((a) => a.r.result!.stage ?? null)}::text[], ${col((a) => a.r.author.accountId)}::text[]::uuid[])
            AS t(post_id, version, pack, category, score, targets, signals, explanation, region, agency_id, staff_id,
                 stage, account_id)
          ON CONFLICT (post_id, pack_id) DO UPDATE SET post_version = excluded.post_version,
            category = excluded.category, score = excluded.score, targets = excluded.targets,
            signals = excluded.signals, explanation = excluded.explanation, stage_code = excluded.stage_code,
            updated_at = now()
          WHERE alerts.status = 'pending'`.execute(tx);

      if (suggestions.length)
        await tx
          .insertInto('account_link_suggestions')
          .values(suggestions)
          .onConflict((oc) => oc.expression(sql`platform, lower(handle)`).doNothing())
          .execute();

      if (counts.inserted + counts.edited + counts.deleted > 0)
        await recordAuditInTx(tx, {
          actorId: null,
          action: 'monitoring.ingest',
          subjectType: 'ingest',
          subjectId: source,
          details: {
            source,
            inserted: counts.inserted,
            edited: counts.edited,
            deleted: counts.deleted,
            flagged: counts.flagged,
          },
        });
    });
    return counts;
  }

  async function knownHashes(rows: Prepared[]) {
    const { rows: found } = await sql<{ platform: string; platform_post_id: string; content_sha256: string }>`
      SELECT p.platform, p.platform_post_id, p.content_sha256 FROM posts p
      JOIN unnest(${new TextArray(rows.map((r) => r.platform))}::text[], ${new TextArray(rows.map((r) => r.postId))}::text[])
        AS k(pl, pid) ON p.platform = k.pl AND p.platform_post_id = k.pid`.execute(db);
    return new Map(found.map((f) => [postKeyOf(f.platform, f.platform_post_id), f.content_sha256]));
  }

  /** Splits a chunk where a post repeats with the same content hash (a verbatim re-send). */
  async function ingestChunk(posts: readonly Post[], source: string): Promise<IngestCounts> {
    const rows = posts.map(prepare);
    await resolveAuthors(rows);
    // Posts stored already with the same content are duplicates: not scanned again (pollers
    // re-send the same posts all the time). While a stream brings only new posts, the lookup is
    // skipped: the insert itself tells (a unique violation), and the chunk then runs again with it.
    const optimistic = streamIsNew;
    let known = optimistic ? new Map<string, string>() : await knownHashes(rows);
    if (!optimistic) streamIsNew = known.size === 0;
    for (const r of rows) if (!r.deleted && known.get(r.key) !== r.sha) detect(r);
    // Outside the write transaction: PGlite has one connection, which the transaction holds.
    const suggestions = await suggestionsFor(rows);
    let checked = !optimistic;
    let racing = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return await writeChunk(rows, suggestions, known, source, racing);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === '23505' && !checked) {
          // Some of these posts were stored already: look them up, as for any chunk.
          streamIsNew = false;
          checked = true;
          known = await knownHashes(rows);
          continue;
        }
        // Two ingests racing on the same posts on PostgreSQL: retry the chunk (it is idempotent).
        if (attempt < 4 && (code === '40P01' || code === '40001' || code === '23505')) {
          racing ||= code === '23505';
          continue;
        }
        throw e;
      }
    }
  }

  return {
    /**
     * Stores posts (contracts §2) from `source` and runs detection: the batch API connectors and
     * `netra ingest` use. Idempotent; safe to call again with the same posts after a crash.
     */
    async ingestPosts(posts: readonly Post[], opts: { source: string }): Promise<IngestCounts> {
      await refreshPacks();
      let total = emptyCounts();
      for (let i = 0; i < posts.length; i += CHUNK)
        total = addCounts(total, await ingestChunk(posts.slice(i, i + CHUNK), opts.source));
      return total;
    },

    /** Marks posts that vanished from the platform as deleted (they are kept, never removed). */
    async markPostsDeleted(keys: readonly { platform: string; postId: string }[], opts: { source: string }) {
      if (keys.length === 0) return 0;
      return db.transaction().execute(async (tx) => {
        const { rows } = await sql<{ id: string }>`
          UPDATE posts SET deleted_at = now() FROM unnest(${keys.map((k) => k.platform)}::text[],
            ${keys.map((k) => k.postId)}::text[]) AS k(pl, pid)
          WHERE posts.platform = k.pl AND posts.platform_post_id = k.pid AND posts.deleted_at IS NULL
          RETURNING posts.id`.execute(tx);
        if (rows.length)
          await recordAuditInTx(tx, {
            actorId: null,
            action: 'monitoring.posts.deleted',
            subjectType: 'ingest',
            subjectId: opts.source,
            details: { source: opts.source, count: rows.length },
          });
        return rows.length;
      });
    },
  };
}

export type Ingester = ReturnType<typeof createIngester>;
