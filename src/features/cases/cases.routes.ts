import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ActionInput,
  CaseDetail,
  CasePage,
  CaseQuery,
  CaseStatus,
  FormAInput,
  HolidayInput,
  HolidayView,
  IsoDate,
  NotificationList,
  ViolationFormPatch,
  ViolationFormView,
} from '../../contracts/cases.ts';
import { ErrorBody } from '../../contracts/errors.ts';
import { DomainError } from '../../domain/errors.ts';
import { readingMultipart } from '../../http/multipart.ts';
import { caseRegisterXlsx } from './cases.export.ts';
import type { CaseReferenceService } from './cases.reference.ts';
import type { CasesService } from './cases.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const Id = z.object({ id: z.uuid() });
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Largest evidence file accepted (videos of campaign events are the big ones). */
export const MAX_EVIDENCE_BYTES = 100 * 1024 * 1024;

/** Case handling API (issue 7). Every record is scoped to the actor's jurisdiction (404 outside). */
export const casesRoutes =
  (cases: CasesService, reference: CaseReferenceService): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(fastifyMultipart, { limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1, fields: 5 } });

    app.get(
      '/api/cases',
      {
        config: { permission: 'cases.read' },
        schema: {
          tags: ['kasus'],
          summary: 'Daftar kasus / case list with filters (status, origin, deadline) and paging',
          querystring: CaseQuery,
          response: { 200: CasePage, ...errors },
        },
      },
      (req) => cases.listCases(req.actor, req.query),
    );

    app.get(
      '/api/cases/export.xlsx',
      {
        config: { permission: 'cases.read' },
        schema: {
          tags: ['kasus'],
          summary: 'Ekspor register kasus ke XLSX / export the case register (same filters as the list)',
          querystring: CaseQuery,
          response: { 200: z.any(), ...errors },
        },
      },
      async (req, reply) => {
        const body = await caseRegisterXlsx(await cases.registerRows(req.actor, req.query));
        const date = new Date().toISOString().slice(0, 10);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', `attachment; filename="netra-register-kasus-${date}.xlsx"`)
          .send(body);
      },
    );

    app.post(
      '/api/cases/findings',
      {
        config: { permission: 'cases.write' },
        schema: {
          tags: ['kasus'],
          summary: 'Temuan (Formulir Model A) → kasus baru / a supervisor finding (Form A) opens a case',
          body: FormAInput,
          response: {
            201: z.object({ id: z.string(), number: z.string(), created: z.boolean() }),
            ...errors,
          },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await cases.openCase(req.actor, { kind: 'finding', form: req.body })),
    );

    app.get(
      '/api/cases/alert-candidates',
      {
        config: { permission: 'cases.write' },
        schema: {
          tags: ['kasus'],
          summary: 'Peringatan terkonfirmasi yang belum menjadi kasus / confirmed alerts without a case',
          response: {
            200: z.array(
              z.object({
                alertId: z.string(),
                regionCode: z.string().nullable(),
                staffName: z.string().nullable(),
                category: z.string().nullable(),
                summary: z.string(),
                url: z.string().nullable(),
                confirmedAt: z.string().nullable(),
              }),
            ),
            ...errors,
          },
        },
      },
      (req) => cases.alertCandidates(req.actor),
    );

    app.post(
      '/api/cases/from-alert/:alertId',
      {
        config: { permission: 'cases.write' },
        schema: {
          tags: ['kasus'],
          summary: 'Peringatan terkonfirmasi → kasus baru / open a case from a confirmed alert (idempotent)',
          params: z.object({ alertId: z.uuid() }),
          response: {
            201: z.object({ id: z.string(), number: z.string(), created: z.boolean() }),
            ...errors,
          },
        },
      },
      async (req, reply) => reply.code(201).send(await cases.openFromAlert(req.actor, req.params.alertId)),
    );

    app.get(
      '/api/cases/:id',
      {
        config: { permission: 'cases.read' },
        schema: {
          tags: ['kasus'],
          summary:
            'Rincian kasus / case with timeline, deadlines, documents, evidence, parties and allowed actions',
          params: Id,
          response: { 200: CaseDetail, ...errors },
        },
      },
      (req) => cases.getCase(req.actor, req.params.id),
    );

    app.post(
      '/api/cases/:id/actions',
      {
        config: { permission: 'cases.read' },
        schema: {
          tags: ['kasus'],
          summary: 'Langkah penanganan / take one workflow step (the role and state decide what is allowed)',
          description:
            'Tindakan yang tidak diizinkan untuk peran: 403; tidak sesuai status: 409 INVALID_STATE. See docs/case-lifecycle.md for payloads.',
          params: Id,
          body: ActionInput,
          response: {
            200: z.object({ status: CaseStatus, letterId: z.string().optional() }),
            409: ErrorBody,
            ...errors,
          },
        },
      },
      (req) => cases.act(req.actor, req.params.id, req.body),
    );

    app.get(
      '/api/cases/:id/documents/:letterId',
      {
        config: { permission: 'cases.read' },
        schema: {
          tags: ['kasus'],
          summary: 'Unduh dokumen kasus (PDF) / download a case document',
          params: z.object({ id: z.uuid(), letterId: z.uuid() }),
          response: { 200: z.any(), ...errors },
        },
      },
      async (req, reply) => {
        const doc = await cases.documentPdf(req.actor, req.params.id, req.params.letterId);
        const name = doc.number.replace(/[^A-Za-z0-9.-]+/g, '_');
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="${name}.pdf"`)
          .send(doc.pdf);
      },
    );

    app.post(
      '/api/cases/:id/evidence',
      {
        config: { permission: 'cases.write' },
        schema: {
          tags: ['kasus'],
          summary: 'Unggah bukti (multipart: file, description) / upload an evidence file',
          consumes: ['multipart/form-data'],
          params: Id,
          response: { 201: z.object({ status: CaseStatus }), 409: ErrorBody, 413: ErrorBody, ...errors },
        },
      },
      async (req, reply) => {
        const file = await req.file().catch(() => undefined);
        if (!file)
          throw new DomainError('VALIDATION', 'Berkas wajib dikirim / a file is required', [
            { field: 'file', message: 'unggah berkas bukti' },
          ]);
        const data = await readingMultipart(() => file.toBuffer());
        const description = (file.fields.description as { value?: string } | undefined)?.value ?? '';
        const r = await cases.uploadEvidence(req.actor, req.params.id, {
          data,
          filename: file.filename,
          mediaType: file.mimetype,
          description: String(description).slice(0, 2000),
        });
        return reply.code(201).send({ status: r.status });
      },
    );

    app.get(
      '/api/cases/:id/evidence/:evidenceId',
      {
        config: { permission: 'cases.read' },
        schema: {
          tags: ['kasus'],
          summary: 'Unduh berkas bukti / download an evidence file (audited)',
          params: z.object({ id: z.uuid(), evidenceId: z.uuid() }),
          response: { 200: z.any(), ...errors },
        },
      },
      async (req, reply) => {
        const f = await cases.evidenceFile(req.actor, req.params.id, req.params.evidenceId);
        return reply
          .header('content-type', f.mediaType)
          .header(
            'content-disposition',
            `attachment; filename="${f.filename.replace(/[^A-Za-z0-9._-]+/g, '_')}"`,
          )
          .send(f.data);
      },
    );

    app.get(
      '/api/case-reference/holidays',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags: ['kasus'],
          summary: 'Hari libur nasional dan cuti bersama / holiday calendar used by working-day clocks',
          querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
          response: { 200: z.array(HolidayView), ...errors },
        },
      },
      (req) => reference.listHolidays(req.query.year),
    );

    app.put(
      '/api/case-reference/holidays/:date',
      {
        config: { permission: 'reference.manage' },
        schema: {
          tags: ['kasus'],
          summary: 'Tambah atau ubah hari libur / add or change a holiday (deadlines are recomputed)',
          params: z.object({ date: IsoDate }),
          body: HolidayInput.omit({ date: true }),
          response: { 200: HolidayView, ...errors },
        },
      },
      (req) => reference.upsertHoliday(req.actor.id, { ...req.body, date: req.params.date }),
    );

    app.delete(
      '/api/case-reference/holidays/:date',
      {
        config: { permission: 'reference.manage' },
        schema: {
          tags: ['kasus'],
          summary: 'Hapus hari libur / remove a holiday',
          params: z.object({ date: IsoDate }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await reference.deleteHoliday(req.actor.id, req.params.date);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/case-reference/violation-forms',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags: ['kasus'],
          summary: 'Katalog bentuk pelanggaran SKB 2022 / the 20 violation forms of the 2022 joint decree',
          response: { 200: z.array(ViolationFormView), ...errors },
        },
      },
      () => reference.listForms(),
    );

    app.patch(
      '/api/case-reference/violation-forms/:code',
      {
        config: { permission: 'reference.manage' },
        schema: {
          tags: ['kasus'],
          summary: 'Ubah bentuk pelanggaran / edit a violation form (sanction level, legal basis, category)',
          params: z.object({ code: z.string().regex(/^(KE|DS)-\d{1,2}$/) }),
          body: ViolationFormPatch,
          response: { 200: ViolationFormView, ...errors },
        },
      },
      (req) => reference.updateForm(req.actor.id, req.params.code, req.body),
    );

    app.get(
      '/api/notifications',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags: ['kasus'],
          summary: 'Notifikasi saya / my in-app notifications (latest 50) and the unread count',
          response: { 200: NotificationList, ...errors },
        },
      },
      (req) => reference.notifications(req.actor.id),
    );

    app.post(
      '/api/notifications/read',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags: ['kasus'],
          summary: 'Tandai dibaca / mark one or all notifications read',
          body: z.object({ id: z.union([z.uuid(), z.literal('all')]) }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await reference.markRead(req.actor.id, req.body.id);
        return reply.code(204).send(null);
      },
    );
  };
