import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { AnalyticsTables } from './tables-analytics.ts';
import type { CasesTables } from './tables-cases.ts';
import type { ConnectorsTables } from './tables-connectors.ts';
import type { LettersTables } from './tables-letters.ts';
import type { MonitoringTables } from './tables-monitoring.ts';
import type { PreventionTables } from './tables-prevention.ts';
import type { ReportsTables } from './tables-reports.ts';

/** Table types, declared by hand to match the migrations in src/db/migrations. */

/** A timestamptz column: read as Date, written as Date or ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz column with a database default (may be omitted on insert). */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A nullable timestamptz column. */
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string, string>;

export type RegionsTable = {
  code: string;
  name: string;
  level: number;
  kind: 'nasional' | 'provinsi' | 'kabupaten' | 'kota' | 'kecamatan';
  parent_code: string | null;
};

type NullableText = ColumnType<string | null, string | null | undefined, string | null>;

export type OfficesTable = {
  id: Generated<string>;
  name: string;
  region_code: string;
  created_at: DefaultTimestamp;
  /** Letterhead and letter numbering (migration 0013). */
  address: NullableText;
  phone: NullableText;
  email: NullableText;
  website: NullableText;
  letter_city: NullableText;
  letter_code: NullableText;
  letter_number_template: ColumnType<string, string | undefined, string>;
  head_title: NullableText;
  head_name: NullableText;
};

export type UsersTable = {
  id: Generated<string>;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  role: 'admin' | 'head' | 'analyst' | 'taskforce' | 'liaison' | 'viewer';
  office_id: string;
  /** Task-force heads: their agency (migration 0005). */
  agency_id: ColumnType<string | null, string | null | undefined, string | null>;
  password_changed_at: NullableTimestamp;
  /** TOTP secret (base32), sealed with the master key (src/platform/crypto/secret-box.ts). */
  totp_secret: ColumnType<string | null, string | null | undefined, string | null>;
  totp_pending_secret: ColumnType<string | null, string | null | undefined, string | null>;
  totp_enabled_at: NullableTimestamp;
  totp_last_step: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  disabled_at: NullableTimestamp;
  created_at: DefaultTimestamp;
};

export type SessionsTable = {
  id_hash: string;
  user_id: string;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  /** 'full', or a half-done sign-in: 'totp' (code pending) or 'enrol' (must enrol first). */
  stage: ColumnType<
    'full' | 'totp' | 'enrol',
    'full' | 'totp' | 'enrol' | undefined,
    'full' | 'totp' | 'enrol'
  >;
};

export type UserRecoveryCodesTable = {
  user_id: string;
  code_hash: string;
  used_at: NullableTimestamp;
};

export type AgenciesTable = {
  id: Generated<string>;
  name: string;
  kind: string;
  region_code: string;
  parent_id: string | null;
  /** Who chairs the agency's task force (*ketua satgas*), migration 0004. */
  task_force_head: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type UnitsTable = {
  id: Generated<string>;
  agency_id: string;
  parent_id: string | null;
  name: string;
};

export type StaffTable = {
  id: Generated<string>;
  nip: string | null;
  name: string;
  status: 'pns' | 'cpns' | 'pppk' | 'non_asn';
  position_type: 'jpt' | 'administrator' | 'pengawas' | 'pelaksana' | 'fungsional' | null;
  position_name: string | null;
  rank: string | null;
  agency_id: string;
  unit_id: string | null;
  region_code: string;
  active: Generated<boolean>;
  /** Decoded from the NIP (migration 0004); null for non-ASN. */
  birth_date: ColumnType<string | null, string | null | undefined, string | null>;
  /** TMT CPNS as YYYY-MM. */
  appointed_on: ColumnType<string | null, string | null | undefined, string | null>;
  sex: ColumnType<'male' | 'female' | null, 'male' | 'female' | null | undefined, 'male' | 'female' | null>;
  /** Generated `to_tsvector('indonesian', name)`; never written. */
  search: ColumnType<string, never, never>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type SocialAccountsTable = {
  id: Generated<string>;
  platform: 'x' | 'facebook' | 'instagram' | 'tiktok' | 'youtube' | 'whatsapp' | 'other';
  handle: string;
  profile_url: string | null;
  platform_user_id: string | null;
  staff_id: string | null;
  link_source: 'agency' | 'patrol' | 'bio' | 'report' | null;
  link_confidence: number | null;
  watch_status: Generated<'watched' | 'paused' | 'ignored'>;
  /** Supervising region of an unlinked account (migration 0004). */
  region_code: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type ElectionPacksTable = {
  id: string;
  name: string;
  kind: 'pemilu' | 'pilkada';
  region_code: string;
  body: Json;
  active: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type JobsTable = {
  id: Generated<string>;
  kind: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<'pending' | 'running' | 'done' | 'dead'>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  run_at: DefaultTimestamp;
  locked_by: string | null;
  locked_until: NullableTimestamp;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: DefaultTimestamp;
  finished_at: NullableTimestamp;
};

export type JobSchedulesTable = {
  name: string;
  next_run_at: Timestamp;
};

export type AuditEventsTable = {
  id: Generated<string>;
  at: DefaultTimestamp;
  actor_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  details: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
};

export type AppMetaTable = {
  key: string;
  value: Json;
};

export type Tables = {
  regions: RegionsTable;
  offices: OfficesTable;
  users: UsersTable;
  sessions: SessionsTable;
  agencies: AgenciesTable;
  units: UnitsTable;
  staff: StaffTable;
  social_accounts: SocialAccountsTable;
  election_packs: ElectionPacksTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  audit_events: AuditEventsTable;
  user_recovery_codes: UserRecoveryCodesTable;
  app_meta: AppMetaTable;
} & AnalyticsTables &
  CasesTables &
  ConnectorsTables &
  LettersTables &
  MonitoringTables &
  PreventionTables &
  ReportsTables;

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Job = Selectable<JobsTable>;
