import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Dashboard,
  DashboardQuery,
  HistoryImportResult,
  KerawananSettings,
  KerawananSettingsView,
} from '../../contracts/analytics.ts';
import { ErrorBody } from '../../contracts/errors.ts';
import { DomainError } from '../../domain/errors.ts';
import { readingMultipart } from '../../http/multipart.ts';
import type { AnalyticsService } from './analytics.service.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const fileName = (d: { region: { code: string }; period: { from: string; to: string } }, ext: string) =>
  `netra-dasbor-${d.region.code.replaceAll('.', '-')}-${d.period.from}-${d.period.to}.${ext}`;

/** Analytics API (issue 9): the dashboard of a region in the user's jurisdiction, map, exports, kerawanan settings. */
export const analyticsRoutes =
  (analytics: AnalyticsService): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(fastifyMultipart, { limits: { fileSize: 16 * 1024 * 1024, files: 1, fields: 5 } });

    app.get(
      '/api/analytics/dashboard',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags: ['analitik'],
          summary: 'Dasbor wilayah / dashboard of a region (default: your jurisdiction, last 90 days)',
          description:
            'Wilayah di luar yurisdiksi Anda dijawab 404 / a region outside your jurisdiction answers 404.',
          querystring: DashboardQuery,
          response: { 200: Dashboard, ...errors },
        },
      },
      (req) => analytics.dashboard(req.actor, req.query),
    );

    app.get(
      '/api/analytics/map',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags: ['analitik'],
          summary: 'Batas wilayah (TopoJSON, kode Kemendagri) / boundaries with Kemendagri codes',
          response: { 200: z.any(), ...errors },
        },
      },
      async (_req, reply) =>
        reply.header('cache-control', 'private, max-age=3600').send(await analytics.map()),
    );

    app.get(
      '/api/analytics/export',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags: ['analitik'],
          summary: 'Ekspor semua tabel dasbor ke XLSX / every dashboard table as XLSX',
          querystring: DashboardQuery,
          response: { 200: z.any(), ...errors },
        },
      },
      async (req, reply) => {
        const { dashboard, body } = await analytics.exportXlsx(req.actor, req.query);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', `attachment; filename="${fileName(dashboard, 'xlsx')}"`)
          .send(body);
      },
    );

    app.get(
      '/api/analytics/report',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags: ['analitik'],
          summary: 'Laporan PDF wilayah dan periode / PDF report with figures, map and charts',
          querystring: DashboardQuery,
          response: { 200: z.any(), ...errors },
        },
      },
      async (req, reply) => {
        const { dashboard, body } = await analytics.reportPdf(req.actor, req.query);
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="${fileName(dashboard, 'pdf')}"`)
          .send(body);
      },
    );

    app.get(
      '/api/analytics/kerawanan/settings',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags: ['analitik'],
          summary: 'Bobot dan ambang indeks kerawanan / kerawanan weights and thresholds',
          response: { 200: KerawananSettingsView, ...errors },
        },
      },
      () => analytics.getSettings(),
    );

    app.put(
      '/api/analytics/kerawanan/settings',
      {
        config: { permission: 'analytics.manage' },
        schema: {
          tags: ['analitik'],
          summary: 'Ubah bobot dan ambang (administrator) / change weights and thresholds (audited)',
          body: KerawananSettings,
          response: { 200: KerawananSettingsView, ...errors },
        },
      },
      (req) => analytics.updateSettings(req.actor, req.body),
    );

    app.post(
      '/api/analytics/kerawanan/history',
      {
        config: { permission: 'analytics.manage' },
        schema: {
          tags: ['analitik'],
          summary: 'Impor kasus pemilu sebelumnya (CSV/XLSX) / import the previous election’s cases',
          description:
            'multipart: field "file" (columns kode_wilayah, jumlah_kasus, optional instansi). All or nothing: 400 IMPORT_ROW_INVALID with row numbers; importing the same election again replaces it.',
          consumes: ['multipart/form-data'],
          querystring: z.object({ election: z.string().min(2).max(63) }),
          response: { 200: HistoryImportResult, 413: ErrorBody, ...errors },
        },
      },
      async (req) => {
        const file = await req.file().catch(() => undefined);
        if (!file)
          throw new DomainError('VALIDATION', 'Berkas wajib dikirim / a file is required', [
            { field: 'file', message: 'unggah berkas CSV atau XLSX' },
          ]);
        return analytics.importHistory(req.actor, {
          election: req.query.election,
          data: await readingMultipart(() => file.toBuffer()),
        });
      },
    );
  };
