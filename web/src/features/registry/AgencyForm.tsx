import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgencyNode } from '../../../../src/contracts/registry.ts';
import { AGENCY_KINDS, type AgencyKind } from '../../../../src/domain/registry-import.ts';
import { isApiError } from '../../app/api.ts';
import { useAgencies, useCreateAgency, useUpdateAgency } from './api.ts';

type UnitRow = { key: number; id?: string; name: string; parent: string | null };

/**
 * Adds or edits an agency: name, kind, region, parent agency, task-force head, and its unit tree
 * (each unit names its parent unit). Saving replaces the unit tree; the server refuses to drop a
 * unit that still has staff.
 */
export function AgencyForm({
  agency,
  defaultRegion,
  onDone,
}: {
  agency?: AgencyNode;
  defaultRegion: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const all = useAgencies('');
  const create = useCreateAgency();
  const update = useUpdateAgency();
  const save = agency ? update : create;
  const [name, setName] = useState(agency?.name ?? '');
  const [kind, setKind] = useState<AgencyKind | null>((agency?.kind as AgencyKind) ?? null);
  const [regionCode, setRegionCode] = useState(
    agency?.regionCode ?? (defaultRegion === '00' ? '' : defaultRegion),
  );
  const [parentId, setParentId] = useState<string | null>(agency?.parentId ?? null);
  const [head, setHead] = useState(agency?.taskForceHead ?? '');
  const [units, setUnits] = useState<UnitRow[]>(() =>
    (agency?.units ?? []).map((u, i) => ({
      key: i,
      id: u.id,
      name: u.name,
      parent: agency?.units.find((p) => p.id === u.parentId)?.name ?? null,
    })),
  );
  const [nextKey, setNextKey] = useState(units.length);
  const error = save.error;
  const fieldError = (field: string) =>
    isApiError(error) ? error.details.find((d) => d.field === field)?.message : undefined;
  const setUnit = (key: number, patch: Partial<UnitRow>) =>
    setUnits((us) => us.map((u) => (u.key === key ? { ...u, ...patch } : u)));
  const submit = () => {
    if (!kind) return;
    const input = {
      name,
      kind,
      regionCode: regionCode.trim(),
      parentId,
      taskForceHead: head || null,
      units: units
        .filter((u) => u.name.trim())
        .map((u) => ({ ...(u.id ? { id: u.id } : {}), name: u.name.trim(), parent: u.parent })),
    };
    if (agency) update.mutate({ id: agency.id, input }, { onSuccess: onDone });
    else create.mutate(input, { onSuccess: onDone });
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <TextInput
          label={t('registry.forms.agencyName')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError('name')}
          required
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('registry.forms.kind')}
            data={AGENCY_KINDS.map((k) => ({ value: k, label: t(`registry.agencyKinds.${k}`) }))}
            value={kind}
            onChange={(v) => setKind(v as AgencyKind | null)}
            error={fieldError('kind')}
            required
          />
          <TextInput
            label={t('registry.regionCode')}
            description={t('registry.forms.regionHint')}
            value={regionCode}
            onChange={(e) => setRegionCode(e.currentTarget.value)}
            error={fieldError('regionCode')}
            required
          />
          <Select
            label={t('registry.forms.parent')}
            clearable
            searchable
            data={(all.data ?? [])
              .filter((a) => a.id !== agency?.id)
              .map((a) => ({ value: a.id, label: `${a.name} (${a.regionName})` }))}
            value={parentId}
            onChange={setParentId}
            error={fieldError('parentId')}
          />
          <TextInput
            label={t('registry.taskForceHead')}
            value={head}
            onChange={(e) => setHead(e.currentTarget.value)}
          />
        </SimpleGrid>
        <Title order={3} fz={16}>
          {t('registry.forms.units')}
        </Title>
        {units.length === 0 && (
          <Text fz="sm" c="dimmed">
            {t('registry.forms.noUnits')}
          </Text>
        )}
        {units.map((u, i) => (
          <Group key={u.key} align="end" gap="xs" wrap="nowrap">
            <TextInput
              label={i === 0 ? t('registry.forms.unitName') : undefined}
              aria-label={t('registry.forms.unitName')}
              value={u.name}
              onChange={(e) => setUnit(u.key, { name: e.currentTarget.value })}
              error={fieldError(`units.${i}.name`)}
              style={{ flex: 1 }}
            />
            <Select
              label={i === 0 ? t('registry.forms.unitParent') : undefined}
              aria-label={t('registry.forms.unitParent')}
              clearable
              data={[
                ...new Set(units.filter((x) => x.key !== u.key && x.name.trim()).map((x) => x.name.trim())),
              ]}
              value={u.parent}
              onChange={(v) => setUnit(u.key, { parent: v })}
              error={fieldError(`units.${i}.parent`)}
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t('registry.forms.removeUnit', { name: u.name })}
              onClick={() =>
                setUnits((us) =>
                  us
                    .filter((x) => x.key !== u.key)
                    .map((x) => (x.parent === u.name ? { ...x, parent: null } : x)),
                )
              }
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() => {
              setUnits((us) => [...us, { key: nextKey, name: '', parent: null }]);
              setNextKey((k) => k + 1);
            }}
          >
            {t('registry.forms.addUnit')}
          </Button>
        </Group>
        {fieldError('units') && <Alert color="red">{fieldError('units')}</Alert>}
        {save.isError && (
          <Alert color="red" role="alert">
            {save.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            type="submit"
            loading={save.isPending}
            disabled={!name.trim() || !kind || !regionCode.trim()}
          >
            {t('registry.forms.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
