import { z } from 'zod';

/** Query of the audit browser (`GET /api/audit`) and export (`GET /api/audit/export`). */
export const AuditQuery = z.object({
  before: z
    .string()
    .regex(/^\d{1,19}$/, 'harus angka / must be a number')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  action: z.string().max(100).optional(),
  subjectId: z.string().max(200).optional(),
  actorId: z.uuid().optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEvent = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditPage = z.object({
  events: z.array(AuditEvent),
  /** Pass as `before` for the next (older) page; null at the start of the trail. */
  next: z.string().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;
