import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ErrorBody } from '../../../../src/contracts/errors.ts';
import {
  type ActivityInput,
  ActivityView,
  type AppealLetterInput,
  AppealLetterView,
  CampaignCoverage,
  type CampaignInput,
  CampaignView,
  Coverage,
  OfficeLetterheadView,
  PublicCampaign,
  PublicSignResult,
  type TaskForceInput,
  TaskForceUser,
  TaskForceView,
  TemplateView,
} from '../../../../src/contracts/prevention.ts';
import { ApiError, apiRequest } from '../../app/api.ts';

const KEY = ['prevention'] as const;

const qs = (values: Record<string, string | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
};

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: KEY });
}

export const useActivities = (filters: { kind?: string; regionCode?: string }) =>
  useQuery({
    queryKey: [...KEY, 'activities', filters],
    queryFn: ({ signal }) =>
      apiRequest(`/api/prevention/activities${qs(filters)}`, { schema: z.array(ActivityView), signal }),
  });

export function useSaveActivity() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: ActivityInput }) =>
      apiRequest(id ? `/api/prevention/activities/${id}` : '/api/prevention/activities', {
        method: id ? 'PUT' : 'POST',
        body: input,
        schema: ActivityView,
      }),
    onSuccess: invalidate,
  });
}

/** Posts one file as multipart/form-data (field `file`) and parses the answer. */
export async function uploadFile<S extends z.ZodType>(
  url: string,
  file: File,
  schema: S,
): Promise<z.infer<S>> {
  const form = new FormData();
  form.append('file', file);
  const res = await fetch(url, {
    method: 'POST',
    body: form,
    credentials: 'include',
    headers: { accept: 'application/json' },
  });
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const e = ErrorBody.safeParse(json);
    throw e.success
      ? new ApiError({ status: res.status, ...e.data, fromServer: true })
      : new ApiError({
          status: res.status,
          code: 'INTERNAL',
          message: `HTTP ${res.status}`,
          fromServer: false,
        });
  }
  return schema.parse(json);
}

export function useUpload<S extends z.ZodType>(schema: S) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ url, file }: { url: string; file: File }) => uploadFile(url, file, schema),
    onSuccess: invalidate,
  });
}

export const useTemplates = () =>
  useQuery({
    queryKey: [...KEY, 'templates'],
    queryFn: ({ signal }) =>
      apiRequest('/api/prevention/letter-templates', { schema: z.array(TemplateView), signal }),
  });

export function useSaveTemplate() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({
      id,
      input,
    }: {
      id?: string;
      input: { name: string; recipientKind: string; subject: string; body: string };
    }) =>
      apiRequest(id ? `/api/prevention/letter-templates/${id}` : '/api/prevention/letter-templates', {
        method: id ? 'PUT' : 'POST',
        body: input,
        schema: TemplateView,
      }),
    onSuccess: invalidate,
  });
}

export const useLetters = () =>
  useQuery({
    queryKey: [...KEY, 'letters'],
    queryFn: ({ signal }) =>
      apiRequest('/api/prevention/letters', { schema: z.array(AppealLetterView), signal }),
  });

export function useIssueLetter() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: AppealLetterInput) =>
      apiRequest('/api/prevention/letters', { method: 'POST', body: input, schema: AppealLetterView }),
    onSuccess: invalidate,
  });
}

export function useRecordLetter() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({
      id,
      patch,
    }: {
      id: string;
      patch: { sentOn?: string | null; acknowledgedOn?: string | null; acknowledgedBy?: string | null };
    }) =>
      apiRequest(`/api/prevention/letters/${id}`, { method: 'PATCH', body: patch, schema: AppealLetterView }),
    onSuccess: invalidate,
  });
}

export const useCampaigns = () =>
  useQuery({
    queryKey: [...KEY, 'pledges'],
    queryFn: ({ signal }) => apiRequest('/api/prevention/pledges', { schema: z.array(CampaignView), signal }),
    // Signatures arrive live from the public page.
    refetchInterval: 5000,
  });

