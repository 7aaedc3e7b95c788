import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../ui/usePageTitle.ts';

/** 404 page; inside the staff area it is content of the layout's `main`, elsewhere its own page. */
export function NotFoundPage({ inLayout = false }: { inLayout?: boolean }) {
  const { t } = useTranslation();
  usePageTitle(t('errors.notFoundTitle'));
  return (
    <Center component={inLayout ? 'div' : 'main'} mih={inLayout ? 400 : '100dvh'} p="md">
      <Stack align="center" gap="sm" maw={420} ta="center">
        <Text fz={48} fw={800} c="netra.9">
          404
        </Text>
        <Title order={1} fz="xl">
          {t('errors.notFoundTitle')}
        </Title>
        <Text c="dimmed">{t('errors.notFoundBody')}</Text>
        <Button component={Link} to="/">
          {t('errors.goHome')}
        </Button>
      </Stack>
    </Center>
  );
}
