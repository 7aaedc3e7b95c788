import { Alert, Badge, Button, Card, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaff } from '../registry/api.ts';
import { useDecideSuggestion, useSuggestions } from './api.ts';

function StaffPicker({ agencyId, onPick }: { agencyId: string | undefined; onPick: (id: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const staff = useStaff({ q: q || undefined, agencyId, page: 1 });
  return (
    <Select
      searchable
      size="xs"
      w={320}
      placeholder={t('monitoring.suggestions.pickStaff')}
      searchValue={q}
      onSearchChange={setQ}
      data={(staff.data?.items ?? []).map((s) => ({
        value: s.id,
        label: `${s.name}${s.nip ? ` (${s.nip})` : ''}`,
      }))}
      onChange={(v) => v && onPick(v)}
      filter={({ options }) => options}
    />
  );
}

/** Accounts whose bio declares a civil-service role: link to a staff member, or reject. */
export function SuggestionsPanel({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const list = useSuggestions();
  const decide = useDecideSuggestion();
  if (list.isPending) return <Loader size="sm" />;
  if (list.isError) return <Alert color="red">{list.error.message}</Alert>;
  if (list.data.length === 0) return <Text c="dimmed">{t('monitoring.suggestions.empty')}</Text>;
  return (
    <Stack gap="sm">
      {decide.isError && <Alert color="red">{decide.error.message}</Alert>}
      {list.data.map((s) => (
        <Card key={s.id} withBorder padding="sm">
          <Group justify="space-between" align="start">
            <div>
              <Text fw={700}>
                @{s.handle} <Badge size="sm">{s.platform}</Badge>{' '}
                <Badge size="sm" color="orange">
                  {s.matchedText}
                </Badge>
              </Text>
              <Text size="sm">{s.authorName}</Text>
              <Text size="sm" c="dimmed">
                {s.authorBio}
              </Text>
              <Text size="sm">
                {t('monitoring.suggestions.agency')}:{' '}
                {s.agency ? s.agency.name : t('monitoring.suggestions.noAgency')} ·{' '}
                {t('monitoring.suggestions.confidence')} {Math.round(s.confidence * 100)}%
              </Text>
            </div>
            {canWrite && (
              <Stack gap={4} align="end">
                <StaffPicker
                  agencyId={s.agency?.id}
                  onPick={(staffId) => decide.mutate({ id: s.id, decision: { decision: 'accept', staffId } })}
                />
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => decide.mutate({ id: s.id, decision: { decision: 'reject' } })}
                >
                  {t('monitoring.suggestions.reject')}
                </Button>
              </Stack>
            )}
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
