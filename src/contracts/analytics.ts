import { z } from 'zod';
import { KERAWANAN_BANDS, KERAWANAN_PARTS } from '../domain/kerawanan.ts';

/** Analytics request/response shapes (issue 9), shared by server, web and CLI. */

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'tanggal YYYY-MM-DD / date YYYY-MM-DD');
const RegionCode = z
  .string()
  .regex(/^(00|\d{2}(\.\d{2}(\.\d{2})?)?)$/, 'kode wilayah Kemendagri / a Kemendagri region code');

/** Which region and period: the user's jurisdiction by default, the last 90 days up to today (WIB). */
export const DashboardQuery = z.object({
  region: RegionCode.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

export const KerawananBand = z.enum(KERAWANAN_BANDS);
export const KerawananPartKey = z.enum(KERAWANAN_PARTS);

export const KerawananSettings = z.object({
  weights: z.object({
    incidence: z.number().min(0).max(100),
    prevention: z.number().min(0).max(100),
    history: z.number().min(0).max(100),
    stage: z.number().min(0).max(100),
  }),
  alertWeight: z.number().min(0).max(1),
  incidenceHalf: z.number().positive(),
  historyHalf: z.number().positive(),
  coverage: z.object({
    pledge: z.number().min(0).max(1),
    taskForce: z.number().min(0).max(1),
    activities: z.number().min(0).max(1),
  }),
  activityTarget: z.number().min(1),
  stageFactors: z.record(z.string(), z.number().min(0).max(1)),
  thresholds: z.object({
    province: z.object({ medium: z.number(), high: z.number() }),
    regency: z.object({ medium: z.number(), high: z.number() }),
  }),
});
export type KerawananSettings = z.infer<typeof KerawananSettings>;

export const KerawananSettingsView = z.object({
  settings: KerawananSettings,
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
  /** The previous election whose imported cases feed the history part, and how many rows it has. */
  history: z.object({ election: z.string().nullable(), rows: z.number().int(), cases: z.number().int() }),
});
export type KerawananSettingsView = z.infer<typeof KerawananSettingsView>;

export const KerawananInputs = z.object({
  staff: z.number().int(),
  cases: z.number().int(),
  confirmedAlerts: z.number().int(),
  pledged: z.number().int(),
  taskForce: z.boolean(),
  activities90d: z.number().int(),
  previousCases: z.number().int(),
  stage: z.string().nullable(),
});

/** One kerawanan score with the parts that explain it and the counts it was computed from. */
export const KerawananView = z.object({
  score: z.number(),
  band: KerawananBand,
  level: z.enum(['province', 'regency']),
  parts: z.array(
    z.object({
      key: KerawananPartKey,
      weight: z.number(),
      value: z.number(),
      points: z.number(),
      detail: z.string(),
    }),
  ),
  notes: z.array(z.string()),
  inputs: KerawananInputs,
});
export type KerawananView = z.infer<typeof KerawananView>;

const Breakdown = z.array(z.object({ key: z.string(), alerts: z.number().int(), cases: z.number().int() }));

export const RegionRow = z.object({
  code: z.string(),
  name: z.string(),
  staff: z.number().int(),
  alertsPending: z.number().int(),
  confirmedAlerts: z.number().int(),
  cases: z.number().int(),
  reports: z.number().int(),
  sanctionsRecommended: z.number().int(),
  sanctionsImposed: z.number().int(),
  kerawanan: KerawananView,
});
export type RegionRow = z.infer<typeof RegionRow>;

export const AgencyRow = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  regionCode: z.string(),
  staff: z.number().int(),
  cases: z.number().int(),
  confirmedAlerts: z.number().int(),
  kerawanan: KerawananView,
});
export type AgencyRow = z.infer<typeof AgencyRow>;

/** Everything the dashboard shows for one region and period (`GET /api/analytics/dashboard`). */
export const Dashboard = z.object({
  region: z.object({ code: z.string(), name: z.string(), level: z.number().int() }),
  /** The region's ancestors inside the user's jurisdiction, for the breadcrumb (root first). */
  path: z.array(z.object({ code: z.string(), name: z.string() })),
  period: z.object({ from: IsoDate, to: IsoDate }),
  generatedAt: z.string(),
  /** Which source tables exist in this installation; a missing one is shown as "not available". */
  sources: z.object({
    alerts: z.boolean(),
    reports: z.boolean(),
    cases: z.boolean(),
    prevention: z.boolean(),
  }),
  /** When staff counts (the denominators) were last refreshed; null = never. */
  staffCountsAt: z.string().nullable(),
  kpis: z.object({
    staff: z.number().int(),
    alertsPending: z.number().int(),
    alertsConfirmed: z.number().int(),
    reportsThisWeek: z.number().int(),
    reportsInPeriod: z.number().int(),
    casesInPeriod: z.number().int(),
    casesAwaitingDecision: z.number().int(),
    casesOverdue: z.number().int(),
    sanctionsRecommended: z.number().int(),
    sanctionsImposed: z.number().int(),
    /** sanctions imposed ÷ recommended (null when none recommended). */
    followUpRate: z.number().nullable(),
  }),
  casesByStatus: z.array(z.object({ key: z.string(), count: z.number().int() })),
  trend: z.array(
    z.object({
      date: IsoDate,
      alerts: z.number().int(),
      confirmedAlerts: z.number().int(),
      cases: z.number().int(),
      reports: z.number().int(),
    }),
  ),
  byStage: Breakdown,
  byCategory: Breakdown,
  byPositionType: Breakdown,
  byAgencyKind: Breakdown,
  kerawanan: KerawananView,
  regions: z.array(RegionRow),
  agencies: z.array(AgencyRow),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const HistoryImportResult = z.object({
  election: z.string(),
  rows: z.number().int(),
  cases: z.number().int(),
});
export type HistoryImportResult = z.infer<typeof HistoryImportResult>;
