import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Tables } from '../../db/tables.ts';
import { NATIONAL } from '../../domain/jurisdiction.ts';

/**
 * Aggregate queries of the dashboard and the kerawanan index. They read the tables of the
 * monitoring (alerts), reports, cases and prevention features by the column names agreed in
 * SCHEMA-CONTRACT (docs/analytics.md lists them), in raw SQL: every query is an aggregate over a
 * region subtree and a period. Counts per region are returned per stored `region_code`; the
 * service rolls them up to the children of the region shown. A feature whose tables do not exist
 * in this installation is reported by `sourcesAvailable` and its queries are not run.
 */

export type Period = { from: Date; to: Date };
type Db = Kysely<Tables>;

/** `col` is inside the region subtree `root` (uses the text_pattern_ops prefix indexes). */
export const inScope = (col: string, root: string): RawBuilder<boolean> =>
  root === NATIONAL
    ? sql<boolean>`true`
    : sql<boolean>`(${sql.ref(col)} = ${root} OR ${sql.ref(col)} LIKE ${`${root}.%`})`;

const inPeriod = (col: string, p: Period) =>
  sql<boolean>`(${sql.ref(col)} >= ${p.from} AND ${sql.ref(col)} < ${p.to})`;

const n = (v: unknown) => Number(v ?? 0);

export type Sources = { alerts: boolean; reports: boolean; cases: boolean; prevention: boolean };

/** Cases that are neither decided nor ended (not registered, withdrawn, merged, finished). */
const AWAITING = sql`(outcome IS NULL AND decided_at IS NULL AND status NOT IN ('tidak_diregistrasi', 'dicabut', 'digabung', 'selesai'))`;

/** Which source tables exist (each feature's migration creates them). */
export async function sourcesAvailable(db: Db): Promise<Sources & { caseDeadlines: boolean }> {
  const { rows } = await sql<Record<string, boolean>>`
    SELECT to_regclass('alerts') IS NOT NULL AS alerts,
           to_regclass('case_deadlines') IS NOT NULL AS case_deadlines,
           to_regclass('reports') IS NOT NULL AS reports,
           to_regclass('cases') IS NOT NULL AS cases,
           (to_regclass('prevention_activities') IS NOT NULL AND to_regclass('pledge_signatures') IS NOT NULL
            AND to_regclass('pledge_campaigns') IS NOT NULL AND to_regclass('task_forces') IS NOT NULL) AS prevention
  `.execute(db);
  const r = rows[0]!;
  return {
    alerts: !!r.alerts,
    reports: !!r.reports,
    cases: !!r.cases,
    prevention: !!r.prevention,
    caseDeadlines: !!r.case_deadlines,
  };
}

