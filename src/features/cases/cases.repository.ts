import { type Kysely, sql, type Transaction } from 'kysely';
import type { Tables } from '../../db/tables.ts';
import type { CaseEvent, CaseEventType } from '../../domain/case-workflow.ts';
import { NATIONAL } from '../../domain/jurisdiction.ts';
import type { HolidaySet } from '../../domain/working-days.ts';

type Db = Kysely<Tables> | Transaction<Tables>;

/** Who sees which cases: the region subtree; liaisons only forwarded cases. */
export type CaseScope = { regionRoot: string; forwardedOnly: boolean };

/** Adds the scope filter to a query over `cases`. */
// biome-ignore lint/suspicious/noExplicitAny: a Kysely query builder over a join that includes `cases`
export function inScope<Q extends { where: (...a: any[]) => any }>(q: Q, scope: CaseScope): Q {
  let out = q;
  if (scope.regionRoot !== NATIONAL)
    // biome-ignore lint/suspicious/noExplicitAny: the expression builder of the caller's query
    out = out.where((eb: any) =>
      eb.or([
        eb('cases.region_code', '=', scope.regionRoot),
        eb('cases.region_code', 'like', `${scope.regionRoot}.%`),
      ]),
    );
  if (scope.forwardedOnly) out = out.where('cases.forwarded_at', 'is not', null);
  return out;
}

export async function findCaseInScope(db: Db, id: string, scope: CaseScope, forUpdate = false) {
  let q = inScope(db.selectFrom('cases').selectAll('cases').where('cases.id', '=', id), scope);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type CaseRecord = NonNullable<Awaited<ReturnType<typeof findCaseInScope>>>;

export async function eventsOf(db: Db, caseId: string): Promise<(CaseEvent & { seq: number })[]> {
  const rows = await db
    .selectFrom('case_events')
    .select(['type', 'at', 'payload', 'seq'])
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ type: r.type as CaseEventType, at: r.at, payload: r.payload, seq: r.seq }));
}

export async function appendEvent(
  tx: Transaction<Tables>,
  e: {
    caseId: string;
    seq: number;
    type: CaseEventType;
    actorId: string | null;
    at: Date;
    payload: Record<string, unknown>;
    idempotencyKey?: string | null;
  },
) {
  await tx
    .insertInto('case_events')
    .values({
      case_id: e.caseId,
      seq: e.seq,
      type: e.type,
      actor_id: e.actorId,
      at: e.at,
      payload: JSON.stringify(e.payload),
      idempotency_key: e.idempotencyKey ?? null,
    })
    .execute();
  await tx
    .updateTable('cases')
    .set({ event_count: e.seq, updated_at: e.at })
    .where('id', '=', e.caseId)
    .execute();
}

export async function eventByKey(db: Db, key: string) {
  return db
    .selectFrom('case_events')
    .select(['case_id', 'type'])
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/** Holidays between two dates (inclusive), as the pure calendar wants them. */
export async function holidaySet(db: Db, from: string, to: string): Promise<HolidaySet> {
  const rows = await sql<{ d: string }>`
    SELECT to_char(date, 'YYYY-MM-DD') AS d FROM holidays WHERE date BETWEEN ${from} AND ${to}`.execute(db);
  return new Set(rows.rows.map((r) => r.d));
}

export const isoDate = (d: Date | string | null): string | null =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);

/** Replaces the cached deadlines of a case. */
export async function saveDeadlines(
  tx: Transaction<Tables>,
  caseId: string,
  deadlines: { kind: string; dueOn: string; dueAt: Date; metAt: Date | null }[],
) {
  const kinds = deadlines.map((d) => d.kind);
  let del = tx.deleteFrom('case_deadlines').where('case_id', '=', caseId);
  if (kinds.length) del = del.where('kind', 'not in', kinds);
  await del.execute();
  for (const d of deadlines)
    await tx
      .insertInto('case_deadlines')
      .values({ case_id: caseId, kind: d.kind, due_on: d.dueOn, due_at: d.dueAt, met_at: d.metAt })
      .onConflict((oc) =>
        oc.columns(['case_id', 'kind']).doUpdateSet({ due_on: d.dueOn, due_at: d.dueAt, met_at: d.metAt }),
      )
      .execute();
}

/** Users of the offices whose jurisdiction covers a region, with these roles (reminder recipients). */
export async function usersCovering(db: Db, regionCode: string, roles: string[]) {
  const parts = regionCode.split('.');
  const ancestors = [NATIONAL, ...parts.map((_, i) => parts.slice(0, i + 1).join('.'))];
  return db
    .selectFrom('users')
    .innerJoin('offices', 'offices.id', 'users.office_id')
    .select(['users.id', 'users.email', 'users.display_name', 'users.role'])
    .where('offices.region_code', 'in', ancestors)
    .where('users.role', 'in', roles as never[])
    .where('users.disabled_at', 'is', null)
    .execute();
}
