import { Anchor, Box, Button, Container, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from '../../ui/LanguageSwitch.tsx';
import { Logo } from '../../ui/Logo.tsx';

/** Header of the public pages: logo, in-page links (landing only), language switch, staff sign-in. */
export function PublicHeader({ withPageLinks = false }: { withPageLinks?: boolean }) {
  const { t } = useTranslation();
  return (
    <Box
      component="header"
      pos="sticky"
      top={0}
      bg="white"
      style={{ zIndex: 100, borderBottom: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Container size="lg" h={64}>
        <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
          <Anchor
            component={Link}
            to="/"
            underline="never"
            aria-label={`${t('app.name')} — ${t('app.tagline')}`}
          >
            <Logo />
          </Anchor>
          {withPageLinks && (
            <Group component="nav" aria-label={t('landing.nav.label')} gap="lg" visibleFrom="md">
              <Anchor href="#cara-melapor" c="netra.9" fw={500} fz="sm">
                {t('landing.nav.howToReport')}
              </Anchor>
              <Anchor href="#bukti" c="netra.9" fw={500} fz="sm">
                {t('landing.nav.evidence')}
              </Anchor>
              <Anchor href="#perlindungan" c="netra.9" fw={500} fz="sm">
                {t('landing.nav.protection')}
              </Anchor>
            </Group>
          )}
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            <Button component={Link} to="/masuk" size="xs" variant="light" visibleFrom="xs">
              {t('landing.nav.staffLogin')}
            </Button>
          </Group>
        </Group>
      </Container>
    </Box>
  );
}
