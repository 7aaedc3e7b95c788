import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userWithSession } from '../../../test/security/sessions.ts';
import { openTestDatabase } from '../../../test/support/db.ts';
import { makeAgency, makeStaff } from '../../../test/support/factories.ts';
import type { Database } from '../../db/database.ts';
import { wireServer } from '../../main/server.ts';
import { createBlobStore } from '../../platform/blobs/blob-store.ts';
import { createMailer } from '../../platform/mail/mailer.ts';
import { createLettersService } from '../letters/letters.service.ts';
import { casesHandlers, sendDeadlineReminders } from './cases.jobs.ts';
import { type CaseActor, createCasesService } from './cases.service.ts';

let database: Database;
let app: FastifyInstance;
let dir: string;
let head: { id: string; cookie: () => Promise<string> };
let analyst: { id: string; cookie: () => Promise<string> };
let liaison: { id: string; cookie: () => Promise<string> };
let viewer: { id: string; cookie: () => Promise<string> };
let outsider: { id: string; cookie: () => Promise<string> };
let staffId: string;
let agencyId: string;
let officeId: string;

const REGION = '64.71';
const user = async (role: 'head' | 'analyst' | 'liaison' | 'viewer', region = REGION) => {
  const u = await userWithSession(database.db, role, region);
  return { id: u.id, cookie: u.newCookie };
};

