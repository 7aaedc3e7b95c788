import { PassThrough } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../contracts/errors.ts';
import {
  AccountInput,
  AccountPage,
  AccountPatch,
  AccountQuery,
  AccountView,
  AgencyInput,
  AgencyNode,
  AgencyQuery,
  ExportList,
  ImportKind,
  ImportQuery,
  ImportResult,
  StaffDetail,
  StaffInput,
  StaffPage,
  StaffQuery,
} from '../../contracts/registry.ts';
import { DomainError, isDomainError } from '../../domain/errors.ts';
import { STATUS_BY_CODE } from '../../http/error-handler.ts';
import { readingMultipart } from '../../http/multipart.ts';
import type { RegistryService } from './registry.service.ts';

/** Largest import file accepted over HTTP (100,000 staff rows as CSV are about 15 MB). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const Id = z.object({ id: z.uuid() });

/** Registry API (issue 4). Reads need `registry.read`, writes `registry.write`; all in the actor's jurisdiction. */
export const registryRoutes =
  (registry: RegistryService): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(fastifyMultipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5 } });

    app.get(
      '/api/registry/agencies',
      {
        config: { permission: 'registry.read' },
        schema: {
          tags: ['registri'],
          summary: 'Instansi dan pohon unit kerja / agencies with unit trees',
          querystring: AgencyQuery,
          response: { 200: z.array(AgencyNode), ...errors },
        },
      },
      (req) => registry.listAgencies(req.actor, req.query),
    );

    app.post(
      '/api/registry/agencies',
      {
        config: { permission: 'registry.write' },
        schema: {
          tags: ['registri'],
          summary: 'Tambah instansi / add an agency with its unit tree',
          body: AgencyInput,
          response: { 201: AgencyNode, 409: ErrorBody, ...errors },
        },
      },
      async (req, reply) => reply.code(201).send(await registry.createAgency(req.actor, req.body)),
    );

    app.put(
      '/api/registry/agencies/:id',
      {
        config: { permission: 'registry.write' },
        schema: {
          tags: ['registri'],
          summary: 'Ubah instansi / change an agency and replace its unit tree',
          description:
            'Units left out of `units` are removed; a unit that still has staff cannot be removed.',
          params: Id,
          body: AgencyInput,
          response: { 200: AgencyNode, 409: ErrorBody, ...errors },
        },
      },
      (req) => registry.updateAgency(req.actor, req.params.id, req.body),
    );

    app.post(
      '/api/registry/staff',
      {
        config: { permission: 'registry.write' },
        schema: {
          tags: ['registri'],
          summary: 'Tambah pegawai / add a staff member (NIP validated and decoded)',
          body: StaffInput,
          response: { 201: StaffDetail, 409: ErrorBody, ...errors },
        },
      },
      async (req, reply) => reply.code(201).send(await registry.createStaff(req.actor, req.body)),
    );

    app.put(
      '/api/registry/staff/:id',
      {
        config: { permission: 'registry.write' },
        schema: {
          tags: ['registri'],
          summary: 'Ubah pegawai / change a staff member',
          params: Id,
          body: StaffInput,
          response: { 200: StaffDetail, 409: ErrorBody, ...errors },
        },
      },
      (req) => registry.updateStaff(req.actor, req.params.id, req.body),
    );

    app.get(
      '/api/registry/staff',
      {
        config: { permission: 'registry.read' },
        schema: {
          tags: ['registri'],
          summary: 'Cari pegawai / search staff (name, NIP, @handle) with filters and paging',
          querystring: StaffQuery,
          response: { 200: StaffPage, ...errors },
        },
      },
      (req) => registry.searchStaff(req.actor, req.query),
    );

    app.get(
      '/api/registry/staff/:id',
      {
        config: { permission: 'registry.read' },
        schema: {
          tags: ['registri'],
          summary: 'Rincian pegawai / staff detail with accounts',
          params: Id,
          response: { 200: StaffDetail, ...errors },
        },
      },
      (req) => registry.getStaff(req.actor, req.params.id),
    );

    app.get(
      '/api/registry/accounts',
      {
        config: { permission: 'registry.read' },
        schema: {
          tags: ['registri'],
          summary: 'Akun media sosial / social accounts',
          querystring: AccountQuery,
          response: { 200: AccountPage, ...errors },
        },
      },
      (req) => registry.listAccounts(req.actor, req.query),
    );

    app.post(
      '/api/registry/accounts',
      {
        config: { permission: 'registry.write' },
        schema: {
          tags: ['registri'],
          summary: 'Daftarkan akun / register a social account',
          body: AccountInput,
          response: { 201: AccountView, 409: ErrorBody, ...errors },
        },
      },
      async (req, reply) => reply.code(201).send(await registry.createAccount(req.actor, req.body)),
    );

    app.patch(
      '/api/registry/accounts/:id',
      {
        config: { permission: 'registry.write' },
        schema: {
          tags: ['registri'],
          summary:
            'Ubah akun, tautan ke pegawai atau status pantau / edit an account, its link or watch status',
          params: Id,
          body: AccountPatch,
          response: { 200: AccountView, ...errors },
        },
      },
      (req) => registry.updateAccount(req.actor, req.params.id, req.body),
    );

    app.post(
      '/api/registry/import/:kind',
      {
        config: { permission: 'registry.write' },
        schema: {
          tags: ['registri'],
          summary: 'Impor CSV/XLSX (multipart, field "file"); dryRun=true for the preview',
          description:
            'Semua atau tidak sama sekali: any bad row answers 400 IMPORT_ROW_INVALID with details [{ row, field, message }] and nothing is written.',
          consumes: ['multipart/form-data'],
          params: z.object({ kind: ImportKind }),
          querystring: ImportQuery,
          response: { 200: ImportResult, 413: ErrorBody, ...errors },
        },
      },
      async (req, reply) => {
        const file = await req.file().catch(() => undefined);
        if (!file)
          throw new DomainError('VALIDATION', 'Berkas wajib dikirim / a file is required', [
            { field: 'file', message: 'unggah berkas CSV atau XLSX' },
          ]);
        const data = await readingMultipart(() => file.toBuffer());
        const opts = { actor: req.actor, kind: req.params.kind, data, dryRun: req.query.dryRun === 'true' };
        if (req.query.progress !== 'stream') return registry.importFile(opts);
        // NDJSON: progress lines as the import runs (at most ~4 a second), then the outcome.
        const out = new PassThrough();
        const line = (o: unknown) => out.write(`${JSON.stringify(o)}\n`);
        let last = 0;
        registry
          .importFile({
            ...opts,
            onProgress: (progress) => {
              const t = Date.now();
              if (t - last < 250 && progress.done < progress.total) return;
              last = t;
              line({ progress });
            },
          })
          .then(
            (result) => line({ result }),
            (e: unknown) => {
              if (isDomainError(e) && STATUS_BY_CODE[e.code] < 500)
                line({ error: { code: e.code, message: e.message, details: e.details } });
              else {
                req.log.error({ err: e }, 'streamed import failed');
                line({
                  error: { code: 'INTERNAL', message: 'Kesalahan server / internal error', details: [] },
                });
              }
            },
          )
          .finally(() => out.end());
        return reply
          .header('content-type', 'application/x-ndjson; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(out as never);
      },
    );

    app.get(
      '/api/registry/export/:list',
      {
        config: { permission: 'registry.read' },
        schema: {
          tags: ['registri'],
          summary: 'Ekspor daftar ke XLSX / export a list as XLSX (same filters as the list)',
          params: z.object({ list: ExportList }),
          querystring: z.record(z.string(), z.string()),
          response: { 200: z.any(), ...errors },
        },
      },
      async (req, reply) => {
        const body = await registry.exportList(req.actor, req.params.list, req.query);
        const date = new Date().toISOString().slice(0, 10);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', `attachment; filename="netra-${req.params.list}-${date}.xlsx"`)
          .send(body);
      },
    );
  };
