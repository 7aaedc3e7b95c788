import { useQuery } from '@tanstack/react-query';
import { Health } from '../../../../src/contracts/health.ts';
import { apiRequest } from '../../app/api.ts';

/** `GET /api/health`: server status, database kind and version; refreshed every 30 seconds. */
export function useHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => apiRequest('/api/health', { schema: Health, signal }),
    refetchInterval: 30_000,
    retry: 1,
  });
}
