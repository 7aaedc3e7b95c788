import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Platform } from '../../contracts/post.ts';
import type { Tables } from '../../db/tables.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  type IngestCounts,
  PlatformError,
  type PollingConnector,
  type PostSink,
  RateLimitedError,
} from '../../platform/connectors/connector.ts';
import {
  newWebhookSecret,
  parseWebhookBody,
  SIGNATURE_WINDOW_SECONDS,
  signPayload,
  verifySignature,
} from '../../platform/connectors/webhook.ts';
import { createSecretBox } from '../../platform/crypto/secret-box.ts';
import { enqueue } from '../../platform/queue/queue.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';
import * as repo from './connectors.repository.ts';

/** Job kinds of the connectors (handlers in connectors.jobs.ts). */
export const CONNECTOR_JOBS = {
  /** Scheduled: enqueue one poll per watched account of every configured platform. */
  plan: 'connectors.plan-polls',
  /** Poll one account from its checkpoint. Payload `{ platform, account, handle }`. */
  poll: 'connectors.poll-account',
} as const;

export const SOURCE_NAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;

/** How long one worker holds an account (renewed after every page). */
const LEASE_MS = 10 * 60_000;

export type ConnectorsDeps = {
  db: Kysely<Tables>;
  masterKey: Buffer;
  /** The monitoring ingest (`ingestPosts`). */
  sink: PostSink;
  /** Polling adapters of the platforms whose credentials are configured. */
  connectors: Partial<Record<Platform, PollingConnector>>;
  now?: () => Date;
};

export type SourceView = {
  id: string;
  name: string;
  description: string;
  status: 'active' | 'disabled';
  createdAt: string;
  rotatedAt: string | null;
  previousValidUntil: string | null;
  lastDeliveryAt: string | null;
};

export type PollOutcome =
  | { status: 'done'; posts: number; pages: number }
  | { status: 'busy' }
  | { status: 'not-configured' }
  | { status: 'rate-limited'; retryAt: Date; posts: number }
  | { status: 'refused'; error: string; posts: number };

const notFound = () =>
  new DomainError('NOT_FOUND', 'Sumber tidak ditemukan / source not found', [
    { field: 'source', message: 'tidak dikenal atau nonaktif / unknown or disabled' },
  ]);

const view = (s: Awaited<ReturnType<typeof repo.listSources>>[number]): SourceView => ({
  id: s.id,
  name: s.name,
  description: s.description,
  status: s.disabled_at ? 'disabled' : 'active',
  createdAt: s.created_at.toISOString(),
  rotatedAt: s.rotated_at?.toISOString() ?? null,
  previousValidUntil: s.previous_valid_until?.toISOString() ?? null,
  lastDeliveryAt: s.last_delivery_at?.toISOString() ?? null,
});

/** A fixed secret to sign with when the source is unknown, so both answers take the same work. */
const DUMMY_SECRET = 'whsec_unknown-source';

