import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Tables } from '../../db/tables.ts';
import { NATIONAL } from '../../domain/jurisdiction.ts';

/** SQL filter: `column` inside the jurisdiction rooted at `root` (a null region only nationally). */
export function inScope(column: string, root: string): RawBuilder<boolean> {
  if (root === NATIONAL) return sql<boolean>`true`;
  const col = sql.ref(column);
  return sql<boolean>`(${col} = ${root} OR ${col} LIKE ${`${root}.%`})`;
}

export type AlertRow = {
  id: string;
  status: 'pending' | 'confirmed' | 'dismissed';
  score: number;
  category: string | null;
  targets: string[];
  signals: { kind: string; text: string; start: number; end: number; weight: number }[];
  explanation: string;
  pack_id: string;
  pack_name: string | null;
  stage_code: string | null;
  region_code: string | null;
  created_at: Date;
  reviewed_at: Date | null;
  dismiss_reason: 'not_partisan' | 'not_asn' | 'duplicate' | 'out_of_jurisdiction' | null;
  assigned_to: string | null;
  assigned_name: string | null;
  finding_id: string | null;
  post_id: string;
  external_id: string;
  platform: string;
  text: string;
  url: string | null;
  posted_at: Date | null;
  version: number;
  post_version: number;
  deleted_at: Date | null;
  content_sha256: string;
  account_id: string | null;
  handle: string | null;
  author_name: string | null;
  staff_id: string | null;
  staff_name: string | null;
  nip: string | null;
  position_name: string | null;
  agency_id: string | null;
  agency_name: string | null;
};

/** Alerts joined with their post, account, staff member, agency, pack, assignee and finding. */
export function alertQuery(db: Kysely<Tables> | Transaction<Tables>, root: string) {
  return db
    .selectFrom('alerts as a')
    .innerJoin('posts as p', 'p.id', 'a.post_id')
    .leftJoin('social_accounts as sa', 'sa.id', 'a.account_id')
    .leftJoin('staff as s', 's.id', 'a.staff_id')
    .leftJoin('agencies as ag', 'ag.id', 'a.agency_id')
    .leftJoin('election_packs as ep', 'ep.id', 'a.pack_id')
    .leftJoin('users as u', 'u.id', 'a.assigned_to')
    .leftJoin('findings as f', 'f.alert_id', 'a.id')
    .where(inScope('a.region_code', root))
    .select([
      'a.id',
      'a.status',
      'a.score',
      'a.category',
      'a.targets',
      'a.signals',
      'a.explanation',
      'a.pack_id',
      'ep.name as pack_name',
      'a.stage_code',
      'a.region_code',
      'a.created_at',
      'a.reviewed_at',
      'a.dismiss_reason',
      'a.assigned_to',
      'u.display_name as assigned_name',
      'f.id as finding_id',
      'p.id as post_id',
      'p.external_id',
      'p.platform',
      'p.text',
      'p.url',
      'p.posted_at',
      'p.version',
      'a.post_version',
      'p.deleted_at',
      'p.content_sha256',
      'a.account_id',
      sql<string | null>`COALESCE(sa.handle, p.author_handle)`.as('handle'),
      'p.author_name',
      's.id as staff_id',
      's.name as staff_name',
      's.nip',
      's.position_name',
      'ag.id as agency_id',
      'ag.name as agency_name',
    ]);
}

export async function insertCustodyInTx(
  tx: Transaction<Tables>,
  e: { evidenceId: string; actorId: string | null; action: string; details?: Record<string, unknown> },
) {
  await tx
    .insertInto('custody_events')
    .values({
      evidence_id: e.evidenceId,
      actor_id: e.actorId,
      action: e.action,
      details: JSON.stringify(e.details ?? {}),
    })
    .execute();
}
