import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccountView } from '../../../../src/contracts/registry.ts';
import { PLATFORMS, WATCH_STATUSES, type WatchStatus } from '../../../../src/domain/registry-import.ts';
import { AccountForm } from './AccountForm.tsx';
import { useAccounts, useUpdateAccount } from './api.ts';
import { ExportButton } from './ExportButton.tsx';

/** Social accounts: search by handle, filter by platform and watch status; change the watch status. */
export function AccountList({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<{
    q?: string;
    platform?: string;
    watchStatus?: string;
    page: number;
  }>({
    page: 1,
  });
  const accounts = useAccounts(filters);
  const update = useUpdateAccount();
  // undefined: closed; null: a new account; else the account being edited.
  const [editing, setEditing] = useState<AccountView | null | undefined>(undefined);
  const set = (patch: Partial<typeof filters>) =>
    setFilters((f) => ({ ...f, ...patch, page: patch.page ?? 1 }));
  const { page, ...exportFilters } = filters;
  return (
    <Stack gap="sm">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: text.trim() || undefined });
        }}
      >
        <Group align="end" gap="sm">
          <TextInput
            label={t('registry.handle')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            w={260}
          />
          <Button type="submit">{t('registry.searchButton')}</Button>
          <Select
            label={t('registry.platform')}
            clearable
            data={PLATFORMS.map((p) => ({ value: p, label: t(`registry.platforms.${p}`) }))}
            value={filters.platform ?? null}
            onChange={(v) => set({ platform: v ?? undefined })}
            w={150}
          />
          <Select
            label={t('registry.watchStatus')}
            clearable
            data={WATCH_STATUSES.map((w) => ({ value: w, label: t(`registry.watchStatuses.${w}`) }))}
            value={filters.watchStatus ?? null}
            onChange={(v) => set({ watchStatus: v ?? undefined })}
            w={150}
          />
          <ExportButton list="accounts" filters={exportFilters} />
          {canWrite && (
            <Button variant="light" onClick={() => setEditing(null)}>
              {t('registry.forms.addAccount')}
            </Button>
          )}
        </Group>
      </form>
      <Modal
        opened={editing !== undefined}
        onClose={() => setEditing(undefined)}
        title={editing ? t('registry.forms.editAccount') : t('registry.forms.addAccount')}
        size="lg"
      >
        {editing !== undefined && (
          <AccountForm account={editing ?? undefined} onDone={() => setEditing(undefined)} />
        )}
      </Modal>
      {update.isError && <Alert color="red">{update.error.message}</Alert>}
      {accounts.isPending ? (
        <Loader size="sm" aria-label={t('app.loading')} />
      ) : accounts.isError ? (
        <Alert color="red">{accounts.error.message}</Alert>
      ) : accounts.data.items.length === 0 ? (
        <Text c="dimmed">{t('registry.noAccounts')}</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('registry.platform')}</Table.Th>
                  <Table.Th>{t('registry.handle')}</Table.Th>
                  <Table.Th>{t('registry.linkedStaff')}</Table.Th>
                  <Table.Th>{t('registry.linkSource')}</Table.Th>
                  <Table.Th>{t('registry.watchStatus')}</Table.Th>
                  {canWrite && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {accounts.data.items.map((a) => (
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
                    <Table.Td>
                      {a.staff ? (
                        <Anchor component={Link} to={`/app/registri/pegawai/${a.staff.id}`}>
                          {a.staff.name}
                        </Anchor>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>
                      {a.linkSource ? t(`registry.linkSources.${a.linkSource}`) : '—'}
                      {a.linkConfidence !== null ? ` (${Math.round(a.linkConfidence * 100)}%)` : ''}
                    </Table.Td>
                    <Table.Td>
                      {canWrite ? (
                        <Select
                          aria-label={t('registry.watchStatus')}
                          size="xs"
                          w={130}
                          data={WATCH_STATUSES.map((w) => ({
                            value: w,
                            label: t(`registry.watchStatuses.${w}`),
                          }))}
                          value={a.watchStatus}
                          onChange={(v) =>
                            v && update.mutate({ id: a.id, patch: { watchStatus: v as WatchStatus } })
                          }
                        />
                      ) : (
                        t(`registry.watchStatuses.${a.watchStatus}`)
                      )}
                    </Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <Button
                          variant="subtle"
                          size="compact-xs"
                          onClick={() => setEditing(a)}
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
          </Table.ScrollContainer>
          <Group gap="sm">
            <Button
              variant="default"
              disabled={filters.page <= 1}
              onClick={() => set({ page: filters.page - 1 })}
            >
              {t('registry.previous')}
            </Button>
            <Text fz="sm">{t('registry.page', { page: filters.page })}</Text>
            <Button
              variant="default"
              disabled={accounts.data.items.length < accounts.data.pageSize}
              onClick={() => set({ page: filters.page + 1 })}
            >
              {t('registry.next')}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
