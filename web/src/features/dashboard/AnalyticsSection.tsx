import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Group,
  Loader,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Dashboard, KerawananView, RegionRow } from '../../../../src/contracts/analytics.ts';
import { toQuery, useDashboard, useRegionMap } from './api.ts';
import { ChoroplethMap, type MapValue } from './ChoroplethMap.tsx';
import { EChart } from './EChart.tsx';

const BAND_COLOUR = { low: 'teal', medium: 'yellow', high: 'red' } as const;
const INDICATORS = [
  'kerawanan',
  'alertsPending',
  'confirmedAlerts',
  'cases',
  'reports',
  'staff',
  'followUp',
] as const;
type Indicator = (typeof INDICATORS)[number];

const indicatorValue = (r: RegionRow, i: Indicator): number | null => {
  switch (i) {
    case 'kerawanan':
      return r.kerawanan.score;
    case 'followUp':
      return r.sanctionsRecommended
        ? Math.round((r.sanctionsImposed / r.sanctionsRecommended) * 1000) / 10
        : null;
    default:
      return r[i];
  }
};

function useNumber() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'id-ID';
  return (n: number, digits = 0) =>
    n.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function BandBadge({ k }: { k: KerawananView }) {
  const { t } = useTranslation();
  const fmt = useNumber();
  return (
    <Badge color={BAND_COLOUR[k.band]} variant="light">
      {fmt(k.score, 2)} · {t(`analytics.band.${k.band}`)}
    </Badge>
  );
}

/** The jurisdiction's figures: KPIs, map, kerawanan, trends, breakdowns, tables and exports. */
export function AnalyticsSection() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = {
    region: params.get('wilayah') ?? undefined,
    from: params.get('dari') ?? undefined,
    to: params.get('sampai') ?? undefined,
  };
  const indicator = (INDICATORS as readonly string[]).includes(params.get('indikator') ?? '')
    ? (params.get('indikator') as Indicator)
    : 'kerawanan';
  const dashboard = useDashboard(query);
  const map = useRegionMap();
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };

  if (dashboard.isPending)
    return (
      <Group justify="center" py="xl">
        <Loader aria-label={t('analytics.loading')} />
      </Group>
    );
  if (dashboard.isError)
    return (
      <Alert color="red" title={t('analytics.error')}>
        {dashboard.error.message}
      </Alert>
    );
  const d = dashboard.data;
  const exportQuery = toQuery({ region: d.region.code, from: d.period.from, to: d.period.to });

  return (
    <Stack gap="lg" component="section" aria-labelledby="analitik">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2} id="analitik" fz="lg">
            {t('analytics.title', { region: d.region.name })}
          </Title>
          <nav aria-label={t('analytics.path')}>
            <Breadcrumbs mt={4}>
              {d.path.map((p, i) =>
                i === d.path.length - 1 ? (
                  <Text key={p.code} fz="sm" fw={600} aria-current="page">
                    {p.code === '00' ? t('region.national') : p.name}
                  </Text>
                ) : (
                  <Anchor
                    key={p.code}
                    component="button"
                    type="button"
                    fz="sm"
                    onClick={() => set({ wilayah: p.code })}
                  >
                    {p.code === '00' ? t('region.national') : p.name}
                  </Anchor>
                ),
              )}
            </Breadcrumbs>
          </nav>
        </div>
        <Group gap="sm" align="flex-end">
          <TextInput
            type="date"
            label={t('analytics.from')}
            value={d.period.from}
            onChange={(e) => set({ dari: e.currentTarget.value })}
          />
          <TextInput
            type="date"
            label={t('analytics.to')}
            value={d.period.to}
            onChange={(e) => set({ sampai: e.currentTarget.value })}
          />
          <Button component="a" variant="light" href={`/api/analytics/export${exportQuery}`} download>
            {t('analytics.exportXlsx')}
          </Button>
          <Button component="a" variant="light" href={`/api/analytics/report${exportQuery}`} download>
            {t('analytics.exportPdf')}
          </Button>
        </Group>
      </Group>

      <SourceNotes d={d} />
      <Kpis d={d} />

      <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="lg">
        <Card withBorder radius="md" padding="md" style={{ gridColumn: 'span 2' }}>
          <Group justify="space-between" mb="xs">
            <Title order={3} fz="md">
              {t('analytics.map.title')}
            </Title>
            <Select
              label={t('analytics.map.indicator')}
              size="xs"
              allowDeselect={false}
              data={INDICATORS.map((i) => ({ value: i, label: t(`analytics.indicator.${i}`) }))}
              value={indicator}
              onChange={(v) => set({ indikator: v ?? undefined })}
            />
          </Group>
          {map.data ? (
            <RegionMap d={d} indicator={indicator} onSelect={(code) => set({ wilayah: code })} />
          ) : map.isError ? (
            <Text c="red">{t('analytics.map.error')}</Text>
          ) : (
            <Loader size="sm" />
          )}
          <Text fz="xs" c="dimmed" mt="xs">
            {t('analytics.map.source')}
          </Text>
        </Card>
        <KerawananCard k={d.kerawanan} />
      </SimpleGrid>

      <Card withBorder radius="md" padding="md">
        <Title order={3} fz="md" mb="xs">
          {t('analytics.trend.title')}
        </Title>
        <TrendChart d={d} />
      </Card>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <BreakdownTable title={t('analytics.breakdown.category')} rows={d.byCategory} />
        <BreakdownTable title={t('analytics.breakdown.position')} rows={d.byPositionType} />
        <BreakdownTable title={t('analytics.breakdown.agencyKind')} rows={d.byAgencyKind} />
        <BreakdownTable title={t('analytics.breakdown.stage')} rows={d.byStage} />
        <StatusTable d={d} />
      </SimpleGrid>

      <RegionsTable d={d} onSelect={(code) => set({ wilayah: code })} />
      <AgenciesTable d={d} />
    </Stack>
  );
}

