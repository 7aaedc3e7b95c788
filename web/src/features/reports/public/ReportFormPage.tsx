import {
  ActionIcon,
  Alert,
  Box,
  Button,
  Card,
  Code,
  CopyButton,
  Fieldset,
  FileInput,
  Group,
  List,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PublicReportCreated } from '../../../../../src/contracts/reports.ts';
import { type ReportKind, reportingWindow } from '../../../../../src/domain/reports.ts';
import { isApiError } from '../../../app/api.ts';
import { IconAlert, IconCheck, IconClock, IconFile, IconLock } from '../../../ui/icons.tsx';
import { usePageTitle } from '../../../ui/usePageTitle.ts';
import { downloadReceiptPdf, submitReport, useRegions } from '../api.ts';
import { PublicShell } from './PublicShell.tsx';

const MAX_MB = 25;
const ACCEPT = 'image/*,video/*,audio/*,application/pdf,.doc,.docx,.odt,.xlsx,.pptx,.txt';

type Witness = { name: string; contact: string };
type Fields = Record<string, string>;

const todayLocal = () => {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
};

/** `/lapor/resmi` and `/lapor/informasi`: the report form, explaining the requirements as it goes. */
export function ReportFormPage({ kind }: { kind: ReportKind }) {
  const { t } = useTranslation();
  const formal = kind === 'laporan';
  usePageTitle(t(formal ? 'reports.form.formalTitle' : 'reports.form.tipTitle'));
  const regions = useRegions();
  const [v, setV] = useState<Fields>({});
  const [witnesses, setWitnesses] = useState<Witness[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<PublicReportCreated | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const set = (key: string) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setV((old) => ({ ...old, [key]: value }));
  };
  const err = (key: string) => errors[key];

  const regionOptions = useMemo(() => {
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const r of regions.data ?? []) {
      const list = groups.get(r.province) ?? [];
      list.push({ value: r.code, label: r.name });
      groups.set(r.province, list);
    }
    return [...groups].map(([group, items]) => ({ group, items }));
  }, [regions.data]);

  const late = useMemo(() => {
    if (!formal || !v.known_at || !/^\d{4}-\d{2}-\d{2}$/.test(v.known_at)) return null;
    const w = reportingWindow({
      electionType: 'pemilu',
      knownOn: v.known_at,
      receivedAt: new Date(),
      regionCode: v.region_code,
    });
    return w.late ? w : null;
  }, [formal, v.known_at, v.region_code]);

  const oversized = files.filter((f) => f.size > MAX_MB * 1024 * 1024);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (oversized.length) {
      setErrors({ files: t('reports.form.tooBig', { name: oversized[0]!.name, mb: MAX_MB }) });
      return;
    }
    const opt = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
    const body = {
      kind,
      ...(formal
        ? {
            reporter: {
              name: v.name ?? '',
              nik: opt(v.nik),
              address: v.address ?? '',
              phone: opt(v.phone),
              email: opt(v.email),
            },
          }
        : {}),
      reported: {
        name: opt(v.r_name),
        nip: opt(v.r_nip),
        agency: opt(v.r_agency),
        position: opt(v.r_position),
      },
      description: v.description ?? '',
      place: opt(v.place),
      region_code: v.region_code ?? '',
      occurred_at: opt(v.occurred_at),
      known_at: opt(v.known_at),
      witnesses: witnesses
        .filter((w) => w.name.trim())
        .map((w) => ({ name: w.name, contact: opt(w.contact) })),
      website: opt(v.website),
    };
    setSending(true);
    setErrors({});
    setSummary(null);
    try {
      setDone(await submitReport(body, files));
      window.scrollTo({ top: 0 });
    } catch (x) {
      if (isApiError(x) && x.details.length) {
        const map: Record<string, string> = {};
        for (const d of x.details) map[d.field.replace(/^files\.\d+$/, 'files')] ??= d.message;
        setErrors(map);
      }
      setSummary(isApiError(x) && x.fromServer ? x.message : t('reports.form.networkError'));
      setTimeout(() => summaryRef.current?.focus(), 0);
    } finally {
      setSending(false);
    }
  }

  if (done) return <Receipt created={done} />;

  return (
    <PublicShell>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          <Stack gap={4}>
            <Title order={1} fz={{ base: 24, sm: 30 }}>
              {t(formal ? 'reports.form.formalTitle' : 'reports.form.tipTitle')}
            </Title>
            <Text>{t(formal ? 'reports.form.formalLead' : 'reports.form.tipLead')}</Text>
          </Stack>
          <Alert icon={<IconLock size={18} />} color="netra" variant="light">
            {t('reports.form.privacy')}
          </Alert>
          {summary && (
            <Alert
              ref={summaryRef}
              tabIndex={-1}
              role="alert"
              color="red"
              icon={<IconAlert size={18} />}
              title={t('reports.form.fixTitle')}
            >
              <Text fz="sm">{summary}</Text>
              {Object.keys(errors).length > 0 && (
                <List size="sm" mt="xs">
                  {Object.entries(errors).map(([field, message]) => (
                    <List.Item key={field}>{message}</List.Item>
                  ))}
                </List>
              )}
            </Alert>
          )}

          {formal && (
            <Fieldset legend={t('reports.form.reporterLegend')}>
              <Stack gap="sm">
                <Text fz="sm" c="dimmed">
                  {t('reports.form.reporterHelp')}
                </Text>
                <TextInput
                  label={t('reports.form.name')}
                  required
                  autoComplete="name"
                  value={v.name ?? ''}
                  onChange={set('name')}
                  error={err('reporter.name') ?? err('reporter')}
                />
                <TextInput
                  label={t('reports.form.nik')}
                  description={t('reports.form.nikHelp')}
                  inputMode="numeric"
                  maxLength={16}
                  value={v.nik ?? ''}
                  onChange={set('nik')}
                  error={err('reporter.nik')}
                />
                <Textarea
                  label={t('reports.form.address')}
                  required
                  autoComplete="street-address"
                  autosize
                  minRows={2}
                  value={v.address ?? ''}
                  onChange={set('address')}
                  error={err('reporter.address')}
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput
                    label={t('reports.form.phone')}
                    type="tel"
                    autoComplete="tel"
                    value={v.phone ?? ''}
                    onChange={set('phone')}
                    error={err('reporter.phone')}
                  />
                  <TextInput
                    label={t('reports.form.email')}
                    type="email"
                    autoComplete="email"
                    value={v.email ?? ''}
                    onChange={set('email')}
                    error={err('reporter.email')}
                  />
                </SimpleGrid>
              </Stack>
            </Fieldset>
          )}

          <Fieldset legend={t('reports.form.reportedLegend')}>
            <Stack gap="sm">
              <Text fz="sm" c="dimmed">
                {t(formal ? 'reports.form.reportedHelpFormal' : 'reports.form.reportedHelpTip')}
              </Text>
              <TextInput
                label={t('reports.form.reportedName')}
                required={formal}
                value={v.r_name ?? ''}
                onChange={set('r_name')}
                error={err('reported.name')}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('reports.form.reportedNip')}
                  inputMode="numeric"
                  value={v.r_nip ?? ''}
                  onChange={set('r_nip')}
                  error={err('reported.nip')}
                />
                <TextInput
                  label={t('reports.form.reportedPosition')}
                  value={v.r_position ?? ''}
                  onChange={set('r_position')}
                  error={err('reported.position')}
                />
              </SimpleGrid>
              <TextInput
                label={t('reports.form.reportedAgency')}
                value={v.r_agency ?? ''}
                onChange={set('r_agency')}
                error={err('reported.agency')}
              />
            </Stack>
          </Fieldset>

          <Fieldset legend={t('reports.form.eventLegend')}>
            <Stack gap="sm">
              <Select
                label={t('reports.form.region')}
                description={t('reports.form.regionHelp')}
                required
                searchable
                data={regionOptions}
                value={v.region_code ?? null}
                onChange={(code) => setV((old) => ({ ...old, region_code: code ?? '' }))}
                nothingFoundMessage={t('reports.form.regionNone')}
                placeholder={
                  regions.isLoading ? t('reports.form.loading') : t('reports.form.regionPlaceholder')
                }
                error={err('region_code')}
                comboboxProps={{ withinPortal: true }}
              />
              <TextInput
                label={t('reports.form.place')}
                required={formal}
                value={v.place ?? ''}
                onChange={set('place')}
                error={err('place')}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  type="date"
                  label={t('reports.form.occurredAt')}
                  required={formal}
                  max={todayLocal()}
                  value={v.occurred_at ?? ''}
                  onChange={set('occurred_at')}
                  error={err('occurred_at')}
                />
                <TextInput
                  type="date"
                  label={t('reports.form.knownAt')}
                  description={formal ? t('reports.form.knownAtHelp') : undefined}
                  required={formal}
                  max={todayLocal()}
                  value={v.known_at ?? ''}
                  onChange={set('known_at')}
                  error={err('known_at')}
                />
              </SimpleGrid>
              {late && (
                <Alert color="orange" icon={<IconClock size={18} />} role="status">
                  {t('reports.form.lateWarning', { days: late.daysAfterKnown, lastDay: late.lastDay })}
                </Alert>
              )}
              <Textarea
                label={t('reports.form.description')}
                description={t('reports.form.descriptionHelp')}
                required
                autosize
                minRows={5}
                value={v.description ?? ''}
                onChange={set('description')}
                error={err('description')}
              />
            </Stack>
          </Fieldset>

          <Fieldset legend={t('reports.form.witnessLegend')}>
            <Stack gap="sm">
              <Text fz="sm" c="dimmed">
                {t('reports.form.witnessHelp')}
              </Text>
              {witnesses.map((w, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
                <Group key={i} align="flex-end" wrap="nowrap">
                  <TextInput
                    style={{ flex: 1 }}
                    label={t('reports.form.witnessName', { n: i + 1 })}
                    value={w.name}
                    onChange={(e) => {
                      const name = e.currentTarget.value;
                      setWitnesses((ws) => ws.map((x, j) => (j === i ? { ...x, name } : x)));
                    }}
                    error={err(`witnesses.${i}.name`)}
                  />
                  <TextInput
                    style={{ flex: 1 }}
                    label={t('reports.form.witnessContact')}
                    value={w.contact}
                    onChange={(e) => {
                      const contact = e.currentTarget.value;
                      setWitnesses((ws) => ws.map((x, j) => (j === i ? { ...x, contact } : x)));
                    }}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t('reports.form.witnessRemove', { n: i + 1 })}
                    onClick={() => setWitnesses((ws) => ws.filter((_, j) => j !== i))}
                  >
                    ×
                  </ActionIcon>
                </Group>
              ))}
              {witnesses.length < 20 && (
                <Button
                  variant="light"
                  onClick={() => setWitnesses((ws) => [...ws, { name: '', contact: '' }])}
                >
                  {t('reports.form.witnessAdd')}
                </Button>
              )}
            </Stack>
          </Fieldset>

          <Fieldset legend={t('reports.form.evidenceLegend')}>
            <Stack gap="sm">
              <Text fz="sm" c="dimmed">
                {t('reports.form.evidenceHelp', { mb: MAX_MB })}
              </Text>
              <FileInput
                label={t('reports.form.files')}
                multiple
                clearable
                accept={ACCEPT}
                leftSection={<IconFile size={16} />}
                value={files}
                onChange={(f) => setFiles(f ?? [])}
                error={
                  err('files') ??
                  (oversized.length
                    ? t('reports.form.tooBig', { name: oversized[0]!.name, mb: MAX_MB })
                    : undefined)
                }
              />
            </Stack>
          </Fieldset>

          {/* Honeypot: hidden from people and screen readers; bots fill it in. */}
          <Box
            style={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }}
            aria-hidden
          >
            <label>
              Website
              <input
                name="website"
                tabIndex={-1}
                autoComplete="off"
                value={v.website ?? ''}
                onChange={set('website')}
              />
            </label>
          </Box>

          {formal && (
            <Text fz="sm" c="dimmed">
              {t('reports.form.declaration')}
            </Text>
          )}
          <Button type="submit" size="lg" loading={sending} color={formal ? 'netra' : 'teal'}>
            {t('reports.form.submit')}
          </Button>
        </Stack>
      </form>
    </PublicShell>
  );
}

