import { Alert, Anchor, Button, Group, Loader, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { CASE_STATES } from '../../../../src/domain/case-workflow.ts';
import { SectionHeader } from '../../ui/SectionHeader.tsx';
import { useCurrentUser } from '../auth/RequireAuth.tsx';
import { type CaseFilters, toQuery, useCases } from './api.ts';
import { DeadlineBadge } from './DeadlineBadge.tsx';
import { useT } from './useT.ts';

/** *Penanganan* — the case register: filters, deadline colouring, XLSX export, new finding (Form A). */
export function CasesPage() {
  const { t } = useT();
  const me = useCurrentUser();
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<CaseFilters>({ page: 1, open: 'true' });
  const cases = useCases(filters);
  const set = (patch: Partial<CaseFilters>) => setFilters((f) => ({ ...f, ...patch, page: patch.page ?? 1 }));
  const { page, ...exportFilters } = filters;
  const pages = cases.data ? Math.max(1, Math.ceil(cases.data.total / 25)) : 1;
  return (
    <Stack gap="lg">
      <SectionHeader section="cases" />
      <Group gap="sm">
        {me.permissions.includes('cases.write') && (
          <Button component={Link} to="/app/penanganan/temuan-baru">
            {t('cases.newFinding')}
          </Button>
        )}
        <Button
          component="a"
          variant="light"
          href={`/api/cases/export.xlsx${toQuery(exportFilters)}`}
          download
        >
          {t('cases.exportXlsx')}
        </Button>
        <Button
          variant={filters.deadline === 'overdue' ? 'filled' : 'outline'}
          color="red"
          onClick={() =>
            set({ deadline: filters.deadline === 'overdue' ? undefined : 'overdue', open: 'true' })
          }
        >
          {t('cases.overdueList')}
        </Button>
        <Button component={Link} to="/app/penanganan/referensi" variant="subtle">
          {t('cases.referenceLink')}
        </Button>
      </Group>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: text.trim() || undefined });
        }}
      >
        <Group align="end" gap="sm">
          <TextInput
            label={t('cases.search')}
            placeholder={t('cases.searchPlaceholder')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            w={300}
          />
          <Button type="submit">{t('cases.searchButton')}</Button>
          <Select
            label={t('cases.status')}
            clearable
            data={CASE_STATES.map((s) => ({ value: s, label: t(`cases.states.${s}`) }))}
            value={filters.status ?? null}
            onChange={(v) => set({ status: v ?? undefined })}
            w={230}
          />
          <Select
            label={t('cases.origin')}
            clearable
            data={['finding', 'alert', 'report'].map((s) => ({ value: s, label: t(`cases.origins.${s}`) }))}
            value={filters.origin ?? null}
            onChange={(v) => set({ origin: v ?? undefined })}
            w={170}
          />
          <Select
            label={t('cases.deadlineFilter')}
            clearable
            data={[
              { value: 'overdue', label: t('cases.deadline.overdue') },
              { value: 'due_soon', label: t('cases.deadline.due_soon') },
            ]}
            value={filters.deadline ?? null}
            onChange={(v) => set({ deadline: v ?? undefined })}
            w={170}
          />
          <Select
            label={t('cases.openFilter')}
            clearable
            data={[
              { value: 'true', label: t('cases.openOnly') },
              { value: 'false', label: t('cases.closedOnly') },
            ]}
            value={filters.open ?? null}
            onChange={(v) => set({ open: v ?? undefined })}
            w={160}
          />
        </Group>
      </form>
      {cases.isError && <Alert color="red">{(cases.error as Error).message}</Alert>}
      {cases.isLoading ? (
        <Loader />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover aria-label={t('cases.listLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.number')}</Table.Th>
                <Table.Th>{t('cases.subject')}</Table.Th>
                <Table.Th>{t('cases.reported')}</Table.Th>
                <Table.Th>{t('cases.region')}</Table.Th>
                <Table.Th>{t('cases.status')}</Table.Th>
                <Table.Th>{t('cases.nextDeadline')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cases.data?.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/app/penanganan/${c.id}`}>
                      {c.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm" lineClamp={2}>
                      {c.title}
                    </Text>
                    <Text fz="xs" c="dimmed">
                      {t(`cases.origins.${c.origin}`)} · {t(`cases.regimes.${c.regime}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {c.staffName ?? c.reportedName ?? '-'}
                    {c.agencyName && (
                      <Text fz="xs" c="dimmed">
                        {c.agencyName}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{c.regionName ?? c.regionCode}</Table.Td>
                  <Table.Td>{t(`cases.states.${c.status}`)}</Table.Td>
                  <Table.Td>
                    <DeadlineBadge d={c.nextDeadline} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {cases.data && cases.data.items.length === 0 && <Text c="dimmed">{t('cases.empty')}</Text>}
      <Group gap="sm">
        <Button
          variant="default"
          disabled={filters.page <= 1}
          onClick={() => set({ page: filters.page - 1 })}
        >
          {t('cases.prev')}
        </Button>
        <Text fz="sm">{t('cases.pageOf', { page: filters.page, pages, total: cases.data?.total ?? 0 })}</Text>
        <Button
          variant="default"
          disabled={filters.page >= pages}
          onClick={() => set({ page: filters.page + 1 })}
        >
          {t('cases.next')}
        </Button>
      </Group>
    </Stack>
  );
}
