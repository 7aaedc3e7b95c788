import { Alert, Button, Center, Stack } from '@mantine/core';
import { createContext, type ReactNode, use } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { Me } from '../../../../src/contracts/auth.ts';
import { IconAlert } from '../../ui/icons.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { useMe } from './api.ts';

/**
 * Renders its children only for a signed-in user; sends everybody else to `/masuk`, remembering
 * the page they wanted. A server that cannot be reached gives an error with a retry button.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();

  if (me.isPending) return <PageLoader />;
  if (me.isError) {
    return (
      <Center h="100dvh" p="md">
        <Stack maw={420}>
          <Alert color="red" icon={<IconAlert size={18} />} title={t('errors.unreachableTitle')} role="alert">
            {t('errors.network')}
          </Alert>
          <Button onClick={() => void me.refetch()} loading={me.isFetching}>
            {t('errors.retry')}
          </Button>
        </Stack>
      </Center>
    );
  }
  if (!me.data) {
    return <Navigate to="/masuk" replace state={{ from: location.pathname + location.search }} />;
  }
  return <CurrentUserContext value={me.data}>{children}</CurrentUserContext>;
}

const CurrentUserContext = createContext<Me | null>(null);

/** The signed-in user inside the staff area (provided by RequireAuth). */
export function useCurrentUser(): Me {
  const me = use(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser() used outside <RequireAuth>');
  return me;
}
