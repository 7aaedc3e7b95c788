import { SectionPage } from '../../ui/SectionHeader.tsx';

/** *Admin* — users and roles, offices and jurisdictions, election packs, holidays, audit trail. */
export function AdminPage() {
  return <SectionPage section="admin" />;
}
