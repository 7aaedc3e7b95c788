import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginInput, Me } from '../../contracts/auth.ts';
import { ErrorBody } from '../../contracts/errors.ts';
import { SESSION_COOKIE } from '../../http/auth.ts';
import { type AuthService, SESSION_ABSOLUTE_MS } from './auth.service.ts';

export const authRoutes =
  (auth: AuthService): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/auth/login',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Masuk / sign in',
          body: LoginInput,
          response: { 200: Me, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
        },
      },
      async (req, reply) => {
        const { token, me } = await auth.login(req.body);
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: 'auto',
          maxAge: SESSION_ABSOLUTE_MS / 1000,
        });
        return me;
      },
    );

    app.get(
      '/api/auth/me',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'Pengguna yang masuk / current user',
          response: { 200: Me, 401: ErrorBody },
        },
      },
      async (req) => req.actor,
    );

    app.post(
      '/api/auth/logout',
      {
        config: { permission: 'public' },
        schema: { tags: ['auth'], summary: 'Keluar / sign out', response: { 204: z.null(), 403: ErrorBody } },
      },
      async (req, reply) => {
        const token = req.cookies[SESSION_COOKIE];
        if (token) await auth.logout(token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(204).send(null);
      },
    );
  };
