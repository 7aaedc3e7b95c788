import {
  Anchor,
  Badge,
  Button,
  Card,
  CopyButton,
  FileButton,
  Group,
  Progress,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { CampaignView } from '../../../../src/contracts/prevention.ts';
import { useCurrentUser } from '../auth/RequireAuth.tsx';
import { useCampaignCoverage, useCampaigns, useCloseCampaign, useCreateCampaign, useUpload } from './api.ts';
import { AgencyPicker, Loading, MutationError, today } from './shared.tsx';

const DEFAULT_TEXT = `Kami Aparatur Sipil Negara dengan ini berikrar:
1. Menjaga dan menegakkan prinsip netralitas ASN dalam melaksanakan tugas pelayanan publik;
2. Menghindari konflik kepentingan, tidak melakukan intimidasi, serta tidak memihak kepada peserta pemilihan mana pun;
3. Menggunakan media sosial secara bijak, tidak menyebarkan ujaran kebencian dan berita bohong;
4. Menolak politik uang dan segala bentuk pemberian dalam pemilihan.`;

/** Neutrality pledge campaigns: creation, the public link, live coverage per agency and unit. */
export function PledgesTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const campaigns = useCampaigns();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Stack gap="md">
      {canWrite && <CampaignForm onCreated={setOpen} />}
      <Loading query={campaigns} />
      {campaigns.data?.length === 0 && <Text c="dimmed">{t('prevention.pledges.empty')}</Text>}
      {campaigns.data?.map((c) => (
        <CampaignCard
          key={c.id}
          campaign={c}
          canWrite={canWrite}
          expanded={open === c.id}
          onToggle={() => setOpen(open === c.id ? null : c.id)}
        />
      ))}
    </Stack>
  );
}

function CampaignForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const create = useCreateCampaign();
  const [form, setForm] = useState({
    title: '',
    text: DEFAULT_TEXT,
    regionCode: me.office.regionCode === '00' ? '' : me.office.regionCode,
    agencyId: null as string | null,
    opensOn: today(),
    closesOn: '',
  });
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ ...form, closesOn: form.closesOn || null }, { onSuccess: (c) => onCreated(c.id) });
        }}
      >
        <Stack gap="sm">
          <Title order={2} fz={18}>
            {t('prevention.pledges.new')}
          </Title>
          <TextInput
            label={t('prevention.pledges.title')}
            required
            value={form.title}
            onChange={(e) => set('title', e.currentTarget.value)}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('prevention.regionCode')}
              description={t('prevention.regionCodeHint')}
              required
              value={form.regionCode}
              onChange={(e) => set('regionCode', e.currentTarget.value.trim())}
            />
            <TextInput
              label={t('prevention.pledges.opensOn')}
              type="date"
              required
              value={form.opensOn}
              onChange={(e) => set('opensOn', e.currentTarget.value)}
            />
            <TextInput
              label={t('prevention.pledges.closesOn')}
              type="date"
              value={form.closesOn}
              onChange={(e) => set('closesOn', e.currentTarget.value)}
            />
          </Group>
          <AgencyPicker
            label={t('prevention.pledges.agency')}
            value={form.agencyId}
            onChange={(v) => set('agencyId', v)}
          />
          <Textarea
            label={t('prevention.pledges.text')}
            required
            autosize
            minRows={5}
            value={form.text}
            onChange={(e) => set('text', e.currentTarget.value)}
          />
          <MutationError error={create.error} />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('prevention.pledges.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function CampaignCard(props: {
  campaign: CampaignView;
  canWrite: boolean;
  expanded: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation();
  const c = props.campaign;
  const close = useCloseCampaign();
  const url = `${window.location.origin}${c.publicPath}`;
  return (
    <Card withBorder data-testid="pledge-campaign">
      <Stack gap={6}>
        <Group justify="space-between">
          <Text fw={600}>{c.title}</Text>
          <Badge color={c.closed ? 'gray' : 'green'}>
            {c.closed ? t('prevention.pledges.closed') : t('prevention.pledges.open')}
          </Badge>
        </Group>
        <Text fz="sm" c="dimmed">
          {c.agencyName ?? c.regionName ?? c.regionCode} · {c.opensOn}
          {c.closesOn ? ` – ${c.closesOn}` : ''}
        </Text>
        <Group gap="sm">
          <Progress value={c.percent ?? 0} w={200} aria-label={t('prevention.pledges.coverage')} />
          <Text fz="sm" data-testid="pledge-count">
            {t('prevention.pledges.signedOf', { signed: c.signed, staff: c.staff, percent: c.percent ?? 0 })}
          </Text>
        </Group>
        <Group gap="sm">
          <Anchor href={c.publicPath} target="_blank" fz="sm" data-testid="pledge-public-link">
            {url}
          </Anchor>
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button size="compact-xs" variant="subtle" onClick={copy}>
                {copied ? t('prevention.pledges.copied') : t('prevention.pledges.copyLink')}
              </Button>
            )}
          </CopyButton>
          <Button size="compact-xs" variant="light" onClick={props.onToggle}>
            {props.expanded ? t('prevention.pledges.hideDetail') : t('prevention.pledges.showDetail')}
          </Button>
          {props.canWrite && !c.closed && (
            <Button size="compact-xs" variant="subtle" color="red" onClick={() => close.mutate(c.id)}>
              {t('prevention.pledges.close')}
            </Button>
          )}
        </Group>
        {props.expanded && <CampaignDetail id={c.id} canWrite={props.canWrite} />}
      </Stack>
    </Card>
  );
}

const UploadResult = z.object({ rows: z.number(), added: z.number(), alreadySigned: z.number() });

function CampaignDetail({ id, canWrite }: { id: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const coverage = useCampaignCoverage(id);
  const upload = useUpload(UploadResult);
  return (
    <Stack gap="sm" mt="sm">
      {canWrite && (
        <Group gap="sm">
          <FileButton
            accept=".csv,.xlsx"
            onChange={(file) =>
              file && upload.mutate({ url: `/api/prevention/pledges/${id}/signed-list`, file })
            }
          >
            {(p) => (
              <Button {...p} size="xs" variant="light" loading={upload.isPending}>
                {t('prevention.pledges.uploadSigned')}
              </Button>
            )}
          </FileButton>
          <Text fz="xs" c="dimmed">
            {t('prevention.pledges.uploadHint')}
          </Text>
        </Group>
      )}
      {upload.data && (
        <Text c="green" fz="sm">
          {t('prevention.pledges.uploadDone', upload.data)}
        </Text>
      )}
      <MutationError error={upload.error} />
      <Loading query={coverage} />
      {coverage.data && (
        <Table.ScrollContainer minWidth={560}>
          <Table fz="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('prevention.agency')}</Table.Th>
                <Table.Th>{t('prevention.unit')}</Table.Th>
                <Table.Th>{t('prevention.pledges.staff')}</Table.Th>
                <Table.Th>{t('prevention.pledges.signed')}</Table.Th>
                <Table.Th>%</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {coverage.data.rows.map((r) => (
                <Table.Tr key={`${r.agencyId}/${r.unitId}`}>
                  <Table.Td>{r.agencyName}</Table.Td>
                  <Table.Td>{r.unitName ?? '—'}</Table.Td>
                  <Table.Td>{r.staff}</Table.Td>
                  <Table.Td>{r.signed}</Table.Td>
                  <Table.Td>{r.percent ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
