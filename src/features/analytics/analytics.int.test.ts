import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { feature } from 'topojson-client';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn } from '../../../test/support/app.ts';
import { openTestDatabase } from '../../../test/support/db.ts';
import { makeAgency, makeStaff, makeUser } from '../../../test/support/factories.ts';
import type { Dashboard, KerawananSettingsView } from '../../contracts/analytics.ts';
import type { Database } from '../../db/database.ts';
import { DEFAULT_KERAWANAN_SETTINGS } from '../../domain/kerawanan.ts';
import type { RegionTopology } from './analytics.map.ts';
import { createAnalyticsService } from './analytics.service.ts';

let database: Database;
let app: FastifyInstance;
let analyst: string; // province 62 (Kalimantan Tengah)
let admin: string; // national
let viewerOutside: string; // 63.71
let cityAgencyId: string;
const cityStaffIds: string[] = [];

/** A post and its alert, inserted with the monitoring feature's columns. */
async function makeAlert(o: {
  status: 'pending' | 'confirmed' | 'dismissed';
  regionCode: string;
  createdAt: string;
  category?: string | null;
  stage?: string | null;
  staffId?: string | null;
  agencyId?: string | null;
}) {
  const id = randomUUID();
  const { rows } = await sql<{ id: string }>`
    INSERT INTO posts (platform, platform_post_id, external_id, text, content_sha256, raw, source, posted_at)
    VALUES ('x', ${id}, ${`x:${id}`}, 'teks', ${id}, '{}'::jsonb, 'test', ${o.createdAt}) RETURNING id`.execute(
    database.db,
  );
  await sql`
    INSERT INTO alerts (post_id, pack_id, status, category, score, region_code, agency_id, staff_id, stage_code, created_at)
    VALUES (${rows[0]!.id}, 'uji', ${o.status}, ${o.category ?? null}, 0.9, ${o.regionCode}, ${o.agencyId ?? null},
            ${o.staffId ?? null}, ${o.stage ?? null}, ${o.createdAt})`.execute(database.db);
}

function multipart(name: string, content: string | Uint8Array) {
  const boundary = '----netra-analytics-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
  const a = await makeUser(database.db, { role: 'analyst', regionCode: '62' });
  const ad = await makeUser(database.db, { role: 'admin', regionCode: '00' });
  const v = await makeUser(database.db, { role: 'viewer', regionCode: '63.71' });
  analyst = await signIn(app, a.username, a.password);
  admin = await signIn(app, ad.username, ad.password);
  viewerOutside = await signIn(app, v.username, v.password);
  // Staff in two regencies of Kalimantan Tengah: 3 in Palangka Raya (62.71), 1 in Kotawaringin Barat (62.01).
  const city = await makeAgency(database.db, { regionCode: '62.71', kind: 'pemda_kota' });
  const regency = await makeAgency(database.db, { regionCode: '62.01', kind: 'pemda_kabupaten' });
  cityAgencyId = city.id;
  for (let i = 0; i < 3; i++)
    cityStaffIds.push((await makeStaff(database.db, { agencyId: city.id, regionCode: '62.71' })).id);
  await makeStaff(database.db, { agencyId: regency.id, regionCode: '62.01' });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });
