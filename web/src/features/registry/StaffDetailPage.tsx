import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AccountView } from '../../../../src/contracts/registry.ts';
import { isApiError } from '../../app/api.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { AccountForm } from './AccountForm.tsx';
import { useStaffDetail } from './api.ts';
import { StaffForm } from './StaffForm.tsx';

/** Which feature fills each related section (the label shown while it is not installed). */
const SECTION_OWNER = { alerts: 'monitoring', cases: 'cases', pledges: 'prevention' } as const;

/** One staff member: identity decoded from the NIP, position, agency, accounts, alerts, cases, pledges. */
export function StaffDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const staff = useStaffDetail(id);
  const [editing, setEditing] = useState(false);
  // undefined: closed; null: a new account for this staff member; else the account being edited.
  const [account, setAccount] = useState<AccountView | null | undefined>(undefined);
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
        {s.abilities.edit && (
          <Button variant="light" size="xs" onClick={() => setEditing(true)}>
            {t('registry.forms.editStaff')}
          </Button>
        )}
      </Group>
      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={t('registry.forms.editStaff')}
        size="lg"
      >
        {editing && <StaffForm staff={s} onDone={() => setEditing(false)} />}
      </Modal>
      <Modal
        opened={account !== undefined}
        onClose={() => setAccount(undefined)}
        title={account ? t('registry.forms.editAccount') : t('registry.forms.addAccount')}
        size="lg"
      >
        {account !== undefined && (
          <AccountForm
            account={account ?? undefined}
            staff={account ? undefined : { id: s.id, name: s.name }}
            onDone={() => setAccount(undefined)}
          />
        )}
      </Modal>
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
        <Group gap="sm">
          <Title order={2} fz={20}>
            {t('registry.tabs.accounts')}
          </Title>
          {s.abilities.edit && (
            <Button variant="light" size="xs" onClick={() => setAccount(null)}>
              {t('registry.linkAccount')}
            </Button>
          )}
        </Group>
        {s.accounts.length === 0 ? (
          <Text c="dimmed">{t('registry.noAccounts')}</Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('registry.platform')}</Table.Th>
                <Table.Th>{t('registry.handle')}</Table.Th>
                <Table.Th>{t('registry.forms.platformUserId')}</Table.Th>
                <Table.Th>{t('registry.linkSource')}</Table.Th>
                <Table.Th>{t('registry.watchStatus')}</Table.Th>
                {s.abilities.edit && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.accounts.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{t(`registry.platforms.${a.platform}`)}</Table.Td>
                  <Table.Td>
                    {a.profileUrl ? (
                      <Anchor href={a.profileUrl} target="_blank" rel="noreferrer noopener">
                        @{a.handle}
                      </Anchor>
                    ) : (
                      `@${a.handle}`
                    )}
                  </Table.Td>
                  <Table.Td>{a.platformUserId ?? '—'}</Table.Td>
                  <Table.Td>
                    {a.linkSource ? t(`registry.linkSources.${a.linkSource}`) : '—'}
                    {a.linkConfidence !== null ? ` (${Math.round(a.linkConfidence * 100)}%)` : ''}
                  </Table.Td>
                  <Table.Td>{t(`registry.watchStatuses.${a.watchStatus}`)}</Table.Td>
                  {s.abilities.edit && (
                    <Table.Td>
                      <Button
                        variant="subtle"
                        size="compact-xs"
                        onClick={() => setAccount(a)}
                        aria-label={t('registry.forms.editAccountNamed', { handle: a.handle })}
                      >
                        {t('registry.forms.edit')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {(['alerts', 'cases', 'pledges'] as const).map((k) => (
        <Paper withBorder p="sm" key={k} data-testid={`section-${k}`}>
          <Stack gap="xs">
            <Title order={2} fz={20}>
              {t(`registry.related.${k}`)}
            </Title>
            {!s.sectionsAvailable[k] ? (
              <Text c="dimmed" fz="sm">
                {t('registry.related.unavailable', {
                  module: t(`registry.related.owners.${SECTION_OWNER[k]}`),
                })}
              </Text>
            ) : s[k].length === 0 ? (
              <Text c="dimmed">{t('registry.related.none')}</Text>
            ) : (
              s[k].map((x) => (
                <Text key={x.id}>
                  {x.title}
                  {'status' in x ? ` · ${x.status}` : ''}
                  {'at' in x ? ` · ${x.at.slice(0, 10)}` : ''}
                </Text>
              ))
            )}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
