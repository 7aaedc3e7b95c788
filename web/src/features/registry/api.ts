import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ErrorBody } from '../../../../src/contracts/errors.ts';
import {
  type AccountInput,
  AccountPage,
  type AccountPatch,
  AccountView,
  type AgencyInput,
  AgencyNode,
  type ImportKind,
  ImportProgress,
  ImportResult,
  StaffDetail,
  type StaffInput,
  StaffPage,
} from '../../../../src/contracts/registry.ts';
import { ApiError, apiRequest } from '../../app/api.ts';

export type StaffFilters = {
  q?: string;
  region?: string;
  status?: string;
  positionType?: string;
  active?: string;
  agencyId?: string;
  page: number;
};

/** Query string from the defined values only. */
export const toQuery = (values: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

export function useStaff(filters: StaffFilters) {
  return useQuery({
    queryKey: ['registry', 'staff', filters],
    queryFn: ({ signal }) =>
      apiRequest(`/api/registry/staff${toQuery({ ...filters, pageSize: 25 })}`, {
        schema: StaffPage,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useStaffDetail(id: string) {
  return useQuery({
    queryKey: ['registry', 'staff', 'detail', id],
    queryFn: ({ signal }) =>
      apiRequest(`/api/registry/staff/${encodeURIComponent(id)}`, { schema: StaffDetail, signal }),
  });
}

export function useAgencies(q: string) {
  return useQuery({
    queryKey: ['registry', 'agencies', q],
    queryFn: ({ signal }) =>
      apiRequest(`/api/registry/agencies${toQuery({ q })}`, { schema: AgencyNode.array(), signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAccounts(filters: { q?: string; platform?: string; watchStatus?: string; page: number }) {
  return useQuery({
    queryKey: ['registry', 'accounts', filters],
    queryFn: ({ signal }) =>
      apiRequest(`/api/registry/accounts${toQuery({ ...filters, pageSize: 25 })}`, {
        schema: AccountPage,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AccountInput) =>
      apiRequest('/api/registry/accounts', { method: 'POST', body: input, schema: AccountView }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['registry'] }),
  });
}

export function useUpdateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: AccountPatch }) =>
      apiRequest(`/api/registry/accounts/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body: patch,
        schema: AccountView,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['registry'] }),
  });
}

export function useCreateAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof AgencyInput>) =>
      apiRequest('/api/registry/agencies', { method: 'POST', body: input, schema: AgencyNode }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['registry'] }),
  });
}

export function useUpdateAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: z.input<typeof AgencyInput> }) =>
      apiRequest(`/api/registry/agencies/${encodeURIComponent(id)}`, {
        method: 'PUT',
        body: input,
        schema: AgencyNode,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['registry'] }),
  });
}

export function useSaveStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: z.input<typeof StaffInput> }) =>
      apiRequest(id ? `/api/registry/staff/${encodeURIComponent(id)}` : '/api/registry/staff', {
        method: id ? 'PUT' : 'POST',
        body: input,
        schema: StaffDetail,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['registry'] }),
  });
}

/**
 * Uploads an import file (multipart); `dryRun` for the wizard's preview. Reports the upload
 * (`onProgress`, share sent) and then the server's own progress (`onServerProgress`: rows read,
 * checked, written), which the server streams as NDJSON lines (`?progress=stream`).
 * XMLHttpRequest rather than fetch because fetch reports no upload progress.
 */
export function uploadImport(opts: {
  kind: ImportKind;
  file: File;
  dryRun: boolean;
  onProgress: (share: number) => void;
  onServerProgress?: (p: ImportProgress) => void;
}): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/registry/import/${opts.kind}?dryRun=${opts.dryRun}&progress=stream`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/x-ndjson, application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress(e.loaded / e.total);
    };
    let seen = 0;
    /** Complete NDJSON lines received since the last call. */
    const newLines = () => {
      const text = xhr.responseText;
      const end = text.lastIndexOf('\n') + 1;
      const lines = text.slice(seen, end).split('\n').filter(Boolean);
      seen = Math.max(seen, end);
      return lines.flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
    };
    const streaming = () => (xhr.getResponseHeader('content-type') ?? '').includes('ndjson');
    xhr.onprogress = () => {
      if (xhr.status !== 200 || !streaming()) return;
      for (const line of newLines()) {
        const p = ImportProgress.safeParse(line.progress);
        if (p.success) opts.onServerProgress?.(p.data);
      }
    };
    xhr.onerror = () =>
      reject(new ApiError({ status: 0, code: 'INTERNAL', message: 'network error', fromServer: false }));
    xhr.onload = () => {
      let json: unknown;
      if (xhr.status === 200 && streaming()) {
        seen = 0;
        const last = newLines().at(-1);
        if (last && 'error' in last) {
          const e = ErrorBody.safeParse(last.error);
          if (e.success) return reject(new ApiError({ status: 400, ...e.data, fromServer: true }));
        }
        json = last?.result;
      } else
        try {
          json = JSON.parse(xhr.responseText);
        } catch {
          json = undefined;
        }
      if (xhr.status === 200) {
        const r = ImportResult.safeParse(json);
        if (r.success) return resolve(r.data);
      }
      const e = ErrorBody.safeParse(json);
      reject(
        e.success
          ? new ApiError({ status: xhr.status, ...e.data, fromServer: true })
          : new ApiError({
              status: xhr.status,
              code: 'INTERNAL',
              message: `HTTP ${xhr.status}`,
              fromServer: false,
            }),
      );
    };
    const form = new FormData();
    form.append('file', opts.file);
    xhr.send(form);
  });
}
