import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  LoginChallenge,
  LoginInput,
  Me,
  TotpCodeInput,
  TotpEnrolled,
  TotpEnrolment,
} from '../../contracts/auth.ts';
import { ErrorBody } from '../../contracts/errors.ts';
import { SESSION_COOKIE } from '../../http/auth.ts';
import { type AuthService, PENDING_SESSION_MS, SESSION_ABSOLUTE_MS } from './auth.service.ts';

/** The session cookie: HttpOnly, SameSite=Strict, Secure when the request came over TLS. */
function setSessionCookie(reply: FastifyReply, token: string, maxAgeMs: number) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: 'auto',
    maxAge: maxAgeMs / 1000,
  });
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody, 429: ErrorBody };

export const authRoutes =
  (auth: AuthService): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/auth/login',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Masuk: langkah kata sandi / sign in: password step',
          description:
            '200 dengan pengguna bila selesai; 202 bila langkah kedua (TOTP atau pendaftaran TOTP) diperlukan. ' +
            '200 with the user when done; 202 when a second step (TOTP, or TOTP enrolment) is required.',
          body: LoginInput,
          response: { 200: Me, 202: LoginChallenge, ...errors },
        },
      },
      async (req, reply) => {
        const { token, me, next } = await auth.login(req.body);
        if (next) {
          setSessionCookie(reply, token, PENDING_SESSION_MS);
          return reply.code(202).send({ next });
        }
        setSessionCookie(reply, token, SESSION_ABSOLUTE_MS);
        return reply.code(200).send(me);
      },
    );

    app.post(
      '/api/auth/totp',
      {
        config: { permission: 'sign-in' },
        schema: {
          tags: ['auth'],
          summary: 'Masuk: kode TOTP atau kode pemulihan / sign in: TOTP or recovery code',
          body: TotpCodeInput,
          response: { 200: Me, ...errors },
        },
      },
      async (req, reply) => {
        const { token, me } = await auth.completeTotp(req.cookies[SESSION_COOKIE], req.body.code);
        // A new token for the full session (the half-done one is revoked): no session fixation.
        setSessionCookie(reply, token, SESSION_ABSOLUTE_MS);
        return me;
      },
    );

    app.post(
      '/api/auth/totp/enrolment',
      {
        config: { permission: 'sign-in' },
        schema: {
          tags: ['auth'],
          summary: 'Mulai pendaftaran TOTP (kode QR) / start TOTP enrolment (QR code)',
          response: { 200: TotpEnrolment, ...errors },
        },
      },
      async (req) => auth.startEnrolment(req.cookies[SESSION_COOKIE]),
    );

    app.post(
      '/api/auth/totp/enrolment/confirm',
      {
        config: { permission: 'sign-in' },
        schema: {
          tags: ['auth'],
          summary: 'Konfirmasi TOTP; kode pemulihan sekali tampil / confirm TOTP; recovery codes shown once',
          body: TotpCodeInput,
          response: { 200: TotpEnrolled, ...errors },
        },
      },
      async (req, reply) => {
        const { token, me, recoveryCodes } = await auth.confirmEnrolment(
          req.cookies[SESSION_COOKIE],
          req.body.code,
        );
        if (token) setSessionCookie(reply, token, SESSION_ABSOLUTE_MS);
        return { me, recoveryCodes };
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
