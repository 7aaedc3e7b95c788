import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Health } from '../../contracts/health.ts';

/** `GET /api/health` (contracts §5): liveness plus which database engine is underneath. */
export const systemRoutes =
  (health: () => Promise<Health>): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/health',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['sistem'],
          summary: 'Status layanan / service health',
          response: { 200: Health },
        },
      },
      () => health(),
    );
  };
