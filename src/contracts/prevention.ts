import { z } from 'zod';
import { ACTIVITY_KINDS, RECIPIENT_KINDS } from '../domain/prevention.ts';

/** Prevention API shapes (issue 8): activities, appeal letters, pledges, task forces, coverage. */

const RegionCode = z.string().regex(/^\d{2}(\.\d{2}){0,3}$/, 'Kode wilayah tidak valid');
const IsoDate = z.iso.date();
const Text = (max: number) => z.string().trim().min(1).max(max);
const OptText = (max: number) => z.string().trim().max(max).nullish();

export const ActivityKind = z.enum(ACTIVITY_KINDS);
export const RecipientKind = z.enum(RECIPIENT_KINDS);

export const ActivityInput = z.object({
  kind: ActivityKind,
  title: Text(300),
  description: OptText(5000),
  heldOn: IsoDate,
  location: OptText(300),
  regionCode: RegionCode,
  participants: z.number().int().min(0).max(1_000_000),
  agencyIds: z.array(z.uuid()).max(200).default([]),
});
export type ActivityInput = z.infer<typeof ActivityInput>;

export const ActivityFile = z.object({
  id: z.string(),
  kind: z.enum(['photo', 'document']),
  filename: z.string(),
  mime: z.string(),
  size: z.number(),
  createdAt: z.string(),
});

export const ActivityView = z.object({
  id: z.string(),
  kind: ActivityKind,
  title: z.string(),
  description: z.string().nullable(),
  heldOn: z.string(),
  location: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  participants: z.number(),
  attendees: z.number(),
  attendeesMatched: z.number(),
  stage: z.object({ packId: z.string(), code: z.string(), name: z.string() }).nullable(),
  agencies: z.array(z.object({ id: z.string(), name: z.string() })),
  files: z.array(ActivityFile),
  createdAt: z.string(),
});
export type ActivityView = z.infer<typeof ActivityView>;

export const ActivityQuery = z.object({
  kind: ActivityKind.optional(),
  regionCode: RegionCode.optional(),
  agencyId: z.uuid().optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});

export const AttendanceResult = z.object({
  rows: z.number(),
  matched: z.number(),
  unmatched: z.array(z.object({ row: z.number(), nip: z.string().nullable(), name: z.string() })),
  participants: z.number(),
});

export const TemplateInput = z.object({
  name: Text(200),
  recipientKind: RecipientKind,
  subject: Text(300),
  body: Text(20_000),
});
export const TemplateView = TemplateInput.extend({
  id: z.string(),
  officeId: z.string(),
  updatedAt: z.string(),
});
export type TemplateView = z.infer<typeof TemplateView>;

export const AppealLetterInput = z.object({
  templateId: z.uuid().nullish(),
  recipientKind: RecipientKind,
  recipientName: Text(300),
  agencyId: z.uuid().nullish(),
  regionCode: RegionCode,
  subject: Text(300),
  /** The letter text; `{{placeholders}}` are filled (see TEMPLATE_PLACEHOLDERS). Paragraphs split on blank lines. */
  body: Text(20_000),
  /** Letter date (default today). */
  datedOn: IsoDate.optional(),
  classCode: z.string().trim().min(1).max(40).default('PM.00.02'),
  copies: z.array(Text(300)).max(20).default([]),
});
export type AppealLetterInput = z.input<typeof AppealLetterInput>;

export const AppealLetterView = z.object({
  id: z.string(),
  number: z.string(),
  recipientKind: RecipientKind,
  recipientName: z.string(),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  regionCode: z.string(),
  subject: z.string(),
  datedOn: z.string(),
  sentOn: z.string().nullable(),
  acknowledgedOn: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type AppealLetterView = z.infer<typeof AppealLetterView>;

export const AppealLetterPatch = z.object({
  sentOn: IsoDate.nullish(),
  acknowledgedOn: IsoDate.nullish(),
  acknowledgedBy: OptText(300),
});

export const CampaignInput = z.object({
  title: Text(300),
  text: Text(10_000),
  regionCode: RegionCode,
  agencyId: z.uuid().nullish(),
  opensOn: IsoDate,
  closesOn: IsoDate.nullish(),
});
export type CampaignInput = z.input<typeof CampaignInput>;

export const CampaignView = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  opensOn: z.string(),
  closesOn: z.string().nullable(),
  closed: z.boolean(),
  signed: z.number(),
  staff: z.number(),
  percent: z.number().nullable(),
  publicPath: z.string(),
});
export type CampaignView = z.infer<typeof CampaignView>;

