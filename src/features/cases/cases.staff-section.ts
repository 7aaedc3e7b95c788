import { can, permissionActorOf } from '../../domain/permissions.ts';
import type { StaffSectionContext } from '../registry/registry.sections.ts';

/** Staff detail → "Kasus": the cases in which this civil servant is the reported party, newest first. */
export async function casesForStaff({ db, actor, staffId }: StaffSectionContext) {
  if (!can(permissionActorOf(actor), 'cases.read')) return [];
  let q = db
    .selectFrom('cases')
    .select(['id', 'number', 'title', 'status'])
    .where('staff_id', '=', staffId)
    .orderBy('opened_at', 'desc')
    .limit(50);
  if (actor.role === 'liaison') q = q.where('forwarded_at', 'is not', null);
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, title: `${r.number} — ${r.title}`, status: r.status }));
}
