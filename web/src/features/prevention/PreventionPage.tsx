import { Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SectionHeader } from '../../ui/SectionHeader.tsx';
import { useCurrentUser } from '../auth/RequireAuth.tsx';
import { ActivitiesTab } from './ActivitiesTab.tsx';
import { CoverageTab } from './CoverageTab.tsx';
import { LettersTab } from './LettersTab.tsx';
import { PledgesTab } from './PledgesTab.tsx';
import { TaskForcesTab } from './TaskForcesTab.tsx';

const TABS = ['kegiatan', 'surat', 'ikrar', 'satgas', 'cakupan'] as const;

/** *Pencegahan* — activities, appeal letters, neutrality pledges, task forces and coverage. */
export function PreventionPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canWrite = me.permissions.includes('prevention.write');
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'kegiatan';
  return (
    <Stack gap="lg">
      <SectionHeader section="prevention" />
      <Tabs
        value={tab}
        onChange={(v) => setParams(v && v !== 'kegiatan' ? { tab: v } : {})}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="kegiatan">{t('prevention.tabs.activities')}</Tabs.Tab>
          <Tabs.Tab value="surat">{t('prevention.tabs.letters')}</Tabs.Tab>
          <Tabs.Tab value="ikrar">{t('prevention.tabs.pledges')}</Tabs.Tab>
          <Tabs.Tab value="satgas">{t('prevention.tabs.taskForces')}</Tabs.Tab>
          <Tabs.Tab value="cakupan">{t('prevention.tabs.coverage')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="kegiatan" pt="md">
          <ActivitiesTab canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="surat" pt="md">
          <LettersTab canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="ikrar" pt="md">
          <PledgesTab canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="satgas" pt="md">
          <TaskForcesTab canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="cakupan" pt="md">
          <CoverageTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