/** A campaign's coverage, refetched every 5 seconds while shown (signatures arrive live). */
export const useCampaignCoverage = (id: string | null) =>
  useQuery({
    queryKey: [...KEY, 'pledges', id, 'coverage'],
    queryFn: ({ signal }) =>
      apiRequest(`/api/prevention/pledges/${id}/coverage`, { schema: CampaignCoverage, signal }),
    enabled: Boolean(id),
    refetchInterval: 5000,
  });

export function useCreateCampaign() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CampaignInput) =>
      apiRequest('/api/prevention/pledges', { method: 'POST', body: input, schema: CampaignView }),
    onSuccess: invalidate,
  });
}

export function useCloseCampaign() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest(`/api/prevention/pledges/${id}/close`, { method: 'POST', schema: CampaignView }),
    onSuccess: invalidate,
  });
}

export const useTaskForces = () =>
  useQuery({
    queryKey: [...KEY, 'task-forces'],
    queryFn: ({ signal }) =>
      apiRequest('/api/prevention/task-forces', { schema: z.array(TaskForceView), signal }),
  });

export function useSaveTaskForce() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: TaskForceInput }) =>
      apiRequest(id ? `/api/prevention/task-forces/${id}` : '/api/prevention/task-forces', {
        method: id ? 'PUT' : 'POST',
        body: input,
        schema: TaskForceView,
      }),
    onSuccess: invalidate,
  });
}

export function useDissolveTaskForce() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, on }: { id: string; on: string }) =>
      apiRequest(`/api/prevention/task-forces/${id}/dissolve`, { method: 'POST', body: { on } }),
    onSuccess: invalidate,
  });
}

/** Users of role `taskforce` in the actor's jurisdiction who may be linked as a task force's head. */
export const useTaskForceUsers = (agencyId: string | null) =>
  useQuery({
    queryKey: [...KEY, 'task-force-users', agencyId],
    queryFn: ({ signal }) =>
      apiRequest(`/api/prevention/task-force-users${qs({ agencyId: agencyId ?? undefined })}`, {
        schema: z.array(TaskForceUser),
        signal,
      }),
  });

/** Coverage figures, refetched every 15 seconds (pledges come in live). */
export const useCoverage = (regionCode?: string) =>
  useQuery({
    queryKey: [...KEY, 'coverage', regionCode],
    queryFn: ({ signal }) =>
      apiRequest(`/api/prevention/coverage${qs({ regionCode })}`, { schema: Coverage, signal }),
    refetchInterval: 15_000,
  });

export const coverageExportUrl = (regionCode?: string) =>
  `/api/prevention/coverage/export${qs({ regionCode })}`;

export const usePublicCampaign = (id: string) =>
  useQuery({
    queryKey: ['public-pledge', id],
    queryFn: ({ signal }) => apiRequest(`/api/public/pledges/${id}`, { schema: PublicCampaign, signal }),
    refetchInterval: 15_000,
  });

export function useSignPledge(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { nip: string; name: string; website?: string; agree: true }) =>
      apiRequest(`/api/public/pledges/${id}/sign`, { method: 'POST', body: input, schema: PublicSignResult }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['public-pledge', id] }),
  });
}

export const useOffices = () =>
  useQuery({
    queryKey: ['offices', 'letterhead'],
    queryFn: ({ signal }) =>
      apiRequest('/api/offices/letterhead', { schema: z.array(OfficeLetterheadView), signal }),
  });

export function useSaveLetterhead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      input,
    }: {
      id: string;
      input: Omit<OfficeLetterheadView, 'id' | 'name' | 'regionCode'>;
    }) =>
      apiRequest(`/api/offices/${id}/letterhead`, {
        method: 'PUT',
        body: input,
        schema: OfficeLetterheadView,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['offices'] }),
  });
}
