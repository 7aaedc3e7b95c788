import type { Kysely } from 'kysely';
import type { Tables } from '../../db/tables.ts';
import type { JobHandler, Schedule } from '../../platform/queue/queue.ts';

/** Finished jobs are kept this long for inspection, then deleted; dead jobs are kept until handled. */
const KEEP_DONE_JOBS_DAYS = 30;

/** Hourly housekeeping: the example scheduled jobs of the foundation. */
export const housekeepingSchedules: Schedule[] = [
  { name: 'purge-ended-sessions', kind: 'housekeeping.purge-ended-sessions', everySeconds: 3600 },
  { name: 'purge-done-jobs', kind: 'housekeeping.purge-done-jobs', everySeconds: 3600 },
];

export function housekeepingHandlers(deps: {
  db: Kysely<Tables>;
  purgeEndedSessions: () => Promise<number>;
}): Record<string, JobHandler> {
  return {
    'housekeeping.purge-ended-sessions': async () => {
      await deps.purgeEndedSessions();
    },
    'housekeeping.purge-done-jobs': async () => {
      await deps.db
        .deleteFrom('jobs')
        .where('status', '=', 'done')
        .where('finished_at', '<', new Date(Date.now() - KEEP_DONE_JOBS_DAYS * 86_400_000))
        .execute();
    },
  };
}
