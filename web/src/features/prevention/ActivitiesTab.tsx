import {
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Modal,
  NumberInput,
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
import { ActivityView, AttendanceResult } from '../../../../src/contracts/prevention.ts';
import { ACTIVITY_KINDS } from '../../../../src/domain/prevention.ts';
import { useCurrentUser } from '../auth/RequireAuth.tsx';
import { useActivities, useSaveActivity, useUpload } from './api.ts';
import { AgenciesPicker, Loading, MutationError, today } from './shared.tsx';

/** Socialisation, coordination meetings, dissemination and cyber patrols, with attendance and files. */
export function ActivitiesTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<string | null>(null);
  const activities = useActivities({ kind: kind ?? undefined });
  const kinds = ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`prevention.kinds.${k}`) }));
  return (
    <Stack gap="md">
      {canWrite && (
        <Card withBorder>
          <Title order={2} fz={18} mb="sm">
            {t('prevention.activities.new')}
          </Title>
          <ActivityForm />
        </Card>
      )}
      <Group>
        <Select
          label={t('prevention.activities.filterKind')}
          data={kinds}
          value={kind}
          onChange={setKind}
          clearable
          w={260}
        />
      </Group>
      <Loading query={activities} />
      {activities.data?.length === 0 && <Text c="dimmed">{t('prevention.activities.empty')}</Text>}
      {activities.data?.map((a) => (
        <ActivityCard key={a.id} activity={a} canWrite={canWrite} />
      ))}
    </Stack>
  );
}

/** Records an activity, or edits `initial` (then `onDone` is called once saved). */
function ActivityForm({ initial, onDone }: { initial?: ActivityView; onDone?: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const save = useSaveActivity();
  const [form, setForm] = useState({
    kind: initial?.kind ?? ('sosialisasi' as (typeof ACTIVITY_KINDS)[number]),
    title: initial?.title ?? '',
    description: initial?.description ?? '',
    heldOn: initial?.heldOn ?? today(),
    location: initial?.location ?? '',
    regionCode: initial?.regionCode ?? (me.office.regionCode === '00' ? '' : me.office.regionCode),
    participants: initial?.participants ?? 0,
    agencyIds: initial?.agencies.map((g) => g.id) ?? ([] as string[]),
  });
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          {
            id: initial?.id,
            input: { ...form, description: form.description || null, location: form.location || null },
          },
          {
            onSuccess: () =>
              onDone ? onDone() : setForm((f) => ({ ...f, title: '', description: '', participants: 0 })),
          },
        );
      }}
    >
      <Stack gap="sm">
        <Group grow align="flex-start">
          <Select
            label={t('prevention.activities.kind')}
            data={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`prevention.kinds.${k}`) }))}
            value={form.kind}
            onChange={(v) => v && set('kind', v as typeof form.kind)}
            allowDeselect={false}
          />
          <TextInput
            label={t('prevention.activities.heldOn')}
            type="date"
            required
            value={form.heldOn}
            onChange={(e) => set('heldOn', e.currentTarget.value)}
          />
          <TextInput
            label={t('prevention.regionCode')}
            description={t('prevention.regionCodeHint')}
            required
            value={form.regionCode}
            onChange={(e) => set('regionCode', e.currentTarget.value.trim())}
          />
        </Group>
        <TextInput
          label={t('prevention.activities.title')}
          required
          value={form.title}
          onChange={(e) => set('title', e.currentTarget.value)}
        />
        <Group grow align="flex-start">
          <TextInput
            label={t('prevention.activities.location')}
            value={form.location}
            onChange={(e) => set('location', e.currentTarget.value)}
          />
          <NumberInput
            label={t('prevention.activities.participants')}
            min={0}
            value={form.participants}
            onChange={(v) => set('participants', Number(v) || 0)}
          />
        </Group>
        <AgenciesPicker
          label={t('prevention.activities.agencies')}
          value={form.agencyIds}
          onChange={(v) => set('agencyIds', v)}
        />
        <Textarea
          label={t('prevention.activities.description')}
          autosize
          minRows={2}
          value={form.description}
          onChange={(e) => set('description', e.currentTarget.value)}
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