const dashboard = async (cookie: string, query = '') => {
  const res = await get(`/api/analytics/dashboard${query}`, cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Dashboard;
};

describe('dashboard', () => {
  it('shows the user’s jurisdiction by default, children with their kerawanan, staff after a refresh', async () => {
    const before = await dashboard(analyst);
    expect(before.region).toEqual({ code: '62', name: 'Kalimantan Tengah', level: 1 });
    expect(before.regions.map((r) => r.code)).toContain('62.71');
    expect(before.period.to >= before.period.from).toBe(true);
    expect(before.trend).toHaveLength(90);

    await createAnalyticsService({ db: database.db }).refreshStaffCounts();
    const d = await dashboard(analyst);
    expect(d.kpis.staff).toBe(4);
    expect(d.staffCountsAt).not.toBeNull();
    const palangka = d.regions.find((r) => r.code === '62.71')!;
    expect(palangka.staff).toBe(3);
    expect(palangka.kerawanan.inputs.staff).toBe(3);
    // Every score is explained: its parts sum to it.
    for (const k of [d.kerawanan, ...d.regions.map((r) => r.kerawanan)])
      expect(Math.round(k.parts.reduce((s, p) => s + p.points, 0) * 100)).toBe(Math.round(k.score * 100));
    expect(d.kerawanan.level).toBe('province');
    expect(palangka.kerawanan.level).toBe('regency');
    expect(d.agencies.map((a) => a.regionCode).sort()).toEqual(['62.01', '62.71']);
  });

  it('drills down into a region inside the jurisdiction, with the breadcrumb path', async () => {
    const d = await dashboard(analyst, '?region=62.71&from=2026-01-01&to=2026-01-31');
    expect(d.region.code).toBe('62.71');
    expect(d.path.map((p) => p.code)).toEqual(['62', '62.71']);
    expect(d.period).toEqual({ from: '2026-01-01', to: '2026-01-31' });
    expect(d.trend).toHaveLength(31);
    expect(d.kpis.staff).toBe(3);
  });

  it('answers 404 for a region outside the jurisdiction and for one that does not exist; 400 for a bad period', async () => {
    expect((await get('/api/analytics/dashboard?region=63', analyst)).statusCode).toBe(404);
    expect((await get('/api/analytics/dashboard?region=62.99', analyst)).statusCode).toBe(404);
    expect((await get('/api/analytics/dashboard?region=62', viewerOutside)).statusCode).toBe(404);
    const bad = await get('/api/analytics/dashboard?from=2026-02-01&to=2026-01-01', analyst);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/Periode tidak valid/);
    expect((await get('/api/analytics/dashboard?region=6', analyst)).statusCode).toBe(400);
  });

  it('needs a session', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/analytics/dashboard' })).statusCode).toBe(401);
  });
});

describe('alerts (monitoring tables)', () => {
  it('counts pending and confirmed alerts, breaks them down and feeds the incidence part', async () => {
    const at = '2026-02-10T03:00:00Z'; // 10:00 WIB
    for (const status of ['pending', 'pending', 'confirmed', 'confirmed', 'dismissed'] as const)
      await makeAlert({
        status,
        regionCode: '62.71',
        createdAt: at,
        category: 'ajakan',
        stage: 'kampanye',
        staffId: cityStaffIds[0],
        agencyId: cityAgencyId,
      });
    await makeAlert({ status: 'confirmed', regionCode: '62.01', createdAt: '2026-02-11T20:00:00Z' }); // 12 Feb WIB
    await makeAlert({ status: 'confirmed', regionCode: '62.71', createdAt: '2025-12-01T00:00:00Z' }); // before the period
    await makeAlert({ status: 'pending', regionCode: '63.71', createdAt: at }); // outside the jurisdiction

    const d = await dashboard(analyst, '?from=2026-02-01&to=2026-02-28');
    expect(d.sources.alerts).toBe(true);
    expect(d.kpis.alertsPending).toBe(2);
    expect(d.kpis.alertsConfirmed).toBe(3);
    const palangka = d.regions.find((r) => r.code === '62.71')!;
    expect(palangka).toMatchObject({ alertsPending: 2, confirmedAlerts: 2 });
    expect(palangka.kerawanan.inputs.confirmedAlerts).toBe(2);
    expect(palangka.kerawanan.parts[0]!.points).toBeGreaterThan(0);
    expect(d.byCategory).toEqual([
      { key: 'ajakan', alerts: 2, cases: 0 },
      { key: '-', alerts: 1, cases: 0 },
    ]);
    expect(d.byStage[0]).toEqual({ key: 'kampanye', alerts: 2, cases: 0 });
    expect(d.byPositionType[0]).toEqual({ key: 'pelaksana', alerts: 2, cases: 0 });
    expect(d.byAgencyKind[0]).toEqual({ key: 'pemda_kota', alerts: 2, cases: 0 });
    expect(d.trend.find((t) => t.date === '2026-02-10')).toMatchObject({ alerts: 5, confirmedAlerts: 2 });
    expect(d.trend.find((t) => t.date === '2026-02-12')).toMatchObject({ alerts: 1, confirmedAlerts: 1 });
    expect(d.agencies.find((a) => a.id === cityAgencyId)?.confirmedAlerts).toBe(2);
    // A regency user sees only their own.
    const city = await dashboard(analyst, '?region=62.01&from=2026-02-01&to=2026-02-28');
    expect(city.kpis).toMatchObject({ alertsPending: 0, alertsConfirmed: 1 });
  });
});