beforeAll(async () => {
  database = await openTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'netra-cases-'));
  ({ app } = await wireServer(database, { blobs: createBlobStore(join(dir, 'blobs')) }));
  await app.ready();
  head = await user('head');
  analyst = await user('analyst');
  liaison = await user('liaison');
  viewer = await user('viewer');
  outsider = await user('head', '65.71');
  const agency = await makeAgency(database.db, { regionCode: REGION });
  agencyId = agency.id;
  staffId = (await makeStaff(database.db, { agencyId, regionCode: REGION, name: 'Budi Santoso' })).id;
  const office = await database.db
    .updateTable('offices')
    .set({
      letter_code: 'KI-12',
      head_title: 'Ketua Bawaslu Kota Balikpapan',
      head_name: 'Nama Ketua Fiktif',
      address: 'Jl. Fiktif 1',
    })
    .where('region_code', '=', REGION)
    .where('name', 'like', 'Bawaslu %')
    .returning('id')
    .executeTakeFirstOrThrow();
  officeId = office.id;
});
afterAll(async () => {
  await app.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const pdfText = async (pdf: Buffer) =>
  (await extractText(new Uint8Array(pdf), { mergePages: true })).text.replace(/\s+/g, ' ');

const call = async (who: { cookie: () => Promise<string> }, method: string, url: string, payload?: unknown) =>
  app.inject({
    method: method as 'GET',
    url,
    headers: { cookie: await who.cookie() },
    ...(payload ? { payload } : {}),
  });

const step = async (
  who: { cookie: () => Promise<string> },
  id: string,
  action: string,
  payload: Record<string, unknown> = {},
  key?: string,
) =>
  call(who, 'POST', `/api/cases/${id}/actions`, { action, payload, ...(key ? { idempotencyKey: key } : {}) });

const formA = (over: Record<string, unknown> = {}) => ({
  stage: 'Kampanye Pemilihan Wali Kota Balikpapan 2024',
  supervisorName: 'Siti Pengawas',
  supervisorPosition: 'Anggota Bawaslu Kota Balikpapan',
  dutyOrderNumber: 'ST-123/PM.01/K.KI-12/11/2024',
  activityForm: 'Patroli siber',
  activityPurpose: 'Mengawasi netralitas ASN',
  activityTarget: 'Akun media sosial ASN',
  activityAt: '2024-11-10T02:00:00+08:00',
  activityPlace: 'Kantor Bawaslu Kota Balikpapan',
  description: 'Ditemukan unggahan dukungan kepada pasangan calon.',
  violation: {
    event: 'ASN mengunggah foto dengan salam dua jari bersama pasangan calon',
    place: 'Instagram',
    occurredOn: '2024-11-09',
    knownOn: '2024-11-10',
    actorName: 'Budi Santoso',
    staffId,
    witnesses: [{ name: 'Andi Saksi', contact: '0812' }],
    evidence: [
      { kind: 'url', url: 'https://instagram.example/p/abc', description: 'Tangkapan layar unggahan' },
    ],
    facts: 'Unggahan masih dapat diakses',
    analysis: 'Memenuhi unsur DS-7',
  },
  ...over,
});

describe('case handling over HTTP', () => {
  let caseId: string;

  it('opens a case from a Form A finding, idempotently linked to its supervision report', async () => {
    const res = await call(analyst, 'POST', '/api/cases/findings', formA());
    expect(res.statusCode, res.body).toBe(201);
    caseId = res.json().id;
    expect(res.json().number).toMatch(/^\d{3}\/TM\/KI-12\/\d{4}$/);
    const detail = (await call(analyst, 'GET', `/api/cases/${caseId}`)).json();
    expect(detail.status).toBe('kajian_awal');
    expect(detail.staff.name).toBe('Budi Santoso');
    expect(detail.finding.dutyOrderNumber).toBe('ST-123/PM.01/K.KI-12/11/2024');
    expect(detail.parties.map((p: { role: string }) => p.role)).toEqual(['terlapor', 'saksi']);
    expect(detail.evidence).toHaveLength(1);
    expect(detail.deadlines[0]).toMatchObject({
      kind: 'penetapan_temuan',
      dueOn: '2024-11-17',
      state: 'overdue',
    });
    // The analyst records, the head decides: registration is the head's.
    expect(detail.actions).toContain('request_completion');
    expect(detail.actions).not.toContain('register');
    const asHead = (await call(head, 'GET', `/api/cases/${caseId}`)).json();
    expect(asHead.actions).toContain('register');
  });

  it('lists the case as overdue (its 7-day finding clock ran out in 2024)', async () => {
    const overdue = (await call(analyst, 'GET', '/api/cases?deadline=overdue')).json();
    expect(overdue.items.map((c: { id: string }) => c.id)).toContain(caseId);
    expect(overdue.items.find((c: { id: string }) => c.id === caseId).nextDeadline.state).toBe('overdue');
    const soon = (await call(analyst, 'GET', '/api/cases?deadline=due_soon')).json();
    expect(soon.items.map((c: { id: string }) => c.id)).not.toContain(caseId);
  });

  it('hides the case from liaisons until it is forwarded, and from other jurisdictions (404)', async () => {
    expect((await call(liaison, 'GET', `/api/cases/${caseId}`)).statusCode).toBe(404);
    expect((await call(outsider, 'GET', `/api/cases/${caseId}`)).statusCode).toBe(404);
    expect(
      (await call(liaison, 'GET', '/api/cases')).json().items.map((c: { id: string }) => c.id),
    ).not.toContain(caseId);
    expect((await call(viewer, 'GET', `/api/cases/${caseId}`)).statusCode).toBe(200);
  });

  it('refuses steps by role (403) and by state (409), leaving the log unchanged', async () => {
    expect((await step(analyst, caseId, 'register')).statusCode).toBe(403);
    expect((await step(viewer, caseId, 'add_note', { text: 'x' })).statusCode).toBe(403);
    expect((await step(head, caseId, 'forward')).statusCode).toBe(409);
    expect((await step(head, caseId, 'decide', { outcome: 'violation', reason: 'x' })).statusCode).toBe(409);
    const events = await database.db
      .selectFrom('case_events')
      .select('type')
      .where('case_id', '=', caseId)
      .execute();
    expect(events.map((e) => e.type)).toEqual(['opened']);
  });

  it('runs the finding to the forwarding letter to BKN and the sanction recorded by a liaison', async () => {
    expect((await step(head, caseId, 'register', {}, 'register-once-1')).json().status).toBe('diregistrasi');
    // A retried request with the same key does not register twice.
    expect((await step(head, caseId, 'register', {}, 'register-once-1')).statusCode).toBe(200);
    const inv = await step(analyst, caseId, 'invite_clarification', {
      partyName: 'Budi Santoso',
      partyRole: 'terlapor',
      scheduledAt: 'Senin, 2 Desember 2024 pukul 09.00 WITA',
      place: 'Kantor Bawaslu',
    });
    expect(inv.statusCode, inv.body).toBe(200);
    const minutes = await step(analyst, caseId, 'record_clarification', {
      partyName: 'Budi Santoso',
      partyRole: 'terlapor',
      heldAt: 'Senin, 2 Desember 2024',
      place: 'Kantor Bawaslu',
      statement: 'Terlapor mengakui mengunggah foto tersebut.',
    });
    expect(minutes.json().status).toBe('klarifikasi');
    const review = await step(analyst, caseId, 'record_review', {
      facts: 'Foto diunggah pada 9 November 2024.',
      analysis: 'Memenuhi unsur.',
      conclusion: 'Terbukti melanggar netralitas.',
      violationFormCodes: ['DS-7'],
    });
    expect(review.json().status).toBe('kajian_dugaan_pelanggaran');
    expect((await step(analyst, caseId, 'decide', { outcome: 'violation', reason: 'x' })).statusCode).toBe(
      403,
    );
    const decided = await step(head, caseId, 'decide', { outcome: 'violation', reason: 'Terbukti' });
    expect(decided.json().status).toBe('terbukti_pelanggaran');
    const fwd = await step(head, caseId, 'forward', { note: '' });
    expect(fwd.statusCode, fwd.body).toBe(200);
    expect(fwd.json().status).toBe('diteruskan');

    const detail = (await call(liaison, 'GET', `/api/cases/${caseId}`)).json();
    expect(detail.forwardedTo).toBe('BKN');
    expect(detail.sanctionRecommended).toBe('berat');
    expect(detail.documents.map((d: { series: string }) => d.series)).toEqual([
      'undangan-klarifikasi',
      'ba-klarifikasi',
      'kajian',
      'penerusan',
    ]);
    expect(detail.actions).toEqual(['record_recommendation', 'record_sanction', 'record_no_follow_up']);
    const letter = detail.documents.find((d: { series: string }) => d.series === 'penerusan');
    const pdf = await call(liaison, 'GET', `/api/cases/${caseId}/documents/${letter.id}`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('BADAN PENGAWAS PEMILIHAN UMUM');
    expect(text).toContain('Kepala Badan Kepegawaian Negara');
    expect(text).toContain('Budi Santoso');
    expect(text).toContain('DS-7');
    expect(text).toContain(letter.number);
    expect(text).toContain('Nama Ketua Fiktif');
    const minutesDoc = detail.documents.find((d: { series: string }) => d.series === 'ba-klarifikasi');
    const minutesText = await pdfText(
      (await call(analyst, 'GET', `/api/cases/${caseId}/documents/${minutesDoc.id}`)).rawPayload,
    );
    expect(minutesText).toContain('BERITA ACARA KLARIFIKASI');
    expect(minutesText).toContain('Terlapor mengakui mengunggah foto tersebut.');

    // The liaison was told in the app.
    const bell = (await call(liaison, 'GET', '/api/notifications')).json();
    expect(bell.unread).toBeGreaterThanOrEqual(1);
    expect(bell.items[0].link).toBe(`/app/cases/${caseId}`);

    expect(
      (
        await step(liaison, caseId, 'record_recommendation', {
          number: 'R-1/BKN/2024',
          sanctionRecommended: 'berat',
        })
      ).json().status,
    ).toBe('rekomendasi_diterbitkan');
    expect(
      (
        await step(liaison, caseId, 'record_sanction', {
          sanction: 'Penurunan jabatan setingkat lebih rendah',
          imposedOn: '2099-01-01',
        })
      ).statusCode,
    ).toBe(400);
    const sanction = await step(liaison, caseId, 'record_sanction', {
      sanction: 'Penurunan jabatan setingkat lebih rendah',
      imposedOn: '2024-12-20',
      decreeNumber: 'SK-9/2024',
    });
    expect(sanction.json().status).toBe('sanksi_dijatuhkan');
    expect((await step(liaison, caseId, 'close')).statusCode).toBe(403);
    expect((await step(head, caseId, 'close')).json().status).toBe('selesai');

    const row = await database.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'selesai',
      outcome: 'violation',
      origin: 'finding',
      sanction_imposed: 'Penurunan jabatan setingkat lebih rendah',
      sanction_recommended: 'berat',
    });
    expect(row.forwarded_at).not.toBeNull();
    const types = (
      await database.db
        .selectFrom('case_events')
        .select('type')
        .where('case_id', '=', caseId)
        .orderBy('seq')
        .execute()
    ).map((e) => e.type);
    expect(types).toEqual([
      'opened',
      'register',
      'invite_clarification',
      'record_clarification',
      'record_review',
      'decide',
      'forward',
      'record_recommendation',
      'record_sanction',
      'close',
    ]);
    const audit = await database.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', caseId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['case.open', 'case.forward', 'letter.issue', 'case.record_sanction']),
    );
  });

  it('exports the register as XLSX and lists with filters', async () => {
    const res = await call(head, 'GET', '/api/cases/export.xlsx?open=false');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Register Kasus')!;
    const numbers = ws.getColumn(1).values.slice(2);
    const mine = (
      await database.db
        .selectFrom('cases')
        .select('number')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).number;
    expect(numbers).toContain(mine);
    const list = (await call(head, 'GET', '/api/cases?status=selesai')).json();
    expect(list.items.every((c: { status: string }) => c.status === 'selesai')).toBe(true);
  });

  it('answers 400 for an invalid Form A with the field named', async () => {
    const res = await call(analyst, 'POST', '/api/cases/findings', { ...formA(), supervisorName: '' });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().details)).toContain('supervisorName');
  });
});

