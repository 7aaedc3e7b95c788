import {
  Alert,
  Anchor,
  Button,
  Card,
  FileInput,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateEvidence, useEvidence, useEvidenceList } from './api.ts';

/** Local date-time for a datetime-local input. */
const localNow = () => {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
};

function EvidenceDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const e = useEvidence(id);
  if (e.isPending) return <Loader size="sm" />;
  if (e.isError) return <Alert color="red">{e.error.message}</Alert>;
  return (
    <Card withBorder padding="sm">
      <Text size="sm" fw={600}>
        {e.data.url}
      </Text>
      {e.data.files.map((f) => (
        <Text key={f.id} size="xs">
          <Anchor href={`/api/monitoring/evidence/${id}/files/${f.id}`}>{f.filename}</Anchor> · {f.mediaType}{' '}
          · {f.size} B · SHA-256 <code>{f.sha256}</code>
        </Text>
      ))}
      <Text size="sm" fw={600} mt="xs">
        {t('monitoring.evidence.custody')}
      </Text>
      {e.data.custody.map((c) => (
        <Text key={`${c.at}${c.action}`} size="xs">
          {new Date(c.at).toLocaleString()} — {t(`monitoring.evidence.actions.${c.action}`, c.action)} —{' '}
          {c.actor ?? '—'}
        </Text>
      ))}
    </Card>
  );
}

/** Manual patrol evidence: paste a URL, attach screenshots; list with the chain of custody. */
export function EvidencePanel({ canCreate }: { canCreate: boolean }) {
  const { t } = useTranslation();
  const list = useEvidenceList();
  const create = useCreateEvidence();
  const [url, setUrl] = useState('');
  const [capturedAt, setCapturedAt] = useState(localNow());
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Stack gap="sm">
      {canCreate && (
        <Card withBorder padding="sm">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate(
                { url, capturedAt: new Date(capturedAt).toISOString(), note: note || undefined, files },
                {
                  onSuccess: (ev) => {
                    setUrl('');
                    setNote('');
                    setFiles([]);
                    setOpen(ev.id);
                  },
                },
              );
            }}
          >
            <Stack gap="xs">
              <TextInput
                label={t('monitoring.evidence.url')}
                required
                value={url}
                onChange={(e) => setUrl(e.currentTarget.value)}
              />
              <Group grow>
                <TextInput
                  type="datetime-local"
                  label={t('monitoring.evidence.capturedAt')}
                  required
                  value={capturedAt}
                  onChange={(e) => setCapturedAt(e.currentTarget.value)}
                />
                <FileInput
                  multiple
                  label={t('monitoring.evidence.files')}
                  accept="image/png,image/jpeg,image/webp,application/pdf"
                  value={files}
                  onChange={setFiles}
                />
              </Group>
              <Textarea
                label={t('monitoring.evidence.note')}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
              />
              {create.isError && <Alert color="red">{create.error.message}</Alert>}
              <Group>
                <Button type="submit" loading={create.isPending}>
                  {t('monitoring.evidence.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
      {open && <EvidenceDetail id={open} />}
      {list.isPending ? (
        <Loader size="sm" />
      ) : list.isError ? (
        <Alert color="red">{list.error.message}</Alert>
      ) : list.data.length === 0 ? (
        <Text c="dimmed">{t('monitoring.evidence.empty')}</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('monitoring.evidence.capturedAt')}</Table.Th>
              <Table.Th>{t('monitoring.evidence.url')}</Table.Th>
              <Table.Th>{t('monitoring.evidence.by')}</Table.Th>
              <Table.Th>{t('monitoring.evidence.files')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((e) => (
              <Table.Tr key={e.id} onClick={() => setOpen(e.id)} style={{ cursor: 'pointer' }}>
                <Table.Td>{new Date(e.capturedAt).toLocaleString()}</Table.Td>
                <Table.Td>{e.url}</Table.Td>
                <Table.Td>{e.capturedBy}</Table.Td>
                <Table.Td>{e.files}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
