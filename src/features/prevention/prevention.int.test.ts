import type { FastifyInstance } from 'fastify';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userWithSession } from '../../../test/security/sessions.ts';
import { buildTestApp } from '../../../test/support/app.ts';
import { openTestDatabase } from '../../../test/support/db.ts';
import { makeAgency, makeStaff } from '../../../test/support/factories.ts';
import type { Database } from '../../db/database.ts';
import { todayWib } from '../../domain/prevention.ts';

let database: Database;
let app: FastifyInstance;
let analyst: () => Promise<string>;
let outsider: () => Promise<string>;
let taskforce: () => Promise<string>;
let agencyA: { id: string; name: string };
let agencyB: { id: string; name: string };
let staffA: { id: string; nip: string | null; name: string }[];
let staffB: { id: string; nip: string | null; name: string };

function multipart(name: string, content: string | Uint8Array) {
  const boundary = '----netra-prevention-test';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const payload = Buffer.concat([
    Buffer.from(head),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, 'content-type': `multipart/form-data; boundary=${boundary}` };
}

const upload = (url: string, cookie: string, name: string, content: string | Uint8Array) => {
  const { payload, 'content-type': type } = multipart(name, content);
  return app.inject({ method: 'POST', url, headers: { cookie, 'content-type': type }, payload });
};

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
  const db = database.db;
  agencyA = await makeAgency(db, { regionCode: '64.71', name: 'Dinas Uji Ikrar A' });
  agencyB = await makeAgency(db, { regionCode: '64.71', name: 'Dinas Uji Ikrar B' });
  staffA = [];
  for (let i = 0; i < 3; i++)
    staffA.push(
      await makeStaff(db, { agencyId: agencyA.id, regionCode: '64.71', name: `Pegawai Ikrar ${i}` }),
    );
  staffB = await makeStaff(db, { agencyId: agencyB.id, regionCode: '64.71', name: 'Pegawai Lain' });
  analyst = (await userWithSession(db, 'analyst', '64.71')).newCookie;
  outsider = (await userWithSession(db, 'analyst', '34.02')).newCookie;
  const tf = await userWithSession(db, 'taskforce', '64.71');
  await db.updateTable('users').set({ agency_id: agencyA.id }).where('id', '=', tf.id).execute();
  taskforce = tf.newCookie;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const api = async (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  cookie?: string,
  payload?: unknown,
) =>
  app.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

const countRows = async (table: 'pledge_signatures' | 'audit_events' | 'prevention_attendees') =>
  Number(
    (
      await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('neutrality pledges', () => {
  let campaignId: string;

  it('creates a campaign for an agency and shows it on the public page', async () => {
    const res = await api('POST', '/api/prevention/pledges', await analyst(), {
      title: 'Ikrar Netralitas ASN Dinas A',
      text: 'Kami ASN menyatakan netral.',
      regionCode: '64.71',
      agencyId: agencyA.id,
      opensOn: '2020-01-01',
    });
    expect(res.statusCode, res.body).toBe(201);
    campaignId = res.json().id;
    expect(res.json()).toMatchObject({
      staff: 3,
      signed: 0,
      percent: 0,
      closed: false,
      publicPath: `/ikrar/${campaignId}`,
    });
    const pub = await api('GET', `/api/public/pledges/${campaignId}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({
      title: 'Ikrar Netralitas ASN Dinas A',
      scope: agencyA.name,
      open: true,
      signed: 0,
    });
  });

  it('accepts a valid NIP and name (degrees and case ignored) and updates coverage', async () => {
    const s = staffA[0]!;
    const before = await countRows('audit_events');
    const res = await api('POST', `/api/public/pledges/${campaignId}/sign`, undefined, {
      nip: `${s.nip!.slice(0, 8)} ${s.nip!.slice(8)}`,
      name: `${s.name.toUpperCase()}, S.Sos.`,
      agree: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await countRows('audit_events')).toBe(before + 1);
    const cov = await api('GET', `/api/prevention/pledges/${campaignId}/coverage`, await analyst());
    expect(cov.json().campaign).toMatchObject({ signed: 1, staff: 3, percent: 33.3 });
    expect(cov.json().rows).toEqual([
      expect.objectContaining({ agencyId: agencyA.id, staff: 3, signed: 1, percent: 33.3 }),
    ]);
    expect(cov.json().signatures[0]).toMatchObject({ staffName: s.name, method: 'online' });
  });

  it('refuses a second signature by the same person', async () => {
    const s = staffA[0]!;
    const res = await api('POST', `/api/public/pledges/${campaignId}/sign`, undefined, {
      nip: s.nip,
      name: s.name,
      agree: true,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CONFLICT');
  });

  it('rejects wrong pairs, unknown NIPs, staff outside the campaign and bots with one same answer, writing nothing', async () => {
    const s = staffA[1]!;
    const before = await countRows('pledge_signatures');
    const auditBefore = await countRows('audit_events');
    const attempts = [
      { nip: s.nip, name: 'Nama Yang Salah', agree: true },
      { nip: '199001012015031999', name: s.name, agree: true },
      { nip: staffB.nip, name: staffB.name, agree: true },
      { nip: s.nip, name: s.name, agree: true, website: 'http://spam.example' },
      { nip: 'abc', name: s.name, agree: true },
    ];
    const bodies = new Set<string>();
    for (const a of attempts) {
      const res = await api('POST', `/api/public/pledges/${campaignId}/sign`, undefined, a);
      expect(res.statusCode, JSON.stringify(a)).toBe(400);
      bodies.add(res.body);
    }
    expect(bodies.size).toBe(1);
    expect(JSON.parse([...bodies][0]!).message).toMatch(/tidak cocok/);
    expect(await countRows('pledge_signatures')).toBe(before);
    expect(await countRows('audit_events')).toBe(auditBefore);
  });

  it('limits failures per NIP', async () => {
    const s = staffA[2]!;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await api('POST', `/api/public/pledges/${campaignId}/sign`, undefined, {
            nip: s.nip,
            name: `Salah ${i}`,
            agree: true,
          })
        ).statusCode,
      );
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    const right = await api('POST', `/api/public/pledges/${campaignId}/sign`, undefined, {
      nip: s.nip,
      name: s.name,
      agree: true,
    });
    expect(right.statusCode).toBe(429);
  });

  it('records a signed attendance list all-or-nothing with row numbers', async () => {
    const s = staffA[1]!;
    const bad = `NIP;Nama\n${s.nip};${s.name}\n${staffB.nip};${staffB.name}\n`;
    const before = await countRows('pledge_signatures');
    const r1 = await upload(
      `/api/prevention/pledges/${campaignId}/signed-list`,
      await analyst(),
      'hadir.csv',
      bad,
    );
    expect(r1.statusCode, r1.body).toBe(400);
    expect(r1.json()).toMatchObject({
      code: 'IMPORT_ROW_INVALID',
      details: [expect.objectContaining({ row: 3, field: 'nip' })],
    });
    expect(await countRows('pledge_signatures')).toBe(before);
    const good = `NIP;Nama\n${s.nip};${s.name}\n${staffA[0]!.nip};${staffA[0]!.name}\n`;
    const r2 = await upload(
      `/api/prevention/pledges/${campaignId}/signed-list`,
      await analyst(),
      'hadir.csv',
      good,
    );
    expect(r2.statusCode, r2.body).toBe(200);
    expect(r2.json()).toEqual({ rows: 2, added: 1, alreadySigned: 1 });
  });

  it('hides campaigns outside the jurisdiction or another agency (404)', async () => {
    expect(
      (await api('GET', `/api/prevention/pledges/${campaignId}/coverage`, await outsider())).statusCode,
    ).toBe(404);
    expect(
      (await api('GET', `/api/prevention/pledges/${campaignId}/coverage`, await taskforce())).statusCode,
    ).toBe(200);
    const other = await api('POST', '/api/prevention/pledges', await analyst(), {
      title: 'Ikrar B',
      text: 'Teks',
      regionCode: '64.71',
      agencyId: agencyB.id,
      opensOn: '2020-01-01',
    });
    expect(
      (await api('GET', `/api/prevention/pledges/${other.json().id}/coverage`, await taskforce())).statusCode,
    ).toBe(404);
    const list = (await api('GET', '/api/prevention/pledges', await taskforce())).json() as { id: string }[];
    expect(list.map((c) => c.id)).toEqual([campaignId]);
    const refused = await api('POST', '/api/prevention/pledges', await taskforce(), {
      title: 'Ikrar B oleh satgas A',
      text: 'Teks',
      regionCode: '64.71',
      agencyId: agencyB.id,
      opensOn: '2020-01-01',
    });
    expect(refused.statusCode).toBe(400);
  });
});

describe('coverage figures', () => {
  const agencyRow = async (cookie: string, id: string) =>
    (
      (await api('GET', '/api/prevention/coverage?regionCode=64.71', cookie)).json().agencies as {
        agencyId: string;
      }[]
    ).find((a) => a.agencyId === id) as Record<string, unknown>;

  it('counts pledges, task forces and recent activities per agency and region', async () => {
    const cookie = await analyst();
    expect(await agencyRow(cookie, agencyA.id)).toMatchObject({
      staff: 3,
      pledged: 2,
      pledgePercent: 66.7,
      taskForce: false,
      activities90d: 0,
    });
    expect(await agencyRow(cookie, agencyB.id)).toMatchObject({
      staff: 1,
      pledged: 0,
      pledgePercent: 0,
      taskForce: false,
    });

    const tf = await api('POST', '/api/prevention/task-forces', cookie, {
      name: 'Satgas Netralitas ASN Dinas A',
      regionCode: '64.71',
      agencyId: agencyA.id,
      decreeNumber: '800/123/2024',
      decreeDate: '2024-06-01',
      headName: 'Kepala Dinas A',
      members: [{ name: 'Sekretaris Dinas', role: 'sekretaris' }],
    });
    expect(tf.statusCode, tf.body).toBe(201);
    const dup = await api('POST', '/api/prevention/task-forces', cookie, {
      name: 'Satgas kedua',
      regionCode: '64.71',
      agencyId: agencyA.id,
      decreeNumber: '800/124/2024',
      decreeDate: '2024-06-02',
    });
    expect(dup.statusCode).toBe(409);

    const today = todayWib(new Date());
    const old = new Date(Date.now() - 120 * 86400_000).toISOString().slice(0, 10);
    for (const heldOn of [today, old]) {
      const a = await api('POST', '/api/prevention/activities', cookie, {
        kind: 'sosialisasi',
        title: `Sosialisasi netralitas ${heldOn}`,
        heldOn,
        regionCode: '64.71',
        participants: 40,
        agencyIds: [agencyA.id],
      });
      expect(a.statusCode, a.body).toBe(201);
    }
    expect(await agencyRow(cookie, agencyA.id)).toMatchObject({ taskForce: true, activities90d: 1 });
    const cov = (await api('GET', '/api/prevention/coverage?regionCode=64.71', cookie)).json();
    const region = cov.regions.find((r: { regionCode: string }) => r.regionCode === '64.71');
    expect(region).toMatchObject({ taskForce: false, activities90d: 1, participants90d: 40 });
    expect(region.agenciesWithTaskForce).toBeGreaterThanOrEqual(1);
    expect(region.staff).toBeGreaterThanOrEqual(4);

    // A task-force head sees only their agency.
    const mine = (await api('GET', '/api/prevention/coverage', await taskforce())).json();
    expect(mine.agencies.map((a: { agencyId: string }) => a.agencyId)).toEqual([agencyA.id]);
    // Outside the jurisdiction: 404.
    expect((await api('GET', '/api/prevention/coverage?regionCode=64.71', await outsider())).statusCode).toBe(
      404,
    );
    // XLSX export.
    const x = await api('GET', '/api/prevention/coverage/export?regionCode=64.71', cookie);
    expect(x.statusCode).toBe(200);
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('activities', () => {
  it('uploads an attendance list all-or-nothing, matching NIPs to the registry', async () => {
    const cookie = await analyst();
    const a = await api('POST', '/api/prevention/activities', cookie, {
      kind: 'rapat_koordinasi',
      title: 'Rapat koordinasi',
      heldOn: '2024-10-01',
      regionCode: '64.71',
      participants: 1,
      agencyIds: [],
    });
    const id = a.json().id;
    const bad = `Nama,NIP\n${staffA[0]!.name},${staffA[0]!.nip}\n,123\n`;
    const before = await countRows('prevention_attendees');
    const r1 = await upload(`/api/prevention/activities/${id}/attendance`, cookie, 'hadir.csv', bad);
    expect(r1.statusCode).toBe(400);
    expect(r1.json().details.map((d: { row: number }) => d.row)).toEqual([3, 3]);
    expect(await countRows('prevention_attendees')).toBe(before);
    const good = `Nama,NIP,Instansi\n${staffA[0]!.name},${staffA[0]!.nip},Dinas A\nTamu Undangan,,Ormas\n`;
    const r2 = await upload(`/api/prevention/activities/${id}/attendance`, cookie, 'hadir.csv', good);
    expect(r2.json()).toMatchObject({ rows: 2, matched: 1, participants: 2 });
    // A file whose bytes are not an accepted type is refused whatever its name.
    const r3 = await upload(
      `/api/prevention/activities/${id}/files`,
      cookie,
      'foto.jpg',
      'not really a jpeg',
    );
    expect(r3.statusCode).toBe(400);
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const r4 = await upload(`/api/prevention/activities/${id}/files`, cookie, 'foto.bin', png);
    expect(r4.statusCode, r4.body).toBe(200);
    const file = r4.json().files[0];
    expect(file).toMatchObject({ kind: 'photo', mime: 'image/png' });
    const dl = await api('GET', `/api/prevention/activities/${id}/files/${file.id}`, cookie);
    expect(dl.rawPayload.equals(png)).toBe(true);
    expect((await api('GET', `/api/prevention/activities/${id}`, await outsider())).statusCode).toBe(404);
  });
});

describe('appeal letters', () => {
  it('issues a numbered PDF from a template and records sending and acknowledgement', async () => {
    const cookie = await analyst();
    const t = await api('POST', '/api/prevention/letter-templates', cookie, {
      name: 'Imbauan Sekda',
      recipientKind: 'regional_secretary',
      subject: 'Imbauan Netralitas ASN di {{wilayah}}',
      body: 'Dengan hormat,\n\nKami mengimbau {{penerima}} agar menjaga netralitas ASN.\n\nSurat nomor {{nomor}}.',
    });
    expect(t.statusCode, t.body).toBe(201);
    const bad = await api('POST', '/api/prevention/letter-templates', cookie, {
      recipientKind: 'party',
      subject: 'Imbauan',
      name: 'Lain',
      body: 'Halo {{siapa}}',
    });
    expect(bad.statusCode).toBe(400);
    const l = await api('POST', '/api/prevention/letters', cookie, {
      templateId: t.json().id,
      recipientKind: 'regional_secretary',
      recipientName: 'Sekretaris Daerah Kota Balikpapan',
      regionCode: '64.71',
      subject: t.json().subject,
      body: t.json().body,
      datedOn: '2024-10-02',
    });
    expect(l.statusCode, l.body).toBe(201);
    const letter = l.json();
    expect(letter.subject).toBe('Imbauan Netralitas ASN di Kota Balikpapan');
    expect(letter.number).toMatch(/^001\//);
    const pdf = await api('GET', `/api/prevention/letters/${letter.id}/pdf`, cookie);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true })).text.replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain(letter.number);
    expect(text).toContain('Sekretaris Daerah Kota Balikpapan agar menjaga netralitas');
    const p = await api('PATCH', `/api/prevention/letters/${letter.id}`, cookie, {
      sentOn: '2024-10-03',
      acknowledgedOn: '2024-10-04',
      acknowledgedBy: 'Bagian Umum Setda',
    });
    expect(p.json()).toMatchObject({
      sentOn: '2024-10-03',
      acknowledgedOn: '2024-10-04',
      acknowledgedBy: 'Bagian Umum Setda',
    });
    expect((await api('GET', `/api/prevention/letters/${letter.id}/pdf`, await outsider())).statusCode).toBe(
      404,
    );
    expect((await api('GET', `/api/prevention/letters/${letter.id}/pdf`, await taskforce())).statusCode).toBe(
      404,
    );
  });
});

describe('office letterhead settings', () => {
  it('lets an administrator edit offices in their jurisdiction, validating the number template', async () => {
    const admin = (await userWithSession(database.db, 'admin', '64')).newCookie;
    const offices = (await api('GET', '/api/offices/letterhead', await admin())).json() as {
      id: string;
      regionCode: string;
    }[];
    expect(offices.every((o) => o.regionCode === '64' || o.regionCode.startsWith('64.'))).toBe(true);
    const bpn = offices.find((o) => o.regionCode === '64.71')!;
    const input = {
      address: 'Jl. Uji No. 1',
      phone: null,
      email: null,
      website: null,
      letterCity: 'Balikpapan',
      letterCode: 'KI-UJI',
      letterNumberTemplate: '{seq}/{class}/{office}/{roman}/{year}',
      headTitle: 'Ketua',
      headName: 'Nama Uji',
    };
    const ok = await api('PUT', `/api/offices/${bpn.id}/letterhead`, await admin(), input);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      letterCode: 'KI-UJI',
      letterNumberTemplate: '{seq}/{class}/{office}/{roman}/{year}',
    });
    const bad = await api('PUT', `/api/offices/${bpn.id}/letterhead`, await admin(), {
      ...input,
      letterNumberTemplate: '{class}/{year}',
    });
    expect(bad.statusCode).toBe(400);
    const other = await database.db
      .selectFrom('offices')
      .select('id')
      .where('region_code', '=', '34.02')
      .executeTakeFirstOrThrow();
    expect((await api('PUT', `/api/offices/${other.id}/letterhead`, await admin(), input)).statusCode).toBe(
      404,
    );
    expect((await api('PUT', `/api/offices/${bpn.id}/letterhead`, await analyst(), input)).statusCode).toBe(
      403,
    );
    // The next appeal letter uses the new template and code.
    const l = await api('POST', '/api/prevention/letters', await analyst(), {
      recipientKind: 'party',
      recipientName: 'Partai Uji',
      regionCode: '64.71',
      subject: 'Imbauan',
      body: 'Isi.',
      datedOn: '2024-10-05',
    });
    expect(l.json().number).toBe('002/PM.00.02/KI-UJI/X/2024');
  });
});

describe('task forces', () => {
  it('lists the task-force users who may head a task force, in scope, and links one as head', async () => {
    const db = database.db;
    const agencyC = await makeAgency(db, { regionCode: '64.71', name: 'Dinas Uji Satgas C' });
    const headC = await userWithSession(db, 'taskforce', '64.71');
    await db
      .updateTable('users')
      .set({ agency_id: agencyC.id, display_name: 'Ketua Satgas Dinas C' })
      .where('id', '=', headC.id)
      .execute();
    const elsewhere = await userWithSession(db, 'taskforce', '34.02');
    const disabled = await userWithSession(db, 'taskforce', '64.71');
    await db
      .updateTable('users')
      .set({ agency_id: agencyC.id, disabled_at: new Date() })
      .where('id', '=', disabled.id)
      .execute();
    const notTaskforce = await userWithSession(db, 'analyst', '64.71');
    const ids = (body: { id: string }[]) => body.map((u) => u.id);

    const cookie = await analyst();
    const all = await api('GET', '/api/prevention/task-force-users', cookie);
    expect(all.statusCode, all.body).toBe(200);
    expect(ids(all.json())).toContain(headC.id);
    expect(ids(all.json())).not.toContain(elsewhere.id);
    expect(ids(all.json())).not.toContain(disabled.id);
    expect(ids(all.json())).not.toContain(notTaskforce.id);
    const ofC = (await api('GET', `/api/prevention/task-force-users?agencyId=${agencyC.id}`, cookie)).json();
    expect(ofC).toEqual([
      {
        id: headC.id,
        name: 'Ketua Satgas Dinas C',
        agencyId: agencyC.id,
        agencyName: 'Dinas Uji Satgas C',
        officeName: expect.any(String),
      },
    ]);
    // The outsider does not see Balikpapan's; a task-force head only their own agency's.
    expect(ids((await api('GET', '/api/prevention/task-force-users', await outsider())).json())).toContain(
      elsewhere.id,
    );
    expect(
      ids((await api('GET', '/api/prevention/task-force-users', await outsider())).json()),
    ).not.toContain(headC.id);
    const own = (
      await api('GET', `/api/prevention/task-force-users?agencyId=${agencyC.id}`, await taskforce())
    )
      .json()
      .map((u: { agencyId: string }) => u.agencyId);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((a: string) => a === agencyA.id)).toBe(true);
    // Viewers may not (the list serves the task-force form only).
    const viewer = await userWithSession(db, 'viewer', '64.71');
    expect((await api('GET', '/api/prevention/task-force-users', await viewer.newCookie())).statusCode).toBe(
      403,
    );

    const body = {
      name: 'Satgas Netralitas ASN Dinas C',
      regionCode: '64.71',
      agencyId: agencyC.id,
      decreeNumber: '800/200/2024',
      decreeDate: '2024-07-01',
      headName: 'Kepala Dinas C',
      headUserId: headC.id,
      members: [],
    };
    const created = await api('POST', '/api/prevention/task-forces', cookie, body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ headUserId: headC.id, headUserName: 'Ketua Satgas Dinas C' });
    // Edited, then dissolved: gone from the list.
    const edited = await api('PUT', `/api/prevention/task-forces/${created.json().id}`, cookie, {
      ...body,
      decreeNumber: '800/201/2024',
    });
    expect(edited.json()).toMatchObject({
      decreeNumber: '800/201/2024',
      headUserName: 'Ketua Satgas Dinas C',
    });
    const gone = await api('POST', `/api/prevention/task-forces/${created.json().id}/dissolve`, cookie, {
      on: '2024-12-31',
    });
    expect(gone.statusCode).toBe(204);
    const list = (await api('GET', '/api/prevention/task-forces', cookie)).json();
    expect(ids(list)).not.toContain(created.json().id);
  });
});
