import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Platform } from '../../contracts/post.ts';
import type { Tables } from '../../db/tables.ts';
import { enqueue, type JobHandler, type Schedule } from '../../platform/queue/queue.ts';
import { CONNECTOR_JOBS, type ConnectorsService } from './connectors.service.ts';

/**
 * Polling runs on the job queue: a schedule fires `connectors.plan-polls` every
 * `NETRA_CONNECTOR_POLL_SECONDS`, which enqueues one `connectors.poll-account` job per watched
 * account of each configured platform (deduplicated per period). A poll that hits a long rate
 * limit re-enqueues itself for the time the platform gave; transient errors are retried by the
 * queue with backoff; the checkpoint makes every retry resume where the last one stopped.
 */
export function connectorsSchedules(pollSeconds: number): Schedule[] {
  // Scheduled even with no platform configured: the plan job also purges old webhook receipts.
  return [{ name: 'connectors-poll', kind: CONNECTOR_JOBS.plan, everySeconds: pollSeconds }];
}

export function connectorsHandlers(deps: {
  db: Kysely<Tables>;
  connectors: ConnectorsService;
  logger: Logger;
  now?: () => Date;
}): Record<string, JobHandler> {
  const now = deps.now ?? (() => new Date());
  return {
    [CONNECTOR_JOBS.plan]: async (_payload, ctx) => {
      const count = await deps.connectors.planPolls(ctx.jobId);
      deps.logger.info({ accounts: count }, 'connector polls planned');
    },
    [CONNECTOR_JOBS.poll]: async (payload) => {
      const platform = String(payload.platform) as Platform;
      const account = String(payload.account);
      const handle = typeof payload.handle === 'string' ? payload.handle : null;
      const outcome = await deps.connectors.pollAccount({ platform, account, handle });
      if (outcome.status === 'rate-limited') {
        await enqueue(
          deps.db,
          CONNECTOR_JOBS.poll,
          { platform, account, handle },
          {
            runAt: outcome.retryAt,
            dedupeKey: `connectors:resume:${platform}:${account}:${outcome.retryAt.getTime()}`,
          },
        );
        deps.logger.warn(
          { platform, account, retryAt: outcome.retryAt, at: now() },
          'connector rate limited; resuming later',
        );
      } else if (outcome.status === 'refused') {
        deps.logger.warn({ platform, account, error: outcome.error }, 'connector refused by the platform');
      }
    },
  };
}
