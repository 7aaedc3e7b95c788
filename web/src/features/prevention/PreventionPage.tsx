import { SectionPage } from '../../ui/SectionHeader.tsx';

/** *Pencegahan* — prevention: appeal letters, pledges, integrity pacts, task forces. */
export function PreventionPage() {
  return <SectionPage section="prevention" />;
}
