import { createHash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Tables } from '../../db/tables.ts';

/** The hash that starts the chain. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditInput = {
  actorId: string | null;
  /** Dotted verb, e.g. `auth.login`, `case.decide`, `report.identity.view`. */
  action: string;
  subjectType?: string;
  subjectId?: string;
  details?: Record<string, unknown>;
};

/** Canonical JSON: keys sorted at every level, so the hash does not depend on insertion order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function auditHash(e: {
  prevHash: string;
  at: string;
  actorId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  details: Record<string, unknown>;
}): string {
  return createHash('sha256').update(canonical(e)).digest('hex');
}

/**
 * Appends an audit event inside the caller's transaction, chained to the previous event's hash.
 * A transaction-scoped advisory lock serialises appends so the chain never forks.
 */
export async function recordAuditInTx(tx: Transaction<Tables>, input: AuditInput): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(7363201)`.execute(tx);
  const last = await tx
    .selectFrom('audit_events')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const at = new Date().toISOString();
  const row = {
    prevHash: last?.hash ?? GENESIS_HASH,
    at,
    actorId: input.actorId,
    action: input.action,
    subjectType: input.subjectType ?? null,
    subjectId: input.subjectId ?? null,
    details: input.details ?? {},
  };
  await tx
    .insertInto('audit_events')
    .values({
      at,
      actor_id: row.actorId,
      action: row.action,
      subject_type: row.subjectType,
      subject_id: row.subjectId,
      details: JSON.stringify(row.details),
      prev_hash: row.prevHash,
      hash: auditHash(row),
    })
    .execute();
}

/** Lists the newest audit events (administrators' view). */
export async function listAuditEvents(db: Kysely<Tables>, limit = 100) {
  return db.selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
