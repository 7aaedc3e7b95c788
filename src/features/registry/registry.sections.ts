import type { Kysely } from 'kysely';
import type { Me } from '../../contracts/auth.ts';
import type { StaffDetail } from '../../contracts/registry.ts';
import type { Tables } from '../../db/tables.ts';

/**
 * Extension point for the staff detail page (*rincian pegawai*): the sections owned by other
 * features — alerts (monitoring), cases (case handling), pledges (prevention) — are filled by
 * providers those features hand to the registry service in `wireServer`:
 *
 * ```ts
 * const registry = createRegistryService({
 *   db,
 *   sections: { alerts: ({ db, actor, staffId }) => monitoring.alertsForStaff(db, actor, staffId) },
 * });
 * ```
 *
 * A provider gets the staff member's id only after the registry has checked that the actor may
 * see that staff member (jurisdiction), and must apply its own rules on top (a role that may not
 * see cases gets none). It returns at most `STAFF_SECTION_LIMIT` items, newest first. A section
 * without a provider is reported as unavailable (`sectionsAvailable.<kind> = false`) and the UI
 * labels it "not yet available" rather than "none".
 */
export type StaffSectionContext = {
  db: Kysely<Tables>;
  actor: Pick<Me, 'id' | 'role' | 'office'>;
  staffId: string;
};

export type StaffSectionProviders = {
  alerts?: (ctx: StaffSectionContext) => Promise<StaffDetail['alerts']>;
  cases?: (ctx: StaffSectionContext) => Promise<StaffDetail['cases']>;
  pledges?: (ctx: StaffSectionContext) => Promise<StaffDetail['pledges']>;
};

/** Items one section shows on the detail page. */
export const STAFF_SECTION_LIMIT = 50;

/** Runs the wired providers (in parallel) for one staff member the actor may see. */
export async function loadStaffSections(
  providers: StaffSectionProviders,
  ctx: StaffSectionContext,
): Promise<Pick<StaffDetail, 'alerts' | 'cases' | 'pledges' | 'sectionsAvailable'>> {
  const [alerts, cases, pledges] = await Promise.all([
    providers.alerts?.(ctx) ?? [],
    providers.cases?.(ctx) ?? [],
    providers.pledges?.(ctx) ?? [],
  ]);
  return {
    alerts: alerts.slice(0, STAFF_SECTION_LIMIT),
    cases: cases.slice(0, STAFF_SECTION_LIMIT),
    pledges: pledges.slice(0, STAFF_SECTION_LIMIT),
    sectionsAvailable: {
      alerts: Boolean(providers.alerts),
      cases: Boolean(providers.cases),
      pledges: Boolean(providers.pledges),
    },
  };
}
