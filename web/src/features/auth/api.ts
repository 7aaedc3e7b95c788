import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LoginInput, Me } from '../../../../src/contracts/auth.ts';
import { ApiError, apiRequest } from '../../app/api.ts';

import { meQueryKey } from './keys.ts';

export { meQueryKey };

/**
 * The signed-in user, or `null` when there is no valid session (`GET /api/auth/me` answered 401).
 * Other failures (server down) are errors, so the UI can tell "signed out" from "unreachable".
 */
export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async ({ signal }): Promise<Me | null> => {
      try {
        return await apiRequest('/api/auth/me', { schema: Me, signal });
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: (count, e) => !(e instanceof ApiError && e.status > 0 && e.status < 500) && count < 2,
  });
}

/** Signs in (`POST /api/auth/login`); on success the session cookie is set and `useMe` updated. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) =>
      apiRequest('/api/auth/login', { method: 'POST', body: LoginInput.parse(input), schema: Me }),
    onSuccess: (me) => {
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}

/** Signs out (`POST /api/auth/logout`) and forgets every cached answer of the session. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest('/api/auth/logout', { method: 'POST' }),
    onSettled: () => {
      // Signed out first (the guard redirects), then every other answer of the session is dropped.
      queryClient.setQueryData(meQueryKey, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
    },
  });
}
