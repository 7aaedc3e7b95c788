import { Alert, Button, Group, Modal, MultiSelect, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import { CATEGORIES, SANCTION_LEVELS } from '../../../../src/contracts/cases.ts';
import { isApiError } from '../../app/api.ts';
import { useCaseAction, useViolationForms } from './api.ts';
import { useT } from './useT.ts';

type Field =
  | { name: string; kind: 'text' | 'textarea' | 'date'; required?: boolean }
  | { name: string; kind: 'select'; options: readonly string[]; optionKey: string; required?: boolean }
  | { name: string; kind: 'forms'; required?: boolean };

const PARTY_ROLES = ['terlapor', 'pelapor', 'saksi', 'ahli', 'lainnya'] as const;
const reason: Field = { name: 'reason', kind: 'textarea', required: true };

/** The fields each workflow step asks for (the server validates them again). */
export const ACTION_FIELDS: Record<string, Field[]> = {
  request_completion: [reason],
  complete: [],
  register: [],
  not_register: [reason],
  withdraw: [reason],
  invite_clarification: [
    { name: 'partyName', kind: 'text', required: true },
    { name: 'partyRole', kind: 'select', options: PARTY_ROLES, optionKey: 'partyRoles' },
    { name: 'scheduledAt', kind: 'text', required: true },
    { name: 'place', kind: 'text', required: true },
  ],
  record_clarification: [
    { name: 'partyName', kind: 'text', required: true },
    { name: 'partyRole', kind: 'select', options: PARTY_ROLES, optionKey: 'partyRoles' },
    { name: 'heldAt', kind: 'text', required: true },
    { name: 'place', kind: 'text', required: true },
    { name: 'examiner', kind: 'text' },
    { name: 'statement', kind: 'textarea', required: true },
  ],
  record_review: [
    { name: 'violationFormCodes', kind: 'forms' },
    { name: 'facts', kind: 'textarea' },
    { name: 'analysis', kind: 'textarea', required: true },
    { name: 'conclusion', kind: 'textarea', required: true },
  ],
  extend_deadline: [reason],
  decide: [
    {
      name: 'outcome',
      kind: 'select',
      options: ['violation', 'no_violation', 'stopped'],
      optionKey: 'outcomes',
      required: true,
    },
    { name: 'violationFormCodes', kind: 'forms' },
    { name: 'sanctionRecommended', kind: 'select', options: SANCTION_LEVELS, optionKey: 'sanctions' },
    reason,
  ],
  forward: [{ name: 'note', kind: 'textarea' }],
  record_recommendation: [
    { name: 'number', kind: 'text' },
    { name: 'sanctionRecommended', kind: 'select', options: SANCTION_LEVELS, optionKey: 'sanctions' },
  ],
  record_sanction: [
    { name: 'sanction', kind: 'text', required: true },
    { name: 'imposedOn', kind: 'date', required: true },
    { name: 'decreeNumber', kind: 'text' },
  ],
  record_no_follow_up: [reason],
  request_blocking: [reason],
  close: [],
  hand_over: [{ name: 'toOfficeId', kind: 'text', required: true }, reason],
  take_over: [reason],
  merge: [{ name: 'intoCaseId', kind: 'text', required: true }],
  classify: [
    { name: 'category', kind: 'select', options: CATEGORIES, optionKey: 'categories' },
    {
      name: 'candidateStage',
      kind: 'select',
      options: ['bakal_calon', 'calon'],
      optionKey: 'candidateStages',
    },
    { name: 'violationFormCodes', kind: 'forms' },
  ],
  add_note: [{ name: 'text', kind: 'textarea', required: true }],
  add_evidence: [
    { name: 'description', kind: 'text', required: true },
    { name: 'url', kind: 'text' },
  ],
  add_party: [
    { name: 'role', kind: 'select', options: PARTY_ROLES, optionKey: 'partyRoles', required: true },
    { name: 'name', kind: 'text', required: true },
    { name: 'details', kind: 'text' },
  ],
};

/** A dialog that takes one workflow step: its fields, then POST /api/cases/:id/actions. */
export function ActionDialog({
  caseId,
  action,
  onClose,
  defaults,
}: {
  caseId: string;
  action: string;
  onClose: () => void;
  defaults?: Record<string, unknown>;
}) {
  const { t } = useT();
  const mutation = useCaseAction(caseId);
  const forms = useViolationForms();
  const fields = ACTION_FIELDS[action] ?? [];
  const [values, setValues] = useState<Record<string, unknown>>(() => ({ ...defaults }));
  // One key per opened dialog: a double click or a retry never records the step twice.
  const key = useMemo(() => `${caseId}:${action}:${crypto.randomUUID()}`, [caseId, action]);
  const set = (name: string, v: unknown) => setValues((s) => ({ ...s, [name]: v }));
  const fieldError = (name: string) =>
    isApiError(mutation.error)
      ? mutation.error.details.find((d) => d.field.endsWith(name))?.message
      : undefined;

  function submit(e: FormEvent) {
    e.preventDefault();
    const payload = Object.fromEntries(
      Object.entries(values).filter(([, v]) => v !== '' && v !== null && v !== undefined),
    );
    mutation.mutate({ action, payload, idempotencyKey: key }, { onSuccess: onClose });
  }
  const label = (name: string) => t(`cases.fields.${name}`);
  function renderField(f: Field) {
    const common = {
      label: label(f.name),
      required: f.required,
      error: fieldError(f.name),
    };
    if (f.kind === 'textarea')
      return (
        <Textarea
          {...common}
          autosize
          minRows={3}
          value={String(values[f.name] ?? '')}
          onChange={(e) => set(f.name, e.currentTarget.value)}
        />
      );
    if (f.kind === 'text' || f.kind === 'date')
      return (
        <TextInput
          {...common}
          type={f.kind === 'date' ? 'date' : 'text'}
          value={String(values[f.name] ?? '')}
          onChange={(e) => set(f.name, e.currentTarget.value)}
        />
      );
    if (f.kind === 'select')
      return (
        <Select
          {...common}
          clearable={!f.required}
          data={f.options.map((o) => ({ value: o, label: t(`cases.${f.optionKey}.${o}`) }))}
          value={(values[f.name] as string) ?? null}
          onChange={(v) => set(f.name, v)}
        />
      );
    return (
      <MultiSelect
        {...common}
        searchable
        data={(forms.data ?? []).map((vf) => ({ value: vf.code, label: `${vf.code} — ${vf.title}` }))}
        value={(values[f.name] as string[]) ?? []}
        onChange={(v) => set(f.name, v)}
      />
    );
  }

  return (
    <Modal opened onClose={onClose} title={t(`cases.actions.${action}`)} size="lg">
      <form onSubmit={submit}>
        <Stack gap="sm">
          {mutation.isError && (
            <Alert color="red" role="alert">
              {(mutation.error as Error).message}
            </Alert>
          )}
          {fields.map((f) => (
            <div key={f.name}>{renderField(f)}</div>
          ))}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('cases.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t(`cases.actions.${action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
