import { SectionPage } from '../../ui/SectionHeader.tsx';

/** *Registri* — agencies, civil servants and monitored accounts, with XLSX/CSV import. */
export function RegistryPage() {
  return <SectionPage section="registry" />;
}
