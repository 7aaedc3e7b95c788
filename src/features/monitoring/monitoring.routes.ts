import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../contracts/errors.ts';
import {
  AlertQuery,
  AlertQueue,
  AlertView,
  BulkResult,
  ConfirmInput,
  DismissInput,
  EvidenceInput,
  EvidenceView,
  PackActiveInput,
  PackCheck,
  PackSummary,
  ReassignInput,
  Reviewer,
  Suggestion,
  SuggestionDecision,
} from '../../contracts/monitoring.ts';
import { DomainError } from '../../domain/errors.ts';
import { readingMultipart } from '../../http/multipart.ts';
import { MAX_EVIDENCE_FILE_BYTES, type UploadedFile } from './monitoring.evidence.ts';
import type { MonitoringService } from './monitoring.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const Id = z.object({ id: z.uuid() });
const PackId = z.object({ id: z.string().min(1).max(200) });
const tags = ['pemantauan'];

/** Monitoring API (issue 5): the review queue, packs, link suggestions and patrol evidence. */
export const monitoringRoutes =
  (m: MonitoringService): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(fastifyMultipart, {
      limits: { fileSize: MAX_EVIDENCE_FILE_BYTES, files: 20, fields: 10 },
    });

    app.get(
      '/api/monitoring/alerts',
      {
        config: { permission: 'monitoring.read' },
        schema: {
          tags,
          summary: 'Antrean telaah: peringatan per akun / review queue: alerts grouped by account',
          querystring: AlertQuery,
          response: { 200: AlertQueue, ...errors },
        },
      },
      (req) => m.listQueue(req.actor, req.query),
    );

    app.get(
      '/api/monitoring/alerts/:id',
      {
        config: { permission: 'monitoring.read' },
        schema: {
          tags,
          summary: 'Satu peringatan / one alert',
          params: Id,
          response: { 200: AlertView, ...errors },
        },
      },
      (req) => m.getAlert(req.actor, req.params.id),
    );

    const bulk = { 200: BulkResult, ...errors };
    app.post(
      '/api/monitoring/alerts/confirm',
      {
        config: { permission: 'alerts.review' },
        schema: {
          tags,
          summary: 'Konfirmasi → temuan draf dengan unggahan sebagai bukti / confirm → draft finding',
          body: ConfirmInput,
          response: bulk,
        },
      },
      (req) => m.confirm(req.actor, req.body),
    );
    app.post(
      '/api/monitoring/alerts/dismiss',
      {
        config: { permission: 'alerts.review' },
        schema: {
          tags,
          summary: 'Abaikan dengan alasan / dismiss with a reason',
          body: DismissInput,
          response: bulk,
        },
      },
      (req) => m.dismiss(req.actor, req.body),
    );
    app.post(
      '/api/monitoring/alerts/reassign',
      {
        config: { permission: 'alerts.review' },
        schema: {
          tags,
          summary: 'Tugaskan ke penelaah / assign to a reviewer',
          body: ReassignInput,
          response: bulk,
        },
      },
      (req) => m.reassign(req.actor, req.body),
    );
    app.get(
      '/api/monitoring/reviewers',
      {
        config: { permission: 'alerts.review' },
        schema: {
          tags,
          summary: 'Penelaah di yurisdiksi / reviewers',
          response: { 200: z.array(Reviewer), ...errors },
        },
      },
      (req) => m.listReviewers(req.actor),
    );

    app.get(
      '/api/monitoring/labels.jsonl',
      {
        config: { permission: 'monitoring.read' },
        schema: {
          tags,
          summary: 'Keputusan penelaah sebagai data berlabel (kontrak §4) / reviewer labels as JSONL',
          response: { 200: z.any(), ...errors },
        },
      },
      async (req, reply) => {
        let body = '';
        for await (const line of m.exportLabels(req.actor)) body += line;
        return reply
          .header('content-type', 'application/x-ndjson; charset=utf-8')
          .header('content-disposition', 'attachment; filename="netra-labels.jsonl"')
          .send(body);
      },
    );

    // Election packs
    app.get(
      '/api/monitoring/packs',
      {
        config: { permission: 'monitoring.read' },
        schema: {
          tags,
          summary: 'Paket pemilu / election packs',
          response: { 200: z.array(PackSummary), ...errors },
        },
      },
      () => m.packs.list(),
    );
    app.post(
      '/api/monitoring/packs/check',
      {
        config: { permission: 'packs.manage' },
        schema: {
          tags,
          summary: 'Periksa paket tanpa menyimpan / validate a pack without storing it',
          body: z.unknown(),
          response: { 200: PackCheck, ...errors },
        },
      },
      (req) => m.packs.check(req.body),
    );
    app.post(
      '/api/monitoring/packs',
      {
        config: { permission: 'packs.manage' },
        schema: {
          tags,
          summary: 'Unggah paket (baru atau edisi baru; nonaktif kecuali activate=true) / upload a pack',
          querystring: z.object({ activate: z.enum(['true', 'false']).optional() }),
          body: z.unknown(),
          response: { 200: PackSummary, 409: ErrorBody, ...errors },
        },
      },
      (req) =>
        m.packs.upload(req.actor, req.body, {
          activate: req.query.activate === undefined ? undefined : req.query.activate === 'true',
        }),
    );
    app.get(
      '/api/monitoring/packs/:id',
      {
        config: { permission: 'monitoring.read' },
        schema: {
          tags,
          summary: 'Isi paket / pack JSON',
          params: PackId,
          response: { 200: z.any(), ...errors },
        },
      },
      (req) => m.packs.get(req.params.id),
    );
    app.patch(
      '/api/monitoring/packs/:id',
      {
        config: { permission: 'packs.manage' },
        schema: {
          tags,
          summary: 'Aktifkan/nonaktifkan paket / activate or deactivate a pack',
          params: PackId,
          body: PackActiveInput,
          response: { 200: PackSummary, ...errors },
        },
      },
      (req) => m.packs.setActive(req.actor, req.params.id, req.body.active),
    );

    // Link suggestions
    app.get(
      '/api/monitoring/suggestions',
      {
        config: { permission: 'registry.read' },
        schema: {
          tags,
          summary: 'Saran tautan akun dari bio ASN / link suggestions from civil-service bios',
          querystring: z.object({ status: z.enum(['pending', 'accepted', 'rejected']).default('pending') }),
          response: { 200: z.array(Suggestion), ...errors },
        },
      },
      (req) => m.suggestions.list(req.actor, req.query.status),
    );
    app.post(
      '/api/monitoring/suggestions/:id',
      {
        config: { permission: 'registry.write' },
        schema: {
          tags,
          summary: 'Terima (tautkan ke pegawai) atau tolak saran / accept (link to staff) or reject',
          params: Id,
          body: SuggestionDecision,
          response: { 200: Suggestion, 409: ErrorBody, ...errors },
        },
      },
      (req) => m.suggestions.decide(req.actor, req.params.id, req.body),
    );

    // Patrol evidence
    app.get(
      '/api/monitoring/evidence',
      {
        config: { permission: 'monitoring.read' },
        schema: {
          tags,
          summary: 'Bukti patroli / patrol evidence',
          response: {
            200: z.array(
              z.object({
                id: z.string(),
                url: z.string().nullable(),
                note: z.string().nullable(),
                capturedAt: z.string(),
                capturedBy: z.string().nullable(),
                regionCode: z.string(),
                files: z.number(),
              }),
            ),
            ...errors,
          },
        },
      },
      (req) => m.evidence.list(req.actor),
    );

    const readUpload = async (req: FastifyRequest) => {
      if (!req.isMultipart())
        throw new DomainError('VALIDATION', 'Kirim multipart/form-data / send multipart/form-data', [
          { field: 'evidence', message: 'bagian "evidence" (JSON) dan "files"' },
        ]);
      let meta: unknown;
      const files: UploadedFile[] = [];
      await readingMultipart(async () => {
        for await (const part of req.parts()) {
          if (part.type === 'file')
            files.push({ filename: part.filename, mediaType: part.mimetype, data: await part.toBuffer() });
          else if (part.fieldname === 'evidence') {
            try {
              meta = JSON.parse(String(part.value));
            } catch {
              throw new DomainError('VALIDATION', 'JSON tidak valid / invalid JSON', [
                { field: 'evidence', message: 'JSON' },
              ]);
            }
          }
        }
      });
      return { meta, files };
    };

    app.post(
      '/api/monitoring/evidence',
      {
        config: { permission: 'alerts.review' },
        schema: {
          tags,
          summary: 'Catat bukti patroli: URL + tangkapan layar (multipart: evidence JSON, files)',
          consumes: ['multipart/form-data'],
          response: { 201: EvidenceView, 413: ErrorBody, ...errors },
        },
      },
      async (req, reply) => {
        const { meta, files } = await readUpload(req);
        const parsed = EvidenceInput.safeParse(meta);
        if (!parsed.success)
          throw new DomainError(
            'VALIDATION',
            'Data bukti tidak valid / invalid evidence',
            parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'evidence', message: i.message })),
          );
        return reply.code(201).send(await m.evidence.create(req.actor, parsed.data, files));
      },
    );
    app.post(
      '/api/monitoring/evidence/:id/files',
      {
        config: { permission: 'alerts.review' },
        schema: {
          tags,
          summary: 'Tambah berkas ke bukti / add files to evidence (multipart "files")',
          consumes: ['multipart/form-data'],
          params: Id,
          response: { 200: EvidenceView, 413: ErrorBody, ...errors },
        },
      },
      async (req) => {
        const { files } = await readUpload(req);
        if (files.length === 0)
          throw new DomainError('VALIDATION', 'Berkas wajib / files are required', [
            { field: 'files', message: '≥ 1' },
          ]);
        return m.evidence.addFiles(req.actor, req.params.id, files);
      },
    );
    app.get(
      '/api/monitoring/evidence/:id',
      {
        config: { permission: 'monitoring.read' },
        schema: {
          tags,
          summary: 'Bukti dengan rantai penguasaan / evidence with its chain of custody',
          params: Id,
          response: { 200: EvidenceView, ...errors },
        },
      },
      (req) => m.evidence.get(req.actor, req.params.id),
    );
    app.get(
      '/api/monitoring/evidence/:id/files/:fileId',
      {
        config: { permission: 'monitoring.read' },
        schema: {
          tags,
          summary: 'Unduh berkas bukti (dicatat) / download an evidence file (logged)',
          params: z.object({ id: z.uuid(), fileId: z.uuid() }),
          response: { 200: z.any(), ...errors },
        },
      },
      async (req, reply) => {
        const f = await m.evidence.download(req.actor, req.params.id, req.params.fileId);
        return reply
          .header('content-type', f.mediaType)
          .header('content-disposition', `attachment; filename="${encodeURIComponent(f.filename)}"`)
          .header('x-content-sha256', f.sha256)
          .send(f.data);
      },
    );
  };
