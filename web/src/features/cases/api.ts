import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  CaseDetail,
  CasePage,
  type FormAInput,
  HolidayView,
  NotificationList,
  ViolationFormView,
} from '../../../../src/contracts/cases.ts';
import { ApiError, apiRequest } from '../../app/api.ts';

export type CaseFilters = {
  q?: string;
  status?: string;
  origin?: string;
  deadline?: string;
  open?: string;
  page: number;
};

export const toQuery = (values: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

export function useCases(filters: CaseFilters) {
  return useQuery({
    queryKey: ['cases', 'list', filters],
    queryFn: ({ signal }) =>
      apiRequest(`/api/cases${toQuery({ ...filters, pageSize: 25 })}`, { schema: CasePage, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: ['cases', 'detail', id],
    queryFn: ({ signal }) =>
      apiRequest(`/api/cases/${encodeURIComponent(id)}`, { schema: CaseDetail, signal }),
  });
}

export function useOpenFinding() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: FormAInput) =>
      apiRequest('/api/cases/findings', {
        method: 'POST',
        body,
        schema: z.object({ id: z.string(), number: z.string(), created: z.boolean() }),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['cases'] }),
  });
}

export function useCaseAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { action: string; payload: Record<string, unknown>; idempotencyKey: string }) =>
      apiRequest(`/api/cases/${encodeURIComponent(id)}/actions`, {
        method: 'POST',
        body,
        schema: z.object({ status: z.string(), letterId: z.string().optional() }),
      }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['cases'] });
      qc.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
}

/** Uploads an evidence file (multipart; the JSON client does not do forms). */
export function useUploadEvidence(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, description }: { file: File; description: string }) => {
      const form = new FormData();
      form.append('description', description);
      form.append('file', file);
      const res = await fetch(`/api/cases/${encodeURIComponent(id)}/evidence`, {
        method: 'POST',
        body: form,
        credentials: 'include',
        headers: { accept: 'application/json' },
      });
      if (!res.ok) {
        const body = await res.json().catch(() => ({}));
        throw new ApiError({
          status: res.status,
          code: body.code ?? 'INTERNAL',
          message: body.message ?? `HTTP ${res.status}`,
          details: body.details ?? [],
          fromServer: true,
        });
      }
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['cases', 'detail', id] }),
  });
}

export function useViolationForms() {
  return useQuery({
    queryKey: ['cases', 'violation-forms'],
    queryFn: ({ signal }) =>
      apiRequest('/api/case-reference/violation-forms', { schema: z.array(ViolationFormView), signal }),
    staleTime: 5 * 60_000,
  });
}

export function useUpdateForm() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, patch }: { code: string; patch: Record<string, unknown> }) =>
      apiRequest(`/api/case-reference/violation-forms/${code}`, {
        method: 'PATCH',
        body: patch,
        schema: ViolationFormView,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['cases', 'violation-forms'] }),
  });
}

export function useHolidays(year: number) {
  return useQuery({
    queryKey: ['cases', 'holidays', year],
    queryFn: ({ signal }) =>
      apiRequest(`/api/case-reference/holidays?year=${year}`, { schema: z.array(HolidayView), signal }),
  });
}

export function useSaveHoliday() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (h: { date: string; name: string; kind: string; source?: string }) =>
      apiRequest(`/api/case-reference/holidays/${h.date}`, {
        method: 'PUT',
        body: { name: h.name, kind: h.kind, ...(h.source ? { source: h.source } : {}) },
        schema: HolidayView,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['cases', 'holidays'] }),
  });
}

export function useDeleteHoliday() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (date: string) => apiRequest(`/api/case-reference/holidays/${date}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['cases', 'holidays'] }),
  });
}

export function useNotifications() {
  return useQuery({
    queryKey: ['notifications'],
    queryFn: ({ signal }) => apiRequest('/api/notifications', { schema: NotificationList, signal }),
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest('/api/notifications/read', { method: 'POST', body: { id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
