import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { SANCTION_LEVELS } from '../../../../src/contracts/cases.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { useCurrentUser } from '../auth/RequireAuth.tsx';
import { useDeleteHoliday, useHolidays, useSaveHoliday, useUpdateForm, useViolationForms } from './api.ts';
import { useT } from './useT.ts';

/**
 * Reference data of case handling, kept by administrators: the holiday calendar the working-day
 * clocks use (national holidays and *cuti bersama*) and the joint decree's violation-form catalogue.
 */
export function ReferencePage() {
  const { t } = useT();
  usePageTitle(t('cases.reference.title'));
  const me = useCurrentUser();
  const canEdit = me.permissions.includes('reference.manage');
  return (
    <Stack gap="lg">
      <Title order={1} fz={28}>
        {t('cases.reference.title')}
      </Title>
      <Holidays canEdit={canEdit} />
      <Forms canEdit={canEdit} />
    </Stack>
  );
}

function Holidays({ canEdit }: { canEdit: boolean }) {
  const { t } = useT();
  const [year, setYear] = useState(new Date().getFullYear());
  const holidays = useHolidays(year);
  const save = useSaveHoliday();
  const remove = useDeleteHoliday();
  const [kind, setKind] = useState<string | null>('libur_nasional');
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    save.mutate(
      {
        date: String(f.get('date')),
        name: String(f.get('name')),
        kind: kind ?? 'libur_nasional',
        source: String(f.get('source') ?? ''),
      },
      { onSuccess: () => form.reset() },
    );
  }
  return (
    <Stack gap="sm">
      <Title order={2} fz={20}>
        {t('cases.reference.holidays')}
      </Title>
      <Text fz="sm" c="dimmed">
        {t('cases.reference.holidaysHint')}
      </Text>
      <NumberInput
        label={t('cases.reference.year')}
        value={year}
        onChange={(v) => setYear(Number(v) || year)}
        min={2000}
        max={2100}
        w={120}
      />
      {canEdit && (
        <form onSubmit={submit}>
          <Group align="end" gap="sm">
            <TextInput name="date" type="date" label={t('cases.reference.date')} required />
            <TextInput name="name" label={t('cases.reference.name')} required w={260} />
            <Select
              label={t('cases.reference.kind')}
              data={['libur_nasional', 'cuti_bersama'].map((k) => ({
                value: k,
                label: t(`cases.reference.kinds.${k}`),
              }))}
              value={kind}
              onChange={setKind}
              w={180}
            />
            <TextInput name="source" label={t('cases.reference.source')} w={220} />
            <Button type="submit" loading={save.isPending}>
              {t('cases.reference.save')}
            </Button>
          </Group>
          {save.isError && <Alert color="red">{(save.error as Error).message}</Alert>}
        </form>
      )}
      <Table striped aria-label={t('cases.reference.holidays')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cases.reference.date')}</Table.Th>
            <Table.Th>{t('cases.reference.name')}</Table.Th>
            <Table.Th>{t('cases.reference.kind')}</Table.Th>
            <Table.Th>{t('cases.reference.source')}</Table.Th>
            {canEdit && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {holidays.data?.map((h) => (
            <Table.Tr key={h.date}>
              <Table.Td>{h.date}</Table.Td>
              <Table.Td>{h.name}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={h.kind === 'cuti_bersama' ? 'grape' : 'red'}>
                  {t(`cases.reference.kinds.${h.kind}`)}
                </Badge>
              </Table.Td>
              <Table.Td fz="xs">{h.source ?? '-'}</Table.Td>
              {canEdit && (
                <Table.Td>
                  <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(h.date)}>
                    {t('cases.reference.delete')}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {holidays.data?.length === 0 && <Text c="dimmed">{t('cases.reference.noHolidays')}</Text>}
    </Stack>
  );
}

function Forms({ canEdit }: { canEdit: boolean }) {
  const { t } = useT();
  const forms = useViolationForms();
  const update = useUpdateForm();
  return (
    <Stack gap="sm">
      <Title order={2} fz={20}>
        {t('cases.reference.forms')}
      </Title>
      <Text fz="sm" c="dimmed">
        {t('cases.reference.formsHint')}
      </Text>
      {update.isError && <Alert color="red">{(update.error as Error).message}</Alert>}
      <Table.ScrollContainer minWidth={900}>
        <Table striped aria-label={t('cases.reference.forms')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('cases.reference.code')}</Table.Th>
              <Table.Th>{t('cases.reference.formTitle')}</Table.Th>
              <Table.Th>{t('cases.category')}</Table.Th>
              <Table.Th>{t('cases.reference.sanction')}</Table.Th>
              <Table.Th>{t('cases.reference.legalBasis')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {forms.data?.map((f) => (
              <Table.Tr key={f.code}>
                <Table.Td>
                  {f.code}
                  {f.disputed && (
                    <Badge ml={4} color="orange" variant="light" title={f.note ?? ''}>
                      {t('cases.reference.disputed')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td fz="sm">{f.title}</Table.Td>
                <Table.Td fz="sm">{t(`cases.categories.${f.category}`)}</Table.Td>
                <Table.Td>
                  {canEdit ? (
                    <Select
                      aria-label={`${t('cases.reference.sanction')} ${f.code}`}
                      data={SANCTION_LEVELS.map((s) => ({ value: s, label: t(`cases.sanctions.${s}`) }))}
                      value={f.defaultSanction}
                      onChange={(v) => v && update.mutate({ code: f.code, patch: { defaultSanction: v } })}
                      w={170}
                    />
                  ) : (
                    t(`cases.sanctions.${f.defaultSanction}`)
                  )}
                </Table.Td>
                <Table.Td fz="xs">{f.legalBasis}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
