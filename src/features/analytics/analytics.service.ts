import type { Kysely } from 'kysely';
import {
  type AgencyRow,
  type Dashboard,
  type DashboardQuery,
  KerawananSettings as KerawananSettingsSchema,
  type KerawananSettingsView,
  type KerawananView,
  type RegionRow,
} from '../../contracts/analytics.ts';
import type { Me } from '../../contracts/auth.ts';
import type { Tables } from '../../db/tables.ts';
import { DomainError } from '../../domain/errors.ts';
import { isWithinJurisdiction, NATIONAL } from '../../domain/jurisdiction.ts';
import {
  currentStage,
  DEFAULT_KERAWANAN_SETTINGS,
  type KerawananInput,
  type KerawananLevel,
  type KerawananSettings,
  kerawananLevelOf,
  type PackCalendar,
  scoreKerawanan,
  validateKerawananSettings,
} from '../../domain/kerawanan.ts';
import { hasPermission } from '../../domain/permissions.ts';
import { recordAuditInTx } from '../audit/audit.repository.ts';
import { dashboardPdf, dashboardWorkbook } from './analytics.export.ts';
import { importHistory } from './analytics.history.ts';
import { buildRegionTopology, type RegionTopology, readKabkotTopology } from './analytics.map.ts';
import * as repo from './analytics.repository.ts';

/** The user (or, for the CLI, the operator with national scope) asking for figures. */
export type AnalyticsActor = {
  id: string | null;
  role: Me['role'];
  office: Pick<Me['office'], 'regionCode'>;
};

/**
 * Without the cases feature's deadline table, a case not decided this many days after it was
 * opened counts as overdue (Pemilu: 7 + 7 days, domain §4.3).
 */
export const OVERDUE_DAYS = 14;
/** Default period: the last 90 days up to today. */
export const DEFAULT_PERIOD_DAYS = 90;
/** Longest period one request may cover. */
export const MAX_PERIOD_DAYS = 731;
/** Agencies listed on the dashboard, highest kerawanan first. */
export const TOP_AGENCIES = 20;

const DAY = 86_400_000;
const WIB_OFFSET = 7 * 3_600_000;
const NOT_FOUND = () => new DomainError('NOT_FOUND', 'Data tidak ditemukan / not found');

/** The calendar date in Asia/Jakarta (WIB, UTC+7, no daylight saving). */
export const wibDate = (at: Date) => new Date(at.getTime() + WIB_OFFSET).toISOString().slice(0, 10);
const startOfWibDay = (date: string) => new Date(`${date}T00:00:00+07:00`);
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** Kemendagri codes have fixed widths: province 2, regency/city 5, district 8 characters. */
const CHILD_CODE_LENGTH: Record<number, number> = { 0: 2, 1: 5, 2: 8 };

type Counted = { code: string | null };

/** Sums `pick` over rows, in total and per child region (by code prefix). */
function rollUp<T extends Counted>(rows: T[], childLength: number | undefined, pick: (r: T) => number) {
  let total = 0;
  const perChild = new Map<string, number>();
  for (const r of rows) {
    const v = pick(r);
    total += v;
    if (childLength && r.code && r.code.length >= childLength) {
      const key = r.code.slice(0, childLength);
      perChild.set(key, (perChild.get(key) ?? 0) + v);
    }
  }
  return { total, child: (code: string) => perChild.get(code) ?? 0 };
}

const breakdown = (alerts: { key: string; count: number }[], cases: { key: string; count: number }[]) => {
  const map = new Map<string, { key: string; alerts: number; cases: number }>();
  for (const a of alerts) map.set(a.key, { key: a.key, alerts: a.count, cases: 0 });
  for (const c of cases) map.set(c.key, { ...(map.get(c.key) ?? { key: c.key, alerts: 0 }), cases: c.count });
  return [...map.values()].sort(
    (a, b) => b.cases + b.alerts - (a.cases + a.alerts) || a.key.localeCompare(b.key),
  );
};

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;

