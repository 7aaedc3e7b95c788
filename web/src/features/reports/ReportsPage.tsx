import {
  Alert,
  Anchor,
  Badge,
  Button,
  Drawer,
  Group,
  Loader,
  Pagination,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportDetail, ReportListItem, RevealedIdentity } from '../../../../src/contracts/reports.ts';
import type { TriageAction } from '../../../../src/domain/reports.ts';
import { isApiError } from '../../app/api.ts';
import { SectionHeader } from '../../ui/SectionHeader.tsx';
import {
  type ReportFilters,
  revealIdentity,
  useReport,
  useReports,
  useStaffMessage,
  useTriage,
} from './api.ts';

const CLOCK_COLOR = {
  open: 'gray',
  due_soon: 'orange',
  overdue: 'red',
  met: 'green',
  missed: 'red',
} as const;

const when = (iso: string, lang: string) =>
  new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });

function Clocks({ clocks, lang }: { clocks: ReportListItem['clocks']; lang: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {clocks.map((c) => (
        <Badge key={c.key} color={CLOCK_COLOR[c.state]} variant="light" title={c.basis}>
          {t(`reports.clock.${c.key}`)}: {t(`reports.clockState.${c.state}`)} · {when(c.dueAt, lang)}
        </Badge>
      ))}
    </Group>
  );
}

