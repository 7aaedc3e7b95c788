import type { ColumnType, Generated } from 'kysely';

/** Tables of migration 0009-cases (issue 7). */

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A date column, read as Date (midnight UTC) and written as 'YYYY-MM-DD'. */
type DateColumn = ColumnType<Date, string, string>;
type NullableDate = ColumnType<Date | null, string | null | undefined, string | null>;
type Opt<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Json<T = unknown> = ColumnType<T, string, string>;

export type CaseOrigin = 'finding' | 'alert' | 'report';
export type CaseOutcome = 'violation' | 'no_violation' | 'stopped';

export type CasesTable = {
  id: Generated<string>;
  /** Register number within the office, e.g. `001/REG/PL/2024`. */
  number: string;
  office_id: string;
  region_code: string;
  agency_id: Opt<string>;
  staff_id: Opt<string>;
  /** Filled by a trigger from the linked staff member (migration 0014); never written by code. */
  position_type: Generated<string | null>;
  origin: CaseOrigin;
  /** The supervision report, alert or report the case was opened from. */
  origin_id: string;
  regime: 'pemilu' | 'pilkada';
  pack_id: Opt<string>;
  title: string;
  description: string;
  /** The reported person's name as given (when not matched to a staff record). */
  reported_name: Opt<string>;
  place: Opt<string>;
  occurred_on: NullableDate;
  known_on: DateColumn;
  opened_at: ColumnType<Date, Date | string, Date | string>;
  /** Cached fold of case_events (src/domain/case-workflow.ts), updated in the same transaction. */
  status: string;
  /** One of the six contract categories. */
  category: Opt<string>;
  stage_code: Opt<string>;
  candidate_stage: Opt<'bakal_calon' | 'calon'>;
  candidate_stage_overridden: ColumnType<boolean, boolean | undefined, boolean>;
  violation_form_codes: ColumnType<string[], string[] | undefined, string[]>;
  outcome: Opt<CaseOutcome>;
  decided_at: NullableTimestamp;
  forwarded_at: NullableTimestamp;
  /** Code of the competent agency (`KASN`, `BKN`). */
  forwarded_to: Opt<string>;
  sanction_recommended: Opt<string>;
  sanction_imposed: Opt<string>;
  sanction_imposed_at: NullableDate;
  merged_into: Opt<string>;
  closed_at: NullableTimestamp;
  event_count: ColumnType<number, number | undefined, number>;
  created_by: Opt<string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type CaseEventsTable = {
  id: Generated<string>;
  case_id: string;
  seq: number;
  type: string;
  actor_id: string | null;
  at: ColumnType<Date, Date | string, Date | string>;
  payload: Json<Record<string, unknown>>;
  idempotency_key: Opt<string>;
  created_at: DefaultTimestamp;
};

/** Formulir Model A — Laporan Hasil Pengawasan. `violation` holds section IV. */
export type SupervisionReportsTable = {
  id: Generated<string>;
  office_id: string;
  region_code: string;
  stage: string;
  supervisor_name: string;
  supervisor_position: string;
  duty_order_number: string;
  activity_form: string;
  activity_purpose: Opt<string>;
  activity_target: Opt<string>;
  activity_at: ColumnType<Date, Date | string, Date | string>;
  activity_place: string;
  description: string;
  violation: Json<Record<string, unknown>>;
  created_by: Opt<string>;
  created_at: DefaultTimestamp;
};

export type CaseEvidenceTable = {
  id: Generated<string>;
  case_id: string;
  kind: 'file' | 'url' | 'note';
  sha256: Opt<string>;
  filename: Opt<string>;
  media_type: Opt<string>;
  url: Opt<string>;
  description: string;
  added_by: Opt<string>;
  created_at: DefaultTimestamp;
};

export type CasePartiesTable = {
  id: Generated<string>;
  case_id: string;
  role: 'terlapor' | 'pelapor' | 'saksi' | 'ahli' | 'lainnya';
  name: string;
  staff_id: Opt<string>;
  details: Opt<string>;
  created_at: DefaultTimestamp;
};

export type CaseLinksTable = {
  case_id: string;
  related_id: string;
  reason: 'same_staff' | 'same_event' | 'manual' | 'merged';
  created_at: DefaultTimestamp;
};

export type CaseDeadlinesTable = {
  case_id: string;
  kind: string;
  due_on: DateColumn;
  due_at: ColumnType<Date, Date | string, Date | string>;
  met_at: NullableTimestamp;
  reminded_before_at: NullableTimestamp;
  reminded_at_expiry: NullableTimestamp;
};

export type HolidaysTable = {
  date: DateColumn;
  name: string;
  kind: 'libur_nasional' | 'cuti_bersama';
  source: Opt<string>;
  updated_at: DefaultTimestamp;
  updated_by: Opt<string>;
};

export type ViolationFormsTable = {
  code: string;
  kind: 'etik' | 'disiplin';
  title: string;
  default_sanction: string;
  legal_basis: string;
  category: string;
  candidate_stage: Opt<'bakal_calon' | 'calon'>;
  disputed: ColumnType<boolean, boolean | undefined, boolean>;
  note: Opt<string>;
  sort: ColumnType<number, number | undefined, number>;
  updated_at: DefaultTimestamp;
  updated_by: Opt<string>;
};

export type CompetentAgenciesTable = {
  code: string;
  name: string;
  address: string;
  valid_from: DateColumn;
  valid_to: NullableDate;
  legal_basis: string;
};

export type NotificationsTable = {
  id: Generated<string>;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: Opt<string>;
  subject_type: Opt<string>;
  subject_id: Opt<string>;
  dedupe_key: Opt<string>;
  created_at: DefaultTimestamp;
  read_at: NullableTimestamp;
};

export type CasesTables = {
  cases: CasesTable;
  case_events: CaseEventsTable;
  supervision_reports: SupervisionReportsTable;
  case_evidence: CaseEvidenceTable;
  case_parties: CasePartiesTable;
  case_links: CaseLinksTable;
  case_deadlines: CaseDeadlinesTable;
  holidays: HolidaysTable;
  violation_forms: ViolationFormsTable;
  competent_agencies: CompetentAgenciesTable;
  notifications: NotificationsTable;
};
