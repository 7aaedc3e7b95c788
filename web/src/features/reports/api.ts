import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ErrorBody } from '../../../../src/contracts/errors.ts';
import {
  PublicReportCreated,
  PublicReportStatus,
  ReportDetail,
  ReportPage,
  RevealedIdentity,
  type TriageInput,
} from '../../../../src/contracts/reports.ts';
import { ApiError, apiRequest } from '../../app/api.ts';

const Regions = z.array(z.object({ code: z.string(), name: z.string(), province: z.string() }));

export function useRegions() {
  return useQuery({
    queryKey: ['public', 'regions'],
    queryFn: ({ signal }) => apiRequest('/api/public/reports/regions', { schema: Regions, signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Sends a multipart request and parses the answer (errors become ApiError with field details). */
async function sendForm<S extends z.ZodType>(path: string, form: FormData, schema: S): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', body: form, headers: { accept: 'application/json' } });
  } catch (e) {
    throw new ApiError({ status: 0, code: 'INTERNAL', message: (e as Error).message, fromServer: false });
  }
  const json = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = ErrorBody.safeParse(json);
    if (parsed.success) throw new ApiError({ status: response.status, ...parsed.data, fromServer: true });
    throw new ApiError({
      status: response.status,
      code: response.status === 413 ? 'VALIDATION' : 'INTERNAL',
      message: `HTTP ${response.status}`,
      fromServer: false,
    });
  }
  return schema.parse(json);
}

/** Submits a report with its files (multipart: `report` JSON + `files`). */
export function submitReport(report: unknown, files: File[]) {
  const form = new FormData();
  form.append('report', JSON.stringify(report));
  for (const f of files) form.append('files', f, f.name);
  return sendForm('/api/public/reports', form, PublicReportCreated);
}

export function addEvidence(receipt: string, files: File[]) {
  const form = new FormData();
  for (const f of files) form.append('files', f, f.name);
  return sendForm(`/api/public/reports/${encodeURIComponent(receipt)}/evidence`, form, PublicReportStatus);
}

export const fetchStatus = (receipt: string) =>
  apiRequest(`/api/public/reports/${encodeURIComponent(receipt)}`, { schema: PublicReportStatus });

export const sendReporterMessage = (receipt: string, body: string) =>
  apiRequest(`/api/public/reports/${encodeURIComponent(receipt)}/messages`, {
    method: 'POST',
    body: { body },
    schema: PublicReportStatus,
  });

export const addIdentity = (receipt: string, reporter: Record<string, string>) =>
  apiRequest(`/api/public/reports/${encodeURIComponent(receipt)}/identity`, {
    method: 'POST',
    body: { reporter },
    schema: PublicReportStatus,
  });

/** Downloads the receipt PDF (the code travels in the body, never in a URL). */
export async function downloadReceiptPdf(receipt: string) {
  const res = await fetch('/api/public/reports/receipt.pdf', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ receipt }),
  });
  if (!res.ok)
    throw new ApiError({
      status: res.status,
      code: 'INTERNAL',
      message: `HTTP ${res.status}`,
      fromServer: false,
    });
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `tanda-terima-${receipt}.pdf`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---- staff ----

export type ReportFilters = { open?: string; kind?: string; status?: string; page: number };

const toQuery = (values: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p.toString() ? `?${p}` : '';
};

export function useReports(filters: ReportFilters) {
  return useQuery({
    queryKey: ['reports', 'list', filters],
    queryFn: ({ signal }) =>
      apiRequest(`/api/reports${toQuery({ ...filters, pageSize: 50 })}`, { schema: ReportPage, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useReport(id: string | null) {
  return useQuery({
    queryKey: ['reports', 'detail', id],
    queryFn: ({ signal }) => apiRequest(`/api/reports/${id}`, { schema: ReportDetail, signal }),
    enabled: id !== null,
  });
}

function useReportMutation<V>(fn: (id: string, v: V) => Promise<ReportDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, value }: { id: string; value: V }) => fn(id, value),
    onSuccess: (detail) => {
      qc.setQueryData(['reports', 'detail', detail.id], detail);
      void qc.invalidateQueries({ queryKey: ['reports', 'list'] });
    },
  });
}

export const useTriage = () =>
  useReportMutation((id, value: TriageInput) =>
    apiRequest(`/api/reports/${id}/triage`, { method: 'POST', body: value, schema: ReportDetail }),
  );

export const useStaffMessage = () =>
  useReportMutation((id, body: string) =>
    apiRequest(`/api/reports/${id}/messages`, { method: 'POST', body: { body }, schema: ReportDetail }),
  );

export const revealIdentity = (id: string) =>
  apiRequest(`/api/reports/${id}/identity`, { method: 'POST', schema: RevealedIdentity });
