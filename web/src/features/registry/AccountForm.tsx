import { Alert, Button, Group, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../src/contracts/registry.ts';
import {
  DEFAULT_CONFIDENCE,
  LINK_SOURCES,
  type LinkSource,
  PLATFORMS,
  type Platform,
  WATCH_STATUSES,
  type WatchStatus,
} from '../../../../src/domain/registry-import.ts';
import { isApiError } from '../../app/api.ts';
import { useCreateAccount, useStaff, useUpdateAccount } from './api.ts';

/**
 * Registers or edits a social account: platform, handle, profile URL, platform user id, the staff
 * member it belongs to (searched by name or NIP), how that link is known and how sure it is, and
 * whether it is watched. With `staff` the account is linked to that staff member.
 */
export function AccountForm({
  account,
  staff,
  onDone,
}: {
  account?: AccountView;
  staff?: { id: string; name: string };
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateAccount();
  const update = useUpdateAccount();
  const save = account ? update : create;
  const [platform, setPlatform] = useState<Platform>(account?.platform ?? 'instagram');
  const [handle, setHandle] = useState(account?.handle ?? '');
  const [profileUrl, setProfileUrl] = useState(account?.profileUrl ?? '');
  const [platformUserId, setPlatformUserId] = useState(account?.platformUserId ?? '');
  const [staffId, setStaffId] = useState<string | null>(staff?.id ?? account?.staff?.id ?? null);
  const [staffSearch, setStaffSearch] = useState('');
  const [debounced] = useDebouncedValue(staffSearch.trim(), 300);
  const found = useStaff({ q: debounced || undefined, page: 1 });
  const [linkSource, setLinkSource] = useState<LinkSource | null>(
    account?.linkSource ?? (staff ? 'patrol' : null),
  );
  const [confidence, setConfidence] = useState<number | string>(
    account?.linkConfidence !== null && account?.linkConfidence !== undefined
      ? Math.round(account.linkConfidence * 100)
      : '',
  );
  const [watchStatus, setWatchStatus] = useState<WatchStatus>(account?.watchStatus ?? 'watched');
  const fieldError = (field: string) =>
    isApiError(save.error) ? save.error.details.find((d) => d.field === field)?.message : undefined;

  const current = staff ?? account?.staff ?? null;
  const staffOptions = [
    ...(current ? [{ value: current.id, label: current.name }] : []),
    ...(debounced && found.data
      ? found.data.items
          .filter((s) => s.id !== current?.id)
          .map((s) => ({ value: s.id, label: `${s.name}${s.nip ? ` · ${s.nip}` : ''} · ${s.agency.name}` }))
      : []),
  ];
  const submit = () => {
    const linked = staffId !== null;
    const body = {
      platform,
      handle,
      profileUrl: profileUrl.trim() || null,
      platformUserId: platformUserId.trim() || null,
      staffId,
      linkSource: linked ? (linkSource ?? 'patrol') : null,
      linkConfidence: linked
        ? confidence === ''
          ? DEFAULT_CONFIDENCE[linkSource ?? 'patrol']
          : Number(confidence) / 100
        : null,
      watchStatus,
    };
    if (account) update.mutate({ id: account.id, patch: body }, { onSuccess: onDone });
    else create.mutate(body, { onSuccess: onDone });
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('registry.platform')}
            data={PLATFORMS.map((p) => ({ value: p, label: t(`registry.platforms.${p}`) }))}
            value={platform}
            onChange={(v) => v && setPlatform(v as Platform)}
            allowDeselect={false}
          />
          <TextInput
            label={t('registry.handle')}
            description={t('registry.forms.handleHint')}
            value={handle}
            onChange={(e) => setHandle(e.currentTarget.value)}
            error={fieldError('handle')}
            required
          />
          <TextInput
            label={t('registry.forms.profileUrl')}
            type="url"
            placeholder="https://"
            value={profileUrl}
            onChange={(e) => setProfileUrl(e.currentTarget.value)}
            error={fieldError('profileUrl')}
          />
          <TextInput
            label={t('registry.forms.platformUserId')}
            value={platformUserId}
            onChange={(e) => setPlatformUserId(e.currentTarget.value)}
            error={fieldError('platformUserId')}
          />
        </SimpleGrid>
        {!staff && (
          <Select
            label={t('registry.linkedStaff')}
            description={t('registry.forms.staffSearchHint')}
            searchable
            clearable
            filter={({ options }) => options}
            searchValue={staffSearch}
            onSearchChange={setStaffSearch}
            data={staffOptions}
            value={staffId}
            onChange={setStaffId}
            error={fieldError('staffId')}
            nothingFoundMessage={debounced ? t('registry.noStaff') : undefined}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('registry.linkSource')}
            data={LINK_SOURCES.map((l) => ({ value: l, label: t(`registry.linkSources.${l}`) }))}
            value={linkSource}
            onChange={(v) => setLinkSource(v as LinkSource | null)}
            disabled={staffId === null}
          />
          <NumberInput
            label={t('registry.forms.confidence')}
            description={t('registry.forms.confidenceHint')}
            min={0}
            max={100}
            suffix=" %"
            value={confidence}
            onChange={setConfidence}
            disabled={staffId === null}
            error={fieldError('linkConfidence')}
          />
          <Select
            label={t('registry.watchStatus')}
            data={WATCH_STATUSES.map((w) => ({ value: w, label: t(`registry.watchStatuses.${w}`) }))}
            value={watchStatus}
            onChange={(v) => v && setWatchStatus(v as WatchStatus)}
            allowDeselect={false}
          />
        </SimpleGrid>
        {save.isError && (
          <Alert color="red" role="alert">
            {save.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={!handle.trim()}>
            {t('registry.forms.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
