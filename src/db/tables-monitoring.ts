import type { ColumnType, Generated } from 'kysely';

/** Monitoring tables (migration 0006). */

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string, string>;
type DefaultJson<T = unknown> = ColumnType<T, string | undefined, string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export type PostPlatform = 'x' | 'facebook' | 'instagram' | 'tiktok' | 'youtube' | 'whatsapp' | 'other';
export type AlertStatus = 'pending' | 'confirmed' | 'dismissed';
export type DismissReason = 'not_partisan' | 'not_asn' | 'duplicate' | 'out_of_jurisdiction';

export type PostsTable = {
  id: Generated<string>;
  platform: PostPlatform;
  platform_post_id: string;
  external_id: string;
  account_id: Nullable<string>;
  author_handle: Nullable<string>;
  author_name: Nullable<string>;
  author_bio: Nullable<string>;
  url: Nullable<string>;
  posted_at: NullableTimestamp;
  text: string;
  lang: Nullable<string>;
  content_sha256: string;
  version: Generated<number>;
  raw: Json;
  source: string;
  region_code: Nullable<string>;
  agency_id: Nullable<string>;
  staff_id: Nullable<string>;
  first_seen_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
  deleted_at: NullableTimestamp;
  created_at: DefaultTimestamp;
};

export type PostVersionsTable = {
  id: Generated<string>;
  post_id: string;
  version: number;
  text: string;
  content_sha256: string;
  raw: Json;
  posted_at: NullableTimestamp;
  seen_at: ColumnType<Date, Date | string, Date | string>;
  replaced_at: DefaultTimestamp;
  created_at: DefaultTimestamp;
};

export type AlertsTable = {
  id: Generated<string>;
  post_id: string;
  post_version: Generated<number>;
  pack_id: string;
  status: Generated<AlertStatus>;
  category: Nullable<string>;
  score: number;
  targets: DefaultJson<string[]>;
  signals: DefaultJson<{ kind: string; text: string; start: number; end: number; weight: number }[]>;
  explanation: Generated<string>;
  region_code: Nullable<string>;
  agency_id: Nullable<string>;
  staff_id: Nullable<string>;
  /** Filled by a trigger from the linked staff member (migration 0014); never written by code. */
  position_type: Generated<string | null>;
  stage_code: Nullable<string>;
  account_id: Nullable<string>;
  assigned_to: Nullable<string>;
  dismiss_reason: Nullable<DismissReason>;
  review_note: Nullable<string>;
  reviewed_by: Nullable<string>;
  reviewed_at: NullableTimestamp;
  /** Set by the cases feature when a case is opened from this alert. */
  case_id: Nullable<string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type ReviewLabelsTable = {
  id: Generated<string>;
  post_id: string;
  post_version: number;
  alert_id: Nullable<string>;
  flag: boolean;
  category: Nullable<string>;
  targets: DefaultJson<string[]>;
  note: Nullable<string>;
  labelled_by: Nullable<string>;
  created_at: DefaultTimestamp;
};

export type EvidenceTable = {
  id: Generated<string>;
  kind: 'post' | 'patrol';
  post_id: Nullable<string>;
  url: Nullable<string>;
  note: Nullable<string>;
  captured_at: ColumnType<Date, Date | string, Date | string>;
  captured_by: Nullable<string>;
  region_code: string;
  content_sha256: Nullable<string>;
  created_at: DefaultTimestamp;
};

export type EvidenceFilesTable = {
  id: Generated<string>;
  evidence_id: string;
  sha256: string;
  filename: string;
  media_type: string;
  size: ColumnType<string, number | string, number | string>;
  added_by: Nullable<string>;
  created_at: DefaultTimestamp;
};

export type CustodyEventsTable = {
  id: Generated<string>;
  evidence_id: string;
  at: DefaultTimestamp;
  actor_id: Nullable<string>;
  action: string;
  details: DefaultJson<Record<string, unknown>>;
};

export type FindingsTable = {
  id: Generated<string>;
  status: Generated<'draft' | 'submitted' | 'withdrawn'>;
  origin: Generated<'alert' | 'patrol'>;
  alert_id: Nullable<string>;
  post_id: Nullable<string>;
  region_code: string;
  agency_id: Nullable<string>;
  staff_id: Nullable<string>;
  category: Nullable<string>;
  stage_code: Nullable<string>;
  summary: Generated<string>;
  case_id: Nullable<string>;
  created_by: Nullable<string>;
  created_at: DefaultTimestamp;
};

export type FindingEvidenceTable = {
  finding_id: string;
  evidence_id: string;
  created_at: DefaultTimestamp;
};

export type AccountLinkSuggestionsTable = {
  id: Generated<string>;
  platform: string;
  handle: string;
  account_id: Nullable<string>;
  author_name: Nullable<string>;
  author_bio: Nullable<string>;
  role: string;
  matched_text: string;
  agency_id: Nullable<string>;
  region_code: Nullable<string>;
  confidence: number;
  status: Generated<'pending' | 'accepted' | 'rejected'>;
  decided_by: Nullable<string>;
  decided_at: NullableTimestamp;
  created_at: DefaultTimestamp;
};

export type MonitoringTables = {
  posts: PostsTable;
  post_versions: PostVersionsTable;
  alerts: AlertsTable;
  review_labels: ReviewLabelsTable;
  evidence: EvidenceTable;
  evidence_files: EvidenceFilesTable;
  custody_events: CustodyEventsTable;
  findings: FindingsTable;
  finding_evidence: FindingEvidenceTable;
  account_link_suggestions: AccountLinkSuggestionsTable;
};