describe('position type kept on alerts (migration 0014)', () => {
  it('is the linked staff member’s position when linked, kept when the position changes later, renewed on a new link', async () => {
    const first = cityStaffIds[0]!;
    const second = cityStaffIds[1]!;
    await sql`UPDATE staff SET position_type = 'fungsional' WHERE id = ${second}`.execute(database.db);
    await makeAlert({
      status: 'dismissed',
      regionCode: '62.71',
      createdAt: '2026-03-01T00:00:00Z',
      staffId: first,
    });
    const read = async () =>
      (
        await sql<{ position_type: string | null }>`
          SELECT position_type FROM alerts WHERE created_at = '2026-03-01T00:00:00Z'`.execute(database.db)
      ).rows[0]!.position_type;
    expect(await read()).toBe('pelaksana');
    await sql`UPDATE staff SET position_type = 'jpt' WHERE id = ${first}`.execute(database.db);
    expect(await read()).toBe('pelaksana');
    await sql`UPDATE alerts SET staff_id = ${second} WHERE created_at = '2026-03-01T00:00:00Z'`.execute(
      database.db,
    );
    expect(await read()).toBe('fungsional');
    await sql`UPDATE alerts SET staff_id = NULL WHERE created_at = '2026-03-01T00:00:00Z'`.execute(
      database.db,
    );
    expect(await read()).toBeNull();
    await sql`UPDATE staff SET position_type = 'pelaksana' WHERE id IN (${first}, ${second})`.execute(
      database.db,
    );
  });
});

