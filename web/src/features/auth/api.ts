import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  LoginChallenge,
  LoginInput,
  Me,
  TotpCodeInput,
  TotpEnrolled,
  TotpEnrolment,
} from '../../../../src/contracts/auth.ts';
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

/**
 * The password step of signing in (`POST /api/auth/login`): the user (signed in), or a challenge
 * `{ next: 'totp' | 'enrol' }` when a second step is needed (the cookie then holds a half-done session).
 */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) =>
      apiRequest('/api/auth/login', {
        method: 'POST',
        body: LoginInput.parse(input),
        schema: Me.or(LoginChallenge),
      }),
    onSuccess: (result) => {
      if (!('next' in result)) queryClient.setQueryData(meQueryKey, result);
    },
  });
}

/** The second step: a TOTP code or a recovery code (`POST /api/auth/totp`). */
export function useTotpLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) =>
      apiRequest('/api/auth/totp', { method: 'POST', body: TotpCodeInput.parse({ code }), schema: Me }),
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  });
}

/** Starts TOTP enrolment: a new secret with its QR code (`POST /api/auth/totp/enrolment`). */
export function useStartEnrolment() {
  return useMutation({
    mutationFn: () => apiRequest('/api/auth/totp/enrolment', { method: 'POST', schema: TotpEnrolment }),
  });
}

/** Confirms enrolment with a code; answers the recovery codes (shown once). */
export function useConfirmEnrolment() {
  return useMutation({
    mutationFn: (code: string) =>
      apiRequest('/api/auth/totp/enrolment/confirm', {
        method: 'POST',
        body: TotpCodeInput.parse({ code }),
        schema: TotpEnrolled,
      }),
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
