import { Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SECTIONS, type SectionKey } from '../app/sections.ts';
import { usePageTitle } from './usePageTitle.ts';

/** Title (the page's one `h1`) and the one-paragraph purpose of a staff section. */
export function SectionHeader({ section }: { section: SectionKey }) {
  const { t } = useTranslation();
  usePageTitle(t(`sections.${section}.title`));
  const Icon = SECTIONS.find((s) => s.key === section)!.icon;
  return (
    <Stack gap="xs" maw={820}>
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon size={40} radius="md" variant="light" aria-hidden>
          <Icon size={24} />
        </ThemeIcon>
        <Title order={1} fz={{ base: 26, sm: 30 }}>
          {t(`sections.${section}.title`)}
        </Title>
      </Group>
      <Text c="dimmed" fz="md" lh={1.6}>
        {t(`sections.${section}.description`)}
      </Text>
    </Stack>
  );
}

/** A staff section that so far shows only its header; later issues add the working parts. */
export function SectionPage({ section }: { section: SectionKey }) {
  return (
    <Stack gap="lg">
      <SectionHeader section={section} />
    </Stack>
  );
}
