import type { ColumnType, Generated } from 'kysely';

/** Table types of migration 0012-connectors (docs/connectors.md). */

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type ConnectorSourcesTable = {
  id: Generated<string>;
  /** Lower-case slug used in the webhook URL. */
  name: string;
  description: Generated<string>;
  /** HMAC secret sealed with the master key (purpose `webhook-secret`, context = source id). */
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_valid_until: NullableTimestamp;
  disabled_at: NullableTimestamp;
  last_delivery_at: NullableTimestamp;
  created_at: DefaultTimestamp;
  rotated_at: NullableTimestamp;
};

export type ConnectorWebhookReceiptsTable = {
  source_id: string;
  signature: string;
  received_at: DefaultTimestamp;
};

export type ConnectorCheckpointsTable = {
  platform: string;
  account: string;
  since: string | null;
  /** Cursor of a run in progress (adapter-specific JSON), null when the last run finished. */
  pending: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  last_run_at: NullableTimestamp;
  last_ok_at: NullableTimestamp;
  last_error: string | null;
  /** bigint: a string from `pg`, a number from PGlite. */
  posts_seen: ColumnType<string | number, number | string | undefined, number | string>;
  /** Lease of the worker polling this account now. */
  locked_until: NullableTimestamp;
  updated_at: DefaultTimestamp;
};

export type ConnectorsTables = {
  connector_sources: ConnectorSourcesTable;
  connector_webhook_receipts: ConnectorWebhookReceiptsTable;
  connector_checkpoints: ConnectorCheckpointsTable;
};