/** *Laporan* — intake of public reports and tips with the statutory clocks, and triage. */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<ReportFilters>({ open: 'true', page: 1 });
  const [selected, setSelected] = useState<string | null>(null);
  const list = useReports(filters);
  return (
    <Stack gap="md">
      <SectionHeader section="reports" />
      <Group>
        <SegmentedControl
          value={filters.open ?? ''}
          onChange={(open) => setFilters((f) => ({ ...f, open, page: 1 }))}
          data={[
            { value: 'true', label: t('reports.staff.open') },
            { value: 'false', label: t('reports.staff.closed') },
            { value: '', label: t('reports.staff.all') },
          ]}
        />
        <Select
          aria-label={t('reports.staff.kind')}
          placeholder={t('reports.staff.kind')}
          clearable
          value={filters.kind ?? null}
          onChange={(kind) => setFilters((f) => ({ ...f, kind: kind ?? undefined, page: 1 }))}
          data={[
            { value: 'laporan', label: t('reports.kind.laporan') },
            { value: 'informasi_awal', label: t('reports.kind.informasi_awal') },
          ]}
        />
      </Group>
      {list.isLoading && <Loader />}
      {list.error && <Alert color="red">{(list.error as Error).message}</Alert>}
      {list.data && (
        <>
          <Text c="dimmed" fz="sm">
            {t('reports.staff.count', { n: list.data.total })}
          </Text>
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reports.staff.received')}</Table.Th>
                  <Table.Th>{t('reports.staff.kind')}</Table.Th>
                  <Table.Th>{t('reports.staff.region')}</Table.Th>
                  <Table.Th>{t('reports.staff.statusCol')}</Table.Th>
                  <Table.Th>{t('reports.staff.clocks')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((r) => (
                  <Table.Tr key={r.id} onClick={() => setSelected(r.id)} style={{ cursor: 'pointer' }}>
                    <Table.Td>
                      <Anchor component="button" type="button" onClick={() => setSelected(r.id)}>
                        {when(r.receivedAt, i18n.language)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {t(`reports.kind.${r.kind}`)}
                        {r.late && <Badge color="orange">{t('reports.late')}</Badge>}
                        {r.duplicateOf && <Badge color="grape">{t('reports.staff.duplicate')}</Badge>}
                        {r.unreadFromReporter && <Badge color="blue">{t('reports.staff.newReply')}</Badge>}
                      </Group>
                    </Table.Td>
                    <Table.Td>{r.regionName ?? '—'}</Table.Td>
                    <Table.Td>{t(`reports.statusName.${r.status}`)}</Table.Td>
                    <Table.Td>
                      <Clocks clocks={r.clocks} lang={i18n.language} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.data.total > 50 && (
            <Pagination
              total={Math.ceil(list.data.total / 50)}
              value={filters.page}
              onChange={(page) => setFilters((f) => ({ ...f, page }))}
            />
          )}
        </>
      )}
      <Drawer
        opened={selected !== null}
        onClose={() => setSelected(null)}
        position="right"
        size="xl"
        title={t('reports.staff.detail')}
      >
        {selected && <Detail id={selected} />}
      </Drawer>
    </Stack>
  );
}

function Detail({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const report = useReport(id);
  const triage = useTriage();
  const message = useStaffMessage();
  const [reply, setReply] = useState('');
  const [reason, setReason] = useState('');
  const [identity, setIdentity] = useState<RevealedIdentity | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (report.isLoading || !report.data) return <Loader />;
  const r: ReportDetail = report.data;
  const fail = (e: unknown) => setError(isApiError(e) ? e.message : String(e));
  const act = (action: TriageAction) =>
    triage.mutate(
      { id, value: { action, reason: reason.trim() || undefined } },
      { onSuccess: () => setReason(''), onError: fail },
    );
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Badge size="lg">{t(`reports.statusName.${r.status}`)}</Badge>
        <Badge variant="light">{t(`reports.kind.${r.kind}`)}</Badge>
        <Badge variant="light">{r.electionType === 'pemilu' ? 'Pemilu' : 'Pilkada'}</Badge>
        {r.late && <Badge color="orange">{t('reports.late')}</Badge>}
      </Group>
      <Clocks clocks={r.clocks} lang={i18n.language} />
      {error && (
        <Alert color="red" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      <Paper withBorder p="sm">
        <Stack gap={4}>
          <Text fz="sm" c="dimmed">
            {t('reports.staff.reported')}
          </Text>
          <Text fw={600}>
            {[r.reported.name, r.reported.nip, r.reported.position, r.reported.agency]
              .filter(Boolean)
              .join(' · ') || '—'}
          </Text>
          <Text fz="sm" c="dimmed">
            {t('reports.staff.where')}: {[r.place, r.regionName].filter(Boolean).join(', ') || '—'} ·{' '}
            {t('reports.staff.occurred')}: {r.occurredOn ?? '—'} · {t('reports.staff.known')}:{' '}
            {r.knownOn ?? '—'}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{r.description}</Text>
          <Text fz="sm" c="dimmed">
            {t('reports.staff.witnesses', { n: r.witnessCount })}
          </Text>
        </Stack>
      </Paper>

      <Paper withBorder p="sm">
        <Group justify="space-between">
          <Text fw={600}>{t('reports.staff.identity')}</Text>
          {r.abilities['reports.identity.view'] && r.hasIdentity && !identity && (
            <Button
              size="xs"
              variant="outline"
              color="red"
              onClick={() => revealIdentity(id).then(setIdentity, fail)}
            >
              {t('reports.staff.reveal')}
            </Button>
          )}
        </Group>
        {!r.hasIdentity && <Text c="dimmed">{t('reports.staff.anonymous')}</Text>}
        {r.hasIdentity && !identity && (
          <Text c="dimmed" fz="sm">
            {t('reports.staff.revealHelp')}
          </Text>
        )}
        {identity?.reporter && (
          <Stack gap={2} mt="xs" data-testid="identity">
            <Text>{identity.reporter.name}</Text>
            <Text fz="sm">NIK: {identity.reporter.nik ?? '—'}</Text>
            <Text fz="sm">{identity.reporter.address}</Text>
            <Text fz="sm">
              {[identity.reporter.phone, identity.reporter.email].filter(Boolean).join(' · ')}
            </Text>
            {identity.witnesses.map((w) => (
              <Text key={w.name} fz="sm">
                {t('reports.staff.witness')}: {w.name} {w.contact ? `(${w.contact})` : ''}
              </Text>
            ))}
          </Stack>
        )}
      </Paper>

      <Stack gap={4}>
        <Text fw={600}>{t('reports.staff.evidence', { n: r.evidence.length })}</Text>
        {r.evidence.map((e) => (
          <Group key={e.id} gap="xs">
            <Anchor href={`/api/reports/${r.id}/evidence/${e.id}`} download={e.name}>
              {e.name}
            </Anchor>
            <Text fz="xs" c="dimmed">
              {e.mediaType} · {(e.size / 1024).toFixed(0)} KB ·{' '}
              {e.metadataRemoved ? t('reports.staff.metaRemoved') : t('reports.staff.metaKept')}
            </Text>
          </Group>
        ))}
      </Stack>

      <Stack gap="xs">
        <Title order={3} fz="md">
          {t('reports.status.messages')}
        </Title>
        {r.messages.map((m) => (
          <Paper key={m.id} p="xs" bg={m.author === 'staff' ? 'netra.0' : 'gray.1'}>
            <Text fz="xs" c="dimmed">
              {m.author === 'staff'
                ? (m.staffName ?? t('reports.status.fromStaff'))
                : t('reports.staff.reporter')}{' '}
              · {when(m.at, i18n.language)}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{m.body}</Text>
          </Paper>
        ))}
        {r.abilities['reports.triage'] && (
          <>
            <Textarea
              label={t('reports.staff.replyLabel')}
              value={reply}
              onChange={(e) => setReply(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            <Button
              disabled={!reply.trim()}
              loading={message.isPending}
              onClick={() =>
                message.mutate({ id, value: reply }, { onSuccess: () => setReply(''), onError: fail })
              }
            >
              {t('reports.staff.sendReply')}
            </Button>
          </>
        )}
      </Stack>

      {r.allowedActions.length > 0 && (
        <Paper withBorder p="sm">
          <Stack gap="xs">
            <Title order={3} fz="md">
              {t('reports.staff.actions')}
            </Title>
            <Textarea
              label={t('reports.staff.reason')}
              description={t('reports.staff.reasonHelp')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            <Group gap="xs">
              {r.allowedActions.map((a) => (
                <Button
                  key={a}
                  variant={a === 'reject' ? 'outline' : 'filled'}
                  color={a === 'reject' ? 'red' : undefined}
                  loading={triage.isPending}
                  onClick={() => act(a)}
                >
                  {t(`reports.action.${a}`)}
                </Button>
              ))}
            </Group>
          </Stack>
        </Paper>
      )}
      {r.duplicates.length > 0 && (
        <Text fz="sm" c="dimmed">
          {t('reports.staff.linked', { n: r.duplicates.length })}
        </Text>
      )}
      <Stack gap={2}>
        <Text fw={600} fz="sm">
          {t('reports.staff.history')}
        </Text>
        {r.events.map((e) => (
          <Text key={`${e.type}-${e.at}`} fz="xs" c="dimmed">
            {when(e.at, i18n.language)} · {t(`reports.event.${e.type}`, { defaultValue: e.type })}
            {e.actorName ? ` · ${e.actorName}` : ''}
          </Text>
        ))}
      </Stack>
    </Stack>
  );
}
