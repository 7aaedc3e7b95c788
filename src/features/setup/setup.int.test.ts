import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn } from '../../../test/support/app.ts';
import { openTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { createAuthService } from '../auth/auth.service.ts';
import { buildDemoData, DEMO_PASSWORD } from './demo-data.ts';
import { initialiseOnFirstStart, seedDemo } from './setup.service.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const counts = async () => {
  const { rows } = await sql<Record<string, number>>`
    SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM agencies) AS agencies,
           (SELECT count(*)::int FROM units) AS units, (SELECT count(*)::int FROM staff) AS staff,
           (SELECT count(*)::int FROM social_accounts) AS accounts, (SELECT count(*)::int FROM election_packs) AS packs,
           (SELECT count(*)::int FROM offices) AS offices`.execute(database.db);
  return rows[0]!;
};

describe('demo data', () => {
  it('is seeded on the first start only, and only when the demo is on', async () => {
    expect(await initialiseOnFirstStart(database.db, { demo: true })).toBe(true);
    const first = await counts();
    expect(first.staff).toBeGreaterThanOrEqual(300);
    expect(await initialiseOnFirstStart(database.db, { demo: true })).toBe(false);
    expect(await counts()).toEqual(first);
  });

  it('covers the five regions in the news, every role, and both packs', async () => {
    const regions = await database.db
      .selectFrom('staff')
      .select('region_code')
      .distinct()
      .orderBy('region_code')
      .execute();
    expect(regions.map((r) => r.region_code)).toEqual(['33.16', '34.02', '62.71', '63', '63.71', '64.71']);
    const roles = await database.db.selectFrom('users').select('role').distinct().execute();
    expect(roles.map((r) => r.role).sort()).toEqual([
      'admin',
      'analyst',
      'head',
      'liaison',
      'taskforce',
      'viewer',
    ]);
    const packs = await database.db
      .selectFrom('election_packs')
      .select(['id', 'kind'])
      .orderBy('id')
      .execute();
    expect(packs).toEqual([
      { id: 'pilkada-kota-balikpapan-2024', kind: 'pilkada' },
      { id: 'pilpres-2024', kind: 'pemilu' },
    ]);
  });

  it('links the demo task-force head to their agency', async () => {
    const row = await database.db
      .selectFrom('users')
      .innerJoin('agencies', 'agencies.id', 'users.agency_id')
      .select(['agencies.name', 'agencies.region_code'])
      .where('users.username', '=', 'satgas.balikpapan')
      .executeTakeFirst();
    expect(row).toEqual({ name: 'Pemerintah Kota Balikpapan', region_code: '64.71' });
  });

  it('gives NIPs that agree with each staff member (18 digits, plausible dates, sex digit)', () => {
    for (const s of buildDemoData().staff) {
      if (s.status === 'non_asn') {
        expect(s.nip).toBeNull();
        continue;
      }
      expect(s.nip).toMatch(/^\d{18}$/);
      const birth = new Date(`${s.nip!.slice(0, 4)}-${s.nip!.slice(4, 6)}-${s.nip!.slice(6, 8)}T00:00:00Z`);
      expect(Number.isNaN(birth.getTime())).toBe(false);
      expect(Number(s.nip!.slice(8, 12)) - birth.getUTCFullYear()).toBeGreaterThanOrEqual(18);
      expect(['1', '2']).toContain(s.nip![14]);
    }
  });

  it('lets every demo user sign in with the documented password', async () => {
    const auth = createAuthService({ db: database.db });
    for (const u of buildDemoData().users) {
      const { me } = await auth.login({ username: u.username, password: DEMO_PASSWORD });
      expect(me.role).toBe(u.role);
    }
  });

  it('is re-created by seedDemo without duplicates or leftovers', async () => {
    const before = await counts();
    const staffBefore = await database.db.selectFrom('staff').select('nip').orderBy('nip').execute();
    await seedDemo(database.db);
    expect(await counts()).toEqual(before);
    expect(await database.db.selectFrom('staff').select('nip').orderBy('nip').execute()).toEqual(staffBefore);
  });

  it('leaves records that are not demo data alone when re-created', async () => {
    const agency = await database.db
      .insertInto('agencies')
      .values({ name: 'Dinas Nyata', kind: 'pemda_kota', region_code: '64.72', parent_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await seedDemo(database.db);
    expect(
      await database.db.selectFrom('agencies').select('id').where('id', '=', agency.id).executeTakeFirst(),
    ).toBeDefined();
  });
});

describe('re-seeding after demo users worked', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(database);
  });
  afterAll(() => app.close());

  it('keeps the letters demo users issued, and their issuers, across seed --demo', async () => {
    const cookie = await signIn(app, 'analis.balikpapan', DEMO_PASSWORD);
    const issued = await app.inject({
      method: 'POST',
      url: '/api/prevention/letters',
      headers: { cookie },
      payload: {
        recipientKind: 'party',
        recipientName: 'Partai Uji Seed',
        regionCode: '64.71',
        subject: 'Imbauan netralitas ASN',
        body: 'Dengan hormat, kami mengimbau seluruh ASN menjaga netralitas.',
      },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const letter = issued.json() as { id: string; number: string };
    // A case letter too: an invitation to clarification on a demo case (removed by the re-seed),
    // by the Banjarmasin analyst.
    const demoCase = await database.db
      .selectFrom('cases')
      .select('id')
      .where('status', '=', 'klarifikasi')
      .where('number', 'like', 'D%')
      .executeTakeFirstOrThrow();
    const invited = await app.inject({
      method: 'POST',
      url: `/api/cases/${demoCase.id}/actions`,
      headers: { cookie: await signIn(app, 'analis.banjarmasin', DEMO_PASSWORD) },
      payload: {
        action: 'invite_clarification',
        payload: {
          partyName: 'Kepala sekolah (terlapor)',
          scheduledAt: 'Senin, 2 Desember 2024, 09.00 WITA',
          place: 'Kantor Bawaslu Kota Banjarmasin',
        },
      },
    });
    expect(invited.statusCode, invited.body).toBe(200);
    const issuers = (
      await database.db
        .selectFrom('users')
        .select('id')
        .where('username', 'in', ['analis.balikpapan', 'analis.banjarmasin'])
        .execute()
    ).map((u) => u.id);
    const register = () =>
      database.db
        .selectFrom('issued_letters')
        .select(['number', 'series', 'issued_by'])
        .where('issued_by', 'in', issuers)
        .orderBy('number')
        .execute();
    const before = await register();
    expect(before.map((l) => l.series).sort()).toEqual(['imbauan', 'undangan-klarifikasi']);

    await seedDemo(database.db);

    // The register still holds both letters, issued by the same users; the analyst can still sign
    // in and download the appeal letter.
    expect(await register()).toEqual(before);
    expect(before.map((l) => l.number)).toContain(letter.number);
    const again = await signIn(app, 'analis.balikpapan', DEMO_PASSWORD);
    const pdf = await app.inject({
      url: `/api/prevention/letters/${letter.id}/pdf`,
      headers: { cookie: again },
    });
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The old session ended: the re-seed resets the demo accounts.
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });
});