export async function findRegion(db: Db, code: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function regionNames(db: Db, codes: string[]) {
  if (codes.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The direct children of a region (provinces of "00", regencies of a province, …). */
export async function childRegions(db: Db, code: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('parent_code', '=', code)
    .orderBy('code')
    .execute();
}

/** Staff per stored region code, from the refreshed counts. */
export async function staffByRegion(db: Db, root: string) {
  const { rows } = await sql<{ code: string; staff: string }>`
    SELECT region_code AS code, sum(staff) AS staff FROM analytics_staff_counts
    WHERE ${inScope('region_code', root)} GROUP BY region_code`.execute(db);
  return rows.map((r) => ({ code: r.code, staff: n(r.staff) }));
}

export async function staffByAgency(db: Db, root: string) {
  const { rows } = await sql<{ id: string; staff: string }>`
    SELECT agency_id AS id, sum(staff) AS staff FROM analytics_staff_counts
    WHERE ${inScope('region_code', root)} GROUP BY agency_id`.execute(db);
  return new Map(rows.map((r) => [r.id, n(r.staff)]));
}

export async function staffCountsRefreshedAt(db: Db): Promise<Date | null> {
  const { rows } = await sql<{
    at: Date | null;
  }>`SELECT max(refreshed_at) AS at FROM analytics_staff_counts`.execute(db);
  return rows[0]?.at ?? null;
}

/** Recounts staff per (region, agency, position type) in one transaction. Returns the rows written. */
export async function refreshStaffCounts(db: Db): Promise<number> {
  return db.transaction().execute(async (tx) => {
    await sql`DELETE FROM analytics_staff_counts`.execute(tx);
    const result = await sql`
      INSERT INTO analytics_staff_counts (region_code, agency_id, position_type, staff, refreshed_at)
      SELECT region_code, agency_id, coalesce(position_type, '-'), count(*), now()
      FROM staff WHERE active GROUP BY 1, 2, 3`.execute(tx);
    return Number(result.numAffectedRows ?? 0);
  });
}

/**
 * Alerts per stored region code: pending now (a queue, any date), all and confirmed in the period.
 * Two aggregates: the queue from the partial index of pending alerts, the period from the
 * `created_at` index — one scan of every alert of every election took ~200 ms at national scale.
 */
export async function alertsByRegion(db: Db, root: string, p: Period) {
  const { rows } = await sql<{ code: string | null; pending: string; total: string; confirmed: string }>`
    SELECT code, sum(pending) AS pending, sum(total) AS total, sum(confirmed) AS confirmed FROM (
      SELECT region_code AS code, count(*) AS pending, 0 AS total, 0 AS confirmed
      FROM alerts WHERE ${inScope('region_code', root)} AND status = 'pending' GROUP BY region_code
      UNION ALL
      SELECT region_code, 0, count(*), count(*) FILTER (WHERE status = 'confirmed')
      FROM alerts WHERE ${inScope('region_code', root)} AND ${inPeriod('created_at', p)} GROUP BY region_code
    ) AS x GROUP BY code`.execute(db);
  return rows.map((r) => ({
    code: r.code,
    pending: n(r.pending),
    total: n(r.total),
    confirmed: n(r.confirmed),
  }));
}

/**
 * Cases per stored region code: opened in the period; awaiting a decision and overdue (now, any
 * date); sanctions recommended and imposed among cases opened in the period. Overdue: a statutory
 * deadline of the case (`case_deadlines`, kept by the cases feature) has passed unmet; where that
 * table does not exist, a case awaiting a decision longer than `overdueBefore`.
 */
export async function casesByRegion(
  db: Db,
  root: string,
  p: Period,
  overdue: { now: Date; fallbackBefore: Date; deadlines: boolean },
) {
  const isOverdue = overdue.deadlines
    ? sql`EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = cases.id AND d.met_at IS NULL AND d.due_at < ${overdue.now})`
    : sql`(${AWAITING} AND opened_at < ${overdue.fallbackBefore})`;
  type Row = {
    code: string | null;
    cases: string;
    awaiting: string;
    overdue: string;
    recommended: string;
    imposed: string;
  };
  const { rows } = await sql<Row>`
    SELECT region_code AS code,
           count(*) FILTER (WHERE ${inPeriod('opened_at', p)}) AS cases,
           count(*) FILTER (WHERE ${AWAITING}) AS awaiting,
           count(*) FILTER (WHERE ${isOverdue}) AS overdue,
           count(*) FILTER (WHERE ${inPeriod('opened_at', p)} AND sanction_recommended IS NOT NULL) AS recommended,
           count(*) FILTER (WHERE ${inPeriod('opened_at', p)} AND sanction_imposed IS NOT NULL) AS imposed
    FROM cases WHERE ${inScope('region_code', root)} GROUP BY region_code`.execute(db);
  return rows.map((r) => ({
    code: r.code,
    cases: n(r.cases),
    awaiting: n(r.awaiting),
    overdue: n(r.overdue),
    recommended: n(r.recommended),
    imposed: n(r.imposed),
  }));
}

/** Reports per stored region code (null = no region given): in the period and since `weekStart`. */
export async function reportsByRegion(db: Db, root: string, p: Period, weekStart: Date) {
  const { rows } = await sql<{ code: string | null; total: string; week: string }>`
    SELECT region_code AS code,
           count(*) FILTER (WHERE ${inPeriod('received_at', p)}) AS total,
           count(*) FILTER (WHERE received_at >= ${weekStart}) AS week
    FROM reports WHERE ${inScope('region_code', root)} GROUP BY region_code`.execute(db);
  return rows.map((r) => ({ code: r.code, total: n(r.total), week: n(r.week) }));
}

export async function casesByStatus(db: Db, root: string, p: Period) {
  const { rows } = await sql<{ key: string; count: string }>`
    SELECT status AS key, count(*) AS count FROM cases
    WHERE ${inScope('region_code', root)} AND ${inPeriod('opened_at', p)}
    GROUP BY status ORDER BY count(*) DESC, status`.execute(db);
  return rows.map((r) => ({ key: r.key, count: n(r.count) }));
}

/** The calendar day in Asia/Jakarta (WIB) of a timestamp column. */
const day = (col: string) => sql`(${sql.ref(col)} AT TIME ZONE 'Asia/Jakarta')::date`;
/** `YYYY-MM-DD` of a grouped day (formatted once per day, not per row). */
const dayText = sql`to_char(d, 'YYYY-MM-DD')`;

export async function alertsByDay(db: Db, root: string, p: Period) {
  const { rows } = await sql<{ date: string; total: string; confirmed: string }>`
    SELECT ${dayText} AS date, total, confirmed FROM (
      SELECT ${day('created_at')} AS d, count(*) AS total, count(*) FILTER (WHERE status = 'confirmed') AS confirmed
      FROM alerts WHERE ${inScope('region_code', root)} AND ${inPeriod('created_at', p)} GROUP BY 1) AS x`.execute(
    db,
  );
  return rows.map((r) => ({ date: r.date, total: n(r.total), confirmed: n(r.confirmed) }));
}

export async function casesByDay(db: Db, root: string, p: Period) {
  const { rows } = await sql<{ date: string; total: string }>`
    SELECT ${dayText} AS date, total FROM (
      SELECT ${day('opened_at')} AS d, count(*) AS total
      FROM cases WHERE ${inScope('region_code', root)} AND ${inPeriod('opened_at', p)} GROUP BY 1) AS x`.execute(
    db,
  );
  return rows.map((r) => ({ date: r.date, total: n(r.total) }));
}

export async function reportsByDay(db: Db, root: string, p: Period) {
  const { rows } = await sql<{ date: string; total: string }>`
    SELECT ${dayText} AS date, total FROM (
      SELECT ${day('received_at')} AS d, count(*) AS total
      FROM reports WHERE ${inScope('region_code', root)} AND ${inPeriod('received_at', p)} GROUP BY 1) AS x`.execute(
    db,
  );
  return rows.map((r) => ({ date: r.date, total: n(r.total) }));
}

export const DIMENSIONS = ['stage', 'category', 'position', 'agencyKind'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Breakdowns = Record<Dimension, { key: string; count: number }[]>;

/**
 * Counts by stage, category, position type and agency kind in one pass over the rows (grouping
 * sets), as the dashboard shows them. The position type is the one kept on the row (migration
 * 0014), not read from `staff` per row.
 */
async function breakdowns(db: Db, rows: RawBuilder<unknown>): Promise<Breakdowns> {
  const { rows: out } = await sql<{
    stage: string | null;
    category: string | null;
    position: string | null;
    kind: string | null;
    g: number;
    count: string;
  }>`
    SELECT stage, category, position, kind, GROUPING(stage, category, position, kind) AS g, count(*) AS count
    FROM (${rows}) AS x
    GROUP BY GROUPING SETS ((stage), (category), (position), (kind))`.execute(db);
  const result: Breakdowns = { stage: [], category: [], position: [], agencyKind: [] };
  // GROUPING(...) has a bit set for every column *not* grouped in the row's set (first column = 8).
  const byBits: Record<number, [Dimension, 'stage' | 'category' | 'position' | 'kind']> = {
    7: ['stage', 'stage'],
    11: ['category', 'category'],
    13: ['position', 'position'],
    14: ['agencyKind', 'kind'],
  };
  for (const r of out) {
    const at = byBits[Number(r.g)];
    if (at) result[at[0]].push({ key: r[at[1]] ?? '-', count: n(r.count) });
  }
  return result;
}

const breakdownColumns = sql`coalesce(t.stage_code, '-') AS stage, coalesce(t.category, '-') AS category,
  coalesce(t.position_type, '-') AS position, coalesce(a.kind, '-') AS kind`;

/** Confirmed alerts in the period by stage, category, position type and agency kind. */
export async function confirmedAlertBreakdowns(db: Db, root: string, p: Period): Promise<Breakdowns> {
  return breakdowns(
    db,
    sql`SELECT ${breakdownColumns} FROM alerts t LEFT JOIN agencies a ON a.id = t.agency_id
        WHERE ${inScope('t.region_code', root)} AND t.status = 'confirmed' AND ${inPeriod('t.created_at', p)}`,
  );
}

/** Cases opened in the period by stage, category, position type and agency kind. */
export async function caseBreakdowns(db: Db, root: string, p: Period): Promise<Breakdowns> {
  return breakdowns(
    db,
    sql`SELECT ${breakdownColumns} FROM cases t LEFT JOIN agencies a ON a.id = t.agency_id
        WHERE ${inScope('t.region_code', root)} AND ${inPeriod('t.opened_at', p)}`,
  );
}

export async function casesByAgency(db: Db, root: string, p: Period) {
  const { rows } = await sql<{ id: string; count: string }>`
    SELECT agency_id AS id, count(*) AS count FROM cases
    WHERE ${inScope('region_code', root)} AND ${inPeriod('opened_at', p)} AND agency_id IS NOT NULL
    GROUP BY agency_id`.execute(db);
  return new Map(rows.map((r) => [r.id, n(r.count)]));
}

export async function confirmedAlertsByAgency(db: Db, root: string, p: Period) {
  const { rows } = await sql<{ id: string; count: string }>`
    SELECT agency_id AS id, count(*) AS count FROM alerts
    WHERE ${inScope('region_code', root)} AND status = 'confirmed' AND ${inPeriod('created_at', p)}
      AND agency_id IS NOT NULL
    GROUP BY agency_id`.execute(db);
  return new Map(rows.map((r) => [r.id, n(r.count)]));
}

/** Prevention per stored region code: staff who signed a pledge, task forces, activities held from `since` to `until`. */
export async function preventionByRegion(db: Db, root: string, since: string, until: string) {
  const [pledged, forces, activities] = await Promise.all([
    sql<{ code: string; count: string }>`
      SELECT s.region_code AS code, count(DISTINCT ps.staff_id) AS count
      FROM pledge_signatures ps JOIN staff s ON s.id = ps.staff_id
      WHERE ${inScope('s.region_code', root)} GROUP BY s.region_code`.execute(db),
    sql<{ code: string }>`
      SELECT DISTINCT region_code AS code FROM task_forces
      WHERE ${inScope('region_code', root)} AND (dissolved_on IS NULL OR dissolved_on > ${until}::date)`.execute(
      db,
    ),
    sql<{ code: string; count: string }>`
      SELECT region_code AS code, count(*) AS count FROM prevention_activities
      WHERE ${inScope('region_code', root)} AND held_on >= ${since}::date AND held_on <= ${until}::date
      GROUP BY region_code`.execute(db),
  ]);
  return {
    pledged: pledged.rows.map((r) => ({ code: r.code, count: n(r.count) })),
    taskForces: forces.rows.map((r) => r.code),
    activities: activities.rows.map((r) => ({ code: r.code, count: n(r.count) })),
  };
}

export async function preventionByAgency(db: Db, root: string) {
  const [pledged, forces] = await Promise.all([
    sql<{ id: string; count: string }>`
      SELECT s.agency_id AS id, count(DISTINCT ps.staff_id) AS count
      FROM pledge_signatures ps JOIN staff s ON s.id = ps.staff_id
      WHERE ${inScope('s.region_code', root)} GROUP BY s.agency_id`.execute(db),
    sql<{ id: string }>`
      SELECT DISTINCT agency_id AS id FROM task_forces
      WHERE agency_id IS NOT NULL AND ${inScope('region_code', root)} AND dissolved_on IS NULL`.execute(db),
  ]);
  return {
    pledged: new Map(pledged.rows.map((r) => [r.id, n(r.count)])),
    taskForces: new Set(forces.rows.map((r) => r.id)),
  };
}

/** The election whose imported cases are the history part: the one imported last. */
export async function latestHistoryElection(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('kerawanan_history')
    .select('election')
    .orderBy('imported_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.election ?? null;
}

export async function historySummary(db: Db, election: string | null) {
  if (!election) return { rows: 0, cases: 0 };
  const { rows } = await sql<{ rows: string; cases: string }>`
    SELECT count(*) AS rows, coalesce(sum(cases), 0) AS cases FROM kerawanan_history WHERE election = ${election}`.execute(
    db,
  );
  return { rows: n(rows[0]?.rows), cases: n(rows[0]?.cases) };
}

export async function historyByRegion(db: Db, root: string, election: string) {
  const { rows } = await sql<{ code: string; cases: string }>`
    SELECT region_code AS code, sum(cases) AS cases FROM kerawanan_history
    WHERE election = ${election} AND agency_id IS NULL AND ${inScope('region_code', root)}
    GROUP BY region_code`.execute(db);
  return rows.map((r) => ({ code: r.code, cases: n(r.cases) }));
}

export async function historyByAgency(db: Db, root: string, election: string) {
  const { rows } = await sql<{ id: string; cases: string }>`
    SELECT agency_id AS id, sum(cases) AS cases FROM kerawanan_history
    WHERE election = ${election} AND agency_id IS NOT NULL AND ${inScope('region_code', root)}
    GROUP BY agency_id`.execute(db);
  return new Map(rows.map((r) => [r.id, n(r.cases)]));
}

export async function agenciesInScope(db: Db, root: string) {
  const { rows } = await sql<{ id: string; name: string; kind: string; region_code: string }>`
    SELECT id, name, kind, region_code FROM agencies WHERE ${inScope('region_code', root)}`.execute(db);
  return rows;
}

/** Active election packs with their stage calendars. */
export async function activePacks(db: Db) {
  const rows = await db
    .selectFrom('election_packs')
    .select(['region_code', 'body'])
    .where('active', '=', true)
    .execute();
  return rows.map((r) => {
    const body = (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as {
      stages?: { code?: string; start?: string; end?: string }[];
    };
    return {
      regionCode: r.region_code,
      stages: (body?.stages ?? [])
        .filter((s) => s.code && s.start && s.end)
        .map((s) => ({ code: s.code!, start: s.start!, end: s.end! })),
    };
  });
}

export async function loadSettings(db: Db) {
  return db.selectFrom('kerawanan_settings').select(['settings', 'updated_at']).executeTakeFirst();
}
