import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../test/support/db.ts';
import type { Database } from '../../../db/database.ts';
import { seedDemo } from '../setup.service.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe('prevention demo data', () => {
  it('seeds letterheads, activities, campaigns with signatures and task forces, and re-seeds after use', async () => {
    const db = database.db;
    await seedDemo(db);
    const bpn = await db
      .selectFrom('offices')
      .select(['id', 'letter_code', 'head_title'])
      .where('region_code', '=', '64.71')
      .where('name', 'like', 'Bawaslu %')
      .executeTakeFirstOrThrow();
    expect(bpn.letter_code).toBe('KI-12.06');
    const counts = async () => ({
      activities: (await db.selectFrom('prevention_activities').select('id').execute()).length,
      campaigns: (await db.selectFrom('pledge_campaigns').select('id').execute()).length,
      signatures: (await db.selectFrom('pledge_signatures').select('id').execute()).length,
      taskForces: (await db.selectFrom('task_forces').select('id').execute()).length,
    });
    const first = await counts();
    expect(first).toMatchObject({ activities: 7, campaigns: 2, taskForces: 3 });
    expect(first.signatures).toBeGreaterThan(10);

    // Someone tries the demo: the analyst records a campaign signed by demo staff.
    const analyst = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'analis.balikpapan')
      .executeTakeFirstOrThrow();
    const staff = await db
      .selectFrom('staff')
      .select('id')
      .where('region_code', '=', '64.71')
      .executeTakeFirstOrThrow();
    const own = await db
      .insertInto('pledge_campaigns')
      .values({
        title: 'Ikrar percobaan',
        text: 'Teks',
        region_code: '64.71',
        office_id: bpn.id,
        opens_on: '2024-01-01',
        created_by: analyst.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('pledge_signatures')
      .values({ campaign_id: own.id, staff_id: staff.id, method: 'online' })
      .execute();

    await seedDemo(db);
    expect(await counts()).toEqual({ ...first, campaigns: first.campaigns + 1 });
    const kept = await db
      .selectFrom('pledge_campaigns')
      .select('created_by')
      .where('id', '=', own.id)
      .executeTakeFirstOrThrow();
    // The analyst is the same user after the re-seed: the campaign stays theirs.
    expect(kept.created_by).toBe(analyst.id);
  });
});
