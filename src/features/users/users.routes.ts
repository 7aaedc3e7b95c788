import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../contracts/errors.ts';
import {
  ChangePasswordInput,
  CreatedUser,
  CreateUserInput,
  UserIdParams,
  UserList,
  UserSummary,
} from '../../contracts/users.ts';
import { SESSION_COOKIE } from '../../http/auth.ts';
import type { UsersService } from './users.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** User administration (role `admin`, within the administrator's jurisdiction) and own password. */
export const usersRoutes =
  (users: UsersService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/users',
      {
        config: { permission: 'users.manage' },
        schema: {
          tags: ['pengguna'],
          summary: 'Daftar pengguna / list users',
          response: { 200: UserList, ...errors },
        },
      },
      async (req) => ({ users: await users.listUsers(req.actor) }),
    );

    app.post(
      '/api/users',
      {
        config: { permission: 'users.manage' },
        schema: {
          tags: ['pengguna'],
          summary: 'Buat pengguna (kata sandi sekali tampil) / create a user (password shown once)',
          body: CreateUserInput,
          response: { 201: CreatedUser, ...errors },
        },
      },
      async (req, reply) => reply.code(201).send(await users.createUser(req.actor, req.body)),
    );

    app.post(
      '/api/users/:id/disable',
      {
        config: { permission: 'users.manage' },
        schema: {
          tags: ['pengguna'],
          summary: 'Nonaktifkan pengguna dan akhiri sesinya / disable a user and end their sessions',
          params: UserIdParams,
          response: { 200: UserSummary, ...errors },
        },
      },
      async (req) => users.setDisabled(req.actor, req.params.id, true),
    );

    app.post(
      '/api/users/:id/enable',
      {
        config: { permission: 'users.manage' },
        schema: {
          tags: ['pengguna'],
          summary: 'Aktifkan kembali pengguna / re-enable a user',
          params: UserIdParams,
          response: { 200: UserSummary, ...errors },
        },
      },
      async (req) => users.setDisabled(req.actor, req.params.id, false),
    );

    app.post(
      '/api/users/:id/sessions/revoke',
      {
        config: { permission: 'users.manage' },
        schema: {
          tags: ['pengguna'],
          summary: 'Akhiri semua sesi pengguna / end all sessions of a user',
          params: UserIdParams,
          response: { 200: z.object({ revoked: z.number().int() }), ...errors },
        },
      },
      async (req) => ({ revoked: await users.revokeSessions(req.actor, req.params.id) }),
    );

    app.post(
      '/api/users/:id/totp/reset',
      {
        config: { permission: 'users.manage' },
        schema: {
          tags: ['pengguna'],
          summary: 'Hapus faktor kedua (ponsel hilang) / remove the second factor (lost phone)',
          params: UserIdParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await users.resetTotp(req.actor, req.params.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/auth/password',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'Ganti kata sandi sendiri / change own password',
          body: ChangePasswordInput,
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await users.changeOwnPassword(
          req.actor,
          req.cookies[SESSION_COOKIE] ?? '',
          req.body.currentPassword,
          req.body.newPassword,
        );
        return reply.code(204).send(null);
      },
    );
  };
