import { SectionPage } from '../../ui/SectionHeader.tsx';

/** *Laporan* — public reports and initial information (tips): intake, requirements, initial review. */
export function ReportsPage() {
  return <SectionPage section="reports" />;
}