describe('origins through the service', () => {
  const actorOf = async (id: string): Promise<CaseActor> => {
    const u = await database.db
      .selectFrom('users')
      .innerJoin('offices', 'offices.id', 'users.office_id')
      .select(['users.id', 'users.role', 'offices.id as office_id', 'offices.name', 'offices.region_code'])
      .where('users.id', '=', id)
      .executeTakeFirstOrThrow();
    return {
      id: u.id,
      role: u.role,
      agencyId: null,
      office: { id: u.office_id, name: u.name, regionCode: u.region_code },
    };
  };
  const service = (now: string) =>
    createCasesService({
      db: database.db,
      letters: createLettersService({ db: database.db, blobs: createBlobStore(join(dir, 'blobs')) }),
      blobs: createBlobStore(join(dir, 'blobs')),
      now: () => new Date(now),
    });

  it('a confirmed alert in Feb 2024 goes to KASN; related cases of the same civil servant are linked', async () => {
    const svc = service('2024-02-20T03:00:00Z');
    const a = await actorOf(analyst.id);
    const h = await actorOf(head.id);
    const snapshot = {
      staffId,
      agencyId,
      regionCode: REGION,
      reportedName: 'Budi Santoso',
      description: 'Unggahan kampanye',
      knownOn: '2024-02-19',
      occurredOn: '2024-02-18',
      evidence: [{ kind: 'file' as const, sha256: 'a'.repeat(64), description: 'tangkapan layar' }],
    };
    const opened = await svc.openCase(a, { kind: 'alert', alertId: 'alert-1', snapshot });
    expect(opened.created).toBe(true);
    expect((await svc.openCase(a, { kind: 'alert', alertId: 'alert-1', snapshot })).created).toBe(false);
    for (const [who, action, payload] of [
      [h, 'register', {}],
      [a, 'record_review', { analysis: 'x', conclusion: 'y', violationFormCodes: ['KE-4'] }],
      [h, 'decide', { outcome: 'violation', reason: 'z' }],
      [h, 'forward', {}],
    ] as const)
      await svc.act(who, opened.id, { action, payload: { ...payload } });
    const detail = await svc.getCase(h, opened.id);
    expect(detail.forwardedTo).toBe('KASN');
    expect(detail.sanctionRecommended).toBe('moral');
    expect(detail.related.map((r) => r.reason)).toContain('same_staff');
    const l = await actorOf(liaison.id);
    expect(
      (
        await svc.act(l, opened.id, {
          action: 'record_sanction',
          payload: { sanction: 'Pernyataan secara terbuka', imposedOn: '2024-02-20' },
        })
      ).status,
    ).toBe('sanksi_dijatuhkan');
  });

  it('a registered report: completion, not acted on by the PPK, escalated to blocking, closed', async () => {
    const svc = service('2024-11-20T03:00:00Z');
    const a = await actorOf(analyst.id);
    const h = await actorOf(head.id);
    const l = await actorOf(liaison.id);
    const opened = await svc.openCase(a, {
      kind: 'report',
      reportId: 'report-1',
      snapshot: {
        regionCode: REGION,
        reportedName: 'Camat Fiktif',
        description: 'Camat mengarahkan perangkat desa',
        knownOn: '2024-11-18',
        regime: 'pilkada',
      },
    });
    const go = (who: CaseActor, action: string, payload: Record<string, unknown> = {}) =>
      svc.act(who, opened.id, { action: action as 'register', payload });
    await go(a, 'request_completion', { reason: 'Identitas saksi kurang' });
    await go(a, 'complete');
    await go(h, 'register');
    await go(h, 'extend_deadline');
    await go(a, 'record_review', { analysis: 'x', conclusion: 'y', violationFormCodes: ['DS-8'] });
    await go(h, 'decide', { outcome: 'violation', reason: 'z' });
    await go(h, 'forward');
    await go(l, 'record_no_follow_up', { reason: 'PPK tidak menindaklanjuti 14 hari' });
    await expect(go(l, 'request_blocking', { reason: 'x' })).rejects.toThrow(/tidak diizinkan/);
    await go(h, 'request_blocking', { reason: 'Permohonan pemblokiran data ke BKN' });
    expect((await go(h, 'close')).status).toBe('selesai');
    const d = await svc.getCase(h, opened.id);
    expect(d.deadlines.map((x) => [x.kind, x.dueOn])).toEqual([
      ['batas_laporan', '2024-11-25'],
      ['kajian_awal', '2024-11-22'],
      ['kelengkapan', '2024-11-23'],
      ['penanganan', '2024-11-25'],
    ]);
  });

  it('merges two cases: the survivor shows both histories, the other is closed as merged', async () => {
    const svc = service('2024-11-21T03:00:00Z');
    const a = await actorOf(analyst.id);
    const h = await actorOf(head.id);
    const snap = {
      regionCode: REGION,
      description: 'Peristiwa sama',
      knownOn: '2024-11-20',
      evidence: [{ kind: 'url' as const, url: 'https://x.example/post/9', description: 'tautan' }],
    };
    const one = await svc.openCase(a, { kind: 'report', reportId: 'report-m1', snapshot: snap });
    const two = await svc.openCase(a, { kind: 'report', reportId: 'report-m2', snapshot: snap });
    expect((await svc.getCase(a, two.id)).related).toEqual([
      expect.objectContaining({ id: one.id, reason: 'same_event' }),
    ]);
    await svc.act(a, two.id, { action: 'add_note', payload: { text: 'catatan kasus kedua' } });
    expect((await svc.act(h, two.id, { action: 'merge', payload: { intoCaseId: one.id } })).status).toBe(
      'digabung',
    );
    const survivor = await svc.getCase(h, one.id);
    expect(survivor.events.map((e) => [e.caseNumber === two.number, e.type])).toEqual(
      expect.arrayContaining([
        [true, 'add_note'],
        [true, 'merge'],
        [false, 'merged_from'],
      ]),
    );
    expect(survivor.evidence).toHaveLength(2);
    expect((await svc.getCase(h, two.id)).mergedInto).toBe(one.id);
  });
});

