import type { Kysely } from 'kysely';
import type { Tables } from '../../db/tables.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import type { LettersService } from '../letters/letters.service.ts';
import { createActivitiesService } from './activities.service.ts';
import { createAppealLettersService } from './appeal-letters.service.ts';
import { createCoverageService } from './coverage.service.ts';
import { createPledgesService } from './pledges.service.ts';
import { createTaskForcesService } from './task-forces.service.ts';

/**
 * Prevention (issue 8): activities, appeal letters, neutrality pledges, task forces and coverage.
 * Every read is scoped to the actor's jurisdiction (and a task-force head's agency), every write is
 * one transaction with its audit event. `coverage({ regionRoot, agencyId })` is what analytics reads.
 */
export function createPreventionService(deps: {
  db: Kysely<Tables>;
  blobs: BlobStore;
  letters: LettersService;
  now?: () => Date;
  minSignMs?: number;
}) {
  const now = deps.now ?? (() => new Date());
  const coverage = createCoverageService({ db: deps.db, now });
  return {
    activities: createActivitiesService({ db: deps.db, blobs: deps.blobs, now }),
    letters: createAppealLettersService({ db: deps.db, letters: deps.letters, now }),
    pledges: createPledgesService({ db: deps.db, now, minSignMs: deps.minSignMs }),
    taskForces: createTaskForcesService({ db: deps.db, now }),
    /** Coverage per region and agency under `regionRoot` (optionally one agency). See docs/prevention.md. */
    coverage: coverage.coverage,
    exportCoverage: coverage.exportXlsx,
  };
}

export type PreventionService = ReturnType<typeof createPreventionService>;
