import { Alert, Button, Group, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffDetail } from '../../../../src/contracts/registry.ts';
import { parseNip } from '../../../../src/domain/nip.ts';
import { POSITION_TYPES, type PositionType, STAFF_STATUSES } from '../../../../src/domain/registry-import.ts';
import { isApiError } from '../../app/api.ts';
import { useAgencies, useSaveStaff } from './api.ts';

type Values = {
  nip: string;
  name: string;
  status: (typeof STAFF_STATUSES)[number];
  positionType: string | null;
  positionName: string;
  rank: string;
  agencyId: string | null;
  unitId: string | null;
  active: boolean;
};

/** What the NIP says, decoded as it is typed (the same pure parser the server and imports use). */
export function NipDecoded({ nip }: { nip: string }) {
  const { t } = useTranslation();
  if (!nip.trim()) return null;
  const r = parseNip(nip, new Date());
  if (!r.ok)
    return (
      <Text fz="sm" c="red" data-testid="nip-decoded" role="status">
        {r.reason}
      </Text>
    );
  const v = r.value;
  return (
    <Text fz="sm" c="teal" data-testid="nip-decoded" role="status">
      {t('registry.forms.nipDecoded', {
        birth: v.birthDate,
        appointed: v.appointedOn,
        sex: t(`registry.sexes.${v.sex}`),
        seq: v.sequence,
        kind: v.kind === 'pppk' ? 'NI PPPK' : 'NIP PNS',
      })}
    </Text>
  );
}

/** Adds or edits a staff member; the server checks again and answers field by field. */
export function StaffForm({ staff, onDone }: { staff?: StaffDetail; onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const agencies = useAgencies('');
  const save = useSaveStaff();
  const [v, setV] = useState<Values>(() => ({
    nip: staff?.nip ?? '',
    name: staff?.name ?? '',
    status: staff?.status ?? 'pns',
    positionType: staff?.positionType ?? null,
    positionName: staff?.positionName ?? '',
    rank: staff?.rank ?? '',
    agencyId: staff?.agency.id ?? null,
    unitId: null,
    active: staff?.active ?? true,
  }));
  const agency = agencies.data?.find((a) => a.id === v.agencyId);
  // The detail carries the unit's name; find its id once the agency's units are known.
  const unitId =
    v.unitId ?? (staff && agency ? (agency.units.find((u) => u.name === staff.unit)?.id ?? null) : null);
  const set = (patch: Partial<Values>) => setV((x) => ({ ...x, ...patch }));
  const fieldError = (field: string) =>
    isApiError(save.error) ? save.error.details.find((d) => d.field === field)?.message : undefined;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!v.agencyId) return;
        save.mutate(
          {
            id: staff?.id,
            input: {
              nip: v.nip.trim() || null,
              name: v.name,
              status: v.status,
              positionType: (v.positionType as PositionType | null) ?? null,
              positionName: v.positionName || null,
              rank: v.status === 'non_asn' ? null : v.rank || null,
              agencyId: v.agencyId,
              unitId,
              active: v.active,
            },
          },
          { onSuccess: (s) => onDone(s.id) },
        );
      }}
    >
      <Stack gap="sm">
        <TextInput
          label="NIP"
          description={t('registry.forms.nipHint')}
          value={v.nip}
          onChange={(e) => set({ nip: e.currentTarget.value })}
          error={fieldError('nip')}
          inputMode="numeric"
          maxLength={40}
        />
        <NipDecoded nip={v.nip} />
        <TextInput
          label={t('registry.name')}
          value={v.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          error={fieldError('name')}
          required
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('registry.status')}
            data={STAFF_STATUSES.map((s) => ({ value: s, label: t(`registry.statuses.${s}`) }))}
            value={v.status}
            onChange={(x) => x && set({ status: x as Values['status'] })}
            error={fieldError('status')}
            allowDeselect={false}
          />
          <Select
            label={t('registry.positionType')}
            clearable
            data={POSITION_TYPES.map((p) => ({ value: p, label: t(`registry.positionTypes.${p}`) }))}
            value={v.positionType}
            onChange={(x) => set({ positionType: x })}
            error={fieldError('positionType')}
          />
          <TextInput
            label={t('registry.position')}
            value={v.positionName}
            onChange={(e) => set({ positionName: e.currentTarget.value })}
          />
          <TextInput
            label={t('registry.forms.rank')}
            placeholder={v.status === 'pppk' ? 'IX' : 'III/a'}
            value={v.rank}
            onChange={(e) => set({ rank: e.currentTarget.value })}
            error={fieldError('rank')}
            disabled={v.status === 'non_asn'}
          />
          <Select
            label={t('registry.agency')}
            searchable
            required
            data={(agencies.data ?? []).map((a) => ({ value: a.id, label: `${a.name} (${a.regionName})` }))}
            value={v.agencyId}
            onChange={(x) => set({ agencyId: x, unitId: null })}
            error={fieldError('agencyId')}
            nothingFoundMessage={t('registry.noAgencies')}
          />
          <Select
            label={t('registry.unit')}
            clearable
            searchable
            data={(agency?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
            value={unitId}
            onChange={(x) => set({ unitId: x })}
            error={fieldError('unitId')}
            disabled={!agency}
          />
        </SimpleGrid>
        <Switch
          label={t('registry.activeYes')}
          checked={v.active}
          onChange={(e) => set({ active: e.currentTarget.checked })}
        />
        {save.isError && (
          <Alert color="red" role="alert">
            {save.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={!v.agencyId || !v.name.trim()}>
            {t('registry.forms.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