describe('between levels', () => {
  it('a provincial head takes a case over from the city office and hands it back', async () => {
    const a = await database.db
      .selectFrom('users')
      .innerJoin('offices', 'offices.id', 'users.office_id')
      .select(['users.id', 'users.role', 'offices.id as office_id', 'offices.name', 'offices.region_code'])
      .where('users.id', '=', analyst.id)
      .executeTakeFirstOrThrow();
    const prov = await userWithSession(database.db, 'head', '64');
    const p = await database.db
      .selectFrom('users')
      .innerJoin('offices', 'offices.id', 'users.office_id')
      .select(['offices.id as office_id', 'offices.name'])
      .where('users.id', '=', prov.id)
      .executeTakeFirstOrThrow();
    const svc = createCasesService({
      db: database.db,
      letters: createLettersService({ db: database.db, blobs: createBlobStore(join(dir, 'blobs')) }),
      blobs: createBlobStore(join(dir, 'blobs')),
    });
    const opened = await svc.openCase(
      {
        id: a.id,
        role: a.role,
        agencyId: null,
        office: { id: a.office_id, name: a.name, regionCode: a.region_code },
      },
      {
        kind: 'report',
        reportId: 'report-levels',
        snapshot: { regionCode: REGION, description: 'Kasus lintas tingkat', knownOn: '2026-11-30' },
      },
    );
    const provActor = {
      id: prov.id,
      role: 'head' as const,
      agencyId: null,
      office: { id: p.office_id, name: p.name, regionCode: '64' },
    };
    await svc.act(provActor, opened.id, {
      action: 'take_over',
      payload: { reason: 'Melibatkan pejabat provinsi' },
    });
    expect(
      (
        await database.db
          .selectFrom('cases')
          .select('office_id')
          .where('id', '=', opened.id)
          .executeTakeFirstOrThrow()
      ).office_id,
    ).toBe(p.office_id);
    // The city head may not take it back (not a higher level), but the province may hand it over.
    await expect(
      svc.act(
        {
          id: head.id,
          role: 'head',
          agencyId: null,
          office: { id: a.office_id, name: a.name, regionCode: REGION },
        },
        opened.id,
        { action: 'take_over', payload: { reason: 'x' } },
      ),
    ).rejects.toThrow(/atasan/);
    await svc.act(provActor, opened.id, {
      action: 'hand_over',
      payload: { toOfficeId: a.office_id, reason: 'Dikembalikan' },
    });
    const detail = await svc.getCase(provActor, opened.id);
    expect(detail.officeName).toBe(a.name);
    expect(detail.events.map((e) => e.type)).toEqual(['opened', 'take_over', 'hand_over']);
  });
});

