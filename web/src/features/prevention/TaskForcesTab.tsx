import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
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
import type { TaskForceView } from '../../../../src/contracts/prevention.ts';
import { useCurrentUser } from '../auth/RequireAuth.tsx';
import {
  useCoverage,
  useDissolveTaskForce,
  useSaveTaskForce,
  useTaskForces,
  useTaskForceUsers,
} from './api.ts';
import { membersText, parseMembers } from './members.ts';
import { AgencyPicker, Loading, MutationError, today } from './shared.tsx';

/** Task forces per agency or region (recorded, edited, dissolved), and the regions and agencies still without one. */
export function TaskForcesTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const forces = useTaskForces();
  const [editing, setEditing] = useState<TaskForceView | null>(null);
  const [dissolving, setDissolving] = useState<TaskForceView | null>(null);
  return (
    <Stack gap="md">
      {canWrite && (
        <Card withBorder>
          <Title order={2} fz={18} mb="sm">
            {t('prevention.taskForces.new')}
          </Title>
          <TaskForceForm />
        </Card>
      )}
      <Loading query={forces} />
      {forces.data?.length === 0 && <Text c="dimmed">{t('prevention.taskForces.empty')}</Text>}
      {forces.data?.map((f) => (
        <Card withBorder key={f.id} data-testid="task-force">
          <Stack gap={4}>
            <Group justify="space-between">
              <Text fw={600}>{f.name}</Text>
              <Badge variant="light">{f.agencyName ?? f.regionName ?? f.regionCode}</Badge>
            </Group>
            <Text fz="sm">
              {t('prevention.taskForces.decree', { number: f.decreeNumber, date: f.decreeDate })}
              {f.headName ? ` · ${t('prevention.taskForces.head')}: ${f.headName}` : ''}
              {f.headUserName
                ? ` · ${t('prevention.taskForces.headUserLinked', { name: f.headUserName })}`
                : ''}
            </Text>
            {f.members.length > 0 && (
              <Text fz="sm" c="dimmed">
                {f.members
                  .map((m) => `${m.name} (${t(`prevention.taskForces.roles.${m.role as 'anggota'}`)})`)
                  .join(', ')}
              </Text>
            )}
            {canWrite && (
              <Group gap="xs">
                <Button size="compact-xs" variant="light" onClick={() => setEditing(f)}>
                  {t('prevention.edit')}
                </Button>
                <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDissolving(f)}>
                  {t('prevention.taskForces.dissolve')}
                </Button>
              </Group>
            )}
          </Stack>
        </Card>
      ))}
      {editing && (
        <Modal opened onClose={() => setEditing(null)} title={t('prevention.taskForces.editTitle')} size="lg">
          <TaskForceForm initial={editing} onDone={() => setEditing(null)} />
        </Modal>
      )}
      {dissolving && <DissolveDialog force={dissolving} onClose={() => setDissolving(null)} />}
      <Without />
    </Stack>
  );
}

/** Dissolves a task force on a date (it leaves the list and no longer counts in the coverage). */
function DissolveDialog({ force, onClose }: { force: TaskForceView; onClose: () => void }) {
  const { t } = useTranslation();
  const dissolve = useDissolveTaskForce();
  const [on, setOn] = useState(today());
  return (
    <Modal opened onClose={onClose} title={t('prevention.taskForces.dissolveTitle')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          dissolve.mutate({ id: force.id, on }, { onSuccess: onClose });
        }}
      >
        <Stack gap="sm">
          <Text fz="sm">{t('prevention.taskForces.dissolveText', { name: force.name })}</Text>
          <TextInput
            label={t('prevention.taskForces.dissolvedOn')}
            type="date"
            required
            value={on}
            onChange={(e) => setOn(e.currentTarget.value)}
          />
          <MutationError error={dissolve.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('prevention.cancel')}
            </Button>
            <Button type="submit" color="red" loading={dissolve.isPending}>
              {t('prevention.taskForces.dissolve')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
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

/** Records a task force, or edits `initial` (then `onDone` is called once saved). */
function TaskForceForm({ initial, onDone }: { initial?: TaskForceView; onDone?: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const save = useSaveTaskForce();
  const [form, setForm] = useState({
    name: initial?.name ?? '',
    regionCode: initial?.regionCode ?? (me.office.regionCode === '00' ? '' : me.office.regionCode),
    agencyId: initial?.agencyId ?? (null as string | null),
    decreeNumber: initial?.decreeNumber ?? '',
    decreeDate: initial?.decreeDate ?? '',
    headName: initial?.headName ?? '',
    headUserId: initial?.headUserId ?? (null as string | null),
    members: membersText(initial?.members ?? []),
  });
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  // Heads of an agency's task force come from that agency; a regional one may have any in the region.
  const users = useTaskForceUsers(form.agencyId);
  const userOptions = (users.data ?? []).map((u) => ({
    value: u.id,
    label: `${u.name} — ${u.agencyName ?? u.officeName}`,
  }));
  if (initial?.headUserId && initial.headUserName && !userOptions.some((o) => o.value === initial.headUserId))
    userOptions.unshift({ value: initial.headUserId, label: initial.headUserName });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          {
            id: initial?.id,
            input: {
              ...form,
              headName: form.headName || null,
              members: parseMembers(form.members, initial?.members),
            },
          },
          { onSuccess: () => onDone?.() },
        );
      }}
    >
      <Stack gap="sm">
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
          onChange={(v) => {
            set('agencyId', v);
            // A head user of another agency would be refused: the choice is cleared.
            const head = users.data?.find((u) => u.id === form.headUserId);
            if (v && head && head.agencyId !== v) set('headUserId', null);
          }}
        />
        <Group grow align="flex-start">
          <TextInput
            label={t('prevention.taskForces.head')}
            value={form.headName}
            onChange={(e) => set('headName', e.currentTarget.value)}
          />
          <Select
            label={t('prevention.taskForces.headUser')}
            description={t('prevention.taskForces.headUserHint')}
            placeholder={users.data?.length === 0 ? t('prevention.taskForces.noHeadUsers') : undefined}
            searchable
            clearable
            data={userOptions}
            value={form.headUserId}
            onChange={(v) => {
              set('headUserId', v);
              const user = users.data?.find((u) => u.id === v);
              if (user && !form.headName) set('headName', user.name);
            }}
          />
        </Group>
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
          {onDone && (
            <Button variant="subtle" onClick={onDone}>
              {t('prevention.cancel')}
            </Button>
          )}
          {!onDone && save.isSuccess && <Text c="green">{t('prevention.saved')}</Text>}
        </Group>
      </Stack>
    </form>
  );
}