function SourceNotes({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const missing = (Object.keys(d.sources) as (keyof Dashboard['sources'])[]).filter((k) => !d.sources[k]);
  if (missing.length === 0 && d.staffCountsAt) return null;
  return (
    <Alert color="gray" variant="light">
      {missing.length > 0 &&
        t('analytics.sourcesMissing', {
          list: missing.map((m) => t(`analytics.source.${m}`)).join(', '),
        })}{' '}
      {!d.staffCountsAt && t('analytics.staffNotCounted')}
    </Alert>
  );
}

function Kpis({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const fmt = useNumber();
  const k = d.kpis;
  type KpiKey =
    | 'alertsPending'
    | 'reportsThisWeek'
    | 'casesAwaitingDecision'
    | 'casesOverdue'
    | 'casesInPeriod'
    | 'alertsConfirmed'
    | 'followUp'
    | 'staff';
  const items: [KpiKey, string, string?][] = [
    ['alertsPending', fmt(k.alertsPending)],
    ['reportsThisWeek', fmt(k.reportsThisWeek)],
    ['casesAwaitingDecision', fmt(k.casesAwaitingDecision)],
    ['casesOverdue', fmt(k.casesOverdue)],
    ['casesInPeriod', fmt(k.casesInPeriod)],
    ['alertsConfirmed', fmt(k.alertsConfirmed)],
    [
      'followUp',
      k.followUpRate === null ? '–' : `${fmt(k.followUpRate * 100, 1)}%`,
      t('analytics.kpi.followUpDetail', {
        imposed: fmt(k.sanctionsImposed),
        recommended: fmt(k.sanctionsRecommended),
      }),
    ],
    ['staff', fmt(k.staff)],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
      {items.map(([key, value, detail]) => (
        <Card key={key} withBorder radius="md" padding="sm" aria-label={t(`analytics.kpi.${key}`)}>
          <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
            {t(`analytics.kpi.${key}`)}
          </Text>
          <Text fz={26} fw={700} data-kpi={key}>
            {value}
          </Text>
          {detail && (
            <Text fz="xs" c="dimmed">
              {detail}
            </Text>
          )}
        </Card>
      ))}
    </SimpleGrid>
  );
}

function RegionMap({
  d,
  indicator,
  onSelect,
}: {
  d: Dashboard;
  indicator: Indicator;
  onSelect: (code: string) => void;
}) {
  const { t } = useTranslation();
  const fmt = useNumber();
  const map = useRegionMap();
  const values: MapValue[] = useMemo(() => {
    if (d.region.level >= 2)
      return [
        {
          code: d.region.code.slice(0, 5),
          name: d.region.name,
          value: d.kerawanan.score,
          display: `${t('analytics.indicator.kerawanan')}: ${fmt(d.kerawanan.score, 2)}`,
        },
      ];
    return d.regions.map((r) => {
      const v = indicatorValue(r, indicator);
      return {
        code: r.code,
        name: r.name,
        value: v,
        display: `${t(`analytics.indicator.${indicator}`)}: ${v === null ? '–' : fmt(v, indicator === 'kerawanan' ? 2 : 0)}`,
      };
    });
  }, [d, indicator, t, fmt]);
  const children = new Set(d.regions.map((r) => r.code));
  return (
    <ChoroplethMap
      topology={map.data!}
      regionCode={d.region.code}
      level={d.region.level}
      values={values}
      label={t('analytics.map.label', {
        region: d.region.name,
        indicator: t(`analytics.indicator.${indicator}`),
      })}
      colours={indicator === 'kerawanan' ? ['#d3f9d8', '#ffe066', '#ff8787', '#c92a2a'] : undefined}
      onSelect={(code) => {
        if (children.has(code) && d.region.level < 2) onSelect(code);
      }}
    />
  );
}

function KerawananCard({ k }: { k: KerawananView }) {
  const { t } = useTranslation();
  const fmt = useNumber();
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="kerawanan">
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="md" id="kerawanan">
          {t('analytics.kerawanan.title')}
        </Title>
        <BandBadge k={k} />
      </Group>
      <Text fz={40} fw={700} lh={1} data-testid="kerawanan-score">
        {fmt(k.score, 2)}
      </Text>
      <Text fz="xs" c="dimmed" mb="md">
        {t('analytics.kerawanan.scale', { level: t(`analytics.kerawanan.level.${k.level}`) })}
      </Text>
      <Stack gap="xs">
        {k.parts.map((p) => (
          <div key={p.key}>
            <Group justify="space-between" gap={4}>
              <Text fz="sm">{t(`analytics.part.${p.key}`)}</Text>
              <Text fz="sm" fw={600}>
                {fmt(p.points, 2)} / {fmt(p.weight)}
              </Text>
            </Group>
            <Progress
              value={p.weight ? (p.points / p.weight) * 100 : 0}
              size="sm"
              aria-label={t(`analytics.part.${p.key}`)}
            />
            <Text fz="xs" c="dimmed">
              {p.detail}
            </Text>
          </div>
        ))}
      </Stack>
      {k.notes.length > 0 && (
        <Stack gap={2} mt="sm">
          {k.notes.map((n) => (
            <Text key={n} fz="xs" c="orange.9">
              {n}
            </Text>
          ))}
        </Stack>
      )}
      <Text fz="xs" c="dimmed" mt="sm">
        {t('analytics.kerawanan.howto')}
      </Text>
    </Card>
  );
}

function TrendChart({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: d.trend.map((p) => p.date) },
      yAxis: { type: 'value', minInterval: 1 },
      series: (['alerts', 'confirmedAlerts', 'cases', 'reports'] as const).map((key) => ({
        name: t(`analytics.trend.${key}`),
        type: 'line',
        smooth: true,
        showSymbol: false,
        data: d.trend.map((p) => p[key]),
      })),
    }),
    [d, t],
  );
  return <EChart option={option} height={260} label={t('analytics.trend.title')} />;
}

