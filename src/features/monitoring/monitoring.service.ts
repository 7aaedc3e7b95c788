import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Me } from '../../contracts/auth.ts';
import type {
  AlertQuery,
  AlertQueue,
  AlertView,
  BulkResult,
  ConfirmInput,
  DismissInput,
  ReassignInput,
} from '../../contracts/monitoring.ts';
import type { Post } from '../../contracts/post.ts';
import type { Tables } from '../../db/tables.ts';
import { DomainError } from '../../domain/errors.ts';
import { isWithinJurisdiction, NATIONAL } from '../../domain/jurisdiction.ts';
import { labelOfDecision } from '../../domain/monitoring.ts';
import { hasPermission } from '../../domain/permissions.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';
import { createIngester, type IngestCounts } from './ingest.ts';
import { createEvidenceService } from './monitoring.evidence.ts';
import { createPacksService } from './monitoring.packs.ts';
import { type AlertRow, alertQuery, inScope, insertCustodyInTx } from './monitoring.repository.ts';
import { createSuggestionsService } from './monitoring.suggestions.ts';

export type { IngestCounts } from './ingest.ts';
export type MonitoringActor = Pick<Me, 'id' | 'role' | 'office'>;

const NOT_FOUND = () => new DomainError('NOT_FOUND', 'Data tidak ditemukan / not found');
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toAlertView(r: AlertRow): AlertView {
  return {
    id: r.id,
    status: r.status,
    score: Math.round(r.score * 1000) / 1000,
    category: r.category,
    targets: r.targets ?? [],
    signals: r.signals ?? [],
    explanation: r.explanation,
    packId: r.pack_id,
    packName: r.pack_name,
    stageCode: r.stage_code,
    regionCode: r.region_code,
    createdAt: r.created_at.toISOString(),
    reviewedAt: iso(r.reviewed_at),
    dismissReason: r.dismiss_reason,
    assignedTo: r.assigned_to ? { id: r.assigned_to, name: r.assigned_name ?? '' } : null,
    findingId: r.finding_id,
    post: {
      id: r.post_id,
      externalId: r.external_id,
      platform: r.platform,
      text: r.text,
      url: r.url,
      postedAt: iso(r.posted_at),
      version: r.version,
      alertVersion: r.post_version,
      deleted: r.deleted_at !== null,
      contentSha256: r.content_sha256,
    },
    account: { id: r.account_id, handle: r.handle, name: r.author_name },
    staff:
      r.staff_id && r.agency_id
        ? {
            id: r.staff_id,
            name: r.staff_name ?? '',
            nip: r.nip,
            position: r.position_name,
            agency: { id: r.agency_id, name: r.agency_name ?? '' },
          }
        : null,
  };
}

/**
 * Confirmed alerts that no case was opened from yet, oldest first: what the cases feature turns
 * into cases (origin 'alert'). Each row carries the stable ids of the alert, its post, the draft
 * finding and the post evidence; call `markAlertCaseOpened` in the transaction that opens the case.
 */
export async function listConfirmedAlertsWithoutCase(
  db: Kysely<Tables>,
  scope: { regionRoot: string },
  limit = 500,
) {
  return db
    .selectFrom('alerts as a')
    .innerJoin('findings as f', 'f.alert_id', 'a.id')
    .leftJoin('finding_evidence as fe', 'fe.finding_id', 'f.id')
    .where('a.status', '=', 'confirmed')
    .where('a.case_id', 'is', null)
    .where(inScope('a.region_code', scope.regionRoot))
    .select([
      'a.id as alertId',
      'a.post_id as postId',
      'f.id as findingId',
      'fe.evidence_id as evidenceId',
      'a.region_code as regionCode',
      'a.agency_id as agencyId',
      'a.staff_id as staffId',
      'f.category',
      'a.stage_code as stageCode',
      'a.pack_id as packId',
      'a.reviewed_at as confirmedAt',
      'f.summary',
    ])
    .orderBy('a.reviewed_at')
    .limit(limit)
    .execute();
}

/** Records that a case was opened from a confirmed alert (and its finding), in the caller's transaction. */
export async function markAlertCaseOpened(tx: Transaction<Tables>, alertId: string, caseId: string) {
  await tx
    .updateTable('alerts')
    .set({ case_id: caseId, updated_at: new Date() })
    .where('id', '=', alertId)
    .execute();
  await tx
    .updateTable('findings')
    .set({ case_id: caseId, status: 'submitted' })
    .where('alert_id', '=', alertId)
    .execute();
}