/** The receipt, shown once, with its PDF. */
function Receipt({ created }: { created: PublicReportCreated }) {
  const { t } = useTranslation();
  const [pdfError, setPdfError] = useState(false);
  return (
    <PublicShell>
      <Stack gap="lg">
        <Alert color="green" icon={<IconCheck size={18} />} title={t('reports.receipt.title')} role="status">
          {t('reports.receipt.lead')}
        </Alert>
        <Card withBorder padding="lg" radius="md">
          <Stack gap="sm" align="flex-start">
            <Text fw={600}>{t('reports.receipt.codeLabel')}</Text>
            <Code
              fz={{ base: 22, sm: 28 }}
              p="sm"
              data-testid="receipt-code"
              style={{ letterSpacing: '0.08em' }}
            >
              {created.receipt}
            </Code>
            <Alert color="orange" icon={<IconAlert size={18} />}>
              {t('reports.receipt.once')}
            </Alert>
            <Group>
              <CopyButton value={created.receipt}>
                {({ copied, copy }) => (
                  <Button variant="light" onClick={copy}>
                    {copied ? t('reports.receipt.copied') : t('reports.receipt.copy')}
                  </Button>
                )}
              </CopyButton>
              <Button
                onClick={() => downloadReceiptPdf(created.receipt).catch(() => setPdfError(true))}
                leftSection={<IconFile size={16} />}
              >
                {t('reports.receipt.pdf')}
              </Button>
            </Group>
            {pdfError && <Text c="red">{t('reports.receipt.pdfError')}</Text>}
          </Stack>
        </Card>
        {created.warnings.length > 0 && (
          <Alert color="yellow" title={t('reports.receipt.warnings')}>
            <List size="sm">
              {created.warnings.map((w) => (
                <List.Item key={w}>{w}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Text>{t('reports.receipt.next')}</Text>
        <Button component={Link} to="/lapor/status" variant="outline">
          {t('reports.receipt.statusLink')}
        </Button>
      </Stack>
    </PublicShell>
  );
}