export const CampaignCoverageRow = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  regionCode: z.string(),
  staff: z.number(),
  signed: z.number(),
  percent: z.number().nullable(),
});
export const CampaignCoverage = z.object({
  campaign: CampaignView,
  rows: z.array(CampaignCoverageRow),
  signatures: z.array(
    z.object({
      staffName: z.string(),
      nip: z.string().nullable(),
      agencyName: z.string(),
      signedAt: z.string(),
      method: z.string(),
    }),
  ),
});

/** Public pledge page: what anyone may read about an open campaign. */
export const PublicCampaign = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  scope: z.string(),
  open: z.boolean(),
  signed: z.number(),
});
export const PublicSignInput = z.object({
  nip: z.string().trim().max(40),
  name: z.string().trim().max(200),
  /** Honeypot: a hidden field people leave empty. */
  website: z.string().max(500).optional(),
  agree: z.literal(true),
});
export const PublicSignResult = z.object({ ok: z.literal(true), signedAt: z.string() });

export const TaskForceMemberInput = z.object({
  name: Text(200),
  position: OptText(200),
  role: z.enum(['ketua', 'wakil_ketua', 'sekretaris', 'anggota']).default('anggota'),
  staffId: z.uuid().nullish(),
});
export const TaskForceInput = z.object({
  name: Text(300),
  regionCode: RegionCode,
  agencyId: z.uuid().nullish(),
  decreeNumber: Text(200),
  decreeDate: IsoDate,
  headName: OptText(200),
  headUserId: z.uuid().nullish(),
  members: z.array(TaskForceMemberInput).max(200).default([]),
});
export type TaskForceInput = z.input<typeof TaskForceInput>;
export const TaskForceView = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  decreeNumber: z.string(),
  decreeDate: z.string(),
  headName: z.string().nullable(),
  headUserId: z.string().nullable(),
  /** Display name of the linked task-force user (`headUserId`). */
  headUserName: z.string().nullable(),
  members: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      position: z.string().nullable(),
      role: z.string(),
      staffId: z.string().nullable(),
    }),
  ),
});
export type TaskForceView = z.infer<typeof TaskForceView>;

/** Who may be linked as a task force's head: users of role `taskforce` (optionally of one agency). */
export const TaskForceUserQuery = z.object({ agencyId: z.uuid().optional() });
export const TaskForceUser = z.object({
  id: z.string(),
  name: z.string(),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  officeName: z.string(),
});
export type TaskForceUser = z.infer<typeof TaskForceUser>;

export const CoverageQuery = z.object({ regionCode: RegionCode.optional(), agencyId: z.uuid().optional() });

export const CoverageRegionRow = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  staff: z.number(),
  pledged: z.number(),
  pledgePercent: z.number().nullable(),
  agencies: z.number(),
  agenciesWithTaskForce: z.number(),
  taskForce: z.boolean(),
  activities90d: z.number(),
  participants90d: z.number(),
});
export const CoverageAgencyRow = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  regionCode: z.string(),
  staff: z.number(),
  pledged: z.number(),
  pledgePercent: z.number().nullable(),
  taskForce: z.boolean(),
  activities90d: z.number(),
});
export const Coverage = z.object({
  regionRoot: z.string(),
  asOf: z.string(),
  windowStart: z.string(),
  regions: z.array(CoverageRegionRow),
  agencies: z.array(CoverageAgencyRow),
});
export type Coverage = z.infer<typeof Coverage>;

export const OfficeLetterhead = z.object({
  address: OptText(500),
  phone: OptText(100),
  email: OptText(200),
  website: OptText(200),
  letterCity: OptText(100),
  letterCode: OptText(100),
  letterNumberTemplate: Text(200),
  headTitle: OptText(200),
  headName: OptText(200),
});
export const OfficeLetterheadView = OfficeLetterhead.extend({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
});
export type OfficeLetterheadView = z.infer<typeof OfficeLetterheadView>;
