import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { type FastifyPluginAsyncZod, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Me } from '../contracts/auth.ts';
import { registerAuth } from './auth.ts';
import { registerErrorHandler, registerNotFound } from './error-handler.ts';
import { registerOpenApi } from './openapi.ts';
import { registerRateLimits } from './rate-limits.ts';
import { registerRejectNul } from './reject-nul.ts';
import { registerSecurityHeaders } from './security-headers.ts';

export type AppOptions = {
  logger: Logger;
  version: string;
  /** Resolves a session token to the signed-in user (the auth service). */
  authenticate: (token: string) => Promise<Me | undefined>;
  /** Feature route plugins, registered in this order. */
  routes: FastifyPluginAsyncZod[];
  /** Fastify's trustProxy: whose X-Forwarded-* headers to believe (default: nobody's). */
  trustProxy?: boolean | number | string;
  /** Built web UI to serve (web/dist); skipped when absent. */
  webDist?: string;
};

// Validation messages in Bahasa Indonesia (zod's built-in `id` locale), as every user reads them.
z.config(z.locales.id());

/** Builds the Fastify app: plugins, error mapping, OpenAPI, every feature's routes, the web UI. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: opts.logger as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    trustProxy:
      typeof opts.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(opts.trustProxy)
        : (opts.trustProxy ?? false),
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerSecurityHeaders(app);
  registerRejectNul(app);
  await app.register(fastifyCookie);
  registerAuth(app, opts.authenticate);
  await registerRateLimits(app);
  await registerOpenApi(app, opts.version);
  for (const routes of opts.routes) await app.register(routes);

  const hasWeb = Boolean(opts.webDist && existsSync(join(opts.webDist, 'index.html')));
  if (hasWeb) {
    // Files are looked up on disk per request (wildcard), so a UI rebuilt while the server runs is
    // served correctly and a missing asset is a real 404.
    await app.register(fastifyStatic, { root: opts.webDist!, wildcard: true, index: ['index.html'] });
  }
  // Client-side routes (/masuk, /app/…) get the SPA's index.html; /api and /assets stay 404.
  registerNotFound(app, hasWeb ? (reply) => reply.sendFile('index.html') : undefined);
  return app;
}
