import { z } from 'zod';
import { CATEGORIES, Signal } from './scan.ts';

/** Monitoring API shapes (issue 5): the review queue, packs, link suggestions, patrol evidence. */

export const DismissReason = z.enum(['not_partisan', 'not_asn', 'duplicate', 'out_of_jurisdiction']);
export type DismissReason = z.infer<typeof DismissReason>;
export const AlertStatus = z.enum(['pending', 'confirmed', 'dismissed']);

export const AlertQuery = z.object({
  status: AlertStatus.default('pending'),
  pack: z.string().max(200).optional(),
  category: z.enum(CATEGORIES).optional(),
  /** Only alerts assigned to me. */
  mine: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type AlertQuery = z.infer<typeof AlertQuery>;

export const AlertView = z.object({
  id: z.string(),
  status: AlertStatus,
  score: z.number(),
  category: z.string().nullable(),
  targets: z.array(z.string()),
  signals: z.array(Signal),
  explanation: z.string(),
  packId: z.string(),
  packName: z.string().nullable(),
  stageCode: z.string().nullable(),
  regionCode: z.string().nullable(),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
  dismissReason: DismissReason.nullable(),
  assignedTo: z.object({ id: z.string(), name: z.string() }).nullable(),
  findingId: z.string().nullable(),
  post: z.object({
    id: z.string(),
    externalId: z.string(),
    platform: z.string(),
    text: z.string(),
    url: z.string().nullable(),
    postedAt: z.string().nullable(),
    version: z.number().int(),
    /** The alert judged this version; a later edit shows a newer one. */
    alertVersion: z.number().int(),
    deleted: z.boolean(),
    contentSha256: z.string(),
  }),
  account: z.object({
    id: z.string().nullable(),
    handle: z.string().nullable(),
    name: z.string().nullable(),
  }),
  staff: z
    .object({
      id: z.string(),
      name: z.string(),
      nip: z.string().nullable(),
      position: z.string().nullable(),
      agency: z.object({ id: z.string(), name: z.string() }),
    })
    .nullable(),
});
export type AlertView = z.infer<typeof AlertView>;

export const AlertGroup = z.object({
  /** The account's id, or `handle:<platform>:<handle>` for an author not in the registry. */
  key: z.string(),
  account: AlertView.shape.account,
  staff: AlertView.shape.staff,
  platform: z.string(),
  topScore: z.number(),
  alerts: z.array(AlertView),
});
export const AlertQueue = z.object({ total: z.number().int(), groups: z.array(AlertGroup) });
export type AlertQueue = z.infer<typeof AlertQueue>;

const Ids = z.array(z.uuid()).min(1).max(500);
export const ConfirmInput = z.object({
  ids: Ids,
  /** The reviewer's category when it differs from the detector's. */
  category: z.enum(CATEGORIES).optional(),
  note: z.string().trim().max(4000).optional(),
});
export type ConfirmInput = z.infer<typeof ConfirmInput>;
export const DismissInput = z.object({
  ids: Ids,
  reason: DismissReason,
  note: z.string().trim().max(4000).optional(),
});
export type DismissInput = z.infer<typeof DismissInput>;
export const ReassignInput = z.object({ ids: Ids, userId: z.uuid().nullable() });
export type ReassignInput = z.infer<typeof ReassignInput>;
export const BulkResult = z.object({
  updated: z.array(z.string()),
  /** Alerts not pending any more (someone decided them first): left as they are. */
  skipped: z.array(z.string()),
  findings: z.array(z.object({ alertId: z.string(), findingId: z.string(), evidenceId: z.string() })),
});
export type BulkResult = z.infer<typeof BulkResult>;

export const Reviewer = z.object({ id: z.string(), name: z.string(), office: z.string() });

export const PackSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['pemilu', 'pilkada']),
  regionCode: z.string(),
  active: z.boolean(),
  contestants: z.number().int(),
  stages: z.array(z.object({ code: z.string(), name: z.string(), start: z.string(), end: z.string() })),
  updatedAt: z.string(),
});
export type PackSummary = z.infer<typeof PackSummary>;
export const PackActiveInput = z.object({ active: z.boolean() });
export const PackCheck = z.object({
  valid: z.boolean(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
  pack: PackSummary.nullable(),
});
export type PackCheck = z.infer<typeof PackCheck>;

export const Suggestion = z.object({
  id: z.string(),
  platform: z.string(),
  handle: z.string(),
  accountId: z.string().nullable(),
  authorName: z.string().nullable(),
  authorBio: z.string().nullable(),
  role: z.string(),
  matchedText: z.string(),
  agency: z.object({ id: z.string(), name: z.string(), regionCode: z.string() }).nullable(),
  confidence: z.number(),
  status: z.enum(['pending', 'accepted', 'rejected']),
  createdAt: z.string(),
});
export type Suggestion = z.infer<typeof Suggestion>;
export const SuggestionDecision = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), staffId: z.uuid() }),
  z.object({ decision: z.literal('reject') }),
]);
export type SuggestionDecision = z.infer<typeof SuggestionDecision>;

export const EvidenceInput = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  capturedAt: z.iso.datetime({ offset: true }),
  note: z.string().trim().max(4000).optional(),
  /** Where it belongs; default: the user's own jurisdiction. */
  regionCode: z
    .string()
    .regex(/^\d{2}(\.\d{2}){0,3}$/)
    .optional(),
});
export type EvidenceInput = z.infer<typeof EvidenceInput>;

export const EvidenceView = z.object({
  id: z.string(),
  kind: z.enum(['post', 'patrol']),
  url: z.string().nullable(),
  note: z.string().nullable(),
  capturedAt: z.string(),
  capturedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  regionCode: z.string(),
  postId: z.string().nullable(),
  contentSha256: z.string().nullable(),
  files: z.array(
    z.object({
      id: z.string(),
      sha256: z.string(),
      filename: z.string(),
      mediaType: z.string(),
      size: z.number(),
    }),
  ),
  custody: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      actor: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type EvidenceView = z.infer<typeof EvidenceView>;
