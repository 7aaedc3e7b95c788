import { Alert, Anchor, Badge, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { useStaffDetail } from './api.ts';
import { LinkAccountForm } from './LinkAccountForm.tsx';

/** One staff member: identity decoded from the NIP, position, agency, accounts, alerts, cases, pledges. */
export function StaffDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const staff = useStaffDetail(id);
  usePageTitle(staff.data?.name ?? t('registry.tabs.staff'));
  if (staff.isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (staff.isError)
    return (
      <Alert color="red" role="alert">
        {isApiError(staff.error) && staff.error.code === 'NOT_FOUND'
          ? t('registry.notFound')
          : staff.error.message}
      </Alert>
    );
  const s = staff.data;
  const fact = (label: string, value: string | null) => (
    <Stack gap={0}>
      <Text fz="xs" c="dimmed">
        {label}
      </Text>
      <Text>{value ?? '—'}</Text>
    </Stack>
  );
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/app/registri">
        ← {t('sections.registry.title')}
      </Anchor>
      <Group gap="sm">
        <Title order={1} fz={28}>
          {s.name}
        </Title>
        <Badge variant="light">{t(`registry.statuses.${s.status}`)}</Badge>
        {!s.active && <Badge color="gray">{t('registry.activeNo')}</Badge>}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {fact('NIP', s.nip)}
        {fact(t('registry.birthDate'), s.birthDate)}
        {fact(t('registry.appointedOn'), s.appointedOn)}
        {fact(t('registry.sex'), s.sex ? t(`registry.sexes.${s.sex}`) : null)}
        {fact(t('registry.position'), [s.positionName, s.rank].filter(Boolean).join(', ') || null)}
        {fact(
          t('registry.positionType'),
          s.positionType ? t(`registry.positionTypes.${s.positionType}`) : null,
        )}
        {fact(t('registry.agency'), s.agency.name)}
        {fact(t('registry.unit'), s.unit)}
        {fact(t('registry.region'), `${s.regionName} (${s.regionCode})`)}
      </SimpleGrid>
      <Stack gap="xs">
        <Title order={2} fz={20}>
          {t('registry.tabs.accounts')}
        </Title>
        {s.accounts.length === 0 ? (
          <Text c="dimmed">{t('registry.noAccounts')}</Text>
        ) : (
          <Table>
            <Table.Tbody>
              {s.accounts.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{t(`registry.platforms.${a.platform}`)}</Table.Td>
                  <Table.Td>@{a.handle}</Table.Td>
                  <Table.Td>
                    {a.linkSource ? t(`registry.linkSources.${a.linkSource}`) : '—'}
                    {a.linkConfidence !== null ? ` (${Math.round(a.linkConfidence * 100)}%)` : ''}
                  </Table.Td>
                  <Table.Td>{t(`registry.watchStatuses.${a.watchStatus}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {s.abilities.edit && <LinkAccountForm staffId={s.id} />}
      {(['alerts', 'cases', 'pledges'] as const).map((k) => (
        <Stack gap="xs" key={k}>
          <Title order={2} fz={20}>
            {t(`registry.related.${k}`)}
          </Title>
          {s[k].length === 0 ? (
            <Text c="dimmed">{t('registry.related.none')}</Text>
          ) : (
            s[k].map((x) => <Text key={x.id}>{x.title}</Text>)
          )}
        </Stack>
      ))}
    </Stack>
  );
}
