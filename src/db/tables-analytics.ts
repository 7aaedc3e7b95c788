import type { ColumnType, Generated } from 'kysely';

/** Analytics tables (migration 0010-analytics). */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type KerawananSettingsTable = {
  id: Generated<number>;
  /** KerawananSettings as JSON (src/domain/kerawanan.ts). */
  settings: ColumnType<unknown, string, string>;
  updated_at: DefaultTimestamp;
  updated_by: string | null;
};

export type KerawananHistoryTable = {
  id: Generated<string>;
  /** Label of the previous election, e.g. "pilkada-2020". */
  election: string;
  region_code: string;
  agency_id: string | null;
  cases: number;
  source_sha256: string;
  imported_at: DefaultTimestamp;
  imported_by: string | null;
  created_at: DefaultTimestamp;
};

export type AnalyticsStaffCountsTable = {
  region_code: string;
  agency_id: string;
  /** A staff position type, or '-' when none is recorded. */
  position_type: string;
  staff: number;
  refreshed_at: DefaultTimestamp;
};

export type AnalyticsTables = {
  kerawanan_settings: KerawananSettingsTable;
  kerawanan_history: KerawananHistoryTable;
  analytics_staff_counts: AnalyticsStaffCountsTable;
};
