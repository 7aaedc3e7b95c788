import { z } from 'zod';
import { CASE_ACTIONS, CASE_STATES } from '../domain/case-workflow.ts';

/** Request and response shapes of the case API (issue 7). */

export const CATEGORIES = [
  'dukungan_medsos',
  'ajakan',
  'atribut_simbol',
  'kegiatan_kampanye',
  'fasilitas_jabatan',
  'pencalonan',
] as const;
export const Category = z.enum(CATEGORIES);
export const CaseStatus = z.enum(CASE_STATES);
export const CaseAction = z.enum(CASE_ACTIONS);
export const Origin = z.enum(['finding', 'alert', 'report']);
export const Regime = z.enum(['pemilu', 'pilkada']);
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'format tanggal YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1, 'wajib diisi').max(max);
const optText = (max: number) => z.string().trim().max(max).optional();

export const EvidenceRef = z.object({
  kind: z.enum(['file', 'url', 'note']),
  /** A blob already in the store (sha256 hex). */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  filename: optText(300),
  mediaType: optText(200),
  url: z.url().max(2000).optional(),
  description: text(2000),
});
export type EvidenceRef = z.infer<typeof EvidenceRef>;

/** Formulir Model A — Laporan Hasil Pengawasan, the supervisor's own finding. */
export const FormAInput = z.object({
  /** I. Supervisor. */
  stage: text(200),
  supervisorName: text(200),
  supervisorPosition: text(200),
  dutyOrderNumber: text(100),
  /** II. Activity. */
  activityForm: text(300),
  activityPurpose: optText(1000),
  activityTarget: optText(1000),
  activityAt: z.iso.datetime({ offset: true }),
  activityPlace: text(500),
  /** III. Description of the supervision results. */
  description: text(10_000),
  /** IV. The alleged violation. */
  violation: z.object({
    event: text(2000),
    place: text(500),
    occurredOn: IsoDate,
    knownOn: IsoDate,
    actorName: text(200),
    staffId: z.uuid().optional(),
    regionCode: z
      .string()
      .regex(/^\d{2}(\.\d{2}){0,3}$/)
      .optional(),
    witnesses: z
      .array(z.object({ name: text(200), contact: optText(200) }))
      .max(50)
      .default([]),
    evidence: z.array(EvidenceRef).max(100).default([]),
    facts: optText(10_000),
    analysis: text(10_000),
  }),
  category: Category.optional(),
  packId: z.string().max(200).optional(),
});
export type FormAInput = z.infer<typeof FormAInput>;

export const ActionInput = z.object({
  action: CaseAction,
  /** Action-specific fields (see docs/case-lifecycle.md). */
  payload: z.record(z.string(), z.unknown()).default({}),
  /** Retrying with the same key never records the step twice. */
  idempotencyKey: z.string().min(8).max(200).optional(),
});
export type ActionInput = z.infer<typeof ActionInput>;

export const CaseQuery = z.object({
  q: z.string().max(200).optional(),
  status: CaseStatus.optional(),
  origin: Origin.optional(),
  regime: Regime.optional(),
  /** `overdue`: a running clock has passed; `due_soon`: within a day. */
  deadline: z.enum(['overdue', 'due_soon']).optional(),
  open: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type CaseQuery = z.infer<typeof CaseQuery>;

export const DeadlineView = z.object({
  kind: z.string(),
  start: z.string(),
  dueOn: z.string(),
  dueAt: z.string(),
  days: z.number(),
  unit: z.enum(['calendar', 'working']),
  basis: z.string(),
  metAt: z.string().nullable(),
  state: z.enum(['met', 'overdue', 'due_soon', 'ok']),
});

export const CaseRow = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  status: CaseStatus,
  origin: Origin,
  regime: Regime,
  regionCode: z.string(),
  regionName: z.string().nullable(),
  officeName: z.string(),
  staffName: z.string().nullable(),
  agencyName: z.string().nullable(),
  reportedName: z.string().nullable(),
  category: z.string().nullable(),
  openedAt: z.string(),
  outcome: z.string().nullable(),
  nextDeadline: DeadlineView.nullable(),
});
export type CaseRow = z.infer<typeof CaseRow>;
export const CasePage = z.object({ items: z.array(CaseRow), total: z.number(), page: z.number() });

export const CaseEventView = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  seq: z.number(),
  type: z.string(),
  at: z.string(),
  actorName: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});

export const CaseDetail = CaseRow.extend({
  description: z.string(),
  place: z.string().nullable(),
  occurredOn: z.string().nullable(),
  knownOn: z.string(),
  originId: z.string(),
  packId: z.string().nullable(),
  stageCode: z.string().nullable(),
  candidateStage: z.enum(['bakal_calon', 'calon']).nullable(),
  candidateStageOverridden: z.boolean(),
  violationFormCodes: z.array(z.string()),
  decidedAt: z.string().nullable(),
  forwardedAt: z.string().nullable(),
  forwardedTo: z.string().nullable(),
  sanctionRecommended: z.string().nullable(),
  sanctionImposed: z.string().nullable(),
  sanctionImposedAt: z.string().nullable(),
  mergedInto: z.string().nullable(),
  staff: z
    .object({ id: z.string(), name: z.string(), nip: z.string().nullable(), position: z.string().nullable() })
    .nullable(),
  deadlines: z.array(DeadlineView),
  events: z.array(CaseEventView),
  actions: z.array(CaseAction),
  documents: z.array(
    z.object({
      id: z.string(),
      series: z.string(),
      number: z.string(),
      subject: z.string(),
      datedOn: z.string(),
    }),
  ),
  evidence: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      sha256: z.string().nullable(),
      filename: z.string().nullable(),
      url: z.string().nullable(),
      description: z.string(),
      createdAt: z.string(),
    }),
  ),
  parties: z.array(
    z.object({ id: z.string(), role: z.string(), name: z.string(), details: z.string().nullable() }),
  ),
  related: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      title: z.string(),
      status: z.string(),
      reason: z.string(),
    }),
  ),
  finding: z.record(z.string(), z.unknown()).nullable(),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const HolidayView = z.object({
  date: IsoDate,
  name: z.string(),
  kind: z.enum(['libur_nasional', 'cuti_bersama']),
  source: z.string().nullable(),
});
export const HolidayInput = z.object({
  date: IsoDate,
  name: text(200),
  kind: z.enum(['libur_nasional', 'cuti_bersama']),
  source: optText(300),
});

export const ViolationFormView = z.object({
  code: z.string(),
  kind: z.enum(['etik', 'disiplin']),
  title: z.string(),
  defaultSanction: z.string(),
  legalBasis: z.string(),
  category: z.string(),
  candidateStage: z.enum(['bakal_calon', 'calon']).nullable(),
  disputed: z.boolean(),
  note: z.string().nullable(),
});
export const SANCTION_LEVELS = ['moral', 'ringan', 'sedang', 'berat', 'ptdh', 'sesuai_ketentuan'] as const;
export const ViolationFormPatch = z.object({
  title: text(1000).optional(),
  defaultSanction: z.enum(SANCTION_LEVELS).optional(),
  legalBasis: text(1000).optional(),
  category: Category.optional(),
  candidateStage: z.enum(['bakal_calon', 'calon']).nullable().optional(),
  disputed: z.boolean().optional(),
  note: z.string().max(2000).nullable().optional(),
});

export const NotificationView = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const NotificationList = z.object({ items: z.array(NotificationView), unread: z.number() });
