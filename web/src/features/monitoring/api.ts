import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  AlertQueue,
  BulkResult,
  type ConfirmInput,
  type DismissInput,
  EvidenceView,
  PackCheck,
  PackSummary,
  type ReassignInput,
  Reviewer,
  Suggestion,
  type SuggestionDecision,
} from '../../../../src/contracts/monitoring.ts';
import { ApiError, apiRequest } from '../../app/api.ts';

export type QueueFilters = {
  status: 'pending' | 'confirmed' | 'dismissed';
  pack?: string;
  category?: string;
  mine?: string;
};

const qs = (values: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

export function useQueue(filters: QueueFilters) {
  return useQuery({
    queryKey: ['monitoring', 'queue', filters],
    queryFn: ({ signal }) =>
      apiRequest(`/api/monitoring/alerts${qs({ ...filters, limit: 200 })}`, { schema: AlertQueue, signal }),
    placeholderData: keepPreviousData,
  });
}

function useDecision<I>(path: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => apiRequest(path, { method: 'POST', body: input, schema: BulkResult }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['monitoring'] }),
  });
}
export const useConfirm = () => useDecision<ConfirmInput>('/api/monitoring/alerts/confirm');
export const useDismiss = () => useDecision<DismissInput>('/api/monitoring/alerts/dismiss');
export const useReassign = () => useDecision<ReassignInput>('/api/monitoring/alerts/reassign');

export function useReviewers(enabled: boolean) {
  return useQuery({
    queryKey: ['monitoring', 'reviewers'],
    queryFn: ({ signal }) => apiRequest('/api/monitoring/reviewers', { schema: z.array(Reviewer), signal }),
    enabled,
  });
}

export function usePacks() {
  return useQuery({
    queryKey: ['monitoring', 'packs'],
    queryFn: ({ signal }) => apiRequest('/api/monitoring/packs', { schema: z.array(PackSummary), signal }),
  });
}
export function useCheckPack() {
  return useMutation({
    mutationFn: (body: unknown) =>
      apiRequest('/api/monitoring/packs/check', { method: 'POST', body, schema: PackCheck }),
  });
}
export function useUploadPack() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, activate }: { body: unknown; activate: boolean }) =>
      apiRequest(`/api/monitoring/packs?activate=${activate}`, { method: 'POST', body, schema: PackSummary }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['monitoring', 'packs'] }),
  });
}
export function useSetPackActive() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      apiRequest(`/api/monitoring/packs/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body: { active },
        schema: PackSummary,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['monitoring', 'packs'] }),
  });
}

export function useSuggestions() {
  return useQuery({
    queryKey: ['monitoring', 'suggestions'],
    queryFn: ({ signal }) =>
      apiRequest('/api/monitoring/suggestions', { schema: z.array(Suggestion), signal }),
  });
}
export function useDecideSuggestion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: SuggestionDecision }) =>
      apiRequest(`/api/monitoring/suggestions/${id}`, { method: 'POST', body: decision, schema: Suggestion }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['monitoring', 'suggestions'] }),
  });
}

const EvidenceItem = z.object({
  id: z.string(),
  url: z.string().nullable(),
  note: z.string().nullable(),
  capturedAt: z.string(),
  capturedBy: z.string().nullable(),
  regionCode: z.string(),
  files: z.number(),
});
export function useEvidenceList() {
  return useQuery({
    queryKey: ['monitoring', 'evidence'],
    queryFn: ({ signal }) =>
      apiRequest('/api/monitoring/evidence', { schema: z.array(EvidenceItem), signal }),
  });
}
export function useEvidence(id: string | null) {
  return useQuery({
    queryKey: ['monitoring', 'evidence', id],
    queryFn: ({ signal }) => apiRequest(`/api/monitoring/evidence/${id}`, { schema: EvidenceView, signal }),
    enabled: !!id,
  });
}
/** Multipart upload: the `evidence` JSON part and the screenshots as `files`. */
export function useCreateEvidence() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: { url: string; capturedAt: string; note?: string; files: File[] }) => {
      const form = new FormData();
      const { files, ...meta } = input;
      form.append('evidence', JSON.stringify(meta));
      for (const f of files) form.append('files', f, f.name);
      const res = await fetch('/api/monitoring/evidence', {
        method: 'POST',
        body: form,
        credentials: 'include',
      });
      const json = await res.json().catch(() => undefined);
      if (!res.ok)
        throw new ApiError({
          status: res.status,
          code: json?.code ?? 'INTERNAL',
          message: json?.message ?? `HTTP ${res.status}`,
          details: json?.details,
          fromServer: true,
        });
      return EvidenceView.parse(json);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['monitoring', 'evidence'] }),
  });
}
