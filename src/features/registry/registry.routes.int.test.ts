import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn } from '../../../test/support/app.ts';
import { openTestDatabase } from '../../../test/support/db.ts';
import { makeAgency, makeStaff, makeUser } from '../../../test/support/factories.ts';
import type { Database } from '../../db/database.ts';

let database: Database;
let app: FastifyInstance;
let analyst: string;
let viewer: string;
let outsider: string;

/** A multipart/form-data body with one file field, as a browser sends it. */
function multipart(name: string, content: string | Uint8Array) {
  const boundary = '----netra-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const body = Buffer.concat([
    Buffer.from(head),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const AGENCIES = 'Nama Instansi,Jenis,Kode Wilayah\nPemerintah Kota Rute,Pemerintah Kota,65.71\n';
const STAFF =
  'NIP,Nama,Instansi,Unit Kerja\n198503172010011004,Rina Wulandari,Pemerintah Kota Rute,Dinas Sosial\n';

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
  const a = await makeUser(database.db, { role: 'analyst', regionCode: '65.71' });
  const v = await makeUser(database.db, { role: 'viewer', regionCode: '65.71' });
  const o = await makeUser(database.db, { role: 'analyst', regionCode: '64.71' });
  analyst = await signIn(app, a.username, a.password);
  viewer = await signIn(app, v.username, v.password);
  outsider = await signIn(app, o.username, o.password);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const upload = (cookie: string, kind: string, name: string, content: string | Uint8Array, dryRun = false) =>
  app.inject({
    method: 'POST',
    url: `/api/registry/import/${kind}${dryRun ? '?dryRun=true' : ''}`,
    ...multipart(name, content),
    headers: { ...multipart(name, content).headers, cookie },
  });

describe('registry routes', () => {
  it('requires a session, and registry.write for imports', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/registry/staff' })).statusCode).toBe(401);
    const res = await upload(viewer, 'agencies', 'a.csv', AGENCIES);
    expect(res.statusCode).toBe(403);
  });

  it('imports through the API: preview, errors with rows, then the real import', async () => {
    const preview = await upload(analyst, 'agencies', 'a.csv', AGENCIES, true);
    expect(preview.json()).toEqual({ inserted: 1, updated: 0, unchanged: 0, errors: [] });
    expect((await upload(analyst, 'agencies', 'a.csv', AGENCIES)).json()).toMatchObject({ inserted: 1 });
    const bad = await upload(
      analyst,
      'staff',
      's.csv',
      `${STAFF}19850317201001100,Salah,Pemerintah Kota Rute,\n`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'IMPORT_ROW_INVALID',
      details: [{ row: 3, field: 'NIP', message: 'NIP harus 18 digit (tertulis 17 digit)' }],
    });
    expect((await upload(analyst, 'staff', 's.csv', STAFF)).json()).toMatchObject({ inserted: 1 });
  });

  it('lists and finds staff in the jurisdiction; outside it is 404', async () => {
    const list = await app.inject({
      method: 'GET',
      url: '/api/registry/staff?q=rina',
      headers: { cookie: viewer },
    });
    expect(list.statusCode).toBe(200);
    const [rina] = list.json().items;
    expect(rina).toMatchObject({ name: 'Rina Wulandari', unit: 'Dinas Sosial', regionCode: '65.71' });
    const detail = await app.inject({
      method: 'GET',
      url: `/api/registry/staff/${rina.id}`,
      headers: { cookie: viewer },
    });
    expect(detail.json()).toMatchObject({ sex: 'male', abilities: { edit: false }, accounts: [] });
    const out = await app.inject({
      method: 'GET',
      url: `/api/registry/staff/${rina.id}`,
      headers: { cookie: outsider },
    });
    expect(out.statusCode).toBe(404);
    const none = await app.inject({
      method: 'GET',
      url: '/api/registry/staff/00000000-0000-4000-8000-000000000000',
      headers: { cookie: viewer },
    });
    expect(none.statusCode).toBe(404);
    const outList = await app.inject({
      method: 'GET',
      url: '/api/registry/staff?q=rina',
      headers: { cookie: outsider },
    });
    expect(outList.json().items).toEqual([]);
  });

  it('registers and links an account, refusing staff outside the jurisdiction', async () => {
    const list = await app.inject({
      method: 'GET',
      url: '/api/registry/staff?q=198503172010011004',
      headers: { cookie: analyst },
    });
    const staffId = list.json().items[0].id;
    const created = await app.inject({
      method: 'POST',
      url: '/api/registry/accounts',
      headers: { cookie: analyst },
      payload: { platform: 'tiktok', handle: '@rina.w', staffId, linkSource: 'patrol', linkConfidence: 0.7 },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      handle: 'rina.w',
      staff: { id: staffId },
      watchStatus: 'watched',
    });
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/registry/accounts/${created.json().id}`,
      headers: { cookie: analyst },
      payload: { watchStatus: 'paused' },
    });
    expect(patched.json().watchStatus).toBe('paused');
    const foreign = await app.inject({
      method: 'POST',
      url: '/api/registry/accounts',
      headers: { cookie: outsider },
      payload: { platform: 'x', handle: 'lain', staffId, linkSource: 'patrol' },
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('answers 404 for staff created in another region (factories)', async () => {
    const agency = await makeAgency(database.db, { regionCode: '63.71' });
    const staff = await makeStaff(database.db, { agencyId: agency.id, regionCode: '63.71' });
    const res = await app.inject({
      method: 'GET',
      url: `/api/registry/staff/${staff.id}`,
      headers: { cookie: analyst },
    });
    expect(res.statusCode).toBe(404);
    const list = await app.inject({
      method: 'GET',
      url: `/api/registry/staff?q=${staff.nip}`,
      headers: { cookie: analyst },
    });
    expect(list.json().items).toEqual([]);
  });

  it('exports a list as XLSX', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/registry/export/staff',
      headers: { cookie: viewer },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
