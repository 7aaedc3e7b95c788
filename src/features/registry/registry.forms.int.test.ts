import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn } from '../../../test/support/app.ts';
import { openTestDatabase } from '../../../test/support/db.ts';
import { makeAgency, makeStaff, makeUser } from '../../../test/support/factories.ts';
import type { Database } from '../../db/database.ts';
import { createRegistryService } from './registry.service.ts';

/** The registry's forms over HTTP: agencies with unit trees, staff, accounts; streamed import progress. */
let database: Database;
let app: FastifyInstance;
let analyst: string;
let viewer: string;
let outsider: string;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
  const a = await makeUser(database.db, { role: 'analyst', regionCode: '63.71' });
  const v = await makeUser(database.db, { role: 'viewer', regionCode: '63.71' });
  const o = await makeUser(database.db, { role: 'analyst', regionCode: '64.71' });
  analyst = await signIn(app, a.username, a.password);
  viewer = await signIn(app, v.username, v.password);
  outsider = await signIn(app, o.username, o.password);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const send = (cookie: string, method: 'POST' | 'PUT' | 'PATCH' | 'GET', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie }, payload });

const auditCount = async (action: string, subjectId: string) =>
  (
    await database.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', action)
      .where('subject_id', '=', subjectId)
      .execute()
  ).length;

