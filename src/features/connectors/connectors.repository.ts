import { type Kysely, sql, type Transaction } from 'kysely';
import type { Tables } from '../../db/tables.ts';
import type { Checkpoint } from '../../platform/connectors/connector.ts';

type Exec = Kysely<Tables> | Transaction<Tables>;

export const findSourceByName = (db: Exec, name: string) =>
  db.selectFrom('connector_sources').selectAll().where('name', '=', name).executeTakeFirst();

export const listSources = (db: Exec) =>
  db.selectFrom('connector_sources').selectAll().orderBy('name').execute();

export async function insertSource(
  tx: Transaction<Tables>,
  row: { id: string; name: string; description: string; secretSealed: string },
) {
  return tx
    .insertInto('connector_sources')
    .values({ id: row.id, name: row.name, description: row.description, secret_sealed: row.secretSealed })
    .onConflict((oc) => oc.column('name').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export const updateSource = (
  tx: Transaction<Tables>,
  id: string,
  set: Partial<{
    secret_sealed: string;
    previous_secret_sealed: string | null;
    previous_valid_until: Date | null;
    rotated_at: Date;
    disabled_at: Date | null;
    last_delivery_at: Date;
  }>,
) => tx.updateTable('connector_sources').set(set).where('id', '=', id).execute();

/** Records an accepted signature; false when it was accepted before (a replay). */
export async function recordReceipt(
  db: Exec,
  sourceId: string,
  signature: string,
  at: Date,
): Promise<boolean> {
  const row = await db
    .insertInto('connector_webhook_receipts')
    .values({ source_id: sourceId, signature, received_at: at })
    .onConflict((oc) => oc.columns(['source_id', 'signature']).doNothing())
    .returning('signature')
    .executeTakeFirst();
  return row !== undefined;
}

export const forgetReceipt = (db: Exec, sourceId: string, signature: string) =>
  db
    .deleteFrom('connector_webhook_receipts')
    .where('source_id', '=', sourceId)
    .where('signature', '=', signature)
    .execute();

export const purgeReceipts = (db: Exec, before: Date) =>
  db.deleteFrom('connector_webhook_receipts').where('received_at', '<', before).executeTakeFirst();

/**
 * Takes the lease on an account's checkpoint (creating the row on first use) and returns the
 * checkpoint, or undefined when another worker holds a live lease.
 */
export async function leaseCheckpoint(
  db: Exec,
  key: { platform: string; account: string },
  now: Date,
  leaseMs: number,
): Promise<Checkpoint | undefined> {
  await db
    .insertInto('connector_checkpoints')
    .values({ platform: key.platform, account: key.account })
    .onConflict((oc) => oc.columns(['platform', 'account']).doNothing())
    .execute();
  const row = await db
    .updateTable('connector_checkpoints')
    .set({ locked_until: new Date(now.getTime() + leaseMs), last_run_at: now })
    .where('platform', '=', key.platform)
    .where('account', '=', key.account)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .returning(['since', 'pending'])
    .executeTakeFirst();
  return row ? { since: row.since, pending: row.pending } : undefined;
}

/** Stores where the account stands after a page was ingested (and extends the lease). */
export async function saveCheckpoint(
  db: Exec,
  key: { platform: string; account: string },
  cp: Checkpoint,
  posts: number,
  now: Date,
  leaseMs: number,
) {
  await db
    .updateTable('connector_checkpoints')
    .set({
      since: cp.since,
      pending: cp.pending ? JSON.stringify(cp.pending) : null,
      posts_seen: sql`posts_seen + ${posts}`,
      updated_at: now,
      locked_until: new Date(now.getTime() + leaseMs),
    })
    .where('platform', '=', key.platform)
    .where('account', '=', key.account)
    .execute();
}

/** Ends a run: releases the lease and records the outcome. */
export async function finishRun(
  db: Exec,
  key: { platform: string; account: string },
  outcome: { ok: true; at: Date } | { ok: false; error: string },
) {
  await db
    .updateTable('connector_checkpoints')
    .set(
      outcome.ok
        ? { locked_until: null, last_ok_at: outcome.at, last_error: null }
        : { locked_until: null, last_error: outcome.error.slice(0, 2000) },
    )
    .where('platform', '=', key.platform)
    .where('account', '=', key.account)
    .execute();
}

export const listCheckpoints = (db: Exec) =>
  db.selectFrom('connector_checkpoints').selectAll().orderBy('platform').orderBy('account').execute();

/**
 * Watched accounts of a platform that an API can be asked about: those with the platform's id
 * (`platform_user_id`); TikTok's Research API queries by username, so the handle suffices there.
 * Keyset-paginated by id.
 */
export async function watchedAccounts(db: Exec, platform: string, after: string | null, limit: number) {
  let q = db
    .selectFrom('social_accounts')
    .select(['id', 'handle', 'platform_user_id'])
    .where('platform', '=', platform as 'x')
    .where('watch_status', '=', 'watched')
    .orderBy('id')
    .limit(limit);
  if (platform !== 'tiktok') q = q.where('platform_user_id', 'is not', null);
  if (after) q = q.where('id', '>', after);
  return q.execute();
}
