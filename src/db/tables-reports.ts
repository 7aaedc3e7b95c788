import type { ColumnType, Generated } from 'kysely';

/** Table types of migration 0007 (public reports and tips). See the migration for the privacy model. */

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export type ReportKind = 'laporan' | 'informasi_awal';
export type ElectionType = 'pemilu' | 'pilkada';

export type ReportsTable = {
  id: Generated<string>;
  kind: ReportKind;
  /** A status of src/domain/report-workflow.ts (`diterima`, `perlu_dilengkapi`, `diregistrasi`, …). */
  status: string;
  election_type: ColumnType<ElectionType, ElectionType | undefined, ElectionType>;
  region_code: Nullable<string>;
  agency_id: Nullable<string>;
  received_at: DefaultTimestamp;
  /** Dates as 'YYYY-MM-DD' (pg `date`, read as text). */
  occurred_on: NullableDate;
  known_on: NullableDate;
  /** Filed after the 7-day reporting window (accepted anyway, marked). */
  late: ColumnType<boolean, boolean | undefined, boolean>;
  receipt_hash: string;
  wrapped_key: string;
  identity_sealed: Nullable<string>;
  identity_added_at: NullableTimestamp;
  content_sealed: string;
  fingerprint: string;
  duplicate_of: Nullable<string>;
  reviewed_at: NullableTimestamp;
  completion_requested_at: NullableTimestamp;
  completion_due_at: NullableTimestamp;
  decided_at: NullableTimestamp;
  decided_by: Nullable<string>;
  /** The case opened on registration (wired by the cases feature). */
  case_id: Nullable<string>;
  last_reporter_activity_at: NullableTimestamp;
  created_at: DefaultTimestamp;
};

export type ReportMessagesTable = {
  id: Generated<string>;
  report_id: string;
  author: 'reporter' | 'staff';
  staff_id: Nullable<string>;
  kind: ColumnType<
    'message' | 'completion_request' | 'decision',
    'message' | 'completion_request' | 'decision' | undefined,
    never
  >;
  body_sealed: string;
  /** Insertion order (several rows can share a transaction's timestamp). */
  seq: ColumnType<string, never, never>;
  created_at: DefaultTimestamp;
};

export type ReportEvidenceTable = {
  id: Generated<string>;
  report_id: string;
  added_by: 'reporter' | 'staff';
  media_type: string;
  size: ColumnType<string, number | string, number | string>;
  /** Blob (sha256) of the encrypted original. */
  original_blob: string;
  /** Blob (sha256) of the encrypted copy shown to staff (metadata removed where supported). */
  redacted_blob: string;
  metadata_removed: ColumnType<boolean, boolean | undefined, boolean>;
  /** Sealed JSON: { name, sha256 } of the original file. */
  meta_sealed: string;
  /** Insertion order (several rows can share a transaction's timestamp). */
  seq: ColumnType<string, never, never>;
  created_at: DefaultTimestamp;
};

export type ReportEventsTable = {
  id: Generated<string>;
  report_id: string;
  type: string;
  actor_id: Nullable<string>;
  at: DefaultTimestamp;
  payload: ColumnType<Record<string, unknown>, string | undefined, string>;
};

export type ReportsTables = {
  reports: ReportsTable;
  report_messages: ReportMessagesTable;
  report_evidence: ReportEvidenceTable;
  report_events: ReportEventsTable;
};
