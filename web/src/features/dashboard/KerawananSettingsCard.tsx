import { Alert, Button, Card, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KERAWANAN_PARTS, type KerawananPartKey } from '../../../../src/domain/kerawanan.ts';
import { useKerawananSettings, useSaveKerawananSettings } from './api.ts';

/** Administrators: the four weights of the kerawanan index (the server validates and audits). */
export function KerawananSettingsCard() {
  const { t } = useTranslation();
  const settings = useKerawananSettings();
  const save = useSaveKerawananSettings();
  const [weights, setWeights] = useState<Record<KerawananPartKey, number> | null>(null);
  useEffect(() => {
    if (settings.data) setWeights(settings.data.settings.weights);
  }, [settings.data]);
  if (!settings.data || !weights) return null;
  const sum = KERAWANAN_PARTS.reduce((s, k) => s + (weights[k] ?? 0), 0);
  const history = settings.data.history;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="bobot">
      <Title order={3} fz="md" id="bobot">
        {t('analytics.settings.title')}
      </Title>
      <Text fz="sm" c="dimmed" mb="sm">
        {t('analytics.settings.intro')}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ ...settings.data.settings, weights });
        }}
      >
        <Stack gap="sm">
          <Group grow>
            {KERAWANAN_PARTS.map((k) => (
              <NumberInput
                key={k}
                label={t(`analytics.part.${k}`)}
                min={0}
                max={100}
                value={weights[k]}
                onChange={(v) => setWeights({ ...weights, [k]: Number(v) || 0 })}
              />
            ))}
          </Group>
          <Group justify="space-between">
            <Text fz="sm" c={sum === 100 ? 'dimmed' : 'red'}>
              Σ = {sum}
            </Text>
            <Button type="submit" loading={save.isPending} disabled={sum !== 100}>
              {t('analytics.settings.save')}
            </Button>
          </Group>
          {save.isSuccess && <Alert color="teal">{t('analytics.settings.saved')}</Alert>}
          {save.isError && <Alert color="red">{save.error.message}</Alert>}
          <Text fz="xs" c="dimmed">
            {history.election
              ? t('analytics.settings.history', {
                  election: history.election,
                  rows: history.rows,
                  cases: history.cases,
                })
              : t('analytics.settings.noHistory')}
          </Text>
        </Stack>
      </form>
    </Card>
  );
}