export function createConnectorsService(deps: ConnectorsDeps) {
  const { db, sink } = deps;
  const now = deps.now ?? (() => new Date());
  const box = createSecretBox(deps.masterKey, 'webhook-secret');

  async function getSource(name: string) {
    const s = await repo.findSourceByName(db, name);
    if (!s) throw notFound();
    return s;
  }

  return {
    /** Creates a webhook source; returns its secret, shown this once. */
    async createSource(input: { name: string; description?: string; actorId?: string | null }) {
      if (!SOURCE_NAME.test(input.name))
        throw new DomainError('VALIDATION', 'Nama sumber tidak valid / invalid source name', [
          {
            field: 'name',
            message:
              'huruf kecil, angka, titik, minus, garis bawah; 2–63 karakter / lower-case letters, digits, . - _; 2–63 characters',
          },
        ]);
      const secret = newWebhookSecret();
      const id = randomUUID();
      const created = await db.transaction().execute(async (tx) => {
        const row = await repo.insertSource(tx, {
          id,
          name: input.name,
          description: input.description ?? '',
          secretSealed: box.seal(secret, id),
        });
        if (!row) throw new DomainError('CONFLICT', `Sumber sudah ada / source exists: ${input.name}`);
        await recordAuditInTx(tx, {
          actorId: input.actorId ?? null,
          action: 'connector_source.create',
          subjectType: 'connector_source',
          subjectId: id,
          details: { name: input.name },
        });
        return row;
      });
      return { source: view(created), secret };
    },

    async listSources(): Promise<SourceView[]> {
      return (await repo.listSources(db)).map(view);
    },

    /**
     * Replaces a source's secret; the old one stays valid for `graceHours` (0 = at once) so the
     * sender can switch without losing deliveries. Returns the new secret, shown this once.
     */
    async rotateSource(input: { name: string; graceHours?: number; actorId?: string | null }) {
      const s = await getSource(input.name);
      const secret = newWebhookSecret();
      const t = now();
      const graceHours = input.graceHours ?? 24;
      await db.transaction().execute(async (tx) => {
        await repo.updateSource(tx, s.id, {
          secret_sealed: box.seal(secret, s.id),
          previous_secret_sealed: graceHours > 0 ? s.secret_sealed : null,
          previous_valid_until: graceHours > 0 ? new Date(t.getTime() + graceHours * 3_600_000) : null,
          rotated_at: t,
        });
        await recordAuditInTx(tx, {
          actorId: input.actorId ?? null,
          action: 'connector_source.rotate',
          subjectType: 'connector_source',
          subjectId: s.id,
          details: { name: s.name, graceHours },
        });
      });
      return { source: view((await repo.findSourceByName(db, s.name))!), secret };
    },

    /** Disables (or re-enables) a source: its deliveries are refused as an unknown source's. */
    async setSourceDisabled(input: { name: string; disabled: boolean; actorId?: string | null }) {
      const s = await getSource(input.name);
      await db.transaction().execute(async (tx) => {
        await repo.updateSource(tx, s.id, { disabled_at: input.disabled ? now() : null });
        await recordAuditInTx(tx, {
          actorId: input.actorId ?? null,
          action: input.disabled ? 'connector_source.disable' : 'connector_source.enable',
          subjectType: 'connector_source',
          subjectId: s.id,
          details: { name: s.name },
        });
      });
      return view((await repo.findSourceByName(db, s.name))!);
    },

    /**
     * A pushed delivery: checks the source, the signature (HMAC-SHA256 over "<t>.<raw body>",
     * timestamp within the window, constant-time compare, never seen before), parses the posts all
     * or nothing, and hands them to the ingest. Nothing is written unless all checks pass.
     */
    async receiveWebhook(input: {
      source: string;
      signature: string | undefined;
      contentType: string;
      body: Buffer;
    }): Promise<IngestCounts> {
      const t = now();
      const s = SOURCE_NAME.test(input.source) ? await repo.findSourceByName(db, input.source) : undefined;
      if (!s || s.disabled_at) {
        signPayload(DUMMY_SECRET, 0, input.body);
        throw notFound();
      }
      const secrets = [box.open(s.secret_sealed, s.id).toString('utf8')];
      if (s.previous_secret_sealed && s.previous_valid_until && s.previous_valid_until > t)
        secrets.push(box.open(s.previous_secret_sealed, s.id).toString('utf8'));
      const check = verifySignature({ header: input.signature, body: input.body, secrets, now: t });
      if (!check.ok) {
        const why = {
          missing: 'tajuk Netra-Signature tidak ada / the Netra-Signature header is missing',
          malformed:
            'format tajuk salah, harus t=<detik>,v1=<hex> / malformed header, expected t=<seconds>,v1=<hex>',
          expired: `stempel waktu di luar ±${SIGNATURE_WINDOW_SECONDS} detik / timestamp outside ±${SIGNATURE_WINDOW_SECONDS} s`,
          mismatch: 'tanda tangan tidak cocok / signature does not match',
        }[check.reason];
        throw new DomainError('UNAUTHENTICATED', 'Tanda tangan webhook ditolak / webhook signature refused', [
          { field: 'netra-signature', message: why },
        ]);
      }
      const parsed = parseWebhookBody(input.body, input.contentType);
      if (!parsed.ok)
        throw new DomainError(
          'VALIDATION',
          'Kiriman ditolak, tidak ada yang dimasukkan / delivery refused, nothing ingested',
          parsed.details,
        );
      if (!(await repo.recordReceipt(db, s.id, check.signature, t)))
        throw new DomainError(
          'CONFLICT',
          'Kiriman ini sudah diterima (pengulangan) / this delivery was already received (replay)',
        );
      let counts: IngestCounts;
      try {
        counts = await sink(parsed.posts, { source: `webhook:${s.name}` });
      } catch (e) {
        // The sender may retry the same signed request: forget that we saw it.
        await repo.forgetReceipt(db, s.id, check.signature);
        throw e;
      }
      await db.updateTable('connector_sources').set({ last_delivery_at: t }).where('id', '=', s.id).execute();
      return counts;
    },

    /** Platforms with credentials configured. */
    configuredPlatforms: (): Platform[] => Object.keys(deps.connectors) as Platform[],

    /**
     * Enqueues one poll job per watched account of every configured platform, once per period
     * (`slot`), and purges webhook receipts older than the signature window.
     */
    async planPolls(slot: string): Promise<number> {
      await repo.purgeReceipts(db, new Date(now().getTime() - 2 * SIGNATURE_WINDOW_SECONDS * 1000));
      let count = 0;
      for (const platform of Object.keys(deps.connectors)) {
        let after: string | null = null;
        for (;;) {
          const accounts = await repo.watchedAccounts(db, platform, after, 1000);
          if (accounts.length === 0) break;
          await db.transaction().execute(async (tx) => {
            for (const a of accounts) {
              const account = a.platform_user_id ?? a.handle;
              await enqueue(
                tx,
                CONNECTOR_JOBS.poll,
                { platform, account, handle: a.handle },
                { dedupeKey: `connectors:poll:${platform}:${account}:${slot}`, maxAttempts: 3 },
              );
            }
          });
          count += accounts.length;
          after = accounts[accounts.length - 1]!.id;
        }
      }
      return count;
    },

    /**
     * Polls one account from its checkpoint: each page is ingested, then the checkpoint saved, so a
     * restart resumes after the last stored page (at worst re-sending one page, which the
     * idempotent ingest counts as duplicates). Transient failures are thrown for the queue to
     * retry; a long rate limit returns `rate-limited` with when to resume; a refusal (bad
     * credentials, no access, unknown account) is recorded on the checkpoint and returned.
     */
    async pollAccount(input: {
      platform: Platform;
      account: string;
      handle?: string | null;
    }): Promise<PollOutcome> {
      const connector = deps.connectors[input.platform];
      if (!connector) return { status: 'not-configured' };
      const key = { platform: input.platform, account: input.account };
      const checkpoint = await repo.leaseCheckpoint(db, key, now(), LEASE_MS);
      if (!checkpoint) return { status: 'busy' };
      let posts = 0;
      let pages = 0;
      try {
        for await (const page of connector.poll({ id: input.account, handle: input.handle }, checkpoint)) {
          if (page.posts.length) await sink(page.posts, { source: `poll:${input.platform}` });
          await repo.saveCheckpoint(db, key, page.checkpoint, page.posts.length, now(), LEASE_MS);
          posts += page.posts.length;
          pages++;
        }
      } catch (e) {
        // A stored page cursor the platform no longer accepts (expired, invalidated) would fail
        // every later run: drop it, so the next run starts again from `since`.
        const staleCursor =
          e instanceof PlatformError && e.status === 400 && pages === 0 && checkpoint.pending !== null;
        if (staleCursor)
          await repo.saveCheckpoint(db, key, { since: checkpoint.since, pending: null }, 0, now(), LEASE_MS);
        await repo.finishRun(db, key, {
          ok: false,
          error: `${(e as Error).message}${staleCursor ? ' (kursor halaman dibuang / page cursor discarded)' : ''}`,
        });
        if (e instanceof RateLimitedError) return { status: 'rate-limited', retryAt: e.retryAt, posts };
        if (e instanceof PlatformError && e.status >= 400 && e.status < 500)
          return { status: 'refused', error: e.message, posts };
        throw e;
      }
      await repo.finishRun(db, key, { ok: true, at: now() });
      return { status: 'done', posts, pages };
    },

    listCheckpoints: () => repo.listCheckpoints(db),
  };
}

export type ConnectorsService = ReturnType<typeof createConnectorsService>;
