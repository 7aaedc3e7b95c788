import ExcelJS from 'exceljs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditPage, AuditQuery } from '../../contracts/audit.ts';
import { ErrorBody } from '../../contracts/errors.ts';
import type { AuditService } from './audit.service.ts';

type Row = Awaited<ReturnType<AuditService['browse']>>[number];

const toEvent = (r: Row) => ({
  id: String(r.id),
  at: new Date(r.at).toISOString(),
  actorId: r.actor_id,
  actorUsername: r.actor_username,
  action: r.action,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  details: r.details,
  hash: r.hash,
});

/** A CSV cell: quoted, and a leading = + - @ neutralised so spreadsheets do not run it as a formula. */
const cell = (v: string | null) => {
  const s = v ?? '';
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replaceAll('"', '""')}"`;
};

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

/** The audit trail for administrators: browse page by page, export as CSV. */
export const auditRoutes =
  (audit: AuditService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/audit',
      {
        config: { permission: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: 'Jejak audit (terbaru dulu) / audit trail (newest first)',
          querystring: AuditQuery,
          response: { 200: AuditPage, ...errors },
        },
      },
      async (req) => {
        const rows = await audit.browse(req.actor, req.query);
        const events = rows.map(toEvent);
        return { events, next: rows.length === req.query.limit ? (events.at(-1)?.id ?? null) : null };
      },
    );

    app.get(
      '/api/audit/export',
      {
        config: { permission: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: 'Ekspor jejak audit (CSV atau XLSX) / export the audit trail (CSV or XLSX)',
          querystring: AuditQuery.extend({
            limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
            format: z.enum(['csv', 'xlsx']).default('csv'),
          }),
          response: { 200: z.any(), ...errors },
        },
      },
      async (req, reply) => {
        const events = (await audit.browse(req.actor, req.query)).map(toEvent);
        const header = [
          'id',
          'at',
          'actor_id',
          'actor_username',
          'action',
          'subject_type',
          'subject_id',
          'details',
          'hash',
        ];
        const rowOf = (r: ReturnType<typeof toEvent>) => [
          r.id,
          r.at,
          r.actorId,
          r.actorUsername,
          r.action,
          r.subjectType,
          r.subjectId,
          JSON.stringify(r.details),
          r.hash,
        ];
        if (req.query.format === 'xlsx') {
          // Cells are written as text values, never as formulas.
          const workbook = new ExcelJS.Workbook();
          const sheet = workbook.addWorksheet('audit');
          sheet.addRow(header);
          for (const r of events) sheet.addRow(rowOf(r));
          const body = Buffer.from(await workbook.xlsx.writeBuffer());
          reply.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
          reply.header('Content-Disposition', 'attachment; filename="netra-audit.xlsx"');
          return reply.send(body);
        }
        const lines = [header.join(',')];
        for (const r of events) lines.push(rowOf(r).map(cell).join(','));
        reply.header('Content-Type', 'text/csv; charset=utf-8');
        reply.header('Content-Disposition', 'attachment; filename="netra-audit.csv"');
        return reply.send(`${lines.join('\r\n')}\r\n`);
      },
    );
  };
