import { z } from 'zod';
import { ELECTION_TYPES, REPORT_KINDS, REPORT_STATUSES, TRIAGE_ACTIONS } from '../domain/reports.ts';

/**
 * Public reports and tips (issue 6; contracts.md §5), shared by server, web and other offices'
 * systems. Field names of the public body are fixed by the contract; fields may be added, never
 * renamed. Messages are in Bahasa Indonesia (the reporter reads them).
 */

const text = (max: number, what: string) =>
  z
    .string({ error: `${what} harus berupa teks` })
    .trim()
    .max(max, { error: `${what} paling banyak ${max} karakter` });
const optionalText = (max: number, what: string) =>
  text(max, what)
    .optional()
    .transform((v) => (v === '' ? undefined : v));
const isoDate = (what: string) =>
  z
    .string({ error: `${what} wajib diisi (format TTTT-BB-HH)` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${what} harus berformat TTTT-BB-HH` })
    .refine(
      (d) =>
        !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
      {
        error: `${what} bukan tanggal yang benar`,
      },
    );

export const ReporterIdentity = z.object({
  name: text(200, 'Nama pelapor').min(3, { error: 'Nama pelapor wajib diisi (minimal 3 huruf)' }),
  nik: z
    .string({ error: 'NIK wajib diisi' })
    .trim()
    .regex(/^\d{16}$/, { error: 'NIK harus 16 angka sesuai KTP-el' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  address: text(500, 'Alamat').min(5, { error: 'Alamat pelapor wajib diisi' }),
  phone: optionalText(30, 'Nomor telepon').refine((v) => v === undefined || /^\+?[0-9 ()-]{6,30}$/.test(v), {
    error: 'Nomor telepon hanya berisi angka, spasi, tanda +, - atau ()',
  }),
  email: optionalText(200, 'Surel').refine((v) => v === undefined || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
    error: 'Alamat surel tidak valid',
  }),
  /** Form B.1 fields beyond the contract (optional). */
  birth_place_date: optionalText(100, 'Tempat/tanggal lahir'),
  occupation: optionalText(100, 'Pekerjaan'),
});
export type ReporterIdentity = z.infer<typeof ReporterIdentity>;

export const ReportedPerson = z.object({
  name: optionalText(200, 'Nama terlapor'),
  nip: optionalText(30, 'NIP terlapor'),
  agency: optionalText(200, 'Instansi terlapor'),
  position: optionalText(200, 'Jabatan terlapor'),
});
export type ReportedPerson = z.infer<typeof ReportedPerson>;

export const Witness = z.object({
  name: text(200, 'Nama saksi').min(1, { error: 'Nama saksi wajib diisi' }),
  contact: optionalText(200, 'Kontak saksi'),
});

/** The public report body (contracts.md §5). */
export const PublicReportInput = z
  .object({
    kind: z.enum(REPORT_KINDS, { error: 'Jenis harus "laporan" atau "informasi_awal"' }),
    reporter: ReporterIdentity.optional(),
    reported: ReportedPerson.optional(),
    description: text(20_000, 'Uraian kejadian').min(20, {
      error: 'Uraikan kejadiannya (minimal 20 karakter): apa, siapa, bagaimana',
    }),
    place: optionalText(500, 'Tempat kejadian'),
    region_code: z
      .string({ error: 'Wilayah kejadian wajib dipilih' })
      .regex(/^\d{2}(\.\d{2}){0,3}$/, { error: 'Kode wilayah tidak valid' }),
    occurred_at: isoDate('Tanggal kejadian').optional(),
    known_at: isoDate('Tanggal diketahui').optional(),
    witnesses: z.array(Witness).max(20, { error: 'Paling banyak 20 saksi' }).optional(),
    /** Extension: the election whose rules apply (default `pemilu`). */
    election_type: z.enum(ELECTION_TYPES).optional(),
    /** Honeypot: a field people never see; bots fill it. */
    website: z.string().max(2000).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.kind !== 'laporan') return;
    if (!r.reporter)
      ctx.addIssue({
        code: 'custom',
        path: ['reporter'],
        message: 'Laporan resmi wajib mencantumkan identitas pelapor',
      });
    if (!r.reported?.name)
      ctx.addIssue({
        code: 'custom',
        path: ['reported', 'name'],
        message: 'Nama terlapor wajib diisi untuk laporan resmi',
      });
    if (!r.place) ctx.addIssue({ code: 'custom', path: ['place'], message: 'Tempat kejadian wajib diisi' });
    if (!r.occurred_at)
      ctx.addIssue({ code: 'custom', path: ['occurred_at'], message: 'Tanggal kejadian wajib diisi' });
    if (!r.known_at)
      ctx.addIssue({ code: 'custom', path: ['known_at'], message: 'Tanggal diketahui wajib diisi' });
    if (r.occurred_at && r.known_at && r.known_at < r.occurred_at)
      ctx.addIssue({
        code: 'custom',
        path: ['known_at'],
        message: 'Tanggal diketahui tidak boleh sebelum tanggal kejadian',
      });
  });
export type PublicReportInput = z.infer<typeof PublicReportInput>;

export const ReportStatus = z.enum(REPORT_STATUSES);

export const PublicReportCreated = z.object({
  receipt: z.string().describe('Kode tanda terima XXXX-XXXX-XXXX-XXXX; hanya ditampilkan sekali'),
  status: ReportStatus,
  warnings: z.array(z.string()),
  /** Extension: when it was received, and whether the report was filed after the 7-day window. */
  received_at: z.string(),
  late: z.boolean(),
});
export type PublicReportCreated = z.infer<typeof PublicReportCreated>;

export const PublicMessage = z.object({
  id: z.string(),
  from: z.enum(['pelapor', 'petugas']),
  kind: z.enum(['message', 'completion_request', 'decision']),
  body: z.string(),
  at: z.string(),
});
export type PublicMessage = z.infer<typeof PublicMessage>;

export const PublicReportStatus = z.object({
  status: ReportStatus,
  messages: z.array(PublicMessage),
  /** Extensions for the status page. */
  kind: z.enum(REPORT_KINDS),
  status_label: z.object({ id: z.string(), en: z.string() }),
  received_at: z.string(),
  late: z.boolean(),
  evidence_count: z.number().int(),
  has_identity: z.boolean(),
  can_reply: z.boolean(),
});
export type PublicReportStatus = z.infer<typeof PublicReportStatus>;

export const ReceiptParam = z.object({ receipt: z.string().max(100) });
export const PublicMessageInput = z.object({
  body: text(10_000, 'Pesan').min(1, { error: 'Pesan tidak boleh kosong' }),
});
export const PublicIdentityInput = z.object({ reporter: ReporterIdentity });
export const ReceiptPdfInput = z.object({ receipt: z.string().max(100) });

// ---------------------------------------------------------------------------------------------
// Staff side

/** Output shapes (no transforms, so responses serialise). */
const opt = z.string().optional();
export const ReportedPersonView = z.object({ name: opt, nip: opt, agency: opt, position: opt });
export const ReporterIdentityView = z.object({
  name: z.string(),
  nik: opt,
  address: z.string(),
  phone: opt,
  email: opt,
  birth_place_date: opt,
  occupation: opt,
});

export const ClockView = z.object({
  key: z.enum(['reporting_window', 'initial_review', 'completion', 'finding']),
  dueAt: z.string(),
  state: z.enum(['open', 'due_soon', 'overdue', 'met', 'missed']),
  basis: z.string(),
});

export const ReportListQuery = z.object({
  status: ReportStatus.optional(),
  kind: z.enum(REPORT_KINDS).optional(),
  open: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ReportListQuery = z.infer<typeof ReportListQuery>;

export const ReportListItem = z.object({
  id: z.uuid(),
  kind: z.enum(REPORT_KINDS),
  status: ReportStatus,
  electionType: z.enum(ELECTION_TYPES),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  receivedAt: z.string(),
  knownOn: z.string().nullable(),
  late: z.boolean(),
  hasIdentity: z.boolean(),
  duplicateOf: z.string().nullable(),
  evidenceCount: z.number().int(),
  unreadFromReporter: z.boolean(),
  clocks: z.array(ClockView),
  nextDeadline: z.string().nullable(),
});
export type ReportListItem = z.infer<typeof ReportListItem>;
export const ReportPage = z.object({ items: z.array(ReportListItem), total: z.number().int() });
export type ReportPage = z.infer<typeof ReportPage>;

export const StaffMessage = z.object({
  id: z.string(),
  author: z.enum(['reporter', 'staff']),
  staffName: z.string().nullable(),
  kind: z.enum(['message', 'completion_request', 'decision']),
  body: z.string(),
  at: z.string(),
});
export const EvidenceView = z.object({
  id: z.string(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  addedBy: z.enum(['reporter', 'staff']),
  metadataRemoved: z.boolean(),
  at: z.string(),
});
export const ReportEventView = z.object({
  type: z.string(),
  at: z.string(),
  actorName: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});

export const ReportDetail = ReportListItem.extend({
  occurredOn: z.string().nullable(),
  place: z.string().nullable(),
  description: z.string(),
  reported: ReportedPersonView,
  witnessCount: z.number().int(),
  messages: z.array(StaffMessage),
  evidence: z.array(EvidenceView),
  events: z.array(ReportEventView),
  duplicates: z.array(z.uuid()),
  allowedActions: z.array(z.enum(TRIAGE_ACTIONS)),
  abilities: z.object({
    'reports.read': z.boolean(),
    'reports.identity.view': z.boolean(),
    'reports.triage': z.boolean(),
  }),
});
export type ReportDetail = z.infer<typeof ReportDetail>;

export const RevealedIdentity = z.object({
  reporter: ReporterIdentityView.nullable(),
  witnesses: z.array(z.object({ name: z.string(), contact: z.string().optional() })),
});
export type RevealedIdentity = z.infer<typeof RevealedIdentity>;

export const TriageInput = z.object({
  action: z.enum(TRIAGE_ACTIONS),
  /** Sent to the reporter (required to ask for completion or to refuse). */
  reason: z.string().trim().max(5000).optional(),
});
export type TriageInput = z.infer<typeof TriageInput>;

export const StaffMessageInput = z.object({ body: z.string().trim().min(1).max(10_000) });

export const ReportIdParams = z.object({ id: z.uuid() });
export const EvidenceParams = z.object({ id: z.uuid(), evidenceId: z.uuid() });
