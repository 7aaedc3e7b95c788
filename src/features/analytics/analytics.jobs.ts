import type { JobHandler, Schedule } from '../../platform/queue/queue.ts';
import type { AnalyticsService } from './analytics.service.ts';

/** Staff counts (the denominators of every rate) are recounted every hour. */
export const analyticsSchedules: Schedule[] = [
  { name: 'analytics-refresh-staff-counts', kind: 'analytics.refresh-staff-counts', everySeconds: 3600 },
];

export function analyticsHandlers(
  analytics: Pick<AnalyticsService, 'refreshStaffCounts'>,
): Record<string, JobHandler> {
  return {
    'analytics.refresh-staff-counts': async () => {
      await analytics.refreshStaffCounts();
    },
  };
}
