import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AuditPage } from '../../../../src/contracts/audit.ts';
import { UserList, UserSummary } from '../../../../src/contracts/users.ts';
import { apiRequest } from '../../app/api.ts';

/** `GET /api/users`: the users in the administrator's jurisdiction. */
export function useUsers(enabled: boolean) {
  return useQuery({
    queryKey: ['admin', 'users'],
    queryFn: ({ signal }) => apiRequest('/api/users', { schema: UserList, signal }),
    enabled,
  });
}

/** Disables or re-enables a user. */
export function useSetDisabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, disabled }: { id: string; disabled: boolean }) =>
      apiRequest(`/api/users/${encodeURIComponent(id)}/${disabled ? 'disable' : 'enable'}`, {
        method: 'POST',
        schema: UserSummary,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
}

/** `GET /api/audit`: the newest audit events. */
export function useAudit(enabled: boolean) {
  return useQuery({
    queryKey: ['admin', 'audit'],
    queryFn: ({ signal }) => apiRequest('/api/audit?limit=50', { schema: AuditPage, signal }),
    enabled,
  });
}
