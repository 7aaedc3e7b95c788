import { Alert, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeLetterheadView } from '../../../../src/contracts/prevention.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { useCurrentUser } from '../auth/RequireAuth.tsx';
import { useOffices, useSaveLetterhead } from './api.ts';
import { Loading, MutationError } from './shared.tsx';

const FIELDS = [
  'address',
  'phone',
  'email',
  'website',
  'letterCity',
  'letterCode',
  'letterNumberTemplate',
  'headTitle',
  'headName',
] as const;

/** Administrators: an office's letterhead (*kop surat*) and letter-number template. */
export function LetterheadPage() {
  const { t } = useTranslation();
  usePageTitle(t('prevention.letterhead.title'));
  const me = useCurrentUser();
  const offices = useOffices();
  const [id, setId] = useState<string | null>(null);
  useEffect(() => {
    if (!id && offices.data?.[0]) setId(offices.data[0].id);
  }, [id, offices.data]);
  if (!me.permissions.includes('users.manage'))
    return <Alert color="yellow">{t('prevention.letterhead.noAccess')}</Alert>;
  const office = offices.data?.find((o) => o.id === id);
  return (
    <Stack gap="lg" maw={820}>
      <Title order={1} fz={28}>
        {t('prevention.letterhead.title')}
      </Title>
      <Text c="dimmed">{t('prevention.letterhead.description')}</Text>
      <Loading query={offices} />
      <Select
        label={t('prevention.letterhead.office')}
        searchable
        data={(offices.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
        value={id}
        onChange={setId}
        allowDeselect={false}
      />
      {office && <LetterheadForm key={office.id} office={office} />}
    </Stack>
  );
}

function LetterheadForm({ office }: { office: OfficeLetterheadView }) {
  const { t } = useTranslation();
  const save = useSaveLetterhead();
  const [form, setForm] = useState(
    () =>
      Object.fromEntries(FIELDS.map((f) => [f, office[f] ?? ''])) as Record<(typeof FIELDS)[number], string>,
  );
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            id: office.id,
            input: Object.fromEntries(FIELDS.map((f) => [f, form[f] || null])) as never,
          });
        }}
      >
        <Stack gap="sm">
          {FIELDS.map((f) => (
            <TextInput
              key={f}
              label={t(`prevention.letterhead.fields.${f}`)}
              description={f === 'letterNumberTemplate' ? t('prevention.letterhead.templateHint') : undefined}
              required={f === 'letterNumberTemplate'}
              value={form[f]}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setForm((x) => ({ ...x, [f]: v }));
              }}
            />
          ))}
          <MutationError error={save.error} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('prevention.save')}
            </Button>
            {save.isSuccess && <Text c="green">{t('prevention.saved')}</Text>}
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
