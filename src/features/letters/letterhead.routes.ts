import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../contracts/errors.ts';
import { OfficeLetterhead, OfficeLetterheadView } from '../../contracts/prevention.ts';
import type { LetterheadService } from './letterhead.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ['surat'];

/** Office letterhead and numbering settings (administrators, within their jurisdiction). */
export const letterheadRoutes =
  (letterhead: LetterheadService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/offices/letterhead',
      {
        config: { permission: 'users.manage' },
        schema: {
          tags,
          summary: 'Kop surat dan penomoran kantor / offices’ letterhead and numbering',
          querystring: z.object({ q: z.string().max(100).optional() }),
          response: { 200: z.array(OfficeLetterheadView), ...errors },
        },
      },
      (req) => letterhead.list(req.actor, req.query.q),
    );
    app.put(
      '/api/offices/:id/letterhead',
      {
        config: { permission: 'users.manage' },
        schema: {
          tags,
          summary: 'Ubah kop surat dan format nomor / edit letterhead and number template',
          params: z.object({ id: z.uuid() }),
          body: OfficeLetterhead,
          response: { 200: OfficeLetterheadView, ...errors },
        },
      },
      (req) => letterhead.update(req.actor, req.params.id, req.body),
    );
  };
