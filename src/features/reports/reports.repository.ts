import { type Kysely, sql, type Transaction } from 'kysely';
import type { ReportListQuery } from '../../contracts/reports.ts';
import type { Tables } from '../../db/tables.ts';

type Db = Kysely<Tables> | Transaction<Tables>;

/** The region-subtree filter of a jurisdiction root ("00" = everything). */
const inScope = (regionRoot: string) =>
  regionRoot === '00'
    ? sql<boolean>`true`
    : sql<boolean>`(r.region_code = ${regionRoot} OR r.region_code LIKE ${`${regionRoot}.%`})`;

export const reportColumns = [
  'r.id',
  'r.kind',
  'r.status',
  'r.election_type',
  'r.region_code',
  'r.agency_id',
  'r.received_at',
  'r.late',
  'r.wrapped_key',
  'r.identity_sealed',
  'r.content_sealed',
  'r.duplicate_of',
  'r.reviewed_at',
  'r.completion_requested_at',
  'r.decided_at',
  'r.case_id',
] as const;

/** Dates as YYYY-MM-DD text (drivers would turn them into midnight instants). */
export const dateColumns = () =>
  [
    sql<string | null>`r.occurred_on::text`.as('occurred_on'),
    sql<string | null>`r.known_on::text`.as('known_on'),
  ] as const;

export async function findByReceiptHash(db: Db, receiptHash: string) {
  return db
    .selectFrom('reports as r')
    .select(reportColumns)
    .select(dateColumns())
    .where('r.receipt_hash', '=', receiptHash)
    .executeTakeFirst();
}

/** One report inside the jurisdiction `regionRoot`, or undefined (absent and outside are the same). */
export async function findInScope(db: Db, id: string, regionRoot: string) {
  return db
    .selectFrom('reports as r')
    .leftJoin('regions as g', 'g.code', 'r.region_code')
    .select([...reportColumns, 'g.name as region_name'])
    .select(dateColumns())
    .where('r.id', '=', id)
    .where(inScope(regionRoot))
    .executeTakeFirst();
}

export type ReportRow = NonNullable<Awaited<ReturnType<typeof findInScope>>>;

const OPEN = ['diterima', 'perlu_dilengkapi', 'penelusuran'];

export async function listInScope(db: Db, regionRoot: string, q: ReportListQuery) {
  let query = db.selectFrom('reports as r').where(inScope(regionRoot));
  if (q.status) query = query.where('r.status', '=', q.status);
  if (q.kind) query = query.where('r.kind', '=', q.kind);
  if (q.open === 'true') query = query.where('r.status', 'in', OPEN);
  if (q.open === 'false') query = query.where('r.status', 'not in', OPEN);
  const { total } = await query
    .select((eb) => eb.fn.countAll<string>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await query
    .leftJoin('regions as g', 'g.code', 'r.region_code')
    .select([...reportColumns, 'g.name as region_name'])
    .select(dateColumns())
    .select((eb) => [
      eb
        .selectFrom('report_evidence as e')
        .whereRef('e.report_id', '=', 'r.id')
        .select((e) => e.fn.countAll<string>().as('n'))
        .as('evidence_count'),
      eb
        .selectFrom('report_messages as m')
        .whereRef('m.report_id', '=', 'r.id')
        .select('m.author')
        .orderBy('m.seq', 'desc')
        .limit(1)
        .as('last_author'),
    ])
    .orderBy('r.received_at', 'desc')
    .orderBy('r.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total: Number(total), rows };
}

export async function evidenceCount(db: Db, reportId: string) {
  const { n } = await db
    .selectFrom('report_evidence')
    .where('report_id', '=', reportId)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function messagesOf(db: Db, reportId: string) {
  return db
    .selectFrom('report_messages as m')
    .leftJoin('users as u', 'u.id', 'm.staff_id')
    .select(['m.id', 'm.author', 'm.kind', 'm.body_sealed', 'm.created_at', 'u.display_name'])
    .where('m.report_id', '=', reportId)
    .orderBy('m.seq')
    .execute();
}

export async function evidenceOf(db: Db, reportId: string) {
  return db
    .selectFrom('report_evidence')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('seq')
    .execute();
}

export async function eventsOf(db: Db, reportId: string) {
  return db
    .selectFrom('report_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.type', 'e.at', 'e.payload', 'u.display_name'])
    .where('e.report_id', '=', reportId)
    .orderBy('e.id')
    .execute();
}

export async function duplicatesOf(db: Db, id: string, duplicateOf: string | null) {
  const root = duplicateOf ?? id;
  const rows = await db
    .selectFrom('reports')
    .select('id')
    .where((eb) => eb.or([eb('duplicate_of', '=', root), eb('id', '=', root)]))
    .where('id', '!=', id)
    .orderBy('received_at')
    .execute();
  return rows.map((r) => r.id);
}

export async function findFirstWithFingerprint(db: Db, fingerprint: string) {
  return db
    .selectFrom('reports')
    .select(['id', 'duplicate_of'])
    .where('fingerprint', '=', fingerprint)
    .orderBy('received_at')
    .limit(1)
    .executeTakeFirst();
}

export async function addEventInTx(
  tx: Transaction<Tables>,
  e: { reportId: string; type: string; actorId?: string | null; payload?: Record<string, unknown> },
) {
  await tx
    .insertInto('report_events')
    .values({
      report_id: e.reportId,
      type: e.type,
      actor_id: e.actorId ?? null,
      payload: JSON.stringify(e.payload ?? {}),
    })
    .execute();
}

export async function regionExists(db: Db, code: string) {
  return Boolean(await db.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst());
}
