import { Alert, Button, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  LINK_SOURCES,
  type LinkSource,
  PLATFORMS,
  type Platform,
} from '../../../../src/domain/registry-import.ts';
import { useCreateAccount } from './api.ts';

/** Registers a social account and links it to this staff member, saying how the link is known. */
export function LinkAccountForm({ staffId }: { staffId: string }) {
  const { t } = useTranslation();
  const create = useCreateAccount();
  const [platform, setPlatform] = useState<Platform>('instagram');
  const [handle, setHandle] = useState('');
  const [source, setSource] = useState<LinkSource>('patrol');
  return (
    <Stack gap="xs">
      <Title order={2} fz={20}>
        {t('registry.linkAccount')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            { platform, handle, staffId, linkSource: source, watchStatus: 'watched' },
            { onSuccess: () => setHandle('') },
          );
        }}
      >
        <Group align="end" gap="sm">
          <Select
            label={t('registry.platform')}
            data={PLATFORMS.map((p) => ({ value: p, label: t(`registry.platforms.${p}`) }))}
            value={platform}
            onChange={(v) => v && setPlatform(v as Platform)}
            w={150}
          />
          <TextInput
            label={t('registry.handle')}
            value={handle}
            onChange={(e) => setHandle(e.currentTarget.value)}
            required
            w={220}
          />
          <Select
            label={t('registry.linkSource')}
            data={LINK_SOURCES.map((l) => ({ value: l, label: t(`registry.linkSources.${l}`) }))}
            value={source}
            onChange={(v) => v && setSource(v as LinkSource)}
            w={200}
          />
          <Button type="submit" loading={create.isPending} disabled={!handle.trim()}>
            {t('registry.linkButton')}
          </Button>
        </Group>
      </form>
      {create.isError && <Alert color="red">{create.error.message}</Alert>}
    </Stack>
  );
}
