import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { type FastifyPluginAsyncZod, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../contracts/errors.ts';
import {
  EvidenceParams,
  PublicIdentityInput,
  PublicMessageInput,
  PublicReportCreated,
  PublicReportInput,
  PublicReportStatus,
  ReceiptParam,
  ReceiptPdfInput,
  ReportDetail,
  ReportIdParams,
  ReportListQuery,
  ReportPage,
  RevealedIdentity,
  StaffMessageInput,
  TriageInput,
} from '../../contracts/reports.ts';
import { DomainError } from '../../domain/errors.ts';
import { MAX_FILE_BYTES, MAX_FILES, type UploadedFile } from './reports.evidence.ts';
import { renderReceiptPdf } from './reports.receipt-pdf.ts';
import type { ReportsService } from './reports.service.ts';

/** Submission limits (in memory, per process; the address is never stored). */
export type ReportLimits = {
  /** Submissions per client address per hour. */
  perAddressPerHour: number;
  /** Submissions in total per hour (all addresses). */
  totalPerHour: number;
};
export const DEFAULT_REPORT_LIMITS: ReportLimits = { perAddressPerHour: 20, totalPerHour: 3000 };

/** Largest JSON body of a report (the text fields; files go in multipart parts). */
export const MAX_REPORT_JSON_BYTES = 512 * 1024;

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const staffErrors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** A fixed-window counter of all submissions in this process. */
function totalLimiter(max: number) {
  let windowStart = 0;
  let count = 0;
  return () => {
    const t = Date.now();
    if (t - windowStart >= 3_600_000) {
      windowStart = t;
      count = 0;
    }
    count += 1;
    if (count > max)
      throw new DomainError(
        'RATE_LIMITED',
        'Layanan sedang menerima terlalu banyak laporan; coba lagi beberapa menit lagi / too many reports right now; retry later',
      );
  };
}

/** Reads a multipart request: the `report` JSON part and `files` parts (sizes are limited while streaming). */
async function readMultipart(req: FastifyRequest): Promise<{ report: unknown; files: UploadedFile[] }> {
  let report: unknown;
  const files: UploadedFile[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'files') {
          await part.toBuffer();
          continue;
        }
        files.push({ name: part.filename || 'berkas', data: await part.toBuffer() });
      } else if (part.fieldname === 'report') {
        try {
          // A part sent as application/json arrives parsed already.
          report = typeof part.value === 'string' ? JSON.parse(part.value) : part.value;
        } catch {
          throw new DomainError(
            'VALIDATION',
            'Bagian "report" bukan JSON yang valid / "report" is not valid JSON',
            [{ field: 'report', message: 'Bagian "report" harus berisi JSON laporan' }],
          );
        }
      }
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    const code = (e as { code?: string }).code ?? '';
    const message =
      code === 'FST_REQ_FILE_TOO_LARGE'
        ? `Berkas melebihi ${MAX_FILE_BYTES / 1024 / 1024} MB`
        : code === 'FST_FILES_LIMIT'
          ? `Paling banyak ${MAX_FILES} berkas sekaligus`
          : 'Kiriman multipart tidak dapat dibaca';
    throw new DomainError('VALIDATION', `${message} / multipart request refused`, [
      { field: 'files', message },
    ]);
  }
  return { report, files };
}

/** Body validation is done by the service for both JSON and multipart; the zod schema documents it. */
// biome-ignore lint/suspicious/noExplicitAny: Fastify's compiler type is generic over each route's schema.
const passBody: any = (req: { httpPart?: string }) =>
  req.httpPart === 'body' ? (data: unknown) => ({ value: data }) : validatorCompiler(req as never);

