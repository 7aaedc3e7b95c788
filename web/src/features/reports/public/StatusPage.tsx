import {
  Alert,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicReportStatus } from '../../../../../src/contracts/reports.ts';
import { isApiError } from '../../../app/api.ts';
import { IconAlert, IconFile, IconTicket } from '../../../ui/icons.tsx';
import { usePageTitle } from '../../../ui/usePageTitle.ts';
import { addEvidence, addIdentity, fetchStatus, sendReporterMessage } from '../api.ts';
import { PublicShell } from './PublicShell.tsx';

const formatTime = (iso: string, lang: string) =>
  new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });

/**
 * `/lapor/status`: with the receipt code — status, messages both ways, more evidence, and adding an
 * identity to an anonymous tip. The code stays in this page's memory (never in the URL).
 */
export function StatusPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('reports.status.title'));
  const [code, setCode] = useState('');
  const [receipt, setReceipt] = useState<string | null>(null);
  const [status, setStatus] = useState<PublicReportStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<PublicReportStatus>) {
    setBusy(true);
    setError(null);
    try {
      setStatus(await action());
      return true;
    } catch (x) {
      setError(
        isApiError(x) && x.fromServer
          ? [x.message, ...x.details.map((d) => d.message)].join(' — ')
          : t('reports.form.networkError'),
      );
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function open(e: FormEvent) {
    e.preventDefault();
    const c = code.trim();
    if (await run(() => fetchStatus(c))) setReceipt(c);
  }

  return (
    <PublicShell>
      <Stack gap="lg">
        <Title order={1} fz={{ base: 24, sm: 30 }}>
          {t('reports.status.title')}
        </Title>
        {!status && (
          <Card withBorder padding="lg" component="form" onSubmit={open}>
            <Stack>
              <Text>{t('reports.status.lead')}</Text>
              <TextInput
                label={t('reports.status.codeLabel')}
                placeholder="XXXX-XXXX-XXXX-XXXX"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                leftSection={<IconTicket size={16} />}
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                required
              />
              <Button type="submit" loading={busy}>
                {t('reports.status.open')}
              </Button>
            </Stack>
          </Card>
        )}
        {error && (
          <Alert color="red" icon={<IconAlert size={18} />} role="alert">
            {error}
          </Alert>
        )}
        {status && receipt && (
          <StatusView receipt={receipt} status={status} run={run} busy={busy} lang={i18n.language} />
        )}
      </Stack>
    </PublicShell>
  );
}

function StatusView({
  receipt,
  status,
  run,
  busy,
  lang,
}: {
  receipt: string;
  status: PublicReportStatus;
  run: (a: () => Promise<PublicReportStatus>) => Promise<boolean>;
  busy: boolean;
  lang: string;
}) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [identity, setIdentity] = useState({ name: '', address: '', phone: '', email: '', nik: '' });
  return (
    <Stack gap="lg">
      <Card withBorder padding="lg">
        <Stack gap="xs">
          <Text c="dimmed" fz="sm">
            {t(status.kind === 'laporan' ? 'reports.kind.laporan' : 'reports.kind.informasi_awal')} ·{' '}
            {t('reports.status.received', { at: formatTime(status.received_at, lang) })}
          </Text>
          <Group gap="xs">
            <Text fw={600}>{t('reports.status.current')}</Text>
            <Badge size="lg" data-testid="report-status">
              {lang === 'en' ? status.status_label.en : status.status_label.id}
            </Badge>
            {status.late && <Badge color="orange">{t('reports.late')}</Badge>}
          </Group>
          <Text fz="sm">{t('reports.status.evidenceCount', { n: status.evidence_count })}</Text>
        </Stack>
      </Card>

      <Card withBorder padding="lg">
        <Title order={2} fz="lg" mb="sm">
          {t('reports.status.messages')}
        </Title>
        <Stack gap="sm" aria-live="polite">
          {status.messages.length === 0 && <Text c="dimmed">{t('reports.status.noMessages')}</Text>}
          {status.messages.map((m) => (
            <Paper
              key={m.id}
              p="sm"
              radius="md"
              bg={m.from === 'petugas' ? 'netra.0' : 'gray.1'}
              ml={m.from === 'pelapor' ? 'xl' : 0}
              mr={m.from === 'petugas' ? 'xl' : 0}
            >
              <Text fz="xs" c="dimmed">
                {t(m.from === 'petugas' ? 'reports.status.fromStaff' : 'reports.status.fromYou')} ·{' '}
                {formatTime(m.at, lang)}
                {m.kind === 'completion_request' && ` · ${t('reports.status.completionRequest')}`}
              </Text>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{m.body}</Text>
            </Paper>
          ))}
          {status.can_reply && (
            <Stack
              gap="xs"
              component="form"
              onSubmit={async (e: FormEvent) => {
                e.preventDefault();
                if (await run(() => sendReporterMessage(receipt, message))) setMessage('');
              }}
            >
              <Textarea
                label={t('reports.status.reply')}
                autosize
                minRows={3}
                value={message}
                onChange={(e) => setMessage(e.currentTarget.value)}
                required
              />
              <Button type="submit" loading={busy} disabled={!message.trim()}>
                {t('reports.status.send')}
              </Button>
            </Stack>
          )}
        </Stack>
      </Card>

      {status.can_reply && (
        <Card withBorder padding="lg">
          <Stack
            gap="xs"
            component="form"
            onSubmit={async (e: FormEvent) => {
              e.preventDefault();
              if (await run(() => addEvidence(receipt, files))) setFiles([]);
            }}
          >
            <Title order={2} fz="lg">
              {t('reports.status.addEvidence')}
            </Title>
            <FileInput
              label={t('reports.form.files')}
              multiple
              clearable
              leftSection={<IconFile size={16} />}
              value={files}
              onChange={(f) => setFiles(f ?? [])}
            />
            <Button type="submit" loading={busy} disabled={files.length === 0}>
              {t('reports.status.upload')}
            </Button>
          </Stack>
        </Card>
      )}

      {!status.has_identity && (
        <Card withBorder padding="lg">
          <Stack
            gap="xs"
            component="form"
            onSubmit={async (e: FormEvent) => {
              e.preventDefault();
              const reporter = Object.fromEntries(Object.entries(identity).filter(([, v]) => v.trim()));
              await run(() => addIdentity(receipt, reporter));
            }}
          >
            <Title order={2} fz="lg">
              {t('reports.status.identityTitle')}
            </Title>
            <Text fz="sm" c="dimmed">
              {t('reports.status.identityHelp')}
            </Text>
            {(['name', 'address', 'nik', 'phone', 'email'] as const).map((k) => (
              <TextInput
                key={k}
                label={t(`reports.form.${k}`)}
                required={k === 'name' || k === 'address'}
                value={identity[k]}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setIdentity((old) => ({ ...old, [k]: value }));
                }}
              />
            ))}
            <Button type="submit" loading={busy} variant="outline">
              {t('reports.status.identitySubmit')}
            </Button>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
