import type { ColumnType, Generated } from 'kysely';

/** Tables of migration 0008-prevention. */

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/**
 * A date column, written and compared as 'YYYY-MM-DD'; read as a Date by some drivers, so services
 * select it with `to_char(...)` (see prevention.shared.ts `dateText`).
 */
type DateColumn = ColumnType<Date | string, string, string>;
type NullableDate = ColumnType<Date | string | null, string | null | undefined, string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export type ActivityKind = 'sosialisasi' | 'rapat_koordinasi' | 'diseminasi' | 'patroli_siber' | 'lainnya';
export type RecipientKind = 'agency' | 'regional_secretary' | 'party' | 'candidate_pair' | 'other';
export type TaskForceRole = 'ketua' | 'wakil_ketua' | 'sekretaris' | 'anggota';

export type PreventionActivitiesTable = {
  id: Generated<string>;
  kind: ActivityKind;
  title: string;
  description: Nullable<string>;
  held_on: DateColumn;
  location: Nullable<string>;
  region_code: string;
  office_id: string;
  participants: ColumnType<number, number | undefined, number>;
  pack_id: Nullable<string>;
  stage_code: Nullable<string>;
  created_by: Nullable<string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type PreventionActivityAgenciesTable = {
  activity_id: string;
  agency_id: string;
};

export type PreventionAttendeesTable = {
  id: Generated<string>;
  activity_id: string;
  row_number: number;
  nip: Nullable<string>;
  name: string;
  agency_name: Nullable<string>;
  staff_id: Nullable<string>;
  created_at: DefaultTimestamp;
};

export type PreventionFilesTable = {
  id: Generated<string>;
  activity_id: string;
  kind: 'photo' | 'document';
  sha256: string;
  filename: string;
  mime: string;
  size: number;
  uploaded_by: Nullable<string>;
  created_at: DefaultTimestamp;
};

export type AppealLetterTemplatesTable = {
  id: Generated<string>;
  office_id: string;
  name: string;
  recipient_kind: RecipientKind;
  subject: string;
  body: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type AppealLettersTable = {
  id: Generated<string>;
  office_id: string;
  template_id: Nullable<string>;
  issued_letter_id: string;
  number: string;
  recipient_kind: RecipientKind;
  recipient_name: string;
  agency_id: Nullable<string>;
  region_code: string;
  subject: string;
  body: string;
  dated_on: DateColumn;
  sent_on: NullableDate;
  acknowledged_on: NullableDate;
  acknowledged_by: Nullable<string>;
  created_by: Nullable<string>;
  created_at: DefaultTimestamp;
};

export type PledgeCampaignsTable = {
  id: Generated<string>;
  title: string;
  text: string;
  region_code: string;
  agency_id: Nullable<string>;
  office_id: string;
  opens_on: DateColumn;
  closes_on: NullableDate;
  closed_at: NullableTimestamp;
  created_by: Nullable<string>;
  created_at: DefaultTimestamp;
};

export type PledgeSignaturesTable = {
  id: Generated<string>;
  campaign_id: string;
  staff_id: string;
  method: 'online' | 'attendance_list';
  signed_at: DefaultTimestamp;
  recorded_by: Nullable<string>;
  created_at: DefaultTimestamp;
};

export type TaskForcesTable = {
  id: Generated<string>;
  name: string;
  region_code: string;
  agency_id: Nullable<string>;
  office_id: string;
  decree_number: string;
  decree_date: DateColumn;
  head_name: Nullable<string>;
  head_user_id: Nullable<string>;
  dissolved_on: NullableDate;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type TaskForceMembersTable = {
  id: Generated<string>;
  task_force_id: string;
  name: string;
  position: Nullable<string>;
  role: ColumnType<TaskForceRole, TaskForceRole | undefined, TaskForceRole>;
  staff_id: Nullable<string>;
  created_at: DefaultTimestamp;
};

export type PreventionTables = {
  prevention_activities: PreventionActivitiesTable;
  prevention_activity_agencies: PreventionActivityAgenciesTable;
  prevention_attendees: PreventionAttendeesTable;
  prevention_files: PreventionFilesTable;
  appeal_letter_templates: AppealLetterTemplatesTable;
  appeal_letters: AppealLettersTable;
  pledge_campaigns: PledgeCampaignsTable;
  pledge_signatures: PledgeSignaturesTable;
  task_forces: TaskForcesTable;
  task_force_members: TaskForceMembersTable;
};
