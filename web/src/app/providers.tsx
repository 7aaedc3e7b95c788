import { type CSSVariablesResolver, MantineProvider } from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { meQueryKey } from '../features/auth/keys.ts';
import { isApiError } from './api-error.ts';
import { theme } from './theme.ts';

/**
 * One QueryClient per app. A 401 from any call means the session is gone: the cached user is
 * cleared, so the staff area's guard sends the user to the sign-in page.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    defaultOptions: { queries: { refetchOnWindowFocus: false } },
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isApiError(error) && error.status === 401 && query.queryKey[0] !== meQueryKey[0]) {
          client.setQueryData(meQueryKey, null);
        }
      },
    }),
    mutationCache: new MutationCache({
      onError: (error) => {
        // A signed-in action failed because the session expired (a failed sign-in has no user yet).
        if (isApiError(error) && error.status === 401 && client.getQueryData(meQueryKey)) {
          client.setQueryData(meQueryKey, null);
        }
      },
    }),
  });
  return client;
}

/**
 * Mantine's "dimmed" grey (#868e96) is below the WCAG AA contrast for small text on white; this
 * darker grey reaches about 6:1.
 */
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#5a626b' },
  dark: {},
});

export function Providers({
  i18n,
  queryClient,
  children,
}: {
  i18n: I18n;
  queryClient: QueryClient;
  children: ReactNode;
}) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
          {children}
        </MantineProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
