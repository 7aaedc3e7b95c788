import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../contracts/errors.ts';
import {
  ActivityInput,
  ActivityQuery,
  ActivityView,
  AppealLetterInput,
  AppealLetterPatch,
  AppealLetterView,
  AttendanceResult,
  CampaignCoverage,
  CampaignInput,
  CampaignView,
  Coverage,
  CoverageQuery,
  PublicCampaign,
  PublicSignInput,
  PublicSignResult,
  TaskForceInput,
  TaskForceUser,
  TaskForceUserQuery,
  TaskForceView,
  TemplateInput,
  TemplateView,
} from '../../contracts/prevention.ts';
import { DomainError } from '../../domain/errors.ts';
import { isWithinJurisdiction } from '../../domain/jurisdiction.ts';
import { readingMultipart } from '../../http/multipart.ts';
import type { PreventionService } from './prevention.service.ts';
import { scopeFor } from './prevention.shared.ts';

/** Largest photo, document or attendance list accepted. */
export const MAX_PREVENTION_FILE_BYTES = 25 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const Id = z.object({ id: z.uuid() });
const tags = ['pencegahan'];

async function upload(req: FastifyRequest) {
  const file = await req.file().catch(() => undefined);
  if (!file)
    throw new DomainError('VALIDATION', 'Berkas wajib dikirim / a file is required', [
      { field: 'file', message: 'unggah berkas' },
    ]);
  const data = await readingMultipart(() => file.toBuffer());
  return { filename: file.filename, data };
}

const attachment = (name: string) => `attachment; filename="${name.replace(/[^\w.-]+/g, '_')}"`;

