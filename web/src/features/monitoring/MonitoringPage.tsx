import { SectionPage } from '../../ui/SectionHeader.tsx';

/** *Pemantauan* — social-media monitoring of registered ASN accounts and the alert review queue. */
export function MonitoringPage() {
  return <SectionPage section="monitoring" />;
}
