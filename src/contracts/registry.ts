import { z } from 'zod';
import {
  AGENCY_KINDS,
  IMPORT_KINDS,
  LINK_SOURCES,
  PLATFORMS,
  POSITION_TYPES,
  STAFF_STATUSES,
  WATCH_STATUSES,
} from '../domain/registry-import.ts';

/** Registry request/response shapes (issue 4), shared by server, web and CLI. */

export const ImportKind = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof ImportKind>;
export const StaffStatus = z.enum(STAFF_STATUSES);
export type StaffStatus = z.infer<typeof StaffStatus>;
export const PositionType = z.enum(POSITION_TYPES);
export type PositionType = z.infer<typeof PositionType>;
export const AgencyKind = z.enum(AGENCY_KINDS);
export type AgencyKind = z.infer<typeof AgencyKind>;
export const Platform = z.enum(PLATFORMS);
export type Platform = z.infer<typeof Platform>;
export const LinkSource = z.enum(LINK_SOURCES);
export type LinkSource = z.infer<typeof LinkSource>;
export const WatchStatus = z.enum(WATCH_STATUSES);
export type WatchStatus = z.infer<typeof WatchStatus>;

export const ImportRowError = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export type ImportRowError = z.infer<typeof ImportRowError>;

/** Outcome of an import (CLI `--json` prints exactly this). `errors` is empty on success. */
export const ImportResult = z.object({
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(ImportRowError),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const ImportQuery = z.object({
  /** Validate and count without writing anything. */
  dryRun: z.enum(['true', 'false']).default('false'),
  /**
   * `stream`: answer `application/x-ndjson`, one JSON object per line as the server works —
   * `{ "progress": ImportProgress }` lines, then exactly one `{ "result": ImportResult }` or
   * `{ "error": ErrorBody }` (the status is 200 once streaming has begun; the error is the same
   * body the plain request answers with 400).
   */
  progress: z.enum(['none', 'stream']).default('none'),
});

/** Where a running import is: rows read from the file, rows checked, rows written. */
export const ImportProgress = z.object({
  phase: z.enum(['read', 'validate', 'write']),
  done: z.number().int(),
  total: z.number().int(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

const Page = z.coerce.number().int().min(1).max(100_000).default(1);
const PageSize = z.coerce.number().int().min(1).max(100).default(25);

export const StaffQuery = z.object({
  /** Name (full-text and fuzzy), an 18-digit NIP, a NIP prefix, or "@handle". */
  q: z.string().trim().max(100).optional(),
  region: z
    .string()
    .regex(/^\d{2}(\.\d{2}){0,3}$/)
    .optional(),
  agencyId: z.uuid().optional(),
  status: StaffStatus.optional(),
  positionType: PositionType.optional(),
  active: z.enum(['true', 'false']).optional(),
  page: Page,
  pageSize: PageSize,
});
export type StaffQuery = z.infer<typeof StaffQuery>;

export const StaffSummary = z.object({
  id: z.string(),
  nip: z.string().nullable(),
  name: z.string(),
  status: StaffStatus,
  positionType: PositionType.nullable(),
  positionName: z.string().nullable(),
  rank: z.string().nullable(),
  agency: z.object({ id: z.string(), name: z.string() }),
  unit: z.string().nullable(),
  regionCode: z.string(),
  active: z.boolean(),
});
export type StaffSummary = z.infer<typeof StaffSummary>;

export const StaffPage = z.object({
  items: z.array(StaffSummary),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Another page follows. */
  hasMore: z.boolean(),
  /** Filter-only lists: matching rows counted up to 10,000 (`totalCapped`: more). Null for text searches. */
  total: z.number().int().nullable(),
  totalCapped: z.boolean(),
});
export type StaffPage = z.infer<typeof StaffPage>;

export const AccountView = z.object({
  id: z.string(),
  platform: Platform,
  handle: z.string(),
  profileUrl: z.string().nullable(),
  platformUserId: z.string().nullable(),
  staff: z.object({ id: z.string(), name: z.string(), nip: z.string().nullable() }).nullable(),
  linkSource: LinkSource.nullable(),
  linkConfidence: z.number().nullable(),
  watchStatus: WatchStatus,
  regionCode: z.string().nullable(),
});
export type AccountView = z.infer<typeof AccountView>;

export const StaffDetail = StaffSummary.extend({
  birthDate: z.string().nullable(),
  appointedOn: z.string().nullable(),
  sex: z.enum(['male', 'female']).nullable(),
  regionName: z.string(),
  accounts: z.array(AccountView),
  /**
   * Filled by the features that own them through the staff-section extension point
   * (src/features/registry/registry.sections.ts); empty lists while no provider is wired.
   */
  alerts: z.array(z.object({ id: z.string(), title: z.string(), at: z.string() })),
  cases: z.array(z.object({ id: z.string(), title: z.string(), status: z.string() })),
  pledges: z.array(z.object({ id: z.string(), title: z.string(), at: z.string() })),
  /** Which sections have a provider (false: the feature is not installed yet, not "none found"). */
  sectionsAvailable: z
    .object({ alerts: z.boolean(), cases: z.boolean(), pledges: z.boolean() })
    .default({ alerts: false, cases: false, pledges: false }),
  abilities: z.object({ edit: z.boolean() }),
});
export type StaffDetail = z.infer<typeof StaffDetail>;

export const UnitNode = z.object({ id: z.string(), name: z.string(), parentId: z.string().nullable() });
export type UnitNode = z.infer<typeof UnitNode>;

export const AgencyNode = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  parentId: z.string().nullable(),
  taskForceHead: z.string().nullable(),
  staffCount: z.number().int(),
  units: z.array(UnitNode),
});
export type AgencyNode = z.infer<typeof AgencyNode>;

export const AgencyQuery = z.object({
  q: z.string().trim().max(100).optional(),
  region: z
    .string()
    .regex(/^\d{2}(\.\d{2}){0,3}$/)
    .optional(),
});
export type AgencyQuery = z.infer<typeof AgencyQuery>;

export const AccountQuery = z.object({
  q: z.string().trim().max(100).optional(),
  platform: Platform.optional(),
  watchStatus: WatchStatus.optional(),
  staffId: z.uuid().optional(),
  page: Page,
  pageSize: PageSize,
});
export type AccountQuery = z.infer<typeof AccountQuery>;

export const AccountPage = z.object({
  items: z.array(AccountView),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AccountPage = z.infer<typeof AccountPage>;

export const AccountInput = z.object({
  platform: Platform,
  handle: z.string().trim().min(1, 'Akun wajib diisi').max(100),
  profileUrl: z.url().max(500).nullable().optional(),
  platformUserId: z.string().trim().max(100).nullable().optional(),
  staffId: z.uuid().nullable().optional(),
  linkSource: LinkSource.nullable().optional(),
  linkConfidence: z.number().min(0).max(1).nullable().optional(),
  watchStatus: WatchStatus.default('watched'),
});
export type AccountInput = z.infer<typeof AccountInput>;

export const AccountPatch = z.object({
  platform: Platform.optional(),
  handle: z.string().trim().min(1, 'Akun wajib diisi').max(100).optional(),
  profileUrl: z.url().max(500).nullable().optional(),
  platformUserId: z.string().trim().max(100).nullable().optional(),
  staffId: z.uuid().nullable().optional(),
  linkSource: LinkSource.nullable().optional(),
  linkConfidence: z.number().min(0).max(1).nullable().optional(),
  watchStatus: WatchStatus.optional(),
});
export type AccountPatch = z.infer<typeof AccountPatch>;

export const ExportList = z.enum(['staff', 'agencies', 'accounts']);
export type ExportList = z.infer<typeof ExportList>;

const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));

/** A staff member as the form sends it; the region is the agency's. */
export const StaffInput = z.object({
  /** 18 digits (spaces allowed); required unless the status is non-ASN. */
  nip: OptionalText(40),
  name: z.string().trim().min(1, 'Nama wajib diisi').max(300),
  status: StaffStatus,
  positionType: PositionType.nullable().optional(),
  positionName: OptionalText(300),
  /** Golongan, e.g. "III/a" (PNS) or "IX" (PPPK); none for non-ASN. */
  rank: OptionalText(20),
  agencyId: z.uuid(),
  unitId: z.uuid().nullable().optional(),
  active: z.boolean().default(true),
});
export type StaffInput = z.infer<typeof StaffInput>;

export const UnitInput = z.object({
  /** Present for an existing unit (rename keeps its staff); absent for a new one. */
  id: z.uuid().optional(),
  name: z.string().trim().min(1, 'Nama unit wajib diisi').max(300),
  /** The parent unit by name (within this agency), or null for a top-level unit. */
  parent: z.string().trim().max(300).nullable().optional(),
});
export type UnitInput = z.infer<typeof UnitInput>;

/** An agency as the form sends it, with its whole unit tree (units left out are removed). */
export const AgencyInput = z.object({
  name: z.string().trim().min(1, 'Nama instansi wajib diisi').max(300),
  kind: AgencyKind,
  regionCode: z.string().regex(/^\d{2}(\.\d{2}){0,3}$/, 'kode wilayah Kemendagri, mis. 64.71'),
  parentId: z.uuid().nullable().optional(),
  taskForceHead: OptionalText(300),
  units: z.array(UnitInput).max(500).default([]),
});
export type AgencyInput = z.infer<typeof AgencyInput>;
