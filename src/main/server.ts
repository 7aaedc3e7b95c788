import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Config, ConnectorsConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { analyticsHandlers, analyticsSchedules } from '../features/analytics/analytics.jobs.ts';
import { analyticsRoutes } from '../features/analytics/analytics.routes.ts';
import { createAnalyticsService } from '../features/analytics/analytics.service.ts';
import { auditRoutes } from '../features/audit/audit.routes.ts';
import { createAuditService } from '../features/audit/audit.service.ts';
import { authRoutes } from '../features/auth/auth.routes.ts';
import { createAuthService } from '../features/auth/auth.service.ts';
import { blobsDir } from '../features/backup/backup.service.ts';
import { casesHandlers, casesSchedules } from '../features/cases/cases.jobs.ts';
import { createCaseReferenceService } from '../features/cases/cases.reference.ts';
import { casesRoutes } from '../features/cases/cases.routes.ts';
import { createCasesService } from '../features/cases/cases.service.ts';
import { casesForStaff } from '../features/cases/cases.staff-section.ts';
import { connectorsHandlers, connectorsSchedules } from '../features/connectors/connectors.jobs.ts';
import { connectorsRoutes } from '../features/connectors/connectors.routes.ts';
import { createConnectorsService } from '../features/connectors/connectors.service.ts';
import { housekeepingHandlers, housekeepingSchedules } from '../features/housekeeping/housekeeping.jobs.ts';
import { letterheadRoutes } from '../features/letters/letterhead.routes.ts';
import { createLetterheadService } from '../features/letters/letterhead.service.ts';
import { createLettersService } from '../features/letters/letters.service.ts';
import { monitoringRoutes } from '../features/monitoring/monitoring.routes.ts';
import { createMonitoringService } from '../features/monitoring/monitoring.service.ts';
import { alertsForStaff } from '../features/monitoring/monitoring.staff-section.ts';
import { preventionRoutes } from '../features/prevention/prevention.routes.ts';
import {
  createPreventionService,
  type PreventionService,
} from '../features/prevention/prevention.service.ts';
import { pledgesForStaff } from '../features/prevention/prevention.staff-section.ts';
import { registryRoutes } from '../features/registry/registry.routes.ts';
import { createRegistryService } from '../features/registry/registry.service.ts';
import { type ReportLimits, reportsRoutes } from '../features/reports/reports.routes.ts';
import { createReportsService, type ReportsService } from '../features/reports/reports.service.ts';
import { seedDemoReports } from '../features/setup/demo/reports.ts';
import { initialiseOnFirstStart } from '../features/setup/setup.service.ts';
import { systemRoutes } from '../features/system/system.routes.ts';
import { createSystemService } from '../features/system/system.service.ts';
import { usersRoutes } from '../features/users/users.routes.ts';
import { createUsersService } from '../features/users/users.service.ts';
import { buildApp } from '../http/app.ts';
import { type BlobStore, createBlobStore } from '../platform/blobs/blob-store.ts';
import { configuredConnectors } from '../platform/connectors/configured.ts';
import { type ConnectorRuntime, defaultRuntime, type PostSink } from '../platform/connectors/connector.ts';
import { loadMasterKey } from '../platform/crypto/master-key.ts';
import { createLogger } from '../platform/logger.ts';
import { createMailer, type Mailer } from '../platform/mail/mailer.ts';
import { createWorker, type Worker } from '../platform/queue/queue.ts';
import { VERSION } from '../version.ts';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export type RunningServer = {
  app: FastifyInstance;
  database: Database;
  worker: Worker;
  /** The content-addressed file store (evidence, documents). */
  blobs: BlobStore;
  /** Public reports and tips (the cases feature reads registered reports from it). */
  reports: ReportsService;
  /** Stops accepting requests, lets in-flight ones finish, stops the worker, closes the database. */
  close: () => Promise<void>;
};

/**
 * Wires an open database → services → HTTP app and job worker. Tests call this with their own
 * database; `createServer` opens the database from configuration first.
 */
