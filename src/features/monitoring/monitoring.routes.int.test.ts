import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn } from '../../../test/support/app.ts';
import { openTestDatabase } from '../../../test/support/db.ts';
import { makeAgency, makeStaff, makeUser } from '../../../test/support/factories.ts';
import type { Database } from '../../db/database.ts';
import { createIngester } from './ingest.ts';

let database: Database;
let app: FastifyInstance;
let bpp: string;
let samarinda: string;
let alertIds: string[];
const pack = JSON.parse(readFileSync('test/fixtures/packs/pilkada-kota-balikpapan-2024.json', 'utf8'));
// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
  const { db } = database;
  await db
    .insertInto('election_packs')
    .values({
      id: pack.id,
      name: pack.name,
      kind: pack.kind,
      region_code: pack.region_code,
      body: JSON.stringify(pack),
    })
    .execute();
  const agency = await makeAgency(db, { regionCode: '64.71' });
  const staff = await makeStaff(db, { agencyId: agency.id, regionCode: '64.71' });
  await db
    .insertInto('social_accounts')
    .values({
      platform: 'instagram',
      handle: 'ratna.bpp',
      staff_id: staff.id,
      link_source: 'agency',
      profile_url: null,
      platform_user_id: null,
      link_confidence: null,
    })
    .execute();
  await createIngester({ db }).ingestPosts(
    [1, 2, 3].map((i) => ({
      id: `instagram:r${i}`,
      platform: 'instagram' as const,
      text: `Ayo coblos nomor 1 HERA tanggal 27 November! #HERAuntukBalikpapan (${i})`,
      author: { handle: 'ratna.bpp' },
      posted_at: '2024-11-10T09:00:00+08:00',
    })),
    { source: 'test' },
  );
  const u1 = await makeUser(db, { role: 'analyst', regionCode: '64.71' });
  const u2 = await makeUser(db, { role: 'analyst', regionCode: '64.72' });
  bpp = await signIn(app, u1.username, u1.password);
  samarinda = await signIn(app, u2.username, u2.password);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('monitoring routes', () => {
  it('lists the queue grouped by account with the staff agency, only inside the jurisdiction', async () => {
    const res = await app.inject({ url: '/api/monitoring/alerts', headers: { cookie: bpp } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(3);
    expect(body.groups).toHaveLength(1);
    expect(body.groups[0].staff.agency.name).toMatch(/Instansi Uji/);
    alertIds = body.groups[0].alerts.map((a: { id: string }) => a.id);
    const other = await app.inject({ url: '/api/monitoring/alerts', headers: { cookie: samarinda } });
    expect(other.json().total).toBe(0);
    const one = await app.inject({
      url: `/api/monitoring/alerts/${alertIds[0]}`,
      headers: { cookie: samarinda },
    });
    expect(one.statusCode).toBe(404);
    const denied = await app.inject({
      method: 'POST',
      url: '/api/monitoring/alerts/confirm',
      headers: { cookie: samarinda },
      payload: { ids: [alertIds[0]] },
    });
    expect(denied.statusCode).toBe(404);
  });

  it('confirms into a draft finding with the post as evidence, dismisses with a reason, exports labels', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/monitoring/alerts/confirm',
      headers: { cookie: bpp },
      payload: { ids: [alertIds[0]] },
    });
    expect(res.statusCode).toBe(200);
    const { findings } = res.json();
    expect(findings).toHaveLength(1);
    const finding = await database.db
      .selectFrom('findings')
      .selectAll()
      .where('id', '=', findings[0].findingId)
      .executeTakeFirstOrThrow();
    expect(finding).toMatchObject({
      status: 'draft',
      origin: 'alert',
      alert_id: alertIds[0],
      region_code: '64.71',
    });
    const again = await app.inject({
      method: 'POST',
      url: '/api/monitoring/alerts/dismiss',
      headers: { cookie: bpp },
      payload: { ids: [alertIds[0], alertIds[1]], reason: 'not_partisan' },
    });
    expect(again.json()).toMatchObject({ updated: [alertIds[1]], skipped: [alertIds[0]] });
    const audit = await database.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', 'in', alertIds)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'monitoring.alert.confirm',
      'monitoring.alert.dismiss',
    ]);
    const labels = await app.inject({ url: '/api/monitoring/labels.jsonl', headers: { cookie: bpp } });
    const lines = labels.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.flag).sort()).toEqual([false, true]);
    expect(lines[0]).toHaveProperty('text');
    expect(lines[0]).toHaveProperty('category');
  });

  it('validates and stores packs, naming the bad field', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/monitoring/packs/check',
      headers: { cookie: bpp },
      payload: { ...pack, region_code: 'x' },
    });
    expect(bad.statusCode).toBe(403); // analysts do not manage packs
    const head = await makeUser(database.db, { role: 'head', regionCode: '64.71' });
    const cookie = await signIn(app, head.username, head.password);
    const check = await app.inject({
      method: 'POST',
      url: '/api/monitoring/packs/check',
      headers: { cookie },
      payload: { ...pack, stages: [{ code: 'kampanye', name: 'K', start: '2024-10-01', end: '2024-09-01' }] },
    });
    expect(check.json()).toMatchObject({ valid: false, errors: [{ field: 'stages.0.end' }] });
    const outside = await app.inject({
      method: 'POST',
      url: '/api/monitoring/packs',
      headers: { cookie },
      payload: { ...pack, id: 'pilkada-samarinda', region_code: '64.72' },
    });
    expect(outside.statusCode).toBe(403);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/monitoring/packs?activate=false',
      headers: { cookie },
      payload: { ...pack, id: 'pilkada-bpp-ulang', name: 'Pilkada ulang' },
    });
    expect(ok.json()).toMatchObject({ id: 'pilkada-bpp-ulang', active: false });
  });

  it('records patrol evidence with files by SHA-256 and a custody log of every view', async () => {
    const boundary = 'netraBoundary';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="evidence"\r\n\r\n${JSON.stringify({
          url: 'https://www.instagram.com/p/abc',
          capturedAt: '2024-11-10T10:00:00+08:00',
          note: 'patroli siber',
        })}\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="layar.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      PNG,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await app.inject({
      method: 'POST',
      url: '/api/monitoring/evidence',
      headers: { cookie: bpp, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    const ev = res.json();
    expect(ev.files[0]).toMatchObject({ filename: 'layar.png', mediaType: 'image/png', size: PNG.length });
    expect(ev.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const file = await app.inject({
      url: `/api/monitoring/evidence/${ev.id}/files/${ev.files[0].id}`,
      headers: { cookie: bpp },
    });
    expect(Buffer.from(file.rawPayload).equals(PNG)).toBe(true);
    const view = await app.inject({ url: `/api/monitoring/evidence/${ev.id}`, headers: { cookie: bpp } });
    expect(view.json().custody.map((c: { action: string }) => c.action)).toEqual([
      'captured',
      'file_added',
      'downloaded',
      'viewed',
    ]);
    const hidden = await app.inject({
      url: `/api/monitoring/evidence/${ev.id}`,
      headers: { cookie: samarinda },
    });
    expect(hidden.statusCode).toBe(404);
    await expect(database.db.deleteFrom('evidence').where('id', '=', ev.id).execute()).rejects.toThrow();
  });
});
