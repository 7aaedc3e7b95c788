import { Anchor, Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconArrowRight, IconTicket } from '../../../ui/icons.tsx';
import { usePageTitle } from '../../../ui/usePageTitle.ts';
import { PublicShell } from './PublicShell.tsx';

/** `/lapor`: choose between a formal report and an (anonymous) tip. */
export function ChoosePathPage() {
  const { t } = useTranslation();
  usePageTitle(t('reports.choose.title'));
  const items = (key: 'reports.choose.formal.points' | 'reports.choose.tip.points') =>
    t(key, { returnObjects: true }) as unknown as string[];
  return (
    <PublicShell>
      <Stack gap="lg">
        <Title order={1} fz={{ base: 26, sm: 32 }}>
          {t('reports.choose.title')}
        </Title>
        <Text>{t('reports.choose.lead')}</Text>
        <Card withBorder padding="lg" radius="md">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={2} fz="xl">
                {t('reports.choose.formal.title')}
              </Title>
              <Badge>{t('reports.choose.formal.badge')}</Badge>
            </Group>
            <List size="sm" spacing={4}>
              {items('reports.choose.formal.points').map((p) => (
                <List.Item key={p}>{p}</List.Item>
              ))}
            </List>
            <Button component={Link} to="/lapor/resmi" rightSection={<IconArrowRight size={18} />} size="md">
              {t('reports.choose.formal.cta')}
            </Button>
          </Stack>
        </Card>
        <Card withBorder padding="lg" radius="md">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={2} fz="xl">
                {t('reports.choose.tip.title')}
              </Title>
              <Badge color="teal">{t('reports.choose.tip.badge')}</Badge>
            </Group>
            <List size="sm" spacing={4}>
              {items('reports.choose.tip.points').map((p) => (
                <List.Item key={p}>{p}</List.Item>
              ))}
            </List>
            <Button
              component={Link}
              to="/lapor/informasi"
              color="teal"
              rightSection={<IconArrowRight size={18} />}
              size="md"
            >
              {t('reports.choose.tip.cta')}
            </Button>
          </Stack>
        </Card>
        <Group gap="xs">
          <IconTicket size={18} />
          <Anchor component={Link} to="/lapor/status">
            {t('reports.choose.status')}
          </Anchor>
        </Group>
      </Stack>
    </PublicShell>
  );
}
