import type { Kysely } from 'kysely';
import type { Me } from '../../contracts/auth.ts';
import type { Tables } from '../../db/tables.ts';
import { type AuditFilter, listAuditPage, readAuditBatch } from './audit.query.ts';
import { auditHash, GENESIS_HASH } from './audit.repository.ts';

export type ChainReport =
  | { ok: true; events: number }
  | { ok: false; events: number; brokenId: string; reason: 'hash' | 'link' };

/**
 * Walks the whole audit chain in id order, recomputing each event's hash and checking it links to
 * the previous one. Reports the first broken event: its content was changed (`hash`), or an event
 * before it was removed or changed (`link`).
 */
export async function verifyAuditChain(db: Kysely<Tables>, batchSize = 2000): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let after = '0';
  let events = 0;
  for (;;) {
    const rows = await readAuditBatch(db, after, batchSize);
    for (const r of rows) {
      events++;
      if (r.prev_hash !== prev) return { ok: false, events, brokenId: String(r.id), reason: 'link' };
      const expected = auditHash({
        prevHash: r.prev_hash,
        at: new Date(r.at).toISOString(),
        actorId: r.actor_id,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        details: r.details,
      });
      if (expected !== r.hash) return { ok: false, events, brokenId: String(r.id), reason: 'hash' };
      prev = r.hash;
    }
    if (rows.length < batchSize) return { ok: true, events };
    after = String(rows[rows.length - 1]!.id);
  }
}

export type AuditService = ReturnType<typeof createAuditService>;

export function createAuditService({ db }: { db: Kysely<Tables> }) {
  return {
    /** A page of events visible to the actor, newest first. */
    browse: (actor: Me, filter: AuditFilter) => listAuditPage(db, actor.office.regionCode, filter),
    verify: () => verifyAuditChain(db),
  };
}
