import {
  AppShell,
  Avatar,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Outlet, NavLink as RouterNavLink, useLocation, useNavigate } from 'react-router';
import { useLogout } from '../features/auth/api.ts';
import { initials, jurisdictionLabel } from '../features/auth/labels.ts';
import { useCurrentUser } from '../features/auth/RequireAuth.tsx';
import { NotificationBell } from '../features/cases/NotificationBell.tsx';
import { IconChevronDown, IconLogout } from '../ui/icons.tsx';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { Logo } from '../ui/Logo.tsx';
import { SECTIONS } from './sections.ts';

function UserMenu() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <Menu position="bottom-end" width={260} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`${t('user.menu')}: ${me.displayName}`} style={{ borderRadius: 8 }} p={4}>
          <Group gap="xs" wrap="nowrap">
            <Avatar color="netra" radius="xl" size={34}>
              {initials(me.displayName)}
            </Avatar>
            <Stack gap={0} visibleFrom="sm" style={{ maxWidth: 200 }}>
              <Text fz="sm" fw={600} lh={1.2} truncate>
                {me.displayName}
              </Text>
              <Text fz="xs" c="dimmed" lh={1.2} truncate>
                {t(`roles.${me.role}`)}
              </Text>
            </Stack>
            <IconChevronDown size={16} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('user.signedInAs')}</Menu.Label>
        <Stack gap={2} px="sm" pb="xs">
          <Text fz="sm" fw={600}>
            {me.displayName}
          </Text>
          <Text fz="xs" c="dimmed">
            {t(`roles.${me.role}`)} · {me.office.name}
          </Text>
          <Text fz="xs" c="dimmed">
            {jurisdictionLabel(t, me.office)}
          </Text>
        </Stack>
        <Menu.Divider />
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} />}
          onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/masuk', { replace: true }) })}
        >
          {t('user.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The staff area: header (name, language, user menu), navigation of the seven sections, content. */
export function StaffLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const me = useCurrentUser();
  const sections = SECTIONS.filter((s) => s.permission === null || me.permissions.includes(s.permission));

  return (
    <>
      <a className="netra-skip-link" href="#konten">
        {t('app.skipToContent')}
      </a>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding={{ base: 'md', sm: 'xl' }}
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('nav.toggle')}
              />
              <Logo />
            </Group>
            <Group gap="sm" wrap="nowrap">
              <LanguageSwitch />
              <NotificationBell />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
          <AppShell.Section grow component={ScrollArea}>
            <Stack gap={2}>
              {sections.map((section) => {
                const Icon = section.icon;
                const active =
                  section.path === '/app'
                    ? location.pathname === '/app' || location.pathname === '/app/'
                    : location.pathname.startsWith(section.path);
                return (
                  <NavLink
                    key={section.key}
                    component={RouterNavLink}
                    to={section.path}
                    end={section.path === '/app'}
                    label={t(`nav.${section.key}`)}
                    leftSection={<Icon size={20} />}
                    active={active}
                    aria-current={active ? 'page' : undefined}
                    onClick={close}
                    fw={500}
                    style={{ borderRadius: 8 }}
                  />
                );
              })}
            </Stack>
          </AppShell.Section>
          <AppShell.Section>
            <Text fz="xs" c="dimmed" px="sm" pt="sm">
              {t('app.owner')}
            </Text>
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main id="konten" tabIndex={-1} bg="gray.0">
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </>
  );
}