/** Public reports (contracts §5) and staff intake (issue 6). */
export const reportsRoutes =
  (reports: ReportsService, limits: ReportLimits = DEFAULT_REPORT_LIMITS): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(fastifyMultipart, {
      limits: {
        fileSize: MAX_FILE_BYTES,
        files: MAX_FILES,
        fields: 4,
        parts: MAX_FILES + 4,
        fieldSize: MAX_REPORT_JSON_BYTES,
      },
    });
    const countTotal = totalLimiter(limits.totalPerHour);
    const submitLimit = { max: limits.perAddressPerHour, timeWindow: 3_600_000 };

    app.post(
      '/api/public/reports',
      {
        config: { permission: 'public', rateLimit: submitLimit },
        bodyLimit: MAX_REPORT_JSON_BYTES,
        validatorCompiler: passBody,
        schema: {
          tags: ['laporan publik'],
          summary: 'Kirim laporan atau informasi awal / submit a report or tip (no sign-in)',
          description:
            'JSON, or multipart/form-data with a `report` part holding the same JSON and up to 10 `files` parts ' +
            '(photos, video, audio, PDF, documents; ≤ 25 MB each; type sniffed from the content). ' +
            'The receipt code is returned once and cannot be recovered. A formal report filed after the 7-day window ' +
            'is accepted, marked late and answered with a warning. 400 lists the fields in Indonesian.',
          consumes: ['application/json', 'multipart/form-data'],
          body: PublicReportInput,
          response: { 201: PublicReportCreated, ...errors },
        },
      },
      async (req, reply) => {
        const { report, files } = req.isMultipart()
          ? await readMultipart(req)
          : { report: req.body as unknown, files: [] };
        countTotal();
        return reply.code(201).send(await reports.submit(report, files));
      },
    );

    app.get(
      '/api/public/reports/regions',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['laporan publik'],
          summary: 'Kabupaten/kota untuk formulir / regencies and cities for the form',
          response: {
            200: z.array(z.object({ code: z.string(), name: z.string(), province: z.string() })),
            ...errors,
          },
        },
      },
      async (_req, reply) =>
        reply.header('cache-control', 'public, max-age=3600').send(await reports.regions()),
    );

    app.post(
      '/api/public/reports/receipt.pdf',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['laporan publik'],
          summary: 'Tanda terima PDF / receipt as PDF (the code in the body, never in the URL)',
          body: ReceiptPdfInput,
          produces: ['application/pdf'],
          response: { 200: z.any().describe('application/pdf'), ...errors },
        },
      },
      async (req, reply) => {
        const pdf = await renderReceiptPdf(await reports.receiptFacts(req.body.receipt));
        return reply
          .type('application/pdf')
          .header('content-disposition', 'attachment; filename="tanda-terima.pdf"')
          .header('cache-control', 'no-store')
          .send(pdf);
      },
    );

    app.get(
      '/api/public/reports/:receipt',
      {
        // The receipt code is in the URL: keep it out of the info-level request logs.
        logLevel: 'warn',
        config: { permission: 'public' },
        schema: {
          tags: ['laporan publik'],
          summary: 'Status dan pesan / status and messages for a receipt code',
          description:
            '404 for an unknown code, with the same answer and timing whether malformed or absent.',
          params: ReceiptParam,
          response: { 200: PublicReportStatus, ...errors },
        },
      },
      async (req, reply) =>
        reply.header('cache-control', 'no-store').send(await reports.publicStatus(req.params.receipt)),
    );

    app.post(
      '/api/public/reports/:receipt/messages',
      {
        // The receipt code is in the URL: keep it out of the info-level request logs.
        logLevel: 'warn',
        config: { permission: 'public' },
        schema: {
          tags: ['laporan publik'],
          summary: 'Kirim pesan kepada petugas / message the handler',
          params: ReceiptParam,
          body: PublicMessageInput,
          response: { 201: PublicReportStatus, ...errors },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await reports.reporterMessage(req.params.receipt, req.body.body)),
    );

    app.post(
      '/api/public/reports/:receipt/evidence',
      {
        // The receipt code is in the URL: keep it out of the info-level request logs.
        logLevel: 'warn',
        config: { permission: 'public', rateLimit: { max: 60, timeWindow: 3_600_000 } },
        schema: {
          tags: ['laporan publik'],
          summary: 'Tambah bukti / add evidence (multipart `files` parts)',
          consumes: ['multipart/form-data'],
          params: ReceiptParam,
          response: { 201: PublicReportStatus, ...errors },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart())
          throw new DomainError(
            'VALIDATION',
            'Kirim berkas sebagai multipart/form-data / send files as multipart',
            [{ field: 'files', message: 'Pilih sedikitnya satu berkas' }],
          );
        const { files } = await readMultipart(req);
        return reply.code(201).send(await reports.reporterEvidence(req.params.receipt, files));
      },
    );

    app.post(
      '/api/public/reports/:receipt/identity',
      {
        // The receipt code is in the URL: keep it out of the info-level request logs.
        logLevel: 'warn',
        config: { permission: 'public' },
        validatorCompiler: passBody,
        schema: {
          tags: ['laporan publik'],
          summary: 'Tambahkan identitas pada informasi anonim / add your identity to an anonymous tip (once)',
          params: ReceiptParam,
          body: PublicIdentityInput,
          response: { 200: PublicReportStatus, ...errors },
        },
      },
      (req) => reports.addIdentity(req.params.receipt, req.body),
    );

    // ---- staff -------------------------------------------------------------------------------

    app.get(
      '/api/reports',
      {
        config: { permission: 'reports.read' },
        schema: {
          tags: ['laporan'],
          summary: 'Daftar laporan masuk dengan tenggat / intake list with clocks (jurisdiction only)',
          querystring: ReportListQuery,
          response: { 200: ReportPage, ...staffErrors },
        },
      },
      (req) => reports.list(req.actor, req.query),
    );

    app.get(
      '/api/reports/:id',
      {
        config: { permission: 'reports.read' },
        schema: {
          tags: ['laporan'],
          summary: 'Rincian laporan tanpa identitas pelapor / report detail without the identity',
          params: ReportIdParams,
          response: { 200: ReportDetail, ...staffErrors },
        },
      },
      (req) => reports.detail(req.actor, req.params.id),
    );

    app.post(
      '/api/reports/:id/identity',
      {
        config: { permission: 'reports.identity.view' },
        schema: {
          tags: ['laporan'],
          summary: 'Buka identitas pelapor dan saksi / reveal the identity (audited)',
          params: ReportIdParams,
          response: { 200: RevealedIdentity, ...staffErrors },
        },
      },
      async (req, reply) =>
        reply
          .header('cache-control', 'no-store')
          .send(await reports.revealIdentity(req.actor, req.params.id)),
    );

    app.get(
      '/api/reports/:id/evidence/:evidenceId',
      {
        config: { permission: 'reports.read' },
        schema: {
          tags: ['laporan'],
          summary: 'Berkas bukti tanpa metadata (variant=original: asli, perlu izin identitas, diaudit)',
          params: EvidenceParams,
          querystring: z.object({ variant: z.enum(['redacted', 'original']).default('redacted') }),
          response: { 200: z.any().describe('the file'), ...staffErrors },
        },
      },
      async (req, reply) => {
        const f = await reports.evidenceFile(
          req.actor,
          req.params.id,
          req.params.evidenceId,
          req.query.variant,
        );
        return reply
          .type(f.mediaType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .send(f.data);
      },
    );

    app.post(
      '/api/reports/:id/messages',
      {
        config: { permission: 'reports.triage' },
        schema: {
          tags: ['laporan'],
          summary: 'Kirim pesan kepada pelapor / message the reporter',
          params: ReportIdParams,
          body: StaffMessageInput,
          response: { 201: ReportDetail, ...staffErrors },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await reports.staffMessage(req.actor, req.params.id, req.body.body)),
    );

    app.post(
      '/api/reports/:id/triage',
      {
        config: { permission: 'reports.triage' },
        schema: {
          tags: ['laporan'],
          summary:
            'Tindak lanjut: minta lengkapi, registrasi, tidak diregistrasi (alasan untuk pelapor), telusuri, jadikan temuan',
          params: ReportIdParams,
          body: TriageInput,
          response: { 200: ReportDetail, ...staffErrors },
        },
      },
      (req) => reports.triage(req.actor, req.params.id, req.body),
    );
  };
