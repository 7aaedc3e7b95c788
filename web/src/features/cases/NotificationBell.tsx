import { ActionIcon, Indicator, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useMarkRead, useNotifications } from './api.ts';
import { useT } from './useT.ts';

function BellIcon({ size = 20 }: { size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** The bell in the header: unread count, the latest notifications (deadline reminders, forwarded cases). */
export function NotificationBell() {
  const { t } = useT();
  const list = useNotifications();
  const mark = useMarkRead();
  const navigate = useNavigate();
  const unread = list.data?.unread ?? 0;
  return (
    <Menu position="bottom-end" width={340} shadow="md" withinPortal>
      <Menu.Target>
        <Indicator
          disabled={unread === 0}
          label={unread > 99 ? '99+' : unread}
          size={16}
          color="red"
          offset={4}
        >
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={t('cases.notifications.label', { count: unread })}
          >
            <BellIcon />
          </ActionIcon>
        </Indicator>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('cases.notifications.title')}</Menu.Label>
        {(list.data?.items ?? []).length === 0 && (
          <Text fz="sm" c="dimmed" px="sm" pb="xs">
            {t('cases.notifications.empty')}
          </Text>
        )}
        {list.data?.items.slice(0, 10).map((n) => (
          <Menu.Item
            key={n.id}
            onClick={() => {
              if (!n.readAt) mark.mutate(n.id);
              if (n.link)
                navigate(n.link.replace(/^https?:\/\/[^/]+/, '').replace('/app/cases/', '/app/penanganan/'));
            }}
          >
            <Stack gap={0}>
              <Text fz="sm" fw={n.readAt ? 400 : 700}>
                {n.title}
              </Text>
              <Text fz="xs" c="dimmed" lineClamp={2}>
                {n.body}
              </Text>
            </Stack>
          </Menu.Item>
        ))}
        {unread > 0 && (
          <>
            <Menu.Divider />
            <UnstyledButton px="sm" py={4} onClick={() => mark.mutate('all')}>
              <Text fz="xs" c="blue">
                {t('cases.notifications.markAll')}
              </Text>
            </UnstyledButton>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
