import {
  Alert,
  Button,
  Fieldset,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { CATEGORIES } from '../../../../src/contracts/cases.ts';
import { isApiError } from '../../app/api.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { useOpenFinding } from './api.ts';
import { useT } from './useT.ts';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Formulir Model A — *Laporan Hasil Pengawasan*: the supervisor's own finding, which opens a case.
 * Sections follow the form: I supervisor, II activity, III results, IV the alleged violation.
 */
export function FindingFormPage() {
  const { t } = useT();
  usePageTitle(t('cases.formA.title'));
  const navigate = useNavigate();
  const open = useOpenFinding();
  const [category, setCategory] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    const opt = (k: string) => v(k) || undefined;
    const lines = (k: string) =>
      v(k)
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    const activityAt = v('activityAt');
    open.mutate(
      {
        stage: v('stage'),
        supervisorName: v('supervisorName'),
        supervisorPosition: v('supervisorPosition'),
        dutyOrderNumber: v('dutyOrderNumber'),
        activityForm: v('activityForm'),
        activityPurpose: opt('activityPurpose'),
        activityTarget: opt('activityTarget'),
        // The browser's local time with its offset (datetime-local has none).
        activityAt: activityAt ? new Date(activityAt).toISOString() : '',
        activityPlace: v('activityPlace'),
        description: v('description'),
        violation: {
          event: v('event'),
          place: v('place'),
          occurredOn: v('occurredOn'),
          knownOn: v('knownOn'),
          actorName: v('actorName'),
          witnesses: lines('witnesses').map((l) => {
            const [name, contact] = l.split(/\s+[-–]\s+/);
            return { name: name!, ...(contact ? { contact } : {}) };
          }),
          evidence: lines('evidenceUrls').map((url) => ({
            kind: 'url' as const,
            url,
            description: t('cases.formA.linkEvidence'),
          })),
          facts: opt('facts'),
          analysis: v('analysis'),
        },
        ...(category ? { category: category as (typeof CATEGORIES)[number] } : {}),
      },
      {
        onSuccess: (r) => navigate(`/app/penanganan/${r.id}`),
        onError: (err) => {
          if (isApiError(err))
            setFieldErrors(
              Object.fromEntries(err.details.map((d) => [d.field.split('.').at(-1)!, d.message])),
            );
        },
      },
    );
  }
  const err = (k: string) => fieldErrors[k];
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={980}>
        <Title order={1} fz={28}>
          {t('cases.formA.title')}
        </Title>
        {open.isError && (
          <Alert color="red" role="alert">
            {(open.error as Error).message}
          </Alert>
        )}
        <Fieldset legend={t('cases.formA.sectionSupervisor')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput name="stage" label={t('cases.formA.stage')} required error={err('stage')} />
            <TextInput
              name="dutyOrderNumber"
              label={t('cases.formA.dutyOrderNumber')}
              required
              error={err('dutyOrderNumber')}
            />
            <TextInput
              name="supervisorName"
              label={t('cases.formA.supervisorName')}
              required
              error={err('supervisorName')}
            />
            <TextInput
              name="supervisorPosition"
              label={t('cases.formA.supervisorPosition')}
              required
              error={err('supervisorPosition')}
            />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('cases.formA.sectionActivity')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              name="activityForm"
              label={t('cases.formA.activityForm')}
              required
              error={err('activityForm')}
            />
            <TextInput
              name="activityPlace"
              label={t('cases.formA.activityPlace')}
              required
              error={err('activityPlace')}
            />
            <TextInput
              name="activityAt"
              type="datetime-local"
              label={t('cases.formA.activityAt')}
              required
              error={err('activityAt')}
            />
            <TextInput name="activityPurpose" label={t('cases.formA.activityPurpose')} />
            <TextInput name="activityTarget" label={t('cases.formA.activityTarget')} />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('cases.formA.sectionResults')}>
          <Textarea
            name="description"
            label={t('cases.formA.description')}
            required
            autosize
            minRows={3}
            error={err('description')}
          />
        </Fieldset>
        <Fieldset legend={t('cases.formA.sectionViolation')}>
          <Stack gap="sm">
            <Textarea
              name="event"
              label={t('cases.formA.event')}
              required
              autosize
              minRows={2}
              error={err('event')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                name="actorName"
                label={t('cases.formA.actorName')}
                required
                error={err('actorName')}
              />
              <TextInput name="place" label={t('cases.formA.place')} required error={err('place')} />
              <TextInput
                name="occurredOn"
                type="date"
                label={t('cases.formA.occurredOn')}
                required
                max={today()}
                error={err('occurredOn')}
              />
              <TextInput
                name="knownOn"
                type="date"
                label={t('cases.formA.knownOn')}
                required
                defaultValue={today()}
                max={today()}
                error={err('knownOn')}
              />
            </SimpleGrid>
            <Textarea
              name="witnesses"
              label={t('cases.formA.witnesses')}
              description={t('cases.formA.witnessesHint')}
              autosize
              minRows={2}
            />
            <Textarea
              name="evidenceUrls"
              label={t('cases.formA.evidenceUrls')}
              description={t('cases.formA.evidenceHint')}
              autosize
              minRows={2}
            />
            <Textarea name="facts" label={t('cases.formA.facts')} autosize minRows={2} />
            <Textarea
              name="analysis"
              label={t('cases.formA.analysis')}
              required
              autosize
              minRows={3}
              error={err('analysis')}
            />
            <Select
              label={t('cases.category')}
              clearable
              data={CATEGORIES.map((c) => ({ value: c, label: t(`cases.categories.${c}`) }))}
              value={category}
              onChange={setCategory}
              w={320}
            />
          </Stack>
        </Fieldset>
        <Group>
          <Button type="submit" loading={open.isPending}>
            {t('cases.formA.submit')}
          </Button>
          <Button variant="default" onClick={() => navigate('/app/penanganan')}>
            {t('cases.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
