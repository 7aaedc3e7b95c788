import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database.ts';
import { wireServer } from '../../src/main/server.ts';

/** The real app over a test database, for `app.inject()` tests; the worker is not started. */
export async function buildTestApp(database: Database): Promise<FastifyInstance> {
  const { app } = await wireServer(database);
  await app.ready();
  return app;
}

/** Signs in through the API and returns the session cookie header. */
export async function signIn(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'netra_session');
  return `netra_session=${cookie!.value}`;
}
