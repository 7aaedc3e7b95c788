import { sql, type Transaction } from 'kysely';
import type { Tables } from '../../../db/tables.ts';

/** Label of the demo's previous-election history: fictional numbers, marked as such. */
export const DEMO_HISTORY_ELECTION = 'pilkada-2020-fiktif';

/**
 * Analytics demo data (fictional): the previous election's ASN-neutrality cases for the demo
 * regions (feeding the kerawanan history part) and the staff counts the dashboard divides by.
 * Runs inside the demo seed's transaction; re-running replaces what it wrote.
 */
export async function seedAnalyticsDemoInTx(tx: Transaction<Tables>): Promise<void> {
  const history: [string, number][] = [
    ['62.71', 4],
    ['63.71', 9],
    ['63.03', 3],
    ['63.72', 2],
    ['64.71', 6],
    ['34.02', 2],
    ['33.16', 5],
  ];
  await tx.deleteFrom('kerawanan_history').where('election', '=', DEMO_HISTORY_ELECTION).execute();
  await tx
    .insertInto('kerawanan_history')
    .values(
      history.map(([region_code, cases]) => ({
        election: DEMO_HISTORY_ELECTION,
        region_code,
        cases,
        source_sha256: 'demo',
      })),
    )
    .execute();
  await sql`DELETE FROM analytics_staff_counts`.execute(tx);
  await sql`
    INSERT INTO analytics_staff_counts (region_code, agency_id, position_type, staff, refreshed_at)
    SELECT region_code, agency_id, coalesce(position_type, '-'), count(*), now()
    FROM staff WHERE active GROUP BY 1, 2, 3`.execute(tx);
}
