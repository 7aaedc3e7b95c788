import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../contracts/errors.ts';
import { DomainError } from '../../domain/errors.ts';
import { SIGNATURE_HEADER, WEBHOOK_MAX_BYTES } from '../../platform/connectors/webhook.ts';
import type { ConnectorsService } from './connectors.service.ts';

const IngestResult = z
  .object({
    read: z.number().int(),
    inserted: z.number().int(),
    duplicates: z.number().int(),
    flagged: z.number().int(),
  })
  .meta({ id: 'IngestResult' });

/** Deliveries per minute per client IP: generous, a partner sends batches of up to 5,000 posts. */
const WEBHOOK_RATE_LIMIT = { max: 600, timeWindow: 60_000 };

/**
 * Machine-to-machine ingest of pushed posts. A public route (no session, no CSRF cookie to abuse)
 * with its own authentication: the per-source HMAC signature, checked by the service on the raw
 * bytes of the body — so this plugin parses JSON bodies as Buffers (its own scope only).
 */
export const connectorsRoutes =
  (connectors: ConnectorsService): FastifyPluginAsyncZod =>
  async (app) => {
    app.removeContentTypeParser(['application/json']);
    app.addContentTypeParser(
      ['application/json', 'application/x-ndjson', 'application/jsonl'],
      { parseAs: 'buffer', bodyLimit: WEBHOOK_MAX_BYTES },
      (_req, body, done) => done(null, body),
    );

    app.post(
      '/api/ingest/webhook/:source',
      {
        config: { permission: 'public', rateLimit: WEBHOOK_RATE_LIMIT } as { permission: 'public' },
        bodyLimit: WEBHOOK_MAX_BYTES,
        schema: {
          tags: ['konektor'],
          summary:
            'Terima pos kiriman mitra (webhook bertanda tangan HMAC) / receive pushed posts (HMAC-signed webhook)',
          description:
            'Body: `{ "posts": [ Post… ] }` or an array (application/json), or JSON Lines (application/x-ndjson); ' +
            'posts in the contract §2 form, at most 5,000 per delivery. Header `Netra-Signature: t=<unix seconds>,v1=<hex ' +
            'HMAC-SHA256(secret, "<t>.<raw body>")>`, timestamp within ±300 s, each signature accepted once. ' +
            'See docs/connectors.md.',
          params: z.object({ source: z.string().max(200) }),
          headers: z.looseObject({ [SIGNATURE_HEADER]: z.string().max(1000).optional() }),
          response: {
            200: IngestResult,
            400: ErrorBody,
            401: ErrorBody,
            404: ErrorBody,
            409: ErrorBody,
            413: ErrorBody,
            415: ErrorBody,
            429: ErrorBody,
          },
        },
      },
      async (req) => {
        const contentType = String(req.headers['content-type'] ?? '');
        const body = Buffer.isBuffer(req.body) ? req.body : undefined;
        if (!body)
          throw new DomainError(
            'VALIDATION',
            'Gunakan application/json atau application/x-ndjson / use application/json or application/x-ndjson',
            [{ field: 'content-type', message: contentType || '(kosong / empty)' }],
          );
        const signature = req.headers[SIGNATURE_HEADER];
        return connectors.receiveWebhook({
          source: req.params.source,
          signature: typeof signature === 'string' ? signature : undefined,
          contentType,
          body,
        });
      },
    );
  };
