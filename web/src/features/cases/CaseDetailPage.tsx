import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { useCase, useUploadEvidence } from './api.ts';
import { DeadlineBadge } from './DeadlineBadge.tsx';
import { codeLabel, eventDetails, placeLabel } from './labels.ts';
import { useT } from './useT.ts';

/** One case: facts, statutory deadlines, the steps the signed-in role may take, timeline, documents, evidence, parties. */
export function CaseDetailPage() {
  const { t } = useT();
  const { id = '' } = useParams();
  const c = useCase(id);
  const [action, setAction] = useState<string | null>(null);
  usePageTitle(c.data ? `${c.data.number} — ${t('cases.caseTitle')}` : t('cases.caseTitle'));
  if (c.isLoading) return <Loader />;
  if (c.isError || !c.data)
    return (
      <Alert color="red" role="alert">
        {(c.error as Error)?.message ?? t('cases.notFound')}
      </Alert>
    );
  const d = c.data;
  const primary = [
    'register',
    'invite_clarification',
    'record_clarification',
    'record_review',
    'decide',
    'forward',
    'record_recommendation',
    'record_sanction',
    'close',
  ];
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/app/penanganan" fz="sm">
        ← {t('cases.backToList')}
      </Anchor>
      <Group justify="space-between" align="start">
        <Stack gap={4}>
          <Title order={1} fz={26}>
            {d.number}
          </Title>
          <Text>{d.title}</Text>
          <Group gap="xs">
            <Badge size="lg" data-testid="case-status">
              {t(`cases.states.${d.status}`)}
            </Badge>
            <Badge variant="light">{t(`cases.origins.${d.origin}`)}</Badge>
            <Badge variant="light">{t(`cases.regimes.${d.regime}`)}</Badge>
            {d.candidateStage && (
              <Badge variant="outline">
                {t(`cases.candidateStages.${d.candidateStage}`)}
                {d.candidateStageOverridden ? ` (${t('cases.overridden')})` : ''}
              </Badge>
            )}
          </Group>
        </Stack>
      </Group>
      {d.actions.length > 0 && (
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t('cases.availableActions')}
          </Text>
          <Group gap="xs">
            {[...d.actions]
              .sort((a, b) => Number(primary.includes(b)) - Number(primary.includes(a)))
              .map((a) => (
                <Button
                  key={a}
                  size="xs"
                  variant={primary.includes(a) ? 'filled' : 'light'}
                  onClick={() => setAction(a)}
                >
                  {t(`cases.actions.${a}`)}
                </Button>
              ))}
          </Group>
        </Card>
      )}
      {action && (
        <ActionDialog
          caseId={d.id}
          action={action}
          onClose={() => setAction(null)}
          defaults={
            action === 'decide' || action === 'record_review'
              ? { violationFormCodes: d.violationFormCodes }
              : undefined
          }
        />
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t('cases.facts')}
          </Text>
          <Table variant="vertical" withRowBorders={false} fz="sm">
            <Table.Tbody>
              {[
                [
                  t('cases.reported'),
                  d.staff
                    ? `${d.staff.name}${d.staff.nip ? ` (${d.staff.nip})` : ''}`
                    : (d.reportedName ?? '-'),
                ],
                [t('cases.agency'), d.agencyName ?? '-'],
                [t('cases.region'), d.regionName ?? d.regionCode],
                [t('cases.office'), d.officeName],
                [t('cases.place'), placeLabel(t, d.place, d.origin)],
                [t('cases.occurredOn'), d.occurredOn ?? '-'],
                [t('cases.knownOn'), d.knownOn],
                [t('cases.category'), d.category ? t(`cases.categories.${d.category}`) : '-'],
                [t('cases.violationForms'), d.violationFormCodes.join(', ') || '-'],
                [t('cases.outcome'), d.outcome ? t(`cases.outcomes.${d.outcome}`) : '-'],
                [t('cases.forwardedTo'), d.forwardedTo ?? '-'],
                [
                  t('cases.sanctionRecommended'),
                  d.sanctionRecommended ? codeLabel(t, 'sanctions', d.sanctionRecommended) : '-',
                ],
                [
                  t('cases.sanctionImposed'),
                  d.sanctionImposed ? `${d.sanctionImposed} (${d.sanctionImposedAt ?? '-'})` : '-',
                ],
              ].map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Th w={200}>{k}</Table.Th>
                  <Table.Td>{v}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text fz="sm" mt="sm">
            {d.description}
          </Text>
        </Card>
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t('cases.deadlines')}
          </Text>
          <Stack gap="xs">
            {d.deadlines.map((dl) => (
              <Group key={dl.kind} justify="space-between" wrap="nowrap">
                <Stack gap={0}>
                  <Text fz="sm">{t(`cases.deadlineKinds.${dl.kind}`)}</Text>
                  <Text fz="xs" c="dimmed">
                    {dl.days} {t(`cases.units.${dl.unit}`)} · {dl.basis}
                  </Text>
                </Stack>
                <DeadlineBadge d={dl} />
              </Group>
            ))}
          </Stack>
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Text fw={600} mb="xs">
          {t('cases.documents')}
        </Text>
        {d.documents.length === 0 ? (
          <Text c="dimmed" fz="sm">
            {t('cases.noDocuments')}
          </Text>
        ) : (
          <Stack gap={4}>
            {d.documents.map((doc) => (
              <Group key={doc.id} gap="sm">
                <Anchor href={`/api/cases/${d.id}/documents/${doc.id}`} download data-series={doc.series}>
                  {t(`cases.series.${doc.series}`, { defaultValue: doc.series })} — {doc.number}
                </Anchor>
                <Text fz="xs" c="dimmed">
                  {doc.datedOn}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t('cases.evidence')}
          </Text>
          <Stack gap={4}>
            {d.evidence.map((e) => (
              <Text key={e.id} fz="sm">
                {e.sha256 ? (
                  <Anchor href={`/api/cases/${d.id}/evidence/${e.id}`}>{e.filename ?? e.description}</Anchor>
                ) : e.url ? (
                  <Anchor href={e.url} target="_blank" rel="noreferrer noopener">
                    {e.url}
                  </Anchor>
                ) : null}{' '}
                — {e.description}
              </Text>
            ))}
          </Stack>
          {d.actions.includes('add_evidence') && <EvidenceUpload caseId={d.id} />}
        </Card>
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t('cases.parties')}
          </Text>
          {d.parties.map((p) => (
            <Text key={p.id} fz="sm">
              {t(`cases.partyRoles.${p.role}`)}: {p.name}
              {p.details ? ` — ${p.details}` : ''}
            </Text>
          ))}
          {d.related.length > 0 && (
            <>
              <Text fw={600} mt="md" mb="xs">
                {t('cases.related')}
              </Text>
              {d.related.map((r) => (
                <Text key={r.id} fz="sm">
                  <Anchor component={Link} to={`/app/penanganan/${r.id}`}>
                    {r.number}
                  </Anchor>{' '}
                  — {t(`cases.linkReasons.${r.reason}`)} · {t(`cases.states.${r.status}`)}
                </Text>
              ))}
            </>
          )}
        </Card>
      </SimpleGrid>
      {d.finding && (
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t('cases.formA.title')}
          </Text>
          <Text fz="sm">
            {String(d.finding.supervisorName)} · {String(d.finding.supervisorPosition)} ·{' '}
            {t('cases.formA.dutyOrderNumber')}: {String(d.finding.dutyOrderNumber)}
          </Text>
          <Text fz="sm">
            {String(d.finding.activityForm)} — {String(d.finding.activityPlace)}
          </Text>
          <Text fz="sm" c="dimmed">
            {String(d.finding.description)}
          </Text>
        </Card>
      )}
      <Card withBorder>
        <Text fw={600} mb="sm">
          {t('cases.timeline')}
        </Text>
        <Timeline bulletSize={14} lineWidth={2} active={d.events.length}>
          {d.events.map((e) => (
            <Timeline.Item
              key={e.id}
              title={`${t(`cases.events.${e.type}`, { defaultValue: e.type })}${e.caseId !== d.id ? ` (${e.caseNumber})` : ''}`}
            >
              <Text fz="xs" c="dimmed">
                {new Date(e.at).toLocaleString()} · {e.actorName ?? '-'}
              </Text>
              {eventDetails(t, e.payload).map((line) => (
                <Text key={line.field} fz="sm">
                  {line.label}: {line.value}
                </Text>
              ))}
            </Timeline.Item>
          ))}
        </Timeline>
      </Card>
    </Stack>
  );
}

function EvidenceUpload({ caseId }: { caseId: string }) {
  const { t } = useT();
  const upload = useUploadEvidence(caseId);
  const [file, setFile] = useState<File | null>(null);
  const [description, setDescription] = useState('');
  return (
    <Stack gap="xs" mt="sm">
      <Group align="end" gap="xs">
        <FileInput label={t('cases.uploadEvidence')} value={file} onChange={setFile} w={220} clearable />
        <TextInput
          label={t('cases.fields.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          w={220}
        />
        <Button
          disabled={!file}
          loading={upload.isPending}
          onClick={() =>
            file &&
            upload.mutate(
              { file, description },
              {
                onSuccess: () => {
                  setFile(null);
                  setDescription('');
                },
              },
            )
          }
        >
          {t('cases.upload')}
        </Button>
      </Group>
      {upload.isError && <Alert color="red">{(upload.error as Error).message}</Alert>}
    </Stack>
  );
}
