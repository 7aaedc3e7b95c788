import { can, permissionActorOf } from '../../domain/permissions.ts';
import type { StaffSectionContext } from '../registry/registry.sections.ts';

/** Staff detail → "Peringatan": the alerts on this civil servant's posts, newest first. */
export async function alertsForStaff({ db, actor, staffId }: StaffSectionContext) {
  if (!can(permissionActorOf(actor), 'monitoring.read')) return [];
  const rows = await db
    .selectFrom('alerts')
    .select(['id', 'explanation', 'status', 'score', 'created_at'])
    .where('staff_id', '=', staffId)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: `${r.explanation} (${r.status}, skor ${r.score.toFixed(2)})`,
    at: r.created_at.toISOString(),
  }));
}
