import { Badge, Button, Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { coverageExportUrl, useCoverage } from './api.ts';
import { Loading } from './shared.tsx';

/** Coverage per region and agency: pledge %, task force present, activities in the last 90 days. */
export function CoverageTab() {
  const { t } = useTranslation();
  const [region, setRegion] = useState('');
  const [applied, setApplied] = useState<string | undefined>(undefined);
  const [view, setView] = useState('agencies');
  const [onlyMissing, setOnlyMissing] = useState('all');
  const coverage = useCoverage(applied);
  const yes = (b: boolean) => (
    <Badge color={b ? 'green' : 'red'} variant="light">
      {b ? t('prevention.coverage.yes') : t('prevention.coverage.no')}
    </Badge>
  );
  return (
    <Stack gap="md">
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('prevention.regionCode')}
          placeholder="64.71"
          value={region}
          onChange={(e) => setRegion(e.currentTarget.value.trim())}
          w={160}
        />
        <Button variant="light" onClick={() => setApplied(region || undefined)}>
          {t('prevention.coverage.show')}
        </Button>
        <SegmentedControl
          value={view}
          onChange={setView}
          data={[
            { value: 'agencies', label: t('prevention.coverage.byAgency') },
            { value: 'regions', label: t('prevention.coverage.byRegion') },
          ]}
        />
        <SegmentedControl
          value={onlyMissing}
          onChange={setOnlyMissing}
          data={[
            { value: 'all', label: t('prevention.coverage.all') },
            { value: 'missing', label: t('prevention.coverage.withoutTaskForce') },
          ]}
        />
        <Button component="a" variant="light" href={coverageExportUrl(applied)} download>
          {t('prevention.coverage.export')}
        </Button>
      </Group>
      <Loading query={coverage} />
      {coverage.data && (
        <Text fz="sm" c="dimmed">
          {t('prevention.coverage.asOf', { date: coverage.data.asOf, from: coverage.data.windowStart })}
        </Text>
      )}
      {coverage.data && view === 'agencies' && (
        <Table.ScrollContainer minWidth={680}>
          <Table striped fz="sm" data-testid="coverage-agencies">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('prevention.agency')}</Table.Th>
                <Table.Th>{t('prevention.regionCode')}</Table.Th>
                <Table.Th>{t('prevention.coverage.staff')}</Table.Th>
                <Table.Th>{t('prevention.coverage.pledged')}</Table.Th>
                <Table.Th>{t('prevention.coverage.taskForce')}</Table.Th>
                <Table.Th>{t('prevention.coverage.activities')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {coverage.data.agencies
                .filter((a) => onlyMissing === 'all' || !a.taskForce)
                .map((a) => (
                  <Table.Tr key={a.agencyId}>
                    <Table.Td>{a.agencyName}</Table.Td>
                    <Table.Td>{a.regionCode}</Table.Td>
                    <Table.Td>{a.staff}</Table.Td>
                    <Table.Td>
                      {a.pledged} ({a.pledgePercent ?? '—'}%)
                    </Table.Td>
                    <Table.Td>{yes(a.taskForce)}</Table.Td>
                    <Table.Td>{a.activities90d}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {coverage.data && view === 'regions' && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped fz="sm" data-testid="coverage-regions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('prevention.coverage.region')}</Table.Th>
                <Table.Th>{t('prevention.coverage.staff')}</Table.Th>
                <Table.Th>{t('prevention.coverage.pledged')}</Table.Th>
                <Table.Th>{t('prevention.coverage.regionTaskForce')}</Table.Th>
                <Table.Th>{t('prevention.coverage.agenciesWithTaskForce')}</Table.Th>
                <Table.Th>{t('prevention.coverage.activities')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {coverage.data.regions
                .filter((r) => onlyMissing === 'all' || !r.taskForce)
                .map((r) => (
                  <Table.Tr key={r.regionCode}>
                    <Table.Td>
                      {r.regionName}{' '}
                      <Text span c="dimmed" fz="xs">
                        {r.regionCode}
                      </Text>
                    </Table.Td>
                    <Table.Td>{r.staff}</Table.Td>
                    <Table.Td>
                      {r.pledged} ({r.pledgePercent ?? '—'}%)
                    </Table.Td>
                    <Table.Td>{yes(r.taskForce)}</Table.Td>
                    <Table.Td>
                      {r.agenciesWithTaskForce}/{r.agencies}
                    </Table.Td>
                    <Table.Td>
                      {r.activities90d} ({r.participants90d})
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