export async function wireServer(
  database: Database,
  opts: {
    logLevel?: string;
    pollMs?: number;
    webDist?: string;
    masterKey?: Buffer;
    requireTotp?: boolean;
    trustProxy?: boolean | number | string;
    /** The blob store; tests that pass none get one in a fresh temporary folder. */
    blobs?: BlobStore;
    /** Outgoing e-mail (reminders); none: notifications stay in the app. */
    mailer?: Mailer;
    /** Public base URL for links in e-mails, e.g. `https://netra.example.go.id`. */
    baseUrl?: string;
    /** Platform API credentials (none: nothing is polled). */
    connectors?: ConnectorsConfig;
    /** Where connectors deliver posts; defaults to the monitoring ingest. */
    postSink?: PostSink;
    /** Clock, sleep and fetch of the polling adapters (tests inject fakes). */
    connectorRuntime?: ConnectorRuntime;
    /** Public report submission limits (default: DEFAULT_REPORT_LIMITS). */
    reportLimits?: ReportLimits;
    /** Minimum time of a public pledge-signing answer (default 350 ms; tests shorten it). */
    minSignMs?: number;
  } = {},
): Promise<Omit<RunningServer, 'close'> & { reports: ReportsService; prevention: PreventionService }> {
  const logger = createLogger(opts.logLevel ?? 'silent');
  const { db } = database;
  const blobs = opts.blobs ?? createBlobStore(join(mkdtempSync(join(tmpdir(), 'netra-blobs-')), 'blobs'));
  // Without a configured key (tests), one random key per process: sealed data lives as long as it.
  const masterKey = opts.masterKey ?? randomBytes(32);
  const auth = createAuthService({ db, masterKey, requireTotp: opts.requireTotp });
  // The staff detail page shows other features' records about the person (registry.sections.ts).
  const registry = createRegistryService({
    db,
    sections: { alerts: alertsForStaff, cases: casesForStaff, pledges: pledgesForStaff },
  });
  const system = createSystemService({ db, kind: database.kind, version: VERSION });
  const users = createUsersService({ db });
  const audit = createAuditService({ db });
  // Official letters (numbering, letterhead, PDF in the blob store): used by prevention and cases.
  const letters = createLettersService({ db, blobs });
  const cases = createCasesService({ db, letters, blobs, mailEnabled: !!opts.mailer });
  const caseReference = createCaseReferenceService({ db, onCalendarChange: cases.recomputeDeadlines });
  const monitoring = createMonitoringService({ db, blobs });
  // Connectors (webhook, polling) feed posts into the monitoring ingest.
  const postSink: PostSink = opts.postSink ?? monitoring.ingestPosts;
  const connectorsConfig = opts.connectors ?? { pollSeconds: 900 };
  const pollingConnectors = configuredConnectors(connectorsConfig, opts.connectorRuntime ?? defaultRuntime());
  const connectors = createConnectorsService({
    db,
    masterKey,
    sink: postSink,
    connectors: pollingConnectors,
  });
  // Registering a report (or setting a tip as a finding) opens its case in the same transaction.
  const reports = createReportsService({
    db,
    blobs,
    masterKey,
    openCaseInTx: (tx, actor, r) =>
      cases.openCaseInTx(tx, actor, {
        kind: 'report',
        reportId: r.id,
        snapshot: {
          agencyId: r.agencyId,
          regionCode: r.regionCode,
          reportedName: r.reported.name ?? null,
          title: r.description.slice(0, 200),
          description: r.description,
          place: r.place,
          evidence: r.evidenceCount
            ? [{ kind: 'note', description: `${r.evidenceCount} berkas bukti pada laporan (menu Laporan)` }]
            : [],
          occurredOn: r.occurredOn,
          knownOn: r.knownOn,
          regime: r.electionType === 'pilkada' ? 'pilkada' : 'pemilu',
        },
      }),
  });
  const prevention = createPreventionService({ db, blobs, letters, minSignMs: opts.minSignMs });
  const analytics = createAnalyticsService({ db });

  const worker = createWorker({
    db,
    logger,
    pollMs: opts.pollMs ?? 1000,
    handlers: {
      ...housekeepingHandlers({ db, purgeEndedSessions: auth.purgeEndedSessions }),
      ...casesHandlers({ db, mailer: opts.mailer, baseUrl: opts.baseUrl }),
      ...connectorsHandlers({ db, connectors, logger }),
      ...analyticsHandlers(analytics),
    },
    schedules: [
      ...housekeepingSchedules,
      ...casesSchedules,
      ...connectorsSchedules(connectorsConfig.pollSeconds),
      ...analyticsSchedules,
    ],
  });

  const app = await buildApp({
    logger,
    version: VERSION,
    authenticate: auth.authenticate,
    trustProxy: opts.trustProxy,
    routes: [
      systemRoutes(system.health),
      authRoutes(auth),
      usersRoutes(users),
      auditRoutes(audit),
      registryRoutes(registry),
      casesRoutes(cases, caseReference),
      connectorsRoutes(connectors),
      monitoringRoutes(monitoring),
      reportsRoutes(reports, opts.reportLimits),
      preventionRoutes(prevention),
      letterheadRoutes(createLetterheadService({ db })),
      analyticsRoutes(analytics),
    ],
    webDist: opts.webDist,
  });
  return { app, database, worker, blobs, reports, prevention };
}

/** Opens and migrates the database from configuration, seeds on first start, wires everything. */
export async function createServer(
  config: Config,
  opts: { runWorker?: boolean; serveWeb?: boolean } = {},
): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config);
  let seeded = false;
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    seeded = await initialiseOnFirstStart(database.db, { demo: config.demo });
    if (seeded)
      logger.warn(
        'DATA DEMO dimuat (fiktif) / DEMO data seeded (fictional): use NETRA_DEMO=0 for production',
      );
  } catch (e) {
    await database.close();
    throw e;
  }
  if (!config.requireTotp)
    logger.warn(
      'TOTP tidak diwajibkan / a second factor is not required: set NETRA_REQUIRE_TOTP=1 in production',
    );
  const masterKey = loadMasterKey(config, (m) => logger.warn(m));
  const blobStore = createBlobStore(blobsDir(config.dataDir));
  // Demo reports are sealed with this installation's key, so they are seeded after it is loaded.
  if (seeded) await seedDemoReports({ db: database.db, blobs: blobStore, masterKey });
  const { app, worker, blobs, reports } = await wireServer(database, {
    blobs: blobStore,
    masterKey,
    requireTotp: config.requireTotp,
    trustProxy: config.trustProxy,
    reportLimits: config.reportLimits,
    logLevel: config.logLevel,
    pollMs: config.jobPollMs,
    mailer: config.smtpUrl ? createMailer({ url: config.smtpUrl, from: config.mailFrom }) : undefined,
    baseUrl: config.baseUrl,
    connectors: config.connectors,
    webDist: (opts.serveWeb ?? true) ? WEB_DIST : undefined,
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
  return { app, database, worker, blobs, reports, close };
}
