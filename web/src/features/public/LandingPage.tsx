import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Container,
  Divider,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  IconAlert,
  IconArrowRight,
  IconCheck,
  IconClock,
  IconFile,
  IconLock,
  IconMapPin,
  IconTicket,
  IconUserOff,
} from '../../ui/icons.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { PublicHeader } from './PublicHeader.tsx';

/** The translation keys that hold lists of paragraphs. */
type ListKey =
  | 'landing.examples.items'
  | 'landing.paths.formal.who'
  | 'landing.paths.formal.formalItems'
  | 'landing.paths.formal.materialItems'
  | 'landing.paths.tip.items'
  | 'landing.paths.tip.include'
  | 'landing.where.items'
  | 'landing.evidence.items'
  | 'landing.evidence.caution'
  | 'landing.receipt.items'
  | 'landing.protection.items';

const SECTION_STYLE = { scrollMarginTop: 80 } as const;

function Bullets({ items, icon, color = 'netra' }: { items: string[]; icon?: ReactNode; color?: string }) {
  return (
    <List
      spacing="xs"
      size="sm"
      center={false}
      icon={
        <ThemeIcon size={20} radius="xl" variant="light" color={color} mt={2}>
          {icon ?? <IconCheck size={13} />}
        </ThemeIcon>
      }
      styles={{ itemWrapper: { alignItems: 'flex-start' }, itemLabel: { lineHeight: 1.55 } }}
    >
      {items.map((item) => (
        <List.Item key={item}>{item}</List.Item>
      ))}
    </List>
  );
}

function SectionTitle({ id, children }: { id: string; children: ReactNode }) {
  return (
    <Title order={2} id={id} fz={{ base: 22, sm: 26 }} c="netra.9" style={SECTION_STYLE}>
      {children}
    </Title>
  );
}

/**
 * The public landing page: what ASN neutrality supervision is and how to report a suspected
 * violation — the two paths, requirements, deadline, evidence, receipt code and protection.
 */
