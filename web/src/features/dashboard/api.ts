import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  Dashboard,
  type DashboardQuery,
  type KerawananSettings,
  KerawananSettingsView,
} from '../../../../src/contracts/analytics.ts';
import { Health } from '../../../../src/contracts/health.ts';
import { apiRequest } from '../../app/api.ts';
import type { RegionTopology } from './map-types.ts';

/** `GET /api/health`: server status, database kind and version; refreshed every 30 seconds. */
export function useHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => apiRequest('/api/health', { schema: Health, signal }),
    refetchInterval: 30_000,
    retry: 1,
  });
}

/** `GET /api/analytics/dashboard`: figures of a region and period (defaults: jurisdiction, 90 days). */
export function useDashboard(query: DashboardQuery, enabled = true) {
  return useQuery({
    queryKey: ['analytics', 'dashboard', query],
    queryFn: ({ signal }) =>
      apiRequest(`/api/analytics/dashboard${toQuery(query)}`, { schema: Dashboard, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** `GET /api/analytics/map`: boundaries (TopoJSON) with Kemendagri codes; fetched once. */
export function useRegionMap(enabled = true) {
  return useQuery({
    queryKey: ['analytics', 'map'],
    queryFn: ({ signal }) =>
      apiRequest('/api/analytics/map', { schema: z.any(), signal }) as Promise<RegionTopology>,
    staleTime: Number.POSITIVE_INFINITY,
    enabled,
  });
}

/** Kerawanan weights and thresholds, and the imported history. */
export function useKerawananSettings(enabled = true) {
  return useQuery({
    queryKey: ['analytics', 'settings'],
    queryFn: ({ signal }) =>
      apiRequest('/api/analytics/kerawanan/settings', { schema: KerawananSettingsView, signal }),
    enabled,
  });
}

export function useSaveKerawananSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (settings: KerawananSettings) =>
      apiRequest('/api/analytics/kerawanan/settings', {
        method: 'PUT',
        body: settings,
        schema: KerawananSettingsView,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['analytics'] }),
  });
}

/** Query string from the defined values only. */
export const toQuery = (values: Record<string, string | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
};
