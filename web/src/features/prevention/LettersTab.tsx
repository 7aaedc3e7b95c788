import {
  Anchor,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppealLetterView } from '../../../../src/contracts/prevention.ts';
import { RECIPIENT_KINDS, TEMPLATE_PLACEHOLDERS } from '../../../../src/domain/prevention.ts';
import { useCurrentUser } from '../auth/RequireAuth.tsx';
import { useIssueLetter, useLetters, useRecordLetter, useSaveTemplate, useTemplates } from './api.ts';
import { AgencyPicker, Loading, MutationError, today } from './shared.tsx';

type Kind = (typeof RECIPIENT_KINDS)[number];

/** Appeal letters (*surat imbauan*): templates, issuing numbered PDFs, sending and acknowledgement. */
export function LettersTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const letters = useLetters();
  return (
    <Stack gap="md">
      {canWrite && <IssueForm />}
      <Title order={2} fz={18}>
        {t('prevention.letters.register')}
      </Title>
      <Loading query={letters} />
      {letters.data?.length === 0 && <Text c="dimmed">{t('prevention.letters.empty')}</Text>}
      {letters.data && letters.data.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('prevention.letters.number')}</Table.Th>
                <Table.Th>{t('prevention.letters.recipient')}</Table.Th>
                <Table.Th>{t('prevention.letters.subject')}</Table.Th>
                <Table.Th>{t('prevention.letters.datedOn')}</Table.Th>
                <Table.Th>{t('prevention.letters.sentOn')}</Table.Th>
                <Table.Th>{t('prevention.letters.acknowledged')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {letters.data.map((l) => (
                <LetterRow key={l.id} letter={l} canWrite={canWrite} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canWrite && <Templates />}
    </Stack>
  );
}

function LetterRow({ letter: l, canWrite }: { letter: AppealLetterView; canWrite: boolean }) {
  const { t } = useTranslation();
  const record = useRecordLetter();
  const [by, setBy] = useState('');
  return (
    <Table.Tr>
      <Table.Td>{l.number}</Table.Td>
      <Table.Td>
        {l.recipientName}
        <Text fz="xs" c="dimmed">
          {t(`prevention.recipientKinds.${l.recipientKind}`)}
        </Text>
      </Table.Td>
      <Table.Td>{l.subject}</Table.Td>
      <Table.Td>{l.datedOn}</Table.Td>
      <Table.Td>
        {l.sentOn ??
          (canWrite ? (
            <Button
              size="compact-xs"
              variant="light"
              onClick={() => record.mutate({ id: l.id, patch: { sentOn: today() } })}
            >
              {t('prevention.letters.markSent')}
            </Button>
          ) : (
            '—'
          ))}
      </Table.Td>
      <Table.Td>
        {l.acknowledgedOn ? (
          `${l.acknowledgedOn}${l.acknowledgedBy ? ` · ${l.acknowledgedBy}` : ''}`
        ) : canWrite ? (
          <Group gap={4} wrap="nowrap">
            <TextInput
              size="xs"
              placeholder={t('prevention.letters.acknowledgedBy')}
              value={by}
              onChange={(e) => setBy(e.currentTarget.value)}
              w={140}
            />
            <Button
              size="compact-xs"
              variant="light"
              onClick={() =>
                record.mutate({ id: l.id, patch: { acknowledgedOn: today(), acknowledgedBy: by || null } })
              }
            >
              {t('prevention.letters.markAcknowledged')}
            </Button>
          </Group>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td>
        <Anchor href={`/api/prevention/letters/${l.id}/pdf`} download data-testid="letter-pdf">
          PDF
        </Anchor>
      </Table.Td>
    </Table.Tr>
  );
}

function IssueForm() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const templates = useTemplates();
  const issue = useIssueLetter();
  const [form, setForm] = useState({
    templateId: null as string | null,
    recipientKind: 'regional_secretary' as Kind,
    recipientName: '',
    agencyId: null as string | null,
    regionCode: me.office.regionCode === '00' ? '' : me.office.regionCode,
    subject: '',
    body: '',
    datedOn: today(),
    classCode: 'PM.00.02',
    copies: '',
  });
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const useTemplate = (id: string | null) => {
    const tpl = templates.data?.find((x) => x.id === id);
    setForm((f) =>
      tpl
        ? { ...f, templateId: id, recipientKind: tpl.recipientKind, subject: tpl.subject, body: tpl.body }
        : { ...f, templateId: null },
    );
  };
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          issue.mutate({
            ...form,
            copies: form.copies
              .split('\n')
              .map((c) => c.trim())
              .filter(Boolean),
          });
        }}
      >
        <Stack gap="sm">
          <Title order={2} fz={18}>
            {t('prevention.letters.new')}
          </Title>
          <Select
            label={t('prevention.letters.template')}
            data={(templates.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
            value={form.templateId}
            onChange={useTemplate}
            clearable
          />
          <Group grow align="flex-start">
            <Select
              label={t('prevention.letters.recipientKind')}
              data={RECIPIENT_KINDS.map((k) => ({ value: k, label: t(`prevention.recipientKinds.${k}`) }))}
              value={form.recipientKind}
              onChange={(v) => v && set('recipientKind', v as Kind)}
              allowDeselect={false}
            />
            <TextInput
              label={t('prevention.letters.recipient')}
              required
              value={form.recipientName}
              onChange={(e) => set('recipientName', e.currentTarget.value)}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label={t('prevention.regionCode')}
              required
              value={form.regionCode}
              onChange={(e) => set('regionCode', e.currentTarget.value.trim())}
            />
            <TextInput
              label={t('prevention.letters.datedOn')}
              type="date"
              value={form.datedOn}
              onChange={(e) => set('datedOn', e.currentTarget.value)}
            />
            <TextInput
              label={t('prevention.letters.classCode')}
              value={form.classCode}
              onChange={(e) => set('classCode', e.currentTarget.value)}
            />
          </Group>
          <AgencyPicker
            label={t('prevention.letters.agency')}
            value={form.agencyId}
            onChange={(v) => set('agencyId', v)}
          />
          <TextInput
            label={t('prevention.letters.subject')}
            required
            value={form.subject}
            onChange={(e) => set('subject', e.currentTarget.value)}
          />
          <Textarea
            label={t('prevention.letters.body')}
            description={t('prevention.letters.placeholders', {
              list: Object.keys(TEMPLATE_PLACEHOLDERS)
                .map((p) => `{{${p}}}`)
                .join(' '),
            })}
            required
            autosize
            minRows={6}
            value={form.body}
            onChange={(e) => set('body', e.currentTarget.value)}
          />
          <Textarea
            label={t('prevention.letters.copies')}
            autosize
            minRows={1}
            value={form.copies}
            onChange={(e) => set('copies', e.currentTarget.value)}
          />
          <MutationError error={issue.error} />
          <Group>
            <Button type="submit" loading={issue.isPending}>
              {t('prevention.letters.issue')}
            </Button>
            {issue.data && (
              <Text c="green" data-testid="issued-number">
                {t('prevention.letters.issued', { number: issue.data.number })}{' '}
                <Anchor href={`/api/prevention/letters/${issue.data.id}/pdf`} download>
                  PDF
                </Anchor>
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function Templates() {
  const { t } = useTranslation();
  const templates = useTemplates();
  const save = useSaveTemplate();
  const [editing, setEditing] = useState<{
    id?: string;
    name: string;
    recipientKind: Kind;
    subject: string;
    body: string;
  } | null>(null);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} fz={18}>
          {t('prevention.letters.templates')}
        </Title>
        <Button
          size="xs"
          variant="light"
          onClick={() => setEditing({ name: '', recipientKind: 'agency', subject: '', body: '' })}
        >
          {t('prevention.letters.newTemplate')}
        </Button>
      </Group>
      {templates.data?.map((x) => (
        <Group key={x.id} justify="space-between">
          <Text>
            {x.name}{' '}
            <Text span c="dimmed" fz="sm">
              · {t(`prevention.recipientKinds.${x.recipientKind}`)}
            </Text>
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={() => setEditing({ ...x })}>
            {t('prevention.edit')}
          </Button>
        </Group>
      ))}
      {editing && (
        <Card withBorder>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const { id, ...input } = editing;
              save.mutate({ id, input }, { onSuccess: () => setEditing(null) });
            }}
          >
            <Stack gap="sm">
              <Group grow>
                <TextInput
                  label={t('prevention.letters.templateName')}
                  required
                  value={editing.name}
                  onChange={(e) => setEditing({ ...editing, name: e.currentTarget.value })}
                />
                <Select
                  label={t('prevention.letters.recipientKind')}
                  data={RECIPIENT_KINDS.map((k) => ({
                    value: k,
                    label: t(`prevention.recipientKinds.${k}`),
                  }))}
                  value={editing.recipientKind}
                  onChange={(v) => v && setEditing({ ...editing, recipientKind: v as Kind })}
                  allowDeselect={false}
                />
              </Group>
              <TextInput
                label={t('prevention.letters.subject')}
                required
                value={editing.subject}
                onChange={(e) => setEditing({ ...editing, subject: e.currentTarget.value })}
              />
              <Textarea
                label={t('prevention.letters.body')}
                required
                autosize
                minRows={6}
                value={editing.body}
                onChange={(e) => setEditing({ ...editing, body: e.currentTarget.value })}
              />
              <MutationError error={save.error} />
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t('prevention.save')}
                </Button>
                <Button variant="subtle" onClick={() => setEditing(null)}>
                  {t('prevention.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
    </Stack>
  );
}
