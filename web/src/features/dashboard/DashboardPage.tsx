import {
  Anchor,
  Badge,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SECTIONS } from '../../app/sections.ts';
import { IconServer } from '../../ui/icons.tsx';
import { SectionHeader } from '../../ui/SectionHeader.tsx';
import { initials, jurisdictionLabel } from '../auth/labels.ts';
import { useCurrentUser } from '../auth/RequireAuth.tsx';
import { AnalyticsSection } from './AnalyticsSection.tsx';
import { useHealth } from './api.ts';
import { KerawananSettingsCard } from './KerawananSettingsCard.tsx';

function AccountCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const rows: [string, string][] = [
    [t('dashboard.role'), t(`roles.${me.role}`)],
    [t('dashboard.office'), me.office.name],
    [t('dashboard.jurisdiction'), jurisdictionLabel(t, me.office)],
    [t('dashboard.username'), me.username],
  ];
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="akun">
      <Group gap="md" wrap="nowrap" mb="md">
        <ThemeIcon size={48} radius="xl" variant="filled">
          <Text fw={700}>{initials(me.displayName)}</Text>
        </ThemeIcon>
        <div>
          <Title order={2} id="akun" fz="lg">
            {t('dashboard.welcome', { name: me.displayName })}
          </Title>
          <Text fz="sm" c="dimmed">
            {t(`roles.${me.role}`)} · {me.office.name}
          </Text>
        </div>
      </Group>
      <Table variant="vertical" layout="fixed" withTableBorder={false} verticalSpacing={6}>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
          <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('dashboard.yourAccount')}
          </Text>
        </Table.Caption>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={160} fw={500} c="dimmed" fz="sm" bg="transparent">
                {label}
              </Table.Th>
              <Table.Td fz="sm">{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function HealthCard() {
  const { t, i18n } = useTranslation();
  const health = useHealth();
  const status = health.isPending ? 'checking' : health.isError ? 'down' : 'ok';
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="status-server">
      <Group justify="space-between" mb="md" gap="xs">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon size={36} radius="md" variant="light">
            <IconServer size={20} />
          </ThemeIcon>
          <Title order={2} id="status-server" fz="lg">
            {t('dashboard.health.title')}
          </Title>
        </Group>
        {status === 'checking' ? (
          <Loader size="xs" aria-label={t('dashboard.health.checking')} />
        ) : (
          <Badge color={status === 'ok' ? 'teal' : 'red'} variant="light" size="lg" style={{ flexShrink: 0 }}>
            {t(`dashboard.health.${status}`)}
          </Badge>
        )}
      </Group>
      {health.data && (
        <Stack gap={6}>
          <Group justify="space-between">
            <Text fz="sm" c="dimmed">
              {t('dashboard.health.database')}
            </Text>
            <Text fz="sm">{t(`dashboard.health.${health.data.db}`)}</Text>
          </Group>
          <Group justify="space-between">
            <Text fz="sm" c="dimmed">
              {t('dashboard.health.version')}
            </Text>
            <Text fz="sm" ff="monospace">
              {health.data.version}
            </Text>
          </Group>
          <Text fz="xs" c="dimmed" mt="xs">
            {t('dashboard.health.checkedAt', {
              time: new Date(health.dataUpdatedAt).toLocaleTimeString(
                i18n.language === 'en' ? 'en-GB' : 'id-ID',
              ),
            })}
          </Text>
        </Stack>
      )}
      {health.isError && (
        <Text fz="sm" c="red.8">
          {t('errors.network')}
        </Text>
      )}
    </Card>
  );
}

/**
 * `/app` — Dasbor: welcome with the user's role and office, the figures of the user's jurisdiction
 * (analytics.read: KPIs, map with drill-down, kerawanan, trends, breakdowns, exports), the kerawanan
 * weights for administrators, server health, and the sections.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <Stack gap="xl">
      <SectionHeader section="dashboard" />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <AccountCard />
        <HealthCard />
      </SimpleGrid>
      {me.permissions.includes('analytics.read') && <AnalyticsSection />}
      {me.permissions.includes('analytics.manage') && <KerawananSettingsCard />}
      <Stack gap="sm" component="section" aria-labelledby="bagian">
        <Title order={2} id="bagian" fz="lg">
          {t('dashboard.sectionsTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, xl: 3 }} spacing="md">
          {SECTIONS.filter((s) => s.key !== 'dashboard').map((section) => {
            const Icon = section.icon;
            return (
              <Card key={section.key} withBorder radius="md" padding="md">
                <Group gap="sm" mb={6} wrap="nowrap">
                  <ThemeIcon size={32} radius="md" variant="light">
                    <Icon size={18} />
                  </ThemeIcon>
                  <Anchor
                    component={Link}
                    to={section.path}
                    fw={600}
                    fz="md"
                    aria-label={t('dashboard.open', { section: t(`nav.${section.key}`) })}
                  >
                    {t(`nav.${section.key}`)}
                  </Anchor>
                </Group>
                <Text fz="sm" c="dimmed" lineClamp={3}>
                  {t(`sections.${section.key}.description`)}
                </Text>
              </Card>
            );
          })}
        </SimpleGrid>
      </Stack>
    </Stack>
  );
}