function BreakdownTable({ title, rows }: { title: string; rows: Dashboard['byCategory'] }) {
  const { t } = useTranslation();
  const fmt = useNumber();
  const max = Math.max(1, ...rows.map((r) => r.cases + r.alerts));
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={3} fz="md" mb="xs">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {t('analytics.empty')}
        </Text>
      ) : (
        <Table fz="sm" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('analytics.breakdown.key')}</Table.Th>
              <Table.Th ta="right">{t('analytics.breakdown.cases')}</Table.Th>
              <Table.Th ta="right">{t('analytics.breakdown.alerts')}</Table.Th>
              <Table.Th w="30%" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Td>{t(`analytics.code.${r.key}`, { defaultValue: r.key })}</Table.Td>
                <Table.Td ta="right">{fmt(r.cases)}</Table.Td>
                <Table.Td ta="right">{fmt(r.alerts)}</Table.Td>
                <Table.Td>
                  <Progress value={((r.cases + r.alerts) / max) * 100} size="sm" aria-hidden />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function StatusTable({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const fmt = useNumber();
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={3} fz="md" mb="xs">
        {t('analytics.casesByStatus')}
      </Title>
      {d.casesByStatus.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {t('analytics.empty')}
        </Text>
      ) : (
        <Table fz="sm" verticalSpacing={4}>
          <Table.Tbody>
            {d.casesByStatus.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Td>{t(`analytics.code.${r.key}`, { defaultValue: r.key })}</Table.Td>
                <Table.Td ta="right">{fmt(r.count)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function RegionsTable({ d, onSelect }: { d: Dashboard; onSelect: (code: string) => void }) {
  const { t } = useTranslation();
  const fmt = useNumber();
  if (d.regions.length === 0) return null;
  const rows = [...d.regions].sort(
    (a, b) => b.kerawanan.score - a.kerawanan.score || a.code.localeCompare(b.code),
  );
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={3} fz="md" mb="xs" id="tabel-wilayah">
        {t('analytics.regions.title')}
      </Title>
      <Table.ScrollContainer minWidth={800}>
        <Table fz="sm" striped highlightOnHover aria-labelledby="tabel-wilayah">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('analytics.regions.region')}</Table.Th>
              <Table.Th>{t('analytics.indicator.kerawanan')}</Table.Th>
              <Table.Th ta="right">{t('analytics.indicator.alertsPending')}</Table.Th>
              <Table.Th ta="right">{t('analytics.indicator.confirmedAlerts')}</Table.Th>
              <Table.Th ta="right">{t('analytics.indicator.cases')}</Table.Th>
              <Table.Th ta="right">{t('analytics.indicator.reports')}</Table.Th>
              <Table.Th ta="right">{t('analytics.indicator.staff')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.code}>
                <Table.Td>
                  {d.region.level < 2 ? (
                    <Anchor component="button" type="button" fz="sm" onClick={() => onSelect(r.code)}>
                      {r.name}
                    </Anchor>
                  ) : (
                    r.name
                  )}
                </Table.Td>
                <Table.Td>
                  <Tooltip
                    multiline
                    w={320}
                    label={r.kerawanan.parts
                      .map((p) => `${t(`analytics.part.${p.key}`)} ${fmt(p.points, 2)}`)
                      .join(' + ')}
                  >
                    <span>
                      <BandBadge k={r.kerawanan} />
                    </span>
                  </Tooltip>
                </Table.Td>
                <Table.Td ta="right">{fmt(r.alertsPending)}</Table.Td>
                <Table.Td ta="right">{fmt(r.confirmedAlerts)}</Table.Td>
                <Table.Td ta="right">{fmt(r.cases)}</Table.Td>
                <Table.Td ta="right">{fmt(r.reports)}</Table.Td>
                <Table.Td ta="right">{fmt(r.staff)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function AgenciesTable({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const fmt = useNumber();
  if (d.agencies.length === 0) return null;
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={3} fz="md" mb="xs" id="tabel-instansi">
        {t('analytics.agencies.title')}
      </Title>
      <Table.ScrollContainer minWidth={700}>
        <Table fz="sm" striped aria-labelledby="tabel-instansi">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('analytics.agencies.agency')}</Table.Th>
              <Table.Th>{t('analytics.agencies.kind')}</Table.Th>
              <Table.Th>{t('analytics.indicator.kerawanan')}</Table.Th>
              <Table.Th ta="right">{t('analytics.indicator.cases')}</Table.Th>
              <Table.Th ta="right">{t('analytics.indicator.confirmedAlerts')}</Table.Th>
              <Table.Th ta="right">{t('analytics.indicator.staff')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.agencies.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.name}</Table.Td>
                <Table.Td>{t(`analytics.code.${a.kind}`, { defaultValue: a.kind })}</Table.Td>
                <Table.Td>
                  <BandBadge k={a.kerawanan} />
                </Table.Td>
                <Table.Td ta="right">{fmt(a.cases)}</Table.Td>
                <Table.Td ta="right">{fmt(a.confirmedAlerts)}</Table.Td>
                <Table.Td ta="right">{fmt(a.staff)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