describe('agency form', () => {
  it('creates an agency with a unit tree and a parent, audited', async () => {
    const parent = await makeAgency(database.db, {
      regionCode: '63.71',
      name: 'Pemerintah Kota Banjarmasin Uji',
    });
    const res = await send(analyst, 'POST', '/api/registry/agencies', {
      name: 'Dinas Pendidikan Kota Banjarmasin Uji',
      kind: 'pemda_kota',
      regionCode: '63.71',
      parentId: parent.id,
      taskForceHead: 'Drs. Hasan',
      units: [
        { name: 'Sekretariat' },
        { name: 'Bidang SD' },
        { name: 'Seksi Kurikulum SD', parent: 'Bidang SD' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ parentId: parent.id, regionCode: '63.71', taskForceHead: 'Drs. Hasan' });
    const bidang = a.units.find((u: { name: string }) => u.name === 'Bidang SD');
    expect(a.units.find((u: { name: string }) => u.name === 'Seksi Kurikulum SD').parentId).toBe(bidang.id);
    expect(await auditCount('registry.agency.create', a.id)).toBe(1);
  });

  it('refuses bad trees, regions outside the jurisdiction and duplicates with field errors', async () => {
    const cycle = await send(analyst, 'POST', '/api/registry/agencies', {
      name: 'Instansi Melingkar',
      kind: 'lainnya',
      regionCode: '63.71',
      units: [
        { name: 'A', parent: 'B' },
        { name: 'B', parent: 'A' },
      ],
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().details).toContainEqual({
      field: 'units.0.parent',
      message: 'susunan unit melingkar',
    });
    const outside = await send(analyst, 'POST', '/api/registry/agencies', {
      name: 'Instansi Luar',
      kind: 'lainnya',
      regionCode: '64.71',
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().details[0].field).toBe('regionCode');
    const existing = await makeAgency(database.db, { regionCode: '63.71' });
    const dup = await send(analyst, 'POST', '/api/registry/agencies', {
      name: existing.name,
      kind: 'lainnya',
      regionCode: '63.71',
    });
    expect(dup.statusCode).toBe(409);
    const none = await database.db
      .selectFrom('agencies')
      .select('id')
      .where('name', '=', 'Instansi Melingkar')
      .execute();
    expect(none).toEqual([]);
  });

  it('edits an agency: renames a unit (its staff stay), refuses removing a unit with staff or a cyclic parent', async () => {
    const created = (
      await send(analyst, 'POST', '/api/registry/agencies', {
        name: 'Badan Kepegawaian Uji',
        kind: 'pemda_kota',
        regionCode: '63.71',
        units: [{ name: 'Bidang Mutasi' }, { name: 'Bidang Data' }],
      })
    ).json();
    const mutasi = created.units.find((u: { name: string }) => u.name === 'Bidang Mutasi');
    const s = await makeStaff(database.db, { agencyId: created.id, regionCode: '63.71' });
    await database.db.updateTable('staff').set({ unit_id: mutasi.id }).where('id', '=', s.id).execute();

    const refused = await send(analyst, 'PUT', `/api/registry/agencies/${created.id}`, {
      name: 'Badan Kepegawaian Uji',
      kind: 'pemda_kota',
      regionCode: '63.71',
      units: [],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details[0].message).toContain('Bidang Mutasi');

    const child = (
      await send(analyst, 'POST', '/api/registry/agencies', {
        name: 'UPT Uji',
        kind: 'lainnya',
        regionCode: '63.71',
        parentId: created.id,
      })
    ).json();
    const cyclic = await send(analyst, 'PUT', `/api/registry/agencies/${created.id}`, {
      name: 'Badan Kepegawaian Uji',
      kind: 'pemda_kota',
      regionCode: '63.71',
      parentId: child.id,
      units: [{ id: mutasi.id, name: 'Bidang Mutasi' }],
    });
    expect(cyclic.statusCode).toBe(400);
    expect(cyclic.json().details[0].field).toBe('parentId');

    const ok = await send(analyst, 'PUT', `/api/registry/agencies/${created.id}`, {
      name: 'Badan Kepegawaian dan Pengembangan SDM Uji',
      kind: 'pemda_kota',
      regionCode: '63.71',
      units: [
        { id: mutasi.id, name: 'Bidang Mutasi dan Promosi' },
        { name: 'Subbidang Promosi', parent: 'Bidang Mutasi dan Promosi' },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(
      ok
        .json()
        .units.map((u: { name: string }) => u.name)
        .sort(),
    ).toEqual(['Bidang Mutasi dan Promosi', 'Subbidang Promosi']);
    const after = await database.db
      .selectFrom('staff')
      .select('unit_id')
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(after.unit_id).toBe(mutasi.id);
    expect(await auditCount('registry.agency.update', created.id)).toBe(1);
  });

  it('is 404 outside the jurisdiction and 403 for a viewer', async () => {
    const a = await makeAgency(database.db, { regionCode: '63.71' });
    const body = { name: 'X', kind: 'lainnya', regionCode: '64.71' };
    expect((await send(outsider, 'PUT', `/api/registry/agencies/${a.id}`, body)).statusCode).toBe(404);
    expect((await send(viewer, 'POST', '/api/registry/agencies', body)).statusCode).toBe(403);
  });
});

describe('staff form', () => {
  it('creates a staff member with the NIP decoded, audited; a second one with the same NIP is 409', async () => {
    const agency = await makeAgency(database.db, { regionCode: '63.71' });
    const res = await send(analyst, 'POST', '/api/registry/staff', {
      nip: '19850317 201001 1 004',
      name: 'Rina Wulandari',
      status: 'pns',
      positionType: 'fungsional',
      positionName: 'Guru Ahli Muda',
      rank: 'iii/c',
      agencyId: agency.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({
      nip: '198503172010011004',
      birthDate: '1985-03-17',
      appointedOn: '2010-01',
      sex: 'male',
      rank: 'III/c',
      regionCode: '63.71',
      sectionsAvailable: { alerts: true, cases: true, pledges: true },
    });
    expect(await auditCount('registry.staff.create', s.id)).toBe(1);
    const dup = await send(analyst, 'POST', '/api/registry/staff', {
      nip: '198503172010011004',
      name: 'Orang Lain',
      status: 'pns',
      agencyId: agency.id,
    });
    expect(dup.statusCode).toBe(409);
  });

  it('names the field of every error: impossible NIP date, missing NIP for a PNS, unknown unit', async () => {
    const agency = await makeAgency(database.db, { regionCode: '63.71' });
    const other = await makeAgency(database.db, { regionCode: '63.71' });
    const res = await send(analyst, 'POST', '/api/registry/staff', {
      nip: '199002292015032001',
      name: 'Tanggal Salah',
      status: 'pns',
      agencyId: agency.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.map((d: { field: string }) => d.field)).toEqual(['nip']);
    const noNip = await send(analyst, 'POST', '/api/registry/staff', {
      name: 'Tanpa NIP',
      status: 'pns',
      agencyId: agency.id,
    });
    expect(noNip.json().details.map((d: { field: string }) => d.field)).toEqual(['nip']);
    const otherUnit = await database.db
      .insertInto('units')
      .values({ agency_id: other.id, name: 'Unit Lain', parent_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const wrongUnit = await send(analyst, 'POST', '/api/registry/staff', {
      name: 'Honorer Satu',
      status: 'non_asn',
      agencyId: agency.id,
      unitId: otherUnit.id,
    });
    expect(wrongUnit.json().details.map((d: { field: string }) => d.field)).toEqual(['unitId']);
  });

  it('edits a staff member (deactivate, move unit); outside the jurisdiction it is 404 and unchanged', async () => {
    const agency = await makeAgency(database.db, { regionCode: '63.71' });
    const unit = await database.db
      .insertInto('units')
      .values({ agency_id: agency.id, name: 'Sekretariat', parent_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const s = await makeStaff(database.db, { agencyId: agency.id, regionCode: '63.71', name: 'Budi Edit' });
    const body = {
      nip: s.nip,
      name: 'Budi Santoso',
      status: 'pns',
      agencyId: agency.id,
      unitId: unit.id,
      active: false,
    };
    expect((await send(outsider, 'PUT', `/api/registry/staff/${s.id}`, body)).statusCode).toBe(404);
    expect((await send(viewer, 'PUT', `/api/registry/staff/${s.id}`, body)).statusCode).toBe(403);
    const res = await send(analyst, 'PUT', `/api/registry/staff/${s.id}`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Budi Santoso', unit: 'Sekretariat', active: false });
    expect(await auditCount('registry.staff.update', s.id)).toBe(1);
    const outsideAgency = await makeAgency(database.db, { regionCode: '64.71' });
    const move = await send(analyst, 'PUT', `/api/registry/staff/${s.id}`, {
      ...body,
      agencyId: outsideAgency.id,
    });
    expect(move.statusCode).toBe(400);
    expect(move.json().details.map((d: { field: string }) => d.field)).toContain('agencyId');
  });
});

describe('account form', () => {
  it('edits every field of an account, keeps handles unique, audits', async () => {
    const agency = await makeAgency(database.db, { regionCode: '63.71' });
    const s = await makeStaff(database.db, { agencyId: agency.id, regionCode: '63.71' });
    const a = (
      await send(analyst, 'POST', '/api/registry/accounts', { platform: 'x', handle: '@akun_uji_satu' })
    ).json();
    await send(analyst, 'POST', '/api/registry/accounts', { platform: 'x', handle: 'akun_uji_dua' });
    const res = await send(analyst, 'PATCH', `/api/registry/accounts/${a.id}`, {
      platform: 'instagram',
      handle: 'https://instagram.com/akun.uji.tiga',
      profileUrl: 'https://instagram.com/akun.uji.tiga',
      platformUserId: '998877',
      staffId: s.id,
      linkSource: 'bio',
      linkConfidence: 0.8,
      watchStatus: 'paused',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      platform: 'instagram',
      handle: 'akun.uji.tiga',
      platformUserId: '998877',
      staff: { id: s.id },
      linkSource: 'bio',
      linkConfidence: expect.closeTo(0.8, 5),
      watchStatus: 'paused',
    });
    const clash = await send(analyst, 'PATCH', `/api/registry/accounts/${a.id}`, {
      platform: 'x',
      handle: 'akun_uji_dua',
    });
    expect(clash.statusCode).toBe(409);
    // Unlinked, the account stays supervised in the staff member's region.
    const unlinked = await send(analyst, 'PATCH', `/api/registry/accounts/${a.id}`, { staffId: null });
    expect(unlinked.json()).toMatchObject({ staff: null, regionCode: '63.71' });
    expect(await auditCount('registry.account.update', a.id)).toBe(2); // the 409 wrote nothing
  });
});

describe('streamed import progress', () => {
  it('answers NDJSON: progress lines with rows checked and written, then the result', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `Instansi Aliran ${i},Lainnya,63.71`).join('\n');
    const boundary = '----netra-stream';
    const payload = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nNama Instansi,Jenis,Kode Wilayah\n${rows}\n\r\n--${boundary}--\r\n`,
    );
    const res = await app.inject({
      method: 'POST',
      url: '/api/registry/import/agencies?progress=stream',
      payload,
      headers: { cookie: analyst, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.at(-1)).toEqual({ result: { inserted: 30, updated: 0, unchanged: 0, errors: [] } });
    const progress = lines.slice(0, -1).map((l) => l.progress);
    expect(progress[0]).toEqual({ phase: 'read', done: 30, total: 30 });
    expect(progress.at(-1)).toEqual({ phase: 'write', done: 30, total: 30 });

    const bad = await app.inject({
      method: 'POST',
      url: '/api/registry/import/agencies?progress=stream',
      payload: Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nNama Instansi,Jenis,Kode Wilayah\nTanpa Jenis,,63.71\n\r\n--${boundary}--\r\n`,
      ),
      headers: { cookie: analyst, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    const last = JSON.parse(bad.body.trim().split('\n').at(-1)!);
    expect(last.error).toMatchObject({ code: 'IMPORT_ROW_INVALID', details: [{ row: 2, field: 'Jenis' }] });
  });
});

describe('staff detail sections (extension point)', () => {
  it('fills the sections from the providers other features wire, only for staff the actor may see', async () => {
    const agency = await makeAgency(database.db, { regionCode: '63.71' });
    const s = await makeStaff(database.db, { agencyId: agency.id, regionCode: '63.71' });
    const asked: string[] = [];
    const registry = createRegistryService({
      db: database.db,
      sections: {
        cases: async ({ staffId }) => {
          asked.push(staffId);
          return [{ id: 'c1', title: 'Kasus uji', status: 'open' }];
        },
      },
    });
    const actor = { id: null as never, role: 'analyst' as const, office: { regionCode: '63.71' } } as never;
    const d = await registry.getStaff(actor, s.id);
    expect(d.cases).toEqual([{ id: 'c1', title: 'Kasus uji', status: 'open' }]);
    expect(d.sectionsAvailable).toEqual({ alerts: false, cases: true, pledges: false });
    const far = { id: null, role: 'analyst', office: { regionCode: '64.71' } } as never;
    await expect(registry.getStaff(far, s.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(asked).toEqual([s.id]);
  });
});
