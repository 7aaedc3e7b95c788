import { Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SectionHeader } from '../../ui/SectionHeader.tsx';
import { useCurrentUser } from '../auth/RequireAuth.tsx';
import { AccountList } from './AccountList.tsx';
import { AgencyTree } from './AgencyTree.tsx';
import { ImportWizard } from './ImportWizard.tsx';
import { StaffList } from './StaffList.tsx';

const TABS = ['pegawai', 'instansi', 'akun', 'impor'] as const;

/** *Registri* — staff, agencies with unit trees, social accounts, and the import wizard. */
export function RegistryPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canWrite = me.permissions.includes('registry.write');
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'pegawai';
  return (
    <Stack gap="lg">
      <SectionHeader section="registry" />
      <Tabs
        value={tab}
        onChange={(v) => setParams(v && v !== 'pegawai' ? { tab: v } : {})}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="pegawai">{t('registry.tabs.staff')}</Tabs.Tab>
          <Tabs.Tab value="instansi">{t('registry.tabs.agencies')}</Tabs.Tab>
          <Tabs.Tab value="akun">{t('registry.tabs.accounts')}</Tabs.Tab>
          {canWrite && <Tabs.Tab value="impor">{t('registry.tabs.import')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="pegawai" pt="md">
          <StaffList canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="instansi" pt="md">
          <AgencyTree canWrite={canWrite} defaultRegion={me.office.regionCode} />
        </Tabs.Panel>
        <Tabs.Panel value="akun" pt="md">
          <AccountList canWrite={canWrite} />
        </Tabs.Panel>
        {canWrite && (
          <Tabs.Panel value="impor" pt="md">
            <ImportWizard />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