export type MonitoringService = ReturnType<typeof createMonitoringService>;

/** Monitoring use cases (issue 5): ingest, the review queue, packs, link suggestions, evidence. */
export function createMonitoringService({
  db,
  blobs,
  now = () => new Date(),
}: {
  db: Kysely<Tables>;
  blobs: BlobStore;
  now?: () => Date;
}) {
  const ingester = createIngester({ db });

  const requireReview = (actor: Pick<Me, 'role'>) => {
    if (!hasPermission(actor.role, 'alerts.review'))
      throw new DomainError('FORBIDDEN', 'Peran Anda tidak diizinkan / your role may not do this');
  };

  /** Loads pending alerts in scope, locked; the others are reported as skipped. */
  async function lockPending(tx: Transaction<Tables>, actor: MonitoringActor, ids: string[]) {
    const rows = await tx
      .selectFrom('alerts as a')
      .innerJoin('posts as p', 'p.id', 'a.post_id')
      .where('a.id', 'in', ids)
      .where(inScope('a.region_code', actor.office.regionCode))
      .select([
        'a.id',
        'a.status',
        'a.post_id',
        'a.post_version',
        'a.category',
        'a.targets',
        'a.region_code',
        'a.agency_id',
        'a.staff_id',
        'a.stage_code',
        'a.explanation',
        'p.url',
        'p.content_sha256',
        'p.version',
      ])
      .forUpdate()
      .execute();
    if (rows.length < new Set(ids).size) throw NOT_FOUND();
    return {
      pending: rows.filter((r) => r.status === 'pending'),
      skipped: rows.filter((r) => r.status !== 'pending').map((r) => r.id),
    };
  }

  return {
    /**
     * Stores posts (contracts §2) and runs detection with every active pack covering the author's
     * region. The batch API for connectors and `netra ingest`: idempotent on (platform, post id).
     */
    ingestPosts: (posts: readonly Post[], opts: { source: string }): Promise<IngestCounts> =>
      ingester.ingestPosts(posts, opts),
    /** Marks posts that vanished from their platform deleted (kept, never removed). */
    markPostsDeleted: ingester.markPostsDeleted,

    /** The review queue: alerts in the actor's jurisdiction grouped by account, by score then recency. */
    async listQueue(actor: MonitoringActor, q: AlertQuery): Promise<AlertQueue> {
      let base = alertQuery(db, actor.office.regionCode).where('a.status', '=', q.status);
      if (q.pack) base = base.where('a.pack_id', '=', q.pack);
      if (q.category) base = base.where('a.category', '=', q.category);
      if (q.mine === 'true') base = base.where('a.assigned_to', '=', actor.id);
      const [{ n }] = (await db
        .selectFrom('alerts as a')
        .where('a.status', '=', q.status)
        .where(inScope('a.region_code', actor.office.regionCode))
        .$if(!!q.pack, (b) => b.where('a.pack_id', '=', q.pack!))
        .$if(!!q.category, (b) => b.where('a.category', '=', q.category!))
        .$if(q.mine === 'true', (b) => b.where('a.assigned_to', '=', actor.id))
        .select(sql<number>`count(*)::int`.as('n'))
        .execute()) as [{ n: number }];
      const rows = (await base
        .orderBy('a.score', 'desc')
        .orderBy(sql`COALESCE(p.posted_at, a.created_at)`, 'desc')
        .orderBy('a.id')
        .limit(q.limit)
        .offset(q.offset)
        .execute()) as AlertRow[];
      const groups = new Map<string, AlertQueue['groups'][number]>();
      for (const r of rows) {
        const view = toAlertView(r);
        const key = r.account_id ?? `handle:${r.platform}:${r.handle ?? r.external_id}`;
        let g = groups.get(key);
        if (!g) {
          g = {
            key,
            account: view.account,
            staff: view.staff,
            platform: r.platform,
            topScore: view.score,
            alerts: [],
          };
          groups.set(key, g);
        }
        g.alerts.push(view);
      }
      return { total: n, groups: [...groups.values()] };
    },

    async getAlert(actor: MonitoringActor, id: string): Promise<AlertView> {
      const row = (await alertQuery(db, actor.office.regionCode).where('a.id', '=', id).executeTakeFirst()) as
        | AlertRow
        | undefined;
      if (!row) throw NOT_FOUND();
      return toAlertView(row);
    },

    /**
     * Confirms alerts: each becomes a draft finding (*temuan*) with its post as evidence (the
     * version judged, by hash), a label for the detector, and an audit event, in one transaction.
     */
    async confirm(actor: MonitoringActor, input: ConfirmInput): Promise<BulkResult> {
      requireReview(actor);
      return db.transaction().execute(async (tx) => {
        const { pending, skipped } = await lockPending(tx, actor, input.ids);
        const at = now();
        const findings: BulkResult['findings'] = [];
        for (const a of pending) {
          const category = input.category ?? a.category;
          await tx
            .updateTable('alerts')
            .set({
              status: 'confirmed',
              category,
              review_note: input.note ?? null,
              reviewed_by: actor.id,
              reviewed_at: at,
              updated_at: at,
            })
            .where('id', '=', a.id)
            .execute();
          const region = a.region_code ?? actor.office.regionCode;
          const evidence = await tx
            .insertInto('evidence')
            .values({
              kind: 'post',
              post_id: a.post_id,
              url: a.url,
              note: null,
              captured_at: at,
              captured_by: actor.id,
              region_code: region,
              content_sha256: a.content_sha256,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await insertCustodyInTx(tx, {
            evidenceId: evidence.id,
            actorId: actor.id,
            action: 'captured',
            details: { from: 'alert', alertId: a.id, postVersion: a.version, sha256: a.content_sha256 },
          });
          const finding = await tx
            .insertInto('findings')
            .values({
              origin: 'alert',
              alert_id: a.id,
              post_id: a.post_id,
              region_code: region,
              agency_id: a.agency_id,
              staff_id: a.staff_id,
              category,
              stage_code: a.stage_code,
              summary: input.note ? `${a.explanation}\n\n${input.note}` : a.explanation,
              created_by: actor.id,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await tx
            .insertInto('finding_evidence')
            .values({ finding_id: finding.id, evidence_id: evidence.id })
            .execute();
          await insertCustodyInTx(tx, {
            evidenceId: evidence.id,
            actorId: actor.id,
            action: 'attached',
            details: { findingId: finding.id },
          });
          await tx
            .insertInto('review_labels')
            .values({
              post_id: a.post_id,
              post_version: a.version,
              alert_id: a.id,
              flag: true,
              category,
              targets: JSON.stringify(a.targets ?? []),
              note: input.note ?? 'confirmed',
              labelled_by: actor.id,
            })
            .execute();
          await recordAuditInTx(tx, {
            actorId: actor.id,
            action: 'monitoring.alert.confirm',
            subjectType: 'alert',
            subjectId: a.id,
            details: { findingId: finding.id, evidenceId: evidence.id, category },
          });
          findings.push({ alertId: a.id, findingId: finding.id, evidenceId: evidence.id });
        }
        return { updated: pending.map((a) => a.id), skipped, findings };
      });
    },

    /** Dismisses alerts with a reason; the reason becomes a label when it judges the text. */
    async dismiss(actor: MonitoringActor, input: DismissInput): Promise<BulkResult> {
      requireReview(actor);
      return db.transaction().execute(async (tx) => {
        const { pending, skipped } = await lockPending(tx, actor, input.ids);
        const at = now();
        const label = labelOfDecision({ kind: 'dismiss', reason: input.reason });
        for (const a of pending) {
          await tx
            .updateTable('alerts')
            .set({
              status: 'dismissed',
              dismiss_reason: input.reason,
              review_note: input.note ?? null,
              reviewed_by: actor.id,
              reviewed_at: at,
              updated_at: at,
            })
            .where('id', '=', a.id)
            .execute();
          if (label)
            await tx
              .insertInto('review_labels')
              .values({
                post_id: a.post_id,
                post_version: a.version,
                alert_id: a.id,
                flag: label.flag,
                category: label.flag ? a.category : null,
                targets: JSON.stringify(label.flag ? (a.targets ?? []) : []),
                note: `dismissed: ${input.reason}${input.note ? ` — ${input.note}` : ''}`,
                labelled_by: actor.id,
              })
              .execute();
          await recordAuditInTx(tx, {
            actorId: actor.id,
            action: 'monitoring.alert.dismiss',
            subjectType: 'alert',
            subjectId: a.id,
            details: { reason: input.reason, note: input.note ?? null },
          });
        }
        return { updated: pending.map((a) => a.id), skipped, findings: [] };
      });
    },

    /** Assigns alerts to a reviewer of an office inside the actor's jurisdiction (or unassigns). */
    async reassign(actor: MonitoringActor, input: ReassignInput): Promise<BulkResult> {
      requireReview(actor);
      return db.transaction().execute(async (tx) => {
        if (input.userId) {
          const u = await tx
            .selectFrom('users')
            .innerJoin('offices', 'offices.id', 'users.office_id')
            .select(['users.role', 'offices.region_code', 'users.disabled_at'])
            .where('users.id', '=', input.userId)
            .executeTakeFirst();
          if (!u || !isWithinJurisdiction(u.region_code, actor.office.regionCode) || u.disabled_at)
            throw NOT_FOUND();
          if (!hasPermission(u.role, 'alerts.review'))
            throw new DomainError(
              'VALIDATION',
              'Pengguna itu tidak dapat menelaah / that user cannot review alerts',
              [{ field: 'userId', message: 'peran tanpa hak telaah / role without review permission' }],
            );
        }
        const { pending, skipped } = await lockPending(tx, actor, input.ids);
        for (const a of pending) {
          await tx
            .updateTable('alerts')
            .set({ assigned_to: input.userId, updated_at: now() })
            .where('id', '=', a.id)
            .execute();
          await recordAuditInTx(tx, {
            actorId: actor.id,
            action: 'monitoring.alert.reassign',
            subjectType: 'alert',
            subjectId: a.id,
            details: { userId: input.userId },
          });
        }
        return { updated: pending.map((a) => a.id), skipped, findings: [] };
      });
    },

    /** Reviewers an alert can be assigned to: users with review rights inside the jurisdiction. */
    async listReviewers(actor: MonitoringActor) {
      const rows = await db
        .selectFrom('users')
        .innerJoin('offices', 'offices.id', 'users.office_id')
        .select(['users.id', 'users.display_name', 'offices.name as office'])
        .where('users.role', 'in', ['head', 'analyst'])
        .where('users.disabled_at', 'is', null)
        .where(inScope('offices.region_code', actor.office.regionCode))
        .orderBy('users.display_name')
        .limit(500)
        .execute();
      return rows.map((r) => ({ id: r.id, name: r.display_name, office: r.office }));
    },

    /**
     * Reviewer decisions as labelled posts (contracts §4), the latest label per post, one JSON
     * object per line: what `netra eval --in` and `netra train` read.
     */
    async *exportLabels(actor: Pick<Me, 'office'>): AsyncGenerator<string> {
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const { rows } = await sql<{
          post_id: string;
          external_id: string;
          platform: string;
          text: string;
          url: string | null;
          author_handle: string | null;
          author_name: string | null;
          author_bio: string | null;
          posted_at: string | null;
          lang: string | null;
          flag: boolean;
          category: string | null;
          targets: string[];
          note: string | null;
          pack_id: string | null;
        }>`
          SELECT DISTINCT ON (l.post_id) l.post_id, p.external_id, p.platform,
            COALESCE(v.text, p.text) AS text, p.url, p.author_handle, p.author_name, p.author_bio,
            to_char(p.posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS posted_at, p.lang,
            l.flag, l.category, l.targets, l.note, a.pack_id
          FROM review_labels l
          JOIN posts p ON p.id = l.post_id
          LEFT JOIN post_versions v ON v.post_id = l.post_id AND v.version = l.post_version
          LEFT JOIN alerts a ON a.id = l.alert_id
          WHERE l.post_id > ${after}::uuid AND ${inScope('p.region_code', actor.office.regionCode)}
          ORDER BY l.post_id, l.created_at DESC
          LIMIT 1000`.execute(db);
        if (rows.length === 0) return;
        for (const r of rows)
          yield `${JSON.stringify({
            id: r.external_id,
            platform: r.platform,
            text: r.text,
            ...(r.url ? { url: r.url } : {}),
            author: {
              ...(r.author_handle ? { handle: r.author_handle } : {}),
              ...(r.author_name ? { name: r.author_name } : {}),
              ...(r.author_bio ? { bio: r.author_bio } : {}),
            },
            ...(r.posted_at ? { posted_at: r.posted_at } : {}),
            ...(r.lang ? { lang: r.lang } : {}),
            flag: r.flag,
            category: r.flag ? r.category : null,
            targets: r.flag ? r.targets : [],
            difficulty: null,
            note: r.note ?? '',
            pack: r.pack_id,
          })}\n`;
        after = rows[rows.length - 1]!.post_id;
      }
    },

    packs: createPacksService({ db }),
    suggestions: createSuggestionsService({ db }),
    evidence: createEvidenceService({ db, blobs, now }),
  };
}

/** The scope of a CLI operator: national. */
export const OPERATOR: MonitoringActor = {
  id: null as unknown as string,
  role: 'admin',
  office: { id: '', name: 'operator', regionCode: NATIONAL },
};