describe('reminders and the calendar', () => {
  it('reminds heads and analysts in the app and by e-mail (outbox → local SMTP), once', async () => {
    const received: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _s, cb) {
        let data = '';
        stream.on('data', (c) => (data += c));
        stream.on('end', () => {
          received.push(data);
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    const port = (smtp.server.address() as { port: number }).port;
    try {
      const now = new Date('2026-12-02T00:00:00Z');
      const first = await sendDeadlineReminders(database.db, { now, mailEnabled: true });
      expect(first.deadlines).toBeGreaterThan(0);
      expect((await sendDeadlineReminders(database.db, { now, mailEnabled: true })).deadlines).toBe(0);
      const bell = (await call(head, 'GET', '/api/notifications')).json();
      expect(bell.items.some((n: { kind: string }) => n.kind === 'case.deadline.expired')).toBe(true);
      const mailer = createMailer({ url: `smtp://127.0.0.1:${port}`, from: 'Netra <netra@test.local>' });
      const handlers = casesHandlers({ db: database.db, mailer });
      // Heads have no e-mail in these fixtures: give one and remind again on a fresh deadline.
      await database.db
        .updateTable('users')
        .set({ email: 'ketua@test.local' })
        .where('id', '=', head.id)
        .execute();
      const { id } = (
        await call(
          analyst,
          'POST',
          '/api/cases/findings',
          formA({
            violation: {
              ...formA().violation,
              occurredOn: '2026-11-29',
              knownOn: '2026-11-30',
              staffId: undefined,
            },
          }),
        )
      ).json();
      await sendDeadlineReminders(database.db, { now: new Date('2026-12-07T00:00:00Z'), mailEnabled: true });
      const jobs = await database.db.selectFrom('jobs').selectAll().where('kind', '=', 'mail.send').execute();
      const mine = jobs.filter((j) => (j.payload as { text: string }).text.includes(id));
      expect(mine.length).toBe(1);
      await handlers['mail.send']!(mine[0]!.payload, { jobId: mine[0]!.id, attempt: 1 });
      expect(received.join('')).toContain('ketua@test.local');
      expect(received.join('')).toContain('Batas waktu');
    } finally {
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  });

  it('administrators maintain holidays; deadlines are recomputed', async () => {
    const admin = await userWithSession(database.db, 'admin', REGION);
    const cookie = await admin.newCookie();
    const list = await app.inject({
      method: 'GET',
      url: '/api/case-reference/holidays?year=2025',
      headers: { cookie },
    });
    expect(list.json().length).toBe(28);
    const headCookie = await head.cookie();
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/case-reference/holidays/2026-12-10',
          headers: { cookie: headCookie },
          payload: { name: 'x', kind: 'cuti_bersama' },
        })
      ).statusCode,
    ).toBe(403);
    const { id } = (
      await call(
        analyst,
        'POST',
        '/api/cases/findings',
        formA({
          violation: {
            ...formA().violation,
            occurredOn: '2026-12-01',
            knownOn: '2026-12-01',
            staffId: undefined,
          },
        }),
      )
    ).json();
    await step(head, id, 'register');
    const before = (await call(head, 'GET', `/api/cases/${id}`))
      .json()
      .deadlines.find((d: { kind: string }) => d.kind === 'penanganan');
    const put = await app.inject({
      method: 'PUT',
      url: `/api/case-reference/holidays/${before.dueOn}`,
      headers: { cookie },
      payload: { name: 'Libur uji', kind: 'libur_nasional', source: 'uji' },
    });
    expect(put.statusCode, put.body).toBe(200);
    const after = (await call(head, 'GET', `/api/cases/${id}`))
      .json()
      .deadlines.find((d: { kind: string }) => d.kind === 'penanganan');
    expect(after.dueOn > before.dueOn).toBe(true);
    const cached = await database.db
      .selectFrom('case_deadlines')
      .select('due_on')
      .where('case_id', '=', id)
      .where('kind', '=', 'penanganan')
      .executeTakeFirstOrThrow();
    expect(cached.due_on.toISOString().slice(0, 10)).toBe(after.dueOn);
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/api/case-reference/holidays/${before.dueOn}`,
          headers: { cookie },
        })
      ).statusCode,
    ).toBe(204);
  });

  it('administrators edit the violation-form catalogue', async () => {
    const admin = await userWithSession(database.db, 'admin', REGION);
    const cookie = await admin.newCookie();
    const forms = (
      await app.inject({ method: 'GET', url: '/api/case-reference/violation-forms', headers: { cookie } })
    ).json();
    expect(forms).toHaveLength(20);
    expect(
      forms.filter((f: { disputed: boolean }) => f.disputed).map((f: { code: string }) => f.code),
    ).toEqual(['DS-3', 'DS-8', 'DS-9']);
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/case-reference/violation-forms/DS-9',
      headers: { cookie },
      payload: { defaultSanction: 'berat' },
    });
    expect(res.json().defaultSanction).toBe('berat');
  });
});
