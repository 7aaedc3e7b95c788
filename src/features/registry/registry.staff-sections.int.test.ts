import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn } from '../../../test/support/app.ts';
import { openTestDatabase } from '../../../test/support/db.ts';
import { makeAgency, makeStaff, makeUser } from '../../../test/support/factories.ts';
import type { Database } from '../../db/database.ts';

/** The staff detail page as wired in the server: cases and pledges about the person, per role. */
let database: Database;
let app: FastifyInstance;
beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('staff detail sections from other features', () => {
  it('lists the cases and pledges of the civil servant, not those of others', async () => {
    const db = database.db;
    const agency = await makeAgency(db, { regionCode: '63.71' });
    const staff = await makeStaff(db, { agencyId: agency.id, regionCode: '63.71' });
    const other = await makeStaff(db, { agencyId: agency.id, regionCode: '63.71' });
    const office = await db
      .selectFrom('offices')
      .select('id')
      .where('region_code', '=', '63.71')
      .where('name', 'like', 'Bawaslu %')
      .executeTakeFirstOrThrow();
    const newCase = (staffId: string, title: string) =>
      db
        .insertInto('cases')
        .values({
          number: `S-${randomUUID()}`,
          office_id: office.id,
          region_code: '63.71',
          staff_id: staffId,
          origin: 'report',
          origin_id: randomUUID(),
          regime: 'pilkada',
          title,
          description: title,
          known_on: '2024-11-01',
          opened_at: new Date('2024-11-01T00:00:00Z'),
          status: 'diregistrasi',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const mine = await newCase(staff.id, 'Unggahan dukungan paslon');
    await newCase(other.id, 'Kasus orang lain');
    const campaign = await db
      .insertInto('pledge_campaigns')
      .values({
        title: 'Ikrar Netralitas ASN Kota Banjarmasin',
        text: 'Kami ASN menyatakan netral.',
        region_code: '63.71',
        office_id: office.id,
        opens_on: '2024-09-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('pledge_signatures')
      .values({ campaign_id: campaign.id, staff_id: staff.id, method: 'online' })
      .execute();

    const analyst = await makeUser(db, { role: 'analyst', regionCode: '63.71' });
    const cookie = await signIn(app, analyst.username, analyst.password);
    const res = await app.inject({ url: `/api/registry/staff/${staff.id}`, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.sectionsAvailable).toEqual({ alerts: true, cases: true, pledges: true });
    expect(d.cases).toEqual([
      { id: mine.id, title: expect.stringContaining('Unggahan dukungan paslon'), status: 'diregistrasi' },
    ]);
    expect(d.pledges.map((p: { title: string }) => p.title)).toEqual([
      'Ikrar Netralitas ASN Kota Banjarmasin',
    ]);
    expect(d.alerts).toEqual([]);

    // Outside the jurisdiction the staff member (and so every section) is not found.
    const outsider = await makeUser(db, { role: 'analyst', regionCode: '64.71' });
    const outCookie = await signIn(app, outsider.username, outsider.password);
    const hidden = await app.inject({
      url: `/api/registry/staff/${staff.id}`,
      headers: { cookie: outCookie },
    });
    expect(hidden.statusCode).toBe(404);
  });
});
