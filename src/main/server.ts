import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { authRoutes } from '../features/auth/auth.routes.ts';
import { createAuthService } from '../features/auth/auth.service.ts';
import { housekeepingHandlers, housekeepingSchedules } from '../features/housekeeping/housekeeping.jobs.ts';
import { initialiseOnFirstStart } from '../features/setup/setup.service.ts';
import { systemRoutes } from '../features/system/system.routes.ts';
import { createSystemService } from '../features/system/system.service.ts';
import { buildApp } from '../http/app.ts';
import { createLogger } from '../platform/logger.ts';
import { createWorker, type Worker } from '../platform/queue/queue.ts';
import { VERSION } from '../version.ts';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export type RunningServer = {
  app: FastifyInstance;
  database: Database;
  worker: Worker;
  /** Stops accepting requests, lets in-flight ones finish, stops the worker, closes the database. */
  close: () => Promise<void>;
};

/** Wires configuration → database → services → HTTP app and job worker. */
export async function createServer(config: Config, opts: { runWorker?: boolean } = {}): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config);
  const { db } = database;
  const applied = await migrateToLatest(db);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  if (await initialiseOnFirstStart(db, { demo: config.demo }))
    logger.warn('DATA DEMO dimuat (fiktif) / DEMO data seeded (fictional): use NETRA_DEMO=0 for production');

  const auth = createAuthService({ db });
  const system = createSystemService({ db, kind: database.kind, version: VERSION });

  const worker = createWorker({
    db,
    logger,
    pollMs: config.jobPollMs,
    handlers: { ...housekeepingHandlers({ db, purgeEndedSessions: auth.purgeEndedSessions }) },
    schedules: housekeepingSchedules,
  });

  const app = await buildApp({
    logger,
    version: VERSION,
    authenticate: auth.authenticate,
    routes: [systemRoutes(system.health), authRoutes(auth)],
    webDist: WEB_DIST,
  });

  if (opts.runWorker ?? true) worker.start();

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await app.close();
      await worker.stop();
      await database.close();
    })();
    return closing;
  };
  return { app, database, worker, close };
}