/** Dashboards, maps, the kerawanan index and exports (issue 9). */
export function createAnalyticsService({
  db,
  now = () => new Date(),
}: {
  db: Kysely<Tables>;
  now?: () => Date;
}) {
  let topology: Promise<RegionTopology> | undefined;

  async function settings(): Promise<{ value: KerawananSettings; updatedAt: Date | null }> {
    const row = await repo.loadSettings(db);
    if (!row) return { value: DEFAULT_KERAWANAN_SETTINGS, updatedAt: null };
    const stored = typeof row.settings === 'string' ? JSON.parse(row.settings) : row.settings;
    return { value: KerawananSettingsSchema.parse(stored), updatedAt: row.updated_at };
  }

  /** Resolves and checks the region and period of a request. Outside the jurisdiction = not found. */
  async function resolve(actor: AnalyticsActor, query: DashboardQuery) {
    const root = query.region ?? actor.office.regionCode;
    if (!isWithinJurisdiction(root, actor.office.regionCode)) throw NOT_FOUND();
    const region = await repo.findRegion(db, root);
    if (!region) throw NOT_FOUND();
    const today = wibDate(now());
    const to = query.to ?? today;
    const from = query.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
    if (from > to)
      throw new DomainError('VALIDATION', 'Periode tidak valid / invalid period', [
        { field: 'from', message: 'tanggal awal setelah tanggal akhir / from is after to' },
      ]);
    if (Date.parse(to) - Date.parse(from) > MAX_PERIOD_DAYS * DAY)
      throw new DomainError('VALIDATION', 'Periode terlalu panjang / period too long', [
        { field: 'from', message: `paling lama ${MAX_PERIOD_DAYS} hari / at most ${MAX_PERIOD_DAYS} days` },
      ]);
    return { region, from, to, today };
  }

  /** The dashboard of a region and period: KPIs, breakdowns, trends, map rows and kerawanan. */
  async function dashboard(actor: AnalyticsActor, query: DashboardQuery = {}): Promise<Dashboard> {
    const { region, from, to, today } = await resolve(actor, query);
    const root = region.code;
    const period: repo.Period = { from: startOfWibDay(from), to: startOfWibDay(addDays(to, 1)) };
    const todayDow = new Date(`${today}T00:00:00Z`).getUTCDay();
    const weekStart = startOfWibDay(addDays(today, -((todayDow + 6) % 7)));
    const overdueBefore = new Date(now().getTime() - OVERDUE_DAYS * DAY);
    const activitiesSince = addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
    const childLength = CHILD_CODE_LENGTH[region.level];

    const [{ caseDeadlines, ...sources }, conf, packs, children, election, staffAt] = await Promise.all([
      repo.sourcesAvailable(db),
      settings(),
      repo.activePacks(db),
      region.level < 3 ? repo.childRegions(db, root) : Promise.resolve([]),
      repo.latestHistoryElection(db),
      repo.staffCountsRefreshedAt(db),
    ]);
    const s = conf.value;
    const none = Promise.resolve([] as never[]);
    // Every figure at once (one round of queries on the pool): the agencies' figures too.
    const noBreakdowns: repo.Breakdowns = { stage: [], category: [], position: [], agencyKind: [] };
    const agencyData = fetchAgencyData({ root, period, sources, election });
    const breakdowns = Promise.all([
      sources.alerts ? repo.confirmedAlertBreakdowns(db, root, period) : noBreakdowns,
      sources.cases ? repo.caseBreakdowns(db, root, period) : noBreakdowns,
    ]);
    // Awaited below; a failure meanwhile must not be an unhandled rejection (it is thrown there).
    agencyData.catch(() => {});
    breakdowns.catch(() => {});
    const [staff, alerts, cases, reports, prevention, history, casesStatus, alertDays, caseDays, reportDays] =
      await Promise.all([
        repo.staffByRegion(db, root),
        sources.alerts ? repo.alertsByRegion(db, root, period) : none,
        sources.cases
          ? repo.casesByRegion(db, root, period, {
              now: now(),
              fallbackBefore: overdueBefore,
              deadlines: caseDeadlines,
            })
          : none,
        sources.reports ? repo.reportsByRegion(db, root, period, weekStart) : none,
        sources.prevention
          ? repo.preventionByRegion(db, root, activitiesSince, to)
          : Promise.resolve({ pledged: [], taskForces: [] as string[], activities: [] }),
        election ? repo.historyByRegion(db, root, election) : none,
        sources.cases ? repo.casesByStatus(db, root, period) : none,
        sources.alerts ? repo.alertsByDay(db, root, period) : none,
        sources.cases ? repo.casesByDay(db, root, period) : none,
        sources.reports ? repo.reportsByDay(db, root, period) : none,
      ]);
    const [alertDims, caseDims] = await breakdowns;

    const r = {
      staff: rollUp(staff, childLength, (x) => x.staff),
      pending: rollUp(alerts, childLength, (x) => x.pending),
      confirmed: rollUp(alerts, childLength, (x) => x.confirmed),
      cases: rollUp(cases, childLength, (x) => x.cases),
      awaiting: rollUp(cases, childLength, (x) => x.awaiting),
      overdue: rollUp(cases, childLength, (x) => x.overdue),
      recommended: rollUp(cases, childLength, (x) => x.recommended),
      imposed: rollUp(cases, childLength, (x) => x.imposed),
      reports: rollUp(reports, childLength, (x) => x.total),
      reportsWeek: rollUp(reports, childLength, (x) => x.week),
      pledged: rollUp(prevention.pledged, childLength, (x) => x.count),
      activities: rollUp(prevention.activities, childLength, (x) => x.count),
      history: rollUp(history, childLength, (x) => x.cases),
    };
    const hasTaskForce = (code: string) => prevention.taskForces.some((c) => isWithinJurisdiction(c, code));

    const missing = [
      sources.prevention
        ? null
        : 'data pencegahan belum tersedia: cakupan dihitung 0 / prevention data not available: coverage counted as 0',
      sources.cases && sources.alerts
        ? null
        : 'data kasus/peringatan belum tersedia / case or alert data not available',
      staffAt ? null : 'jumlah pegawai belum dihitung / staff not counted yet',
    ].filter((x): x is string => x !== null);
    const score = (input: KerawananInput, level: KerawananLevel): KerawananView => {
      const result = scoreKerawanan(input, level, s);
      return { ...result, notes: [...result.notes, ...missing], level, inputs: input };
    };
    const regionInput = (code: string, pick: (x: ReturnType<typeof rollUp>) => number): KerawananInput => ({
      staff: pick(r.staff),
      cases: pick(r.cases),
      confirmedAlerts: pick(r.confirmed),
      pledged: pick(r.pledged),
      taskForce: hasTaskForce(code),
      activities90d: pick(r.activities),
      previousCases: pick(r.history),
      stage: currentStage(packs as PackCalendar[], code, to, s),
    });

    const regions: RegionRow[] = children.map((c) => {
      const pick = (x: ReturnType<typeof rollUp>) => x.child(c.code);
      return {
        code: c.code,
        name: c.name,
        staff: pick(r.staff),
        alertsPending: pick(r.pending),
        confirmedAlerts: pick(r.confirmed),
        cases: pick(r.cases),
        reports: pick(r.reports),
        sanctionsRecommended: pick(r.recommended),
        sanctionsImposed: pick(r.imposed),
        kerawanan: score(regionInput(c.code, pick), kerawananLevelOf(c.code)),
      };
    });

    const agencies = agencyRows({
      data: await agencyData,
      s,
      packs,
      to,
      activities: prevention.activities,
      score,
    });

    const days: Dashboard['trend'] = [];
    const byDate = <T extends { date: string }>(rows: T[]) => new Map(rows.map((x) => [x.date, x]));
    const ad = byDate(alertDays);
    const cd = byDate(caseDays);
    const rd = byDate(reportDays);
    for (let d = from; d <= to; d = addDays(d, 1))
      days.push({
        date: d,
        alerts: ad.get(d)?.total ?? 0,
        confirmedAlerts: ad.get(d)?.confirmed ?? 0,
        cases: cd.get(d)?.total ?? 0,
        reports: rd.get(d)?.total ?? 0,
      });

    const ancestors = regionPath(root, actor.office.regionCode);
    const names = await repo.regionNames(db, ancestors);
    return {
      region: { code: region.code, name: region.name, level: region.level },
      path: ancestors.map((code) => ({ code, name: names.get(code) ?? code })),
      period: { from, to },
      generatedAt: now().toISOString(),
      sources,
      staffCountsAt: staffAt ? new Date(staffAt).toISOString() : null,
      kpis: {
        staff: r.staff.total,
        alertsPending: r.pending.total,
        alertsConfirmed: r.confirmed.total,
        reportsThisWeek: r.reportsWeek.total,
        reportsInPeriod: r.reports.total,
        casesInPeriod: r.cases.total,
        casesAwaitingDecision: r.awaiting.total,
        casesOverdue: r.overdue.total,
        sanctionsRecommended: r.recommended.total,
        sanctionsImposed: r.imposed.total,
        followUpRate: r.recommended.total ? r.imposed.total / r.recommended.total : null,
      },
      casesByStatus: casesStatus,
      trend: days,
      byStage: breakdown(alertDims.stage, caseDims.stage),
      byCategory: breakdown(alertDims.category, caseDims.category),
      byPositionType: breakdown(alertDims.position, caseDims.position),
      byAgencyKind: breakdown(alertDims.agencyKind, caseDims.agencyKind),
      kerawanan: score(
        regionInput(root, (x) => x.total),
        kerawananLevelOf(root),
      ),
      regions,
      agencies,
    };
  }

  /** The figures per agency in scope (queried with the region figures). */
  async function fetchAgencyData(o: {
    root: string;
    period: repo.Period;
    sources: repo.Sources;
    election: string | null;
  }) {
    const empty = Promise.resolve(new Map<string, number>());
    const [list, staff, cases, alerts, prevention, history] = await Promise.all([
      repo.agenciesInScope(db, o.root),
      repo.staffByAgency(db, o.root),
      o.sources.cases ? repo.casesByAgency(db, o.root, o.period) : empty,
      o.sources.alerts ? repo.confirmedAlertsByAgency(db, o.root, o.period) : empty,
      o.sources.prevention
        ? repo.preventionByAgency(db, o.root)
        : Promise.resolve({ pledged: new Map<string, number>(), taskForces: new Set<string>() }),
      o.election ? repo.historyByAgency(db, o.root, o.election) : empty,
    ]);
    return { list, staff, cases, alerts, prevention, history };
  }

  /** Kerawanan of the agencies in scope with staff or incidents; the highest TOP_AGENCIES. */
  function agencyRows(o: {
    data: Awaited<ReturnType<typeof fetchAgencyData>>;
    s: KerawananSettings;
    packs: PackCalendar[];
    to: string;
    activities: { code: string; count: number }[];
    score: (input: KerawananInput, level: KerawananLevel) => KerawananView;
  }): AgencyRow[] {
    const { list, staff, cases, alerts, prevention, history } = o.data;
    const activitiesIn = (code: string) =>
      o.activities.filter((a) => isWithinJurisdiction(a.code, code)).reduce((sum, a) => sum + a.count, 0);
    const rows = list
      .filter((a) => (staff.get(a.id) ?? 0) > 0 || cases.has(a.id) || alerts.has(a.id))
      .map((a) => {
        const input: KerawananInput = {
          staff: staff.get(a.id) ?? 0,
          cases: cases.get(a.id) ?? 0,
          confirmedAlerts: alerts.get(a.id) ?? 0,
          pledged: prevention.pledged.get(a.id) ?? 0,
          taskForce: prevention.taskForces.has(a.id),
          activities90d: 0,
          previousCases: history.get(a.id) ?? 0,
          stage: currentStage(o.packs, a.region_code, o.to, o.s),
        };
        return { a, input, quick: scoreKerawanan(input, 'regency', o.s).score };
      })
      .sort((x, y) => y.quick - x.quick || y.input.cases - x.input.cases || x.a.name.localeCompare(y.a.name))
      .slice(0, TOP_AGENCIES * 3);
    // Activities are counted per region, so only for the shortlisted agencies; then re-rank.
    return rows
      .map(({ a, input }) => {
        const full = { ...input, activities90d: activitiesIn(a.region_code) };
        return {
          id: a.id,
          name: a.name,
          kind: a.kind,
          regionCode: a.region_code,
          staff: full.staff,
          cases: full.cases,
          confirmedAlerts: full.confirmedAlerts,
          kerawanan: o.score(full, 'regency'),
        };
      })
      .sort(
        (x, y) => y.kerawanan.score - x.kerawanan.score || y.cases - x.cases || x.name.localeCompare(y.name),
      )
      .slice(0, TOP_AGENCIES);
  }

  /** The ancestors of `code` from the jurisdiction root down to it. */
  function regionPath(code: string, root: string): string[] {
    const parts = code === NATIONAL ? [] : code.split('.');
    const chain = [NATIONAL, ...parts.map((_, i) => parts.slice(0, i + 1).join('.'))];
    return chain.filter((c) => isWithinJurisdiction(c, root));
  }

  /** Boundary shapes with Kemendagri codes (built once per process). */
  function map(): Promise<RegionTopology> {
    topology ??= (async () => {
      const regions = await db
        .selectFrom('regions')
        .select(['code', 'name', 'level'])
        .where('level', 'in', [1, 2])
        .execute();
      return buildRegionTopology(readKabkotTopology(), regions);
    })();
    return topology;
  }

  async function getSettings(): Promise<KerawananSettingsView> {
    const [{ value, updatedAt }, election] = await Promise.all([settings(), repo.latestHistoryElection(db)]);
    const summary = await repo.historySummary(db, election);
    return {
      settings: value,
      isDefault: updatedAt === null,
      updatedAt: updatedAt ? new Date(updatedAt).toISOString() : null,
      history: { election, ...summary },
    };
  }

  const requireManage = (actor: AnalyticsActor) => {
    if (!hasPermission(actor.role, 'analytics.manage'))
      throw new DomainError('FORBIDDEN', 'Peran Anda tidak diizinkan / your role may not do this');
  };

  /** Administrators change the weights and thresholds; audited with the old and new values. */
  async function updateSettings(
    actor: AnalyticsActor,
    next: KerawananSettings,
  ): Promise<KerawananSettingsView> {
    requireManage(actor);
    const problems = validateKerawananSettings(next);
    if (problems.length)
      throw new DomainError(
        'VALIDATION',
        'Pengaturan kerawanan tidak valid / invalid kerawanan settings',
        problems.map((message) => ({ field: 'settings', message })),
      );
    const before = await settings();
    await db.transaction().execute(async (tx) => {
      const json = JSON.stringify(next);
      await tx
        .insertInto('kerawanan_settings')
        .values({ id: 1, settings: json, updated_at: now(), updated_by: actor.id })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({ settings: json, updated_at: now(), updated_by: actor.id }),
        )
        .execute();
      await recordAuditInTx(tx, {
        actorId: actor.id,
        action: 'analytics.kerawanan.settings',
        subjectType: 'kerawanan_settings',
        subjectId: '1',
        details: { before: before.value, after: next },
      });
    });
    return getSettings();
  }

  /** Staff denominators: recount now (the job does this hourly). */
  const refreshStaffCounts = () => repo.refreshStaffCounts(db);

  /** Every dashboard table as one XLSX workbook. */
  async function exportXlsx(actor: AnalyticsActor, query: DashboardQuery) {
    const d = await dashboard(actor, query);
    return { dashboard: d, body: await dashboardWorkbook(d) };
  }

  /** The PDF report of a region and period. */
  async function reportPdf(actor: AnalyticsActor, query: DashboardQuery) {
    const d = await dashboard(actor, query);
    return { dashboard: d, body: await dashboardPdf(d, await map()) };
  }

  return {
    dashboard,
    map,
    exportXlsx,
    reportPdf,
    getSettings,
    updateSettings,
    importHistory: (actor: AnalyticsActor, input: { election: string; data: Uint8Array }) =>
      importHistory(db, actor, input),
    refreshStaffCounts,
  };
}
