import { Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SectionHeader } from '../../ui/SectionHeader.tsx';
import { useCurrentUser } from '../auth/RequireAuth.tsx';
import { EvidencePanel } from './EvidencePanel.tsx';
import { PacksPanel } from './PacksPanel.tsx';
import { ReviewQueue } from './ReviewQueue.tsx';
import { SuggestionsPanel } from './SuggestionsPanel.tsx';

const TABS = ['antrean', 'bukti', 'saran', 'paket'] as const;

/** *Pemantauan* — the alert review queue, patrol evidence, ASN link suggestions, election packs. */
export function MonitoringPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = (p: string) => me.permissions.includes(p as (typeof me.permissions)[number]);
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'antrean';
  return (
    <Stack gap="lg">
      <SectionHeader section="monitoring" />
      <Tabs
        value={tab}
        onChange={(v) => setParams(v && v !== 'antrean' ? { tab: v } : {})}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="antrean">{t('monitoring.tabs.queue')}</Tabs.Tab>
          <Tabs.Tab value="bukti">{t('monitoring.tabs.evidence')}</Tabs.Tab>
          {can('registry.read') && <Tabs.Tab value="saran">{t('monitoring.tabs.suggestions')}</Tabs.Tab>}
          <Tabs.Tab value="paket">{t('monitoring.tabs.packs')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="antrean" pt="md">
          <ReviewQueue canReview={can('alerts.review')} />
        </Tabs.Panel>
        <Tabs.Panel value="bukti" pt="md">
          <EvidencePanel canCreate={can('alerts.review')} />
        </Tabs.Panel>
        {can('registry.read') && (
          <Tabs.Panel value="saran" pt="md">
            <SuggestionsPanel canWrite={can('registry.write')} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="paket" pt="md">
          <PacksPanel canManage={can('packs.manage')} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
