import { Alert, Button, Center, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useRouteError } from 'react-router';
import { IconAlert } from '../ui/icons.tsx';

/**
 * Shown instead of a page that failed to render or load — most often a page's code that is no
 * longer on the server after an update, which a reload fixes.
 */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Center component="main" mih="100dvh" p="md">
      <Stack maw={480}>
        <Alert color="red" icon={<IconAlert size={18} />} title={t('errors.pageFailedTitle')} role="alert">
          {t('errors.pageFailedBody')}
          <br />
          <small>{message}</small>
        </Alert>
        <Group>
          <Button onClick={() => window.location.reload()}>{t('errors.reload')}</Button>
          <Button component={Link} to="/" variant="default">
            {t('errors.goHome')}
          </Button>
        </Group>
      </Stack>
    </Center>
  );
}