export function LandingPage() {
  const { t } = useTranslation();
  usePageTitle();
  const list = (key: ListKey): string[] => t(key, { returnObjects: true });
  const steps: { title: string; body: string }[] = t('landing.after.steps', { returnObjects: true });

  return (
    <>
      <a className="netra-skip-link" href="#konten">
        {t('app.skipToContent')}
      </a>
      <PublicHeader withPageLinks />
      <Box component="main" id="konten" tabIndex={-1} bg="gray.0">
        {/* Hero */}
        <Box
          style={{
            background:
              'linear-gradient(135deg, var(--mantine-color-netra-9) 0%, var(--mantine-color-netra-8) 60%, var(--mantine-color-netra-7) 100%)',
          }}
          c="white"
          pt={{ base: 40, sm: 64 }}
          pb={{ base: 88, sm: 104 }}
        >
          <Container size="lg">
            <Stack gap="md" maw={760}>
              <Text tt="uppercase" fz="xs" fw={700} c="netra.1" style={{ letterSpacing: '0.08em' }}>
                {t('landing.hero.eyebrow')}
              </Text>
              <Title order={1} fz={{ base: 30, sm: 42 }} lh={1.15} c="white">
                {t('landing.hero.title')}
              </Title>
              <Text fz={{ base: 'md', sm: 'lg' }} lh={1.6} c="netra.0">
                {t('landing.hero.lead')}
              </Text>
              <Group gap="sm" mt="xs">
                <Button
                  component={Link}
                  to="/lapor"
                  size="md"
                  color="red.7"
                  rightSection={<IconArrowRight size={18} />}
                >
                  {t('landing.hero.primary')}
                </Button>
                <Button component="a" href="#contoh" size="md" variant="white" color="netra.9">
                  {t('landing.hero.secondary')}
                </Button>
              </Group>
            </Stack>
          </Container>
        </Box>

        <Container size="lg" mt={{ base: -64, sm: -72 }} pb="xl">
          {/* Key facts */}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            {[
              { icon: <IconClock size={22} />, value: 'deadlineValue', text: 'deadlineText' },
              { icon: <IconFile size={22} />, value: 'pathsValue', text: 'pathsText' },
              { icon: <IconLock size={22} />, value: 'protectionValue', text: 'protectionText' },
            ].map((fact) => (
              <Paper key={fact.value} shadow="md" radius="md" p="lg" withBorder>
                <Group gap="md" wrap="nowrap" align="flex-start">
                  <ThemeIcon size={44} radius="md" variant="light">
                    {fact.icon}
                  </ThemeIcon>
                  <div>
                    <Text fw={800} fz="xl" c="netra.9">
                      {t(`landing.facts.${fact.value}` as 'landing.facts.deadlineValue')}
                    </Text>
                    <Text fz="sm" c="dimmed" lh={1.45}>
                      {t(`landing.facts.${fact.text}` as 'landing.facts.deadlineText')}
                    </Text>
                  </div>
                </Group>
              </Paper>
            ))}
          </SimpleGrid>

          {/* What ASN neutrality is, and examples */}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl" mt={56}>
            <Stack gap="sm" component="section" aria-labelledby="tentang">
              <SectionTitle id="tentang">{t('landing.about.title')}</SectionTitle>
              <Text lh={1.65}>{t('landing.about.body')}</Text>
              <Text lh={1.65}>{t('landing.about.flow')}</Text>
            </Stack>
            <Stack gap="sm" component="section" aria-labelledby="contoh">
              <SectionTitle id="contoh">{t('landing.examples.title')}</SectionTitle>
              <Text fz="sm" c="dimmed">
                {t('landing.examples.intro')}
              </Text>
              <Bullets items={list('landing.examples.items')} icon={<IconAlert size={13} />} color="red" />
              <Text fz="sm" fw={600} c="red.8">
                {t('landing.examples.note')}
              </Text>
            </Stack>
          </SimpleGrid>

          {/* The two paths */}
          <Stack gap="md" mt={64} component="section" aria-labelledby="cara-melapor">
            <SectionTitle id="cara-melapor">{t('landing.paths.title')}</SectionTitle>
            <Text c="dimmed">{t('landing.paths.intro')}</Text>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
              <Card
                withBorder
                radius="md"
                padding="lg"
                shadow="xs"
                style={{ borderTop: '4px solid var(--mantine-color-netra-7)' }}
              >
                <Stack gap="md">
                  <Group justify="space-between" align="flex-start" gap="xs">
                    <Title order={3} fz="xl" c="netra.9">
                      {t('landing.paths.formal.title')}
                    </Title>
                    <Badge variant="light" style={{ flexShrink: 0 }}>
                      {t('landing.paths.formal.badge')}
                    </Badge>
                  </Group>
                  <Text fz="sm" lh={1.6}>
                    {t('landing.paths.formal.summary')}
                  </Text>
                  <Divider />
                  <Title order={4} fz="md">
                    {t('landing.paths.formal.whoTitle')}
                  </Title>
                  <Bullets items={list('landing.paths.formal.who')} />
                  <Title order={4} fz="md">
                    {t('landing.paths.formal.deadlineTitle')}
                  </Title>
                  <Alert variant="light" color="orange" icon={<IconClock size={18} />} p="sm">
                    <Text fz="sm" fw={500}>
                      {t('landing.paths.formal.deadline')}
                    </Text>
                  </Alert>
                  <Title order={4} fz="md">
                    {t('landing.paths.formal.formalTitle')}
                  </Title>
                  <Bullets items={list('landing.paths.formal.formalItems')} />
                  <Title order={4} fz="md">
                    {t('landing.paths.formal.materialTitle')}
                  </Title>
                  <Bullets items={list('landing.paths.formal.materialItems')} />
                  <Text fz="sm" c="dimmed" lh={1.55}>
                    {t('landing.paths.formal.formNote')}
                  </Text>
                  <Button component={Link} to="/lapor/resmi" rightSection={<IconArrowRight size={18} />}>
                    {t('reports.cta.formal')}
                  </Button>
                </Stack>
              </Card>
              <Card
                withBorder
                radius="md"
                padding="lg"
                shadow="xs"
                style={{ borderTop: '4px solid var(--mantine-color-teal-7)' }}
              >
                <Stack gap="md">
                  <Group justify="space-between" align="flex-start" gap="xs">
                    <Title order={3} fz="xl" c="netra.9">
                      {t('landing.paths.tip.title')}
                    </Title>
                    <Badge variant="light" color="teal" style={{ flexShrink: 0 }}>
                      {t('landing.paths.tip.badge')}
                    </Badge>
                  </Group>
                  <Text fz="sm" lh={1.6}>
                    {t('landing.paths.tip.summary')}
                  </Text>
                  <Divider />
                  <Bullets
                    items={list('landing.paths.tip.items')}
                    icon={<IconUserOff size={13} />}
                    color="teal"
                  />
                  <Title order={4} fz="md">
                    {t('landing.paths.tip.includeTitle')}
                  </Title>
                  <Bullets items={list('landing.paths.tip.include')} color="teal" />
                  <Alert variant="light" color="teal" icon={<IconTicket size={18} />} p="sm">
                    <Text fz="sm" fw={500}>
                      {t('landing.paths.tip.receiptNote')}
                    </Text>
                  </Alert>
                  <Button
                    component={Link}
                    to="/lapor/informasi"
                    color="teal"
                    rightSection={<IconArrowRight size={18} />}
                  >
                    {t('reports.cta.tip')}
                  </Button>
                  <Anchor component={Link} to="/lapor/status" fz="sm">
                    {t('reports.cta.status')}
                  </Anchor>
                </Stack>
              </Card>
            </SimpleGrid>
            <Alert variant="light" color="netra" title={null} radius="md">
              <Text fz="sm" lh={1.6}>
                {t('landing.paths.choose')}
              </Text>
            </Alert>
          </Stack>

          {/* Where to report */}
          <Stack gap="md" mt={56} component="section" aria-labelledby="tempat">
            <SectionTitle id="tempat">{t('landing.where.title')}</SectionTitle>
            <Paper withBorder radius="md" p="lg">
              <Bullets items={list('landing.where.items')} icon={<IconMapPin size={13} />} />
            </Paper>
          </Stack>

          {/* Evidence */}
          <Stack gap="md" mt={56} component="section" aria-labelledby="bukti">
            <SectionTitle id="bukti">{t('landing.evidence.title')}</SectionTitle>
            <Text c="dimmed">{t('landing.evidence.intro')}</Text>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
              <Paper withBorder radius="md" p="lg">
                <Bullets items={list('landing.evidence.items')} />
              </Paper>
              <Stack gap="md">
                <Paper withBorder radius="md" p="lg">
                  <Title order={3} fz="md" mb="xs">
                    {t('landing.evidence.formatTitle')}
                  </Title>
                  <Text fz="sm" lh={1.6}>
                    {t('landing.evidence.format')}
                  </Text>
                </Paper>
                <Paper withBorder radius="md" p="lg" bg="yellow.0">
                  <Title order={3} fz="md" mb="xs">
                    {t('landing.evidence.cautionTitle')}
                  </Title>
                  <Bullets
                    items={list('landing.evidence.caution')}
                    icon={<IconAlert size={13} />}
                    color="orange"
                  />
                </Paper>
              </Stack>
            </SimpleGrid>
          </Stack>

          {/* Receipt code and protection */}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" mt={56}>
            <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="tanda-terima">
              <Group gap="sm" mb="sm" wrap="nowrap">
                <ThemeIcon size={36} radius="md" variant="light">
                  <IconTicket size={20} />
                </ThemeIcon>
                <SectionTitle id="tanda-terima">{t('landing.receipt.title')}</SectionTitle>
              </Group>
              <Text fz="sm" lh={1.6} mb="md">
                {t('landing.receipt.body')}
              </Text>
              <Bullets items={list('landing.receipt.items')} />
            </Card>
            <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="perlindungan">
              <Group gap="sm" mb="sm" wrap="nowrap">
                <ThemeIcon size={36} radius="md" variant="light" color="teal">
                  <IconLock size={20} />
                </ThemeIcon>
                <SectionTitle id="perlindungan">{t('landing.protection.title')}</SectionTitle>
              </Group>
              <Bullets items={list('landing.protection.items')} icon={<IconLock size={12} />} color="teal" />
            </Card>
          </SimpleGrid>

          {/* What happens next */}
          <Stack gap="md" mt={56} component="section" aria-labelledby="setelah">
            <SectionTitle id="setelah">{t('landing.after.title')}</SectionTitle>
            <SimpleGrid
              component="ol"
              cols={{ base: 1, sm: 2, lg: 5 }}
              spacing="md"
              p={0}
              m={0}
              style={{ listStyle: 'none' }}
            >
              {steps.map((step, index) => (
                <Paper component="li" key={step.title} withBorder radius="md" p="md">
                  <Group gap="xs" mb={6} wrap="nowrap">
                    <ThemeIcon size={28} radius="xl" aria-hidden>
                      <Text fz="sm" fw={700}>
                        {index + 1}
                      </Text>
                    </ThemeIcon>
                    <Text fw={700} c="netra.9" lh={1.25}>
                      {step.title}
                    </Text>
                  </Group>
                  <Text fz="sm" c="dimmed" lh={1.55}>
                    {step.body}
                  </Text>
                </Paper>
              ))}
            </SimpleGrid>
          </Stack>

          {/* For staff */}
          <Paper
            mt={56}
            radius="md"
            p="xl"
            bg="netra.0"
            withBorder
            component="section"
            aria-labelledby="petugas"
          >
            <Group justify="space-between" align="center" gap="md">
              <Stack gap={4} maw={640}>
                <Title order={2} id="petugas" fz="xl" c="netra.9">
                  {t('landing.staff.title')}
                </Title>
                <Text fz="sm">{t('landing.staff.body')}</Text>
              </Stack>
              <Button component={Link} to="/masuk" size="md" rightSection={<IconArrowRight size={18} />}>
                {t('landing.staff.action')}
              </Button>
            </Group>
          </Paper>
        </Container>
      </Box>
      <Box component="footer" bg="netra.9" c="netra.0" py="xl">
        <Container size="lg">
          <Stack gap="xs">
            <Text fz="sm" fw={600} c="white">
              {t('app.name')} — {t('app.tagline')}
            </Text>
            <Text fz="sm">{t('landing.footer.about')}</Text>
            <Text fz="xs" c="netra.2">
              {t('landing.footer.legal')}
            </Text>
            <Anchor component={Link} to="/masuk" fz="xs" c="netra.1">
              {t('landing.nav.staffLogin')}
            </Anchor>
          </Stack>
        </Container>
      </Box>
    </>
  );
}