describe('cases, reports and prevention (their features’ tables)', () => {
  it('counts cases by state, sanctions follow-up, overdue deadlines, reports, and prevention coverage', async () => {
    const office = await database.db
      .selectFrom('offices')
      .select('id')
      .where('region_code', '=', '62.71')
      .executeTakeFirstOrThrow();
    const opened = '2026-03-05T02:00:00Z';
    const addCase = async (
      n: number,
      o: { status: string; recommended?: string; imposed?: string; outcome?: string },
    ) => {
      const { rows } = await sql<{ id: string }>`
        INSERT INTO cases (number, office_id, region_code, agency_id, staff_id, origin, origin_id, regime, title, description,
                           known_on, opened_at, status, category, stage_code, outcome, decided_at,
                           sanction_recommended, sanction_imposed)
        VALUES (${`T-${n}`}, ${office.id}, '62.71', ${cityAgencyId}, ${cityStaffIds[1]!}, 'finding', ${`uji-${n}`}, 'pilkada',
                'Uji', 'Uji', '2026-03-05', ${opened}, ${o.status}, 'fasilitas_jabatan', 'kampanye', ${o.outcome ?? null},
                ${o.outcome ? opened : null}, ${o.recommended ?? null}, ${o.imposed ?? null})
        RETURNING id`.execute(database.db);
      return rows[0]!.id;
    };
    const open = await addCase(1, { status: 'klarifikasi' });
    await addCase(2, { status: 'diteruskan', outcome: 'violation', recommended: 'sedang' });
    await addCase(3, {
      status: 'sanksi_dijatuhkan',
      outcome: 'violation',
      recommended: 'sedang',
      imposed: 'sedang',
    });
    await addCase(4, { status: 'dicabut' });
    await sql`INSERT INTO case_deadlines (case_id, kind, due_on, due_at) VALUES (${open}, 'uji', '2026-03-08', '2026-03-08T09:00:00Z')`.execute(
      database.db,
    );
    await sql`
      INSERT INTO reports (kind, status, region_code, received_at, receipt_hash, wrapped_key, content_sealed, fingerprint)
      VALUES ('laporan', 'diterima', '62.71', '2026-03-04T01:00:00Z', ${randomUUID()}, 'x', 'x', 'f')`.execute(
      database.db,
    );
    await sql`
      INSERT INTO prevention_activities (kind, title, held_on, region_code, office_id, participants)
      VALUES ('sosialisasi', 'Sosialisasi', '2026-03-01', '62.71', ${office.id}, 40)`.execute(database.db);
    await sql`
      INSERT INTO task_forces (name, region_code, agency_id, office_id, decree_number, decree_date)
      VALUES ('Satgas', '62.71', ${cityAgencyId}, ${office.id}, '1/2026', '2026-01-10')`.execute(database.db);
    const { rows } = await sql<{ id: string }>`
      INSERT INTO pledge_campaigns (title, text, region_code, agency_id, office_id, opens_on)
      VALUES ('Ikrar', 'Saya netral', '62.71', ${cityAgencyId}, ${office.id}, '2026-01-01') RETURNING id`.execute(
      database.db,
    );
    await sql`INSERT INTO pledge_signatures (campaign_id, staff_id, method) VALUES (${rows[0]!.id}, ${cityStaffIds[2]!}, 'online')`.execute(
      database.db,
    );

    await createAnalyticsService({ db: database.db }).refreshStaffCounts();
    const d = await dashboard(analyst, '?from=2026-03-01&to=2026-03-31');
    expect(d.sources).toEqual({ alerts: true, reports: true, cases: true, prevention: true });
    expect(d.kpis).toMatchObject({
      casesInPeriod: 4,
      casesAwaitingDecision: 1, // withdrawn and decided cases do not wait
      casesOverdue: 1, // its deadline passed unmet
      sanctionsRecommended: 2,
      sanctionsImposed: 1,
      followUpRate: 0.5,
      reportsInPeriod: 1,
    });
    expect(d.casesByStatus.map((c) => c.key).sort()).toEqual([
      'dicabut',
      'diteruskan',
      'klarifikasi',
      'sanksi_dijatuhkan',
    ]);
    expect(d.byCategory).toContainEqual({ key: 'fasilitas_jabatan', alerts: 0, cases: 4 });
    expect(d.trend.find((t) => t.date === '2026-03-05')?.cases).toBe(4);
    const palangka = d.regions.find((r) => r.code === '62.71')!;
    expect(palangka).toMatchObject({ cases: 4, reports: 1, sanctionsRecommended: 2, sanctionsImposed: 1 });
    expect(palangka.kerawanan.inputs).toMatchObject({
      cases: 4,
      pledged: 1,
      taskForce: true,
      activities90d: 1,
    });
    const agency = d.agencies.find((a) => a.id === cityAgencyId)!;
    expect(agency.kerawanan.inputs).toMatchObject({
      cases: 4,
      pledged: 1,
      taskForce: true,
      activities90d: 1,
    });
    // Prevention lowers the prevention part: a third of the staff pledged, a task force, 1 of 3 activities.
    const gap = palangka.kerawanan.parts.find((p) => p.key === 'prevention')!;
    expect(gap.value).toBeCloseTo(1 - (0.5 / 3 + 0.25 + 0.25 / 3), 3);
  });
});

describe('map', () => {
  it('serves the boundaries with Kemendagri codes: 38 provinces, regencies by code', async () => {
    const res = await get('/api/analytics/map', analyst);
    expect(res.statusCode).toBe(200);
    const topo = res.json() as RegionTopology;
    expect(feature(topo, topo.objects.provinces).features).toHaveLength(38);
    const codes = feature(topo, topo.objects.regencies).features.map((f) => f.properties?.code);
    expect(codes).toContain('62.71');
  });
});

