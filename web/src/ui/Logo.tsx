import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The Netra mark: an eye (netra, Sanskrit for "eye") around a red pupil. */
export function LogoMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="var(--mantine-color-netra-8)" />
      <path
        d="M4 16c3.2-5.3 7.2-8 12-8s8.8 2.7 12 8c-3.2 5.3-7.2 8-12 8s-8.8-2.7-12-8z"
        fill="none"
        stroke="#fff"
        strokeWidth="2.2"
        strokeLinejoin="round"
      />
      <circle cx="16" cy="16" r="4.2" fill="var(--mantine-color-red-7)" />
    </svg>
  );
}

/** Mark + name + tagline, as used in the headers. */
export function Logo({ inverted = false }: { inverted?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <LogoMark />
      <Stack gap={0}>
        <Text fw={800} fz="lg" lh={1.1} c={inverted ? 'white' : 'netra.9'}>
          {t('app.name')}
        </Text>
        <Text fz="xs" lh={1.2} c={inverted ? 'netra.1' : 'dimmed'} visibleFrom="xs">
          {t('app.tagline')}
        </Text>
      </Stack>
    </Group>
  );
}
