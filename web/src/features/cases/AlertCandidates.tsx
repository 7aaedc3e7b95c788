import { Alert, Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useAlertCandidates, useOpenFromAlert } from './api.ts';
import { useT } from './useT.ts';

/** Confirmed monitoring alerts that are not a case yet, each with "open case". */
export function AlertCandidates() {
  const { t } = useT();
  const list = useAlertCandidates(true);
  const open = useOpenFromAlert();
  const navigate = useNavigate();
  if (!list.data?.length) return null;
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {t('cases.alertCandidates.title', { count: list.data.length })}
      </Text>
      {open.isError && <Alert color="red">{(open.error as Error).message}</Alert>}
      <Stack gap="xs">
        {list.data.slice(0, 10).map((a) => (
          <Group key={a.alertId} justify="space-between" wrap="nowrap" data-alert-id={a.alertId}>
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text fz="sm" lineClamp={2}>
                {a.summary}
              </Text>
              <Text fz="xs" c="dimmed">
                {a.staffName ?? '-'} · {a.category ? t(`cases.categories.${a.category}`) : '-'} ·{' '}
                {a.regionCode ?? ''}
                {a.url && (
                  <>
                    {' · '}
                    <Anchor href={a.url} target="_blank" rel="noreferrer noopener" fz="xs">
                      {t('cases.alertCandidates.post')}
                    </Anchor>
                  </>
                )}
              </Text>
            </Stack>
            <Button
              size="xs"
              loading={open.isPending && open.variables === a.alertId}
              onClick={() =>
                open.mutate(a.alertId, { onSuccess: (r) => navigate(`/app/penanganan/${r.id}`) })
              }
            >
              {t('cases.alertCandidates.open')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
