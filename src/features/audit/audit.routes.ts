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
          summary: 'Ekspor jejak audit (CSV) / export the audit trail (CSV)',
          querystring: AuditQuery.extend({
            limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
          }),
          response: { 200: z.string(), ...errors },
        },
      },
      async (req, reply) => {
        const rows = await audit.browse(req.actor, req.query);
        const lines = ['id,at,actor_id,actor_username,action,subject_type,subject_id,details,hash'];
        for (const r of rows.map(toEvent))
          lines.push(
            [
              r.id,
              r.at,
              r.actorId,
              r.actorUsername,
              r.action,
              r.subjectType,
              r.subjectId,
              JSON.stringify(r.details),
              r.hash,
            ]
              .map(cell)
              .join(','),
          );
        reply.header('Content-Type', 'text/csv; charset=utf-8');
        reply.header('Content-Disposition', 'attachment; filename="netra-audit.csv"');
        return `${lines.join('\r\n')}\r\n`;
      },
    );
  };
