import { SectionPage } from '../../ui/SectionHeader.tsx';

/** *Penanganan* — handling of registered cases: clarification, review, deadlines, forwarding to BKN. */
export function CasesPage() {
  return <SectionPage section="cases" />;
}