/** Prevention API (issue 8): reads need `prevention.read`, writes `prevention.write`, scoped in services. */
export const preventionRoutes =
  (prevention: PreventionService): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(fastifyMultipart, {
      limits: { fileSize: MAX_PREVENTION_FILE_BYTES, files: 1, fields: 5 },
    });
    const read = { permission: 'prevention.read' as const };
    const write = { permission: 'prevention.write' as const };

    // Activities -------------------------------------------------------------------------
    app.get(
      '/api/prevention/activities',
      {
        config: read,
        schema: {
          tags,
          summary: 'Kegiatan pencegahan / prevention activities',
          querystring: ActivityQuery,
          response: { 200: z.array(ActivityView), ...errors },
        },
      },
      (req) => prevention.activities.list(req.actor, req.query),
    );
    app.post(
      '/api/prevention/activities',
      {
        config: write,
        schema: {
          tags,
          summary: 'Catat kegiatan / record an activity',
          body: ActivityInput,
          response: { 201: ActivityView, ...errors },
        },
      },
      async (req, reply) => reply.code(201).send(await prevention.activities.create(req.actor, req.body)),
    );
    app.get(
      '/api/prevention/activities/:id',
      {
        config: read,
        schema: {
          tags,
          summary: 'Rincian kegiatan / activity detail',
          params: Id,
          response: { 200: ActivityView, ...errors },
        },
      },
      (req) => prevention.activities.get(req.actor, req.params.id),
    );
    app.put(
      '/api/prevention/activities/:id',
      {
        config: write,
        schema: {
          tags,
          summary: 'Ubah kegiatan / edit an activity',
          params: Id,
          body: ActivityInput,
          response: { 200: ActivityView, ...errors },
        },
      },
      (req) => prevention.activities.update(req.actor, req.params.id, req.body),
    );
    app.post(
      '/api/prevention/activities/:id/attendance',
      {
        config: write,
        schema: {
          tags,
          summary: 'Unggah daftar hadir CSV/XLSX (kolom Nama, NIP, Instansi) / upload an attendance list',
          description:
            'Semua atau tidak sama sekali: 400 IMPORT_ROW_INVALID with details [{ row, field, message }].',
          consumes: ['multipart/form-data'],
          params: Id,
          response: { 200: AttendanceResult, 413: ErrorBody, ...errors },
        },
      },
      async (req) =>
        prevention.activities.uploadAttendance(req.actor, req.params.id, (await upload(req)).data),
    );
    app.post(
      '/api/prevention/activities/:id/files',
      {
        config: write,
        schema: {
          tags,
          summary: 'Lampirkan foto atau dokumen / attach a photo or document (type sniffed)',
          consumes: ['multipart/form-data'],
          params: Id,
          response: { 200: ActivityView, 413: ErrorBody, ...errors },
        },
      },
      async (req) => prevention.activities.addFile(req.actor, req.params.id, await upload(req)),
    );
    app.get(
      '/api/prevention/activities/:id/files/:fileId',
      {
        config: read,
        schema: {
          tags,
          summary: 'Unduh lampiran / download an attachment',
          params: z.object({ id: z.uuid(), fileId: z.uuid() }),
          response: { 200: z.any(), ...errors },
        },
      },
      async (req, reply) => {
        const f = await prevention.activities.file(req.actor, req.params.id, req.params.fileId);
        return reply
          .header('content-type', f.mime)
          .header('content-disposition', attachment(f.filename))
          .header('x-content-type-options', 'nosniff')
          .send(f.data);
      },
    );

    // Appeal letters --------------------------------------------------------------------
    app.get(
      '/api/prevention/letter-templates',
      {
        config: read,
        schema: {
          tags,
          summary: 'Templat surat imbauan kantor / the office’s appeal-letter templates',
          response: { 200: z.array(TemplateView), ...errors },
        },
      },
      (req) => prevention.letters.listTemplates(req.actor),
    );
    app.post(
      '/api/prevention/letter-templates',
      {
        config: write,
        schema: {
          tags,
          summary: 'Buat templat / create a template',
          body: TemplateInput,
          response: { 201: TemplateView, 409: ErrorBody, ...errors },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await prevention.letters.saveTemplate(req.actor, null, req.body)),
    );
    app.put(
      '/api/prevention/letter-templates/:id',
      {
        config: write,
        schema: {
          tags,
          summary: 'Ubah templat / edit a template',
          params: Id,
          body: TemplateInput,
          response: { 200: TemplateView, 409: ErrorBody, ...errors },
        },
      },
      (req) => prevention.letters.saveTemplate(req.actor, req.params.id, req.body),
    );
    app.get(
      '/api/prevention/letters',
      {
        config: read,
        schema: {
          tags,
          summary: 'Surat imbauan / appeal letters',
          querystring: CoverageQuery,
          response: { 200: z.array(AppealLetterView), ...errors },
        },
      },
      (req) => prevention.letters.list(req.actor, req.query),
    );
    app.post(
      '/api/prevention/letters',
      {
        config: write,
        schema: {
          tags,
          summary: 'Terbitkan surat imbauan bernomor (PDF) / issue a numbered appeal letter (PDF)',
          body: AppealLetterInput,
          response: { 201: AppealLetterView, ...errors },
        },
      },
      async (req, reply) => reply.code(201).send(await prevention.letters.issue(req.actor, req.body)),
    );
    app.patch(
      '/api/prevention/letters/:id',
      {
        config: write,
        schema: {
          tags,
          summary: 'Catat pengiriman dan tanda terima / record sending and acknowledgement',
          params: Id,
          body: AppealLetterPatch,
          response: { 200: AppealLetterView, ...errors },
        },
      },
      (req) => prevention.letters.record(req.actor, req.params.id, req.body),
    );
    app.get(
      '/api/prevention/letters/:id/pdf',
      {
        config: read,
        schema: {
          tags,
          summary: 'Unduh PDF surat / download the letter PDF',
          params: Id,
          response: { 200: z.any(), ...errors },
        },
      },
      async (req, reply) => {
        const { number, pdf } = await prevention.letters.pdf(req.actor, req.params.id);
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', attachment(`surat-imbauan-${number}.pdf`))
          .send(pdf);
      },
    );

    // Pledges ---------------------------------------------------------------------------
    app.get(
      '/api/prevention/pledges',
      {
        config: read,
        schema: {
          tags,
          summary: 'Kampanye ikrar netralitas / pledge campaigns',
          response: { 200: z.array(CampaignView), ...errors },
        },
      },
      (req) => prevention.pledges.list(req.actor),
    );
    app.post(
      '/api/prevention/pledges',
      {
        config: write,
        schema: {
          tags,
          summary: 'Buat kampanye ikrar / create a pledge campaign',
          body: CampaignInput,
          response: { 201: CampaignView, ...errors },
        },
      },
      async (req, reply) => reply.code(201).send(await prevention.pledges.create(req.actor, req.body)),
    );
    app.post(
      '/api/prevention/pledges/:id/close',
      {
        config: write,
        schema: {
          tags,
          summary: 'Tutup kampanye / close a campaign',
          params: Id,
          response: { 200: CampaignView, ...errors },
        },
      },
      (req) => prevention.pledges.close(req.actor, req.params.id),
    );
    app.get(
      '/api/prevention/pledges/:id/coverage',
      {
        config: read,
        schema: {
          tags,
          summary: 'Cakupan ikrar per instansi dan unit / pledge coverage per agency and unit',
          params: Id,
          response: { 200: CampaignCoverage, ...errors },
        },
      },
      (req) => prevention.pledges.coverage(req.actor, req.params.id),
    );
    app.post(
      '/api/prevention/pledges/:id/signed-list',
      {
        config: write,
        schema: {
          tags,
          summary: 'Unggah daftar hadir yang ditandatangani (NIP, Nama) / upload a signed attendance list',
          description: 'Semua atau tidak sama sekali, nomor baris pada setiap kesalahan.',
          consumes: ['multipart/form-data'],
          params: Id,
          response: {
            200: z.object({ rows: z.number(), added: z.number(), alreadySigned: z.number() }),
            413: ErrorBody,
            ...errors,
          },
        },
      },
      async (req) => prevention.pledges.uploadSigned(req.actor, req.params.id, (await upload(req)).data),
    );

    // Task forces -----------------------------------------------------------------------
    app.get(
      '/api/prevention/task-forces',
      {
        config: read,
        schema: {
          tags,
          summary: 'Satgas Netralitas ASN / task forces',
          response: { 200: z.array(TaskForceView), ...errors },
        },
      },
      (req) => prevention.taskForces.list(req.actor),
    );
    app.post(
      '/api/prevention/task-forces',
      {
        config: write,
        schema: {
          tags,
          summary: 'Catat satgas / record a task force',
          body: TaskForceInput,
          response: { 201: TaskForceView, 409: ErrorBody, ...errors },
        },
      },
      async (req, reply) => reply.code(201).send(await prevention.taskForces.save(req.actor, null, req.body)),
    );
    app.put(
      '/api/prevention/task-forces/:id',
      {
        config: write,
        schema: {
          tags,
          summary: 'Ubah satgas / edit a task force',
          params: Id,
          body: TaskForceInput,
          response: { 200: TaskForceView, 409: ErrorBody, ...errors },
        },
      },
      (req) => prevention.taskForces.save(req.actor, req.params.id, req.body),
    );
    app.get(
      '/api/prevention/task-force-users',
      {
        config: write,
        schema: {
          tags,
          summary:
            'Pengguna berperan satgas yang dapat ditautkan sebagai ketua / task-force users who can be linked as head',
          description:
            'Enabled users of role taskforce whose office lies in the actor’s jurisdiction; a task-force head sees only users of their own agency.',
          querystring: TaskForceUserQuery,
          response: { 200: z.array(TaskForceUser), ...errors },
        },
      },
      (req) => prevention.taskForces.headCandidates(req.actor, req.query),
    );
    app.post(
      '/api/prevention/task-forces/:id/dissolve',
      {
        config: write,
        schema: {
          tags,
          summary: 'Bubarkan satgas / dissolve a task force',
          params: Id,
          body: z.object({ on: z.iso.date() }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await prevention.taskForces.dissolve(req.actor, req.params.id, req.body.on);
        return reply.code(204).send(null);
      },
    );

    // Coverage --------------------------------------------------------------------------
    const coverageScope = (req: {
      actor: FastifyRequest['actor'];
      query: { regionCode?: string; agencyId?: string };
    }) => {
      const scope = scopeFor(req.actor);
      const root = req.query.regionCode ?? scope.regionRoot;
      if (!isWithinJurisdiction(root, scope.regionRoot))
        throw new DomainError('NOT_FOUND', 'Wilayah tidak ditemukan / region not found');
      if (scope.agencyId !== null && req.query.agencyId && req.query.agencyId !== scope.agencyId)
        throw new DomainError('NOT_FOUND', 'Instansi tidak ditemukan / agency not found');
      return { regionRoot: root, agencyId: scope.agencyId ?? req.query.agencyId ?? null };
    };
    app.get(
      '/api/prevention/coverage',
      {
        config: read,
        schema: {
          tags,
          summary: 'Cakupan pencegahan per wilayah dan instansi / coverage per region and agency',
          querystring: CoverageQuery,
          response: { 200: Coverage, ...errors },
        },
      },
      (req) => prevention.coverage(coverageScope(req)),
    );
    app.get(
      '/api/prevention/coverage/export',
      {
        config: read,
        schema: {
          tags,
          summary: 'Ekspor cakupan ke XLSX / export coverage as XLSX',
          querystring: CoverageQuery,
          response: { 200: z.any(), ...errors },
        },
      },
      async (req, reply) => {
        const body = await prevention.exportCoverage(coverageScope(req));
        const date = new Date().toISOString().slice(0, 10);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachment(`netra-cakupan-pencegahan-${date}.xlsx`))
          .send(body);
      },
    );

    // Public pledge page ----------------------------------------------------------------
    app.get(
      '/api/public/pledges/:id',
      {
        config: { permission: 'public' },
        schema: {
          tags,
          summary: 'Ikrar netralitas untuk halaman publik / a pledge for the public page',
          params: Id,
          response: { 200: PublicCampaign, ...errors },
        },
      },
      (req) => prevention.pledges.publicCampaign(req.params.id),
    );
    app.post(
      '/api/public/pledges/:id/sign',
      {
        config: { permission: 'public', rateLimit: { max: 30, timeWindow: 60_000 } } as never,
        schema: {
          tags,
          summary: 'Tanda tangani ikrar dengan NIP dan nama / sign a pledge with NIP and name',
          description:
            'A wrong NIP/name pair answers 400 with one message whatever the cause (no hint who exists), after a minimum time; failures per NIP are limited (429).',
          params: Id,
          body: PublicSignInput,
          response: { 201: PublicSignResult, 409: ErrorBody, 429: ErrorBody, ...errors },
        },
      },
      async (req, reply) => reply.code(201).send(await prevention.pledges.sign(req.params.id, req.body)),
    );
  };
