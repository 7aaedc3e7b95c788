import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Full-page spinner while a page's code or the signed-in user is loading. */
export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="100dvh">
      <Loader aria-label={t('app.loading')} />
    </Center>
  );
}
