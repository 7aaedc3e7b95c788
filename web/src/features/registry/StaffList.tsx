import {
  Alert,
  Anchor,
  Badge,
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
import { Link, useNavigate } from 'react-router';
import { POSITION_TYPES, STAFF_STATUSES } from '../../../../src/domain/registry-import.ts';
import { type StaffFilters, useAgencies, useStaff } from './api.ts';
import { ExportButton } from './ExportButton.tsx';
import { StaffForm } from './StaffForm.tsx';

/** Staff list: search by name, NIP or @handle; filters by status, position type and activity; paging. */
export function StaffList({ canWrite = false }: { canWrite?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<StaffFilters>({ page: 1 });
  const staff = useStaff(filters);
  const agencies = useAgencies('');
  const set = (patch: Partial<StaffFilters>) =>
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
            label={t('registry.search')}
            placeholder={t('registry.searchPlaceholder')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            w={320}
          />
          <Button type="submit">{t('registry.searchButton')}</Button>
          <Select
            label={t('registry.agency')}
            clearable
            searchable
            data={(agencies.data ?? []).map((a) => ({ value: a.id, label: `${a.name} (${a.regionCode})` }))}
            value={filters.agencyId ?? null}
            onChange={(v) => set({ agencyId: v ?? undefined })}
            w={260}
          />
          <TextInput
            label={t('registry.regionCode')}
            placeholder="64.71"
            defaultValue={filters.region ?? ''}
            onBlur={(e) => {
              const v = e.currentTarget.value.trim();
              set({ region: /^\d{2}(\.\d{2}){0,3}$/.test(v) ? v : undefined });
            }}
            w={110}
          />
          <Select
            label={t('registry.status')}
            clearable
            data={STAFF_STATUSES.map((s) => ({ value: s, label: t(`registry.statuses.${s}`) }))}
            value={filters.status ?? null}
            onChange={(v) => set({ status: v ?? undefined })}
            w={150}
          />
          <Select
            label={t('registry.positionType')}
            clearable
            data={POSITION_TYPES.map((s) => ({ value: s, label: t(`registry.positionTypes.${s}`) }))}
            value={filters.positionType ?? null}
            onChange={(v) => set({ positionType: v ?? undefined })}
            w={170}
          />
          <Select
            label={t('registry.active')}
            clearable
            data={[
              { value: 'true', label: t('registry.activeYes') },
              { value: 'false', label: t('registry.activeNo') },
            ]}
            value={filters.active ?? null}
            onChange={(v) => set({ active: v ?? undefined })}
            w={140}
          />
          <ExportButton list="staff" filters={exportFilters} />
          {canWrite && (
            <Button variant="light" onClick={() => setAdding(true)}>
              {t('registry.forms.addStaff')}
            </Button>
          )}
        </Group>
      </form>
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('registry.forms.addStaff')} size="lg">
        <StaffForm onDone={(id) => navigate(`/app/registri/pegawai/${id}`)} />
      </Modal>
      {staff.isPending ? (
        <Loader size="sm" aria-label={t('app.loading')} />
      ) : staff.isError ? (
        <Alert color="red">{staff.error.message}</Alert>
      ) : staff.data.items.length === 0 ? (
        <Text c="dimmed">{t('registry.noStaff')}</Text>
      ) : (
        <>
          {staff.data.total !== null && (
            <Text fz="sm" c="dimmed">
              {t('registry.total', { count: staff.data.total, more: staff.data.totalCapped ? '+' : '' })}
            </Text>
          )}
          <Table.ScrollContainer minWidth={760}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('registry.name')}</Table.Th>
                  <Table.Th>NIP</Table.Th>
                  <Table.Th>{t('registry.status')}</Table.Th>
                  <Table.Th>{t('registry.position')}</Table.Th>
                  <Table.Th>{t('registry.agency')}</Table.Th>
                  <Table.Th>{t('registry.unit')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {staff.data.items.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/app/registri/pegawai/${s.id}`}>
                        {s.name}
                      </Anchor>
                      {!s.active && (
                        <Badge ml="xs" color="gray" variant="light">
                          {t('registry.activeNo')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td ff="monospace">{s.nip ?? '—'}</Table.Td>
                    <Table.Td>{t(`registry.statuses.${s.status}`)}</Table.Td>
                    <Table.Td>
                      {s.positionName ?? '—'}
                      {s.rank ? ` (${s.rank})` : ''}
                    </Table.Td>
                    <Table.Td>{s.agency.name}</Table.Td>
                    <Table.Td>{s.unit ?? '—'}</Table.Td>
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
              disabled={!staff.data.hasMore}
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
