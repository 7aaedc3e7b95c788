import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../db/tables.ts';
import { NATIONAL } from '../../domain/jurisdiction.ts';

export type AuditFilter = {
  before?: string;
  limit: number;
  action?: string;
  subjectId?: string;
  actorId?: string;
};

/** Events after `afterId` in id order, for chain verification and export. */
export const readAuditBatch = (db: Kysely<Tables>, afterId: string, limit: number) =>
  db.selectFrom('audit_events').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();

/**
 * Events newest first, filtered to the jurisdiction in SQL: an event is visible when its actor's
 * office lies inside the region subtree; events without an actor (system, CLI) only nationally.
 */
export function listAuditPage(db: Kysely<Tables>, regionRoot: string, f: AuditFilter) {
  let q = db
    .selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.actor_id')
    .leftJoin('offices', 'offices.id', 'users.office_id')
    .select([
      'audit_events.id',
      'audit_events.at',
      'audit_events.actor_id',
      'users.username as actor_username',
      'audit_events.action',
      'audit_events.subject_type',
      'audit_events.subject_id',
      'audit_events.details',
      'audit_events.hash',
    ]);
  if (regionRoot !== NATIONAL) {
    const prefix = `${regionRoot.replace(/[\\%_]/g, '\\$&')}.%`;
    q = q.where(sql<boolean>`(offices.region_code = ${regionRoot} OR offices.region_code LIKE ${prefix})`);
  }
  if (f.before) q = q.where('audit_events.id', '<', f.before);
  if (f.action) q = q.where('audit_events.action', 'like', `${f.action.replace(/[\\%_]/g, '\\$&')}%`);
  if (f.subjectId) q = q.where('audit_events.subject_id', '=', f.subjectId);
  if (f.actorId) q = q.where('audit_events.actor_id', '=', f.actorId);
  return q.orderBy('audit_events.id', 'desc').limit(f.limit).execute();
}