describe('kerawanan settings and history', () => {
  it('only an administrator changes the weights; invalid settings are refused; the change is audited', async () => {
    const next = {
      ...DEFAULT_KERAWANAN_SETTINGS,
      weights: { incidence: 50, prevention: 20, history: 15, stage: 15 },
    };
    const denied = await app.inject({
      method: 'PUT',
      url: '/api/analytics/kerawanan/settings',
      headers: { cookie: analyst },
      payload: next,
    });
    expect(denied.statusCode).toBe(403);
    const invalid = await app.inject({
      method: 'PUT',
      url: '/api/analytics/kerawanan/settings',
      headers: { cookie: admin },
      payload: { ...next, weights: { ...next.weights, stage: 30 } },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toMatch(/harus 100/);
    const ok = await app.inject({
      method: 'PUT',
      url: '/api/analytics/kerawanan/settings',
      headers: { cookie: admin },
      payload: next,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const view = (await get('/api/analytics/kerawanan/settings', analyst)).json() as KerawananSettingsView;
    expect(view.isDefault).toBe(false);
    expect(view.settings.weights.incidence).toBe(50);
    const d = await dashboard(analyst);
    expect(d.kerawanan.parts.find((p) => p.key === 'incidence')?.weight).toBe(50);
    const audit = await database.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'analytics.kerawanan.settings')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('imports the previous election’s cases all or nothing, with row numbers; re-import replaces', async () => {
    const upload = (csv: string, election = 'pilkada-2020') => {
      const { payload, contentType } = multipart('riwayat.csv', csv);
      return app.inject({
        method: 'POST',
        url: `/api/analytics/kerawanan/history?election=${election}`,
        headers: { cookie: admin, 'content-type': contentType },
        payload,
      });
    };
    const bad = await upload('kode_wilayah,jumlah_kasus\n62.71,3\n99.99,2\n62.01,-1\n');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual([
      expect.objectContaining({ row: 3, field: 'kode_wilayah' }),
      expect.objectContaining({ row: 4, field: 'jumlah_kasus' }),
    ]);
    expect(await database.db.selectFrom('kerawanan_history').selectAll().execute()).toEqual([]);

    const ok = await upload('Kode Wilayah;Jumlah Kasus\n62.71;3\n62.01;1\n');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ election: 'pilkada-2020', rows: 2, cases: 4 });
    expect((await upload('kode_wilayah,jumlah_kasus\n62.71,6\n')).json()).toEqual({
      election: 'pilkada-2020',
      rows: 1,
      cases: 6,
    });
    const d = await dashboard(analyst);
    const palangka = d.regions.find((r) => r.code === '62.71')!;
    expect(palangka.kerawanan.inputs.previousCases).toBe(6);
    expect(palangka.kerawanan.parts.find((p) => p.key === 'history')!.points).toBeGreaterThan(0);
    expect(d.regions.find((r) => r.code === '62.01')!.kerawanan.inputs.previousCases).toBe(0);
    expect((await upload('kode_wilayah,jumlah_kasus\n62.71,1\n')).statusCode).toBe(200);
    const analystUpload = multipart('r.csv', 'kode_wilayah,jumlah_kasus\n62.71,1\n');
    const denied = await app.inject({
      method: 'POST',
      url: '/api/analytics/kerawanan/history?election=x-2020',
      headers: { cookie: analyst, 'content-type': analystUpload.contentType },
      payload: analystUpload.payload,
    });
    expect(denied.statusCode).toBe(403);
  });
});

describe('exports', () => {
  it('downloads every dashboard table as XLSX', async () => {
    const res = await get('/api/analytics/export?region=62', analyst);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="netra-dasbor-62-.*\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Ringkasan',
      'Kerawanan',
      'Wilayah',
      'Instansi',
      'Status kasus',
      'Tren harian',
      'Tahapan',
      'Kategori',
      'Jenis jabatan',
      'Jenis instansi',
    ]);
    const regions = wb.getWorksheet('Wilayah')!;
    const row = regions.getSheetValues().find((r) => Array.isArray(r) && r[1] === '62.71') as unknown[];
    expect(row[3]).toBe(3); // staff
  });

  it('renders a PDF report with the figures for a period and region', async () => {
    const res = await get('/api/analytics/report?region=62&from=2026-01-01&to=2026-01-31', analyst);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = await getDocumentProxy(new Uint8Array(res.rawPayload));
    const { text } = await extractText(pdf, { mergePages: true });
    expect(text).toMatch(/Kalimantan Tengah \(62\)/);
    expect(text).toMatch(/2026-01-01 s\.d\. 2026-01-31/);
    expect(text).toMatch(/Peta kerawanan/);
    expect(text).toMatch(/Kota Palangkaraya/);
  });

  it.each([
    ['11.10', 'Kabupaten Aceh Singkil'], // drawn twice in the boundary source
    ['31.01', 'Kabupaten Administrasi Kepulauan Seribu'], // no shape in the boundary source
  ])('renders the PDF report of regency %s (%s), whose source shape is odd', async (code, name) => {
    const res = await get(`/api/analytics/report?region=${code}`, admin);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const pdf = await getDocumentProxy(new Uint8Array(res.rawPayload));
    const { text } = await extractText(pdf, { mergePages: true });
    expect(text).toContain(`${name} (${code})`);
  });
});