function ActivityCard({ activity: a, canWrite }: { activity: ActivityView; canWrite: boolean }) {
  const { t } = useTranslation();
  const attendance = useUpload(AttendanceResult);
  const files = useUpload(ActivityView);
  const [editing, setEditing] = useState(false);
  return (
    <Card withBorder data-testid="activity">
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Badge variant="light">{t(`prevention.kinds.${a.kind}`)}</Badge>
            <Text fw={600}>{a.title}</Text>
          </Group>
          <Text c="dimmed" fz="sm">
            {a.heldOn} · {a.regionName ?? a.regionCode}
            {a.location ? ` · ${a.location}` : ''}
          </Text>
        </Group>
        <Group gap="md" fz="sm">
          <Text fz="sm">
            {t('prevention.activities.participantsN', { n: a.participants })}
            {a.attendees > 0 &&
              ` · ${t('prevention.activities.attendeesN', { n: a.attendees, matched: a.attendeesMatched })}`}
          </Text>
          {a.stage && (
            <Badge color="grape" variant="light">
              {t('prevention.activities.stage', { name: a.stage.name })}
            </Badge>
          )}
        </Group>
        {a.agencies.length > 0 && (
          <Text fz="sm" c="dimmed">
            {a.agencies.map((g) => g.name).join(', ')}
          </Text>
        )}
        {a.description && <Text fz="sm">{a.description}</Text>}
        {a.files.length > 0 && (
          <Group gap="sm">
            {a.files.map((f) => (
              <Anchor key={f.id} href={`/api/prevention/activities/${a.id}/files/${f.id}`} fz="sm">
                {f.kind === 'photo' ? '🖼 ' : '📄 '}
                {f.filename}
              </Anchor>
            ))}
          </Group>
        )}
        {editing && (
          <Modal
            opened
            onClose={() => setEditing(false)}
            title={t('prevention.activities.editTitle')}
            size="lg"
          >
            <ActivityForm initial={a} onDone={() => setEditing(false)} />
          </Modal>
        )}
        {canWrite && (
          <Group gap="sm">
            <Button size="xs" variant="light" onClick={() => setEditing(true)}>
              {t('prevention.edit')}
            </Button>
            <FileButton
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(file) =>
                file && attendance.mutate({ url: `/api/prevention/activities/${a.id}/attendance`, file })
              }
            >
              {(props) => (
                <Button {...props} size="xs" variant="light" loading={attendance.isPending}>
                  {t('prevention.activities.uploadAttendance')}
                </Button>
              )}
            </FileButton>
            <FileButton
              accept="image/jpeg,image/png,image/webp,image/heic,application/pdf,.docx,.xlsx,.pptx"
              onChange={(file) =>
                file && files.mutate({ url: `/api/prevention/activities/${a.id}/files`, file })
              }
            >
              {(props) => (
                <Button {...props} size="xs" variant="light" loading={files.isPending}>
                  {t('prevention.activities.addFile')}
                </Button>
              )}
            </FileButton>
          </Group>
        )}
        {attendance.data && (
          <Text fz="sm" c="green">
            {t('prevention.activities.attendanceDone', {
              rows: attendance.data.rows,
              matched: attendance.data.matched,
            })}
          </Text>
        )}
        {attendance.data && attendance.data.unmatched.length > 0 && (
          <Table fz="xs" withTableBorder>
            <Table.Tbody>
              {attendance.data.unmatched.slice(0, 10).map((u) => (
                <Table.Tr key={u.row}>
                  <Table.Td>{u.row}</Table.Td>
                  <Table.Td>{u.name}</Table.Td>
                  <Table.Td>{u.nip ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <MutationError error={attendance.error ?? files.error} />
      </Stack>
    </Card>
  );
}
