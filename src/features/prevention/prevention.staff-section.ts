import { can, permissionActorOf } from '../../domain/permissions.ts';
import type { StaffSectionContext } from '../registry/registry.sections.ts';

/** Staff detail → "Ikrar": the neutrality pledges this civil servant signed, newest first. */
export async function pledgesForStaff({ db, actor, staffId }: StaffSectionContext) {
  if (!can(permissionActorOf(actor), 'prevention.read')) return [];
  const rows = await db
    .selectFrom('pledge_signatures as s')
    .innerJoin('pledge_campaigns as c', 'c.id', 's.campaign_id')
    .select(['s.id', 'c.title', 's.signed_at', 's.method'])
    .where('s.staff_id', '=', staffId)
    .orderBy('s.signed_at', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.method === 'online' ? r.title : `${r.title} (daftar hadir)`,
    at: r.signed_at.toISOString(),
  }));
}
