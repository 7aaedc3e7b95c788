import {
  Badge,
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
import { useCurrentUser } from '../auth/RequireAuth.tsx';
import { useCoverage, useSaveTaskForce, useTaskForces } from './api.ts';
import { AgencyPicker, Loading, MutationError } from './shared.tsx';

/** Task forces per agency or region, and the regions and agencies still without one. */
export function TaskForcesTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const forces = useTaskForces();
  return (
    <Stack gap="md">
      {canWrite && <TaskForceForm />}
      <Loading query={forces} />
      {forces.data?.length === 0 && <Text c="dimmed">{t('prevention.taskForces.empty')}</Text>}
      {forces.data?.map((f) => (
        <Card withBorder key={f.id}>
          <Stack gap={4}>
            <Group justify="space-between">
              <Text fw={600}>{f.name}</Text>
              <Badge variant="light">{f.agencyName ?? f.regionName ?? f.regionCode}</Badge>
            </Group>
            <Text fz="sm">
              {t('prevention.taskForces.decree', { number: f.decreeNumber, date: f.decreeDate })}
              {f.headName ? ` · ${t('prevention.taskForces.head')}: ${f.headName}` : ''}
            </Text>
            {f.members.length > 0 && (
              <Text fz="sm" c="dimmed">
                {f.members
                  .map((m) => `${m.name} (${t(`prevention.taskForces.roles.${m.role as 'anggota'}`)})`)
                  .join(', ')}
              </Text>
            )}
          </Stack>
        </Card>
      ))}
      <Without />
    </Stack>
  );
}

function Without() {
  const { t } = useTranslation();
  const coverage = useCoverage();
  const [level, setLevel] = useState<string | null>('agencies');
  if (!coverage.data) return <Loading query={coverage} />;
  const regions = coverage.data.regions.filter((r) => !r.taskForce);
  const agencies = coverage.data.agencies.filter((a) => !a.taskForce);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} fz={18}>
          {t('prevention.taskForces.without')}
        </Title>
        <Select
          data={[
            { value: 'agencies', label: t('prevention.taskForces.withoutAgencies', { n: agencies.length }) },
            { value: 'regions', label: t('prevention.taskForces.withoutRegions', { n: regions.length }) },
          ]}
          value={level}
          onChange={setLevel}
          allowDeselect={false}
          w={300}
        />
      </Group>
      <Table.ScrollContainer minWidth={480}>
        <Table fz="sm" striped data-testid="without-task-force">
          <Table.Tbody>
            {(level === 'regions'
              ? regions.map((r) => ({ key: r.regionCode, a: r.regionName, b: r.regionCode }))
              : agencies.map((a) => ({ key: a.agencyId, a: a.agencyName, b: a.regionCode }))
            )
              .slice(0, 300)
              .map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Td>{r.a}</Table.Td>
                  <Table.Td>{r.b}</Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function TaskForceForm() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const save = useSaveTaskForce();
  const [form, setForm] = useState({
    name: '',
    regionCode: me.office.regionCode === '00' ? '' : me.office.regionCode,
    agencyId: null as string | null,
    decreeNumber: '',
    decreeDate: '',
    headName: '',
    members: '',
  });
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            input: {
              ...form,
              headName: form.headName || null,
              members: form.members
                .split('\n')
                .map((l) => l.trim())
                .filter(Boolean)
                .map((l) => {
                  const [name, position] = l.split(/\s*[—–-]\s*/, 2);
                  return { name: name!, position: position || null, role: 'anggota' as const };
                }),
            },
          });
        }}
      >
        <Stack gap="sm">
          <Title order={2} fz={18}>
            {t('prevention.taskForces.new')}
          </Title>
          <TextInput
            label={t('prevention.taskForces.name')}
            required
            value={form.name}
            onChange={(e) => set('name', e.currentTarget.value)}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('prevention.regionCode')}
              required
              value={form.regionCode}
              onChange={(e) => set('regionCode', e.currentTarget.value.trim())}
            />
            <TextInput
              label={t('prevention.taskForces.decreeNumber')}
              required
              value={form.decreeNumber}
              onChange={(e) => set('decreeNumber', e.currentTarget.value)}
            />
            <TextInput
              label={t('prevention.taskForces.decreeDate')}
              type="date"
              required
              value={form.decreeDate}
              onChange={(e) => set('decreeDate', e.currentTarget.value)}
            />
          </Group>
          <AgencyPicker
            label={t('prevention.taskForces.agency')}
            value={form.agencyId}
            onChange={(v) => set('agencyId', v)}
          />
          <TextInput
            label={t('prevention.taskForces.head')}
            value={form.headName}
            onChange={(e) => set('headName', e.currentTarget.value)}
          />
          <Textarea
            label={t('prevention.taskForces.members')}
            description={t('prevention.taskForces.membersHint')}
            autosize
            minRows={3}
            value={form.members}
            onChange={(e) => set('members', e.currentTarget.value)}
          />
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
