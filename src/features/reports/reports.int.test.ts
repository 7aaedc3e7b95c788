import type { FastifyInstance } from 'fastify';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn } from '../../../test/support/app.ts';
import { openTestDatabase } from '../../../test/support/db.ts';
import { jpegWithExif, pngWithText } from '../../../test/support/evidence-files.ts';
import { makeUser } from '../../../test/support/factories.ts';
import { anonymousTip, formalReport, reportMultipart } from '../../../test/support/reports.ts';
import type { Database } from '../../db/database.ts';
import { wireServer } from '../../main/server.ts';

let database: Database;
let app: FastifyInstance;
let analyst: string;
let head: string;
let viewer: string;
let outsider: string;
let admin: string;
let taskforce: string;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
  const sign = async (role: 'analyst' | 'head' | 'viewer' | 'admin' | 'taskforce', regionCode = '65.71') => {
    const u = await makeUser(database.db, { role, regionCode });
    return signIn(app, u.username, u.password);
  };
  analyst = await sign('analyst');
  head = await sign('head', '65');
  viewer = await sign('viewer');
  outsider = await sign('analyst', '31.71');
  admin = await sign('admin', '00');
  taskforce = await sign('taskforce');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const submit = (body: unknown) =>
  app.inject({ method: 'POST', url: '/api/public/reports', payload: body as object });
const status = (receipt: string) => app.inject({ method: 'GET', url: `/api/public/reports/${receipt}` });
const staff = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

async function submitted(body: unknown) {
  const res = await submit(body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { receipt: string; status: string; warnings: string[]; late: boolean };
}

async function idOf(receipt: string, cookie = analyst) {
  // The newest report in the list whose receipt we hold: find it through the public status timestamp.
  const s = (await status(receipt)).json();
  const listRes = await staff(cookie, 'GET', '/api/reports?pageSize=200');
  if (listRes.statusCode !== 200) throw new Error(listRes.body);
  const list = listRes.json();
  const item = list.items.find((i: { receivedAt: string }) => i.receivedAt === s.received_at);
  return item.id as string;
}

describe('public intake', () => {
  it('accepts a formal report and answers with a readable 80-bit receipt', async () => {
    const r = await submitted(formalReport());
    expect(r.receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(r.status).toBe('diterima');
    expect(r.late).toBe(false);
    expect(r.warnings.join(' ')).toContain('Belum ada bukti');
    const s = await status(r.receipt.toLowerCase());
    expect(s.statusCode).toBe(200);
    expect(s.json()).toMatchObject({ status: 'diterima', messages: [], kind: 'laporan', has_identity: true });
  });

  it('explains what is missing, in Indonesian, field by field', async () => {
    const res = await submit({ kind: 'laporan', description: 'pendek', region_code: '65.71' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION');
    const fields = Object.fromEntries(
      body.details.map((d: { field: string; message: string }) => [d.field, d.message]),
    );
    expect(fields.description).toContain('minimal 20 karakter');
    expect(fields.reporter).toContain('identitas pelapor');
    expect(fields['reported.name']).toContain('Nama terlapor');
    expect(fields.known_at).toContain('Tanggal diketahui');
    const nik = await submit(formalReport({ reporter: { ...formalReport().reporter, nik: '123' } }));
    expect(nik.json().details).toEqual([
      { field: 'reporter.nik', message: 'NIK harus 16 angka sesuai KTP-el' },
    ]);
    const region = await submit(anonymousTip({ region_code: '99.99' }));
    expect(region.json().details[0].field).toBe('region_code');
  });

  it('accepts a late formal report, marks it and warns', async () => {
    const r = await submitted(formalReport({ occurred_at: '2024-11-01', known_at: '2024-11-02' }));
    expect(r.late).toBe(true);
    expect(r.warnings[0]).toContain('melewati batas 7 hari');
    const id = await idOf(r.receipt);
    const detail = (await staff(analyst, 'GET', `/api/reports/${id}`)).json();
    expect(detail.late).toBe(true);
    expect(detail.clocks[0]).toMatchObject({ key: 'reporting_window', state: 'missed' });
  });

  it('answers 404 alike for malformed and unknown receipts', async () => {
    for (const code of ['nonsense', '0000-0000-0000-0000', 'UUUU-UUUU-UUUU-UUUU']) {
      const res = await status(code);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        code: 'NOT_FOUND',
        message: 'Kode tanda terima tidak dikenal / unknown receipt code',
        details: [],
      });
    }
  });

  it('takes evidence as multipart, sniffs the type and strips EXIF from the staff copy', async () => {
    const jpeg = jpegWithExif('GPS -1.2654 116.8312 SERIAL-77');
    const res = await app.inject({
      method: 'POST',
      url: '/api/public/reports',
      ...reportMultipart(anonymousTip(), [
        { name: 'foto.txt', data: jpeg }, // the name lies; the content decides
        { name: 'tangkapan.png', data: pngWithText('Author: Budi') },
      ]),
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = await idOf(res.json().receipt);
    const detail = (await staff(analyst, 'GET', `/api/reports/${id}`)).json();
    expect(detail.evidence.map((e: { mediaType: string }) => e.mediaType)).toEqual([
      'image/jpeg',
      'image/png',
    ]);
    expect(detail.evidence.every((e: { metadataRemoved: boolean }) => e.metadataRemoved)).toBe(true);
    const copy = await staff(analyst, 'GET', `/api/reports/${id}/evidence/${detail.evidence[0].id}`);
    expect(copy.statusCode).toBe(200);
    expect(copy.headers['content-type']).toBe('image/jpeg');
    expect(copy.rawPayload.includes(Buffer.from('SERIAL-77'))).toBe(false);
    const original = await staff(
      analyst,
      'GET',
      `/api/reports/${id}/evidence/${detail.evidence[0].id}?variant=original`,
    );
    expect(original.rawPayload.equals(jpeg)).toBe(true);
    expect(
      (await staff(viewer, 'GET', `/api/reports/${id}/evidence/${detail.evidence[0].id}`)).statusCode,
    ).toBe(403);
  });

  it('refuses a file whose content is not an accepted type, and keeps nothing', async () => {
    const before = (await staff(head, 'GET', '/api/reports?pageSize=1')).json().total;
    const res = await app.inject({
      method: 'POST',
      url: '/api/public/reports',
      ...reportMultipart(anonymousTip(), [
        { name: 'foto.jpg', data: Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 0, 0]) },
      ]),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0]).toMatchObject({ field: 'files.0' });
    expect((await staff(head, 'GET', '/api/reports?pageSize=1')).json().total).toBe(before);
  });

  it('links duplicates instead of losing them', async () => {
    const body = formalReport();
    const first = await submitted(body);
    const second = await submitted(body);
    expect(first.warnings.join(' ')).not.toContain('serupa');
    expect(second.warnings.join(' ')).toContain('Laporan serupa');
    const secondId = await idOf(second.receipt);
    const firstId = await idOf(first.receipt);
    const d = (await staff(analyst, 'GET', `/api/reports/${secondId}`)).json();
    expect(d.duplicateOf).toBe(firstId);
    expect(d.duplicates).toEqual([firstId]);
  });

  it('answers a filled honeypot like a success and stores nothing', async () => {
    const before = (await staff(head, 'GET', '/api/reports?pageSize=1')).json().total;
    const r = await submitted(anonymousTip({ website: 'http://spam.example' }));
    expect((await status(r.receipt)).statusCode).toBe(404);
    expect((await staff(head, 'GET', '/api/reports?pageSize=1')).json().total).toBe(before);
  });

  it('renders a receipt PDF whose text holds the code and no identity', async () => {
    const body = formalReport();
    const r = await submitted(body);
    const res = await app.inject({
      method: 'POST',
      url: '/api/public/reports/receipt.pdf',
      payload: { receipt: r.receipt },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(res.rawPayload)), {
      mergePages: true,
    });
    expect(text).toContain(r.receipt);
    expect(text).toContain('TANDA TERIMA LAPORAN');
    expect(text).not.toContain(body.reporter.name);
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/public/reports/receipt.pdf',
      payload: { receipt: '0000-0000-0000-0000' },
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('follow-up with the receipt', () => {
  it('a tip: messages both ways, completion request and answer, identity added once', async () => {
    const r = await submitted(anonymousTip());
    const id = await idOf(r.receipt);
    // staff ask to complete; the reporter sees the reason
    const asked = await staff(analyst, 'POST', `/api/reports/${id}/triage`, {
      action: 'request_completion',
      reason: 'Mohon kirim tangkapan layar unggahan tersebut.',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    let s = (await status(r.receipt)).json();
    expect(s.status).toBe('perlu_dilengkapi');
    expect(s.messages).toEqual([
      expect.objectContaining({
        from: 'petugas',
        kind: 'completion_request',
        body: 'Mohon kirim tangkapan layar unggahan tersebut.',
      }),
    ]);
    // the reporter answers with evidence and a message: back to review
    const ev = await app.inject({
      method: 'POST',
      url: `/api/public/reports/${r.receipt}/evidence`,
      ...reportMultipart(undefined, [{ name: 'layar.png', data: pngWithText() }]),
    });
    expect(ev.statusCode, ev.body).toBe(201);
    expect(ev.json()).toMatchObject({ status: 'diterima', evidence_count: 1 });
    const msg = await app.inject({
      method: 'POST',
      url: `/api/public/reports/${r.receipt}/messages`,
      payload: { body: 'Sudah saya lampirkan.' },
    });
    expect(msg.statusCode).toBe(201);
    const detail = (await staff(analyst, 'GET', `/api/reports/${id}`)).json();
    expect(detail.messages.map((m: { author: string; body: string }) => [m.author, m.body])).toEqual([
      ['staff', 'Mohon kirim tangkapan layar unggahan tersebut.'],
      ['reporter', 'Sudah saya lampirkan.'],
    ]);
    expect(detail.unreadFromReporter).toBe(true);
    expect(detail.hasIdentity).toBe(false);
    // identity: added once, never replaced
    const reporter = { name: 'Nama Penambah Identitas', address: 'Jl. Mulawarman 5, Tarakan' };
    const added = await app.inject({
      method: 'POST',
      url: `/api/public/reports/${r.receipt}/identity`,
      payload: { reporter },
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().has_identity).toBe(true);
    const again = await app.inject({
      method: 'POST',
      url: `/api/public/reports/${r.receipt}/identity`,
      payload: { reporter: { ...reporter, name: 'Orang Lain' } },
    });
    expect(again.statusCode).toBe(409);
    const revealed = (await staff(analyst, 'POST', `/api/reports/${id}/identity`)).json();
    expect(revealed.reporter.name).toBe('Nama Penambah Identitas');
    // the tip becomes a finding; the reporter is told
    const finding = await staff(analyst, 'POST', `/api/reports/${id}/triage`, { action: 'make_finding' });
    expect(finding.json().status).toBe('temuan');
    s = (await status(r.receipt)).json();
    expect(s.status).toBe('temuan');
    expect(s.messages.at(-1)).toMatchObject({ from: 'petugas', kind: 'decision' });
  });

  it('a formal report cannot get a second identity', async () => {
    const r = await submitted(formalReport());
    const res = await app.inject({
      method: 'POST',
      url: `/api/public/reports/${r.receipt}/identity`,
      payload: { reporter: { name: 'Orang Lain', address: 'Jl. Lain No. 2' } },
    });
    expect(res.statusCode).toBe(409);
  });

  it('not registered: the reason reaches the reporter and the report is closed', async () => {
    const r = await submitted(formalReport());
    const id = await idOf(r.receipt);
    const noReason = await staff(analyst, 'POST', `/api/reports/${id}/triage`, { action: 'reject' });
    expect(noReason.statusCode).toBe(400);
    await staff(analyst, 'POST', `/api/reports/${id}/triage`, {
      action: 'reject',
      reason: 'Terlapor bukan ASN; diteruskan sebagai informasi.',
    });
    const s = (await status(r.receipt)).json();
    expect(s).toMatchObject({ status: 'tidak_diregistrasi', can_reply: false });
    expect(s.messages.at(-1).body).toBe('Terlapor bukan ASN; diteruskan sebagai informasi.');
    const late = await app.inject({
      method: 'POST',
      url: `/api/public/reports/${r.receipt}/messages`,
      payload: { body: 'Kenapa?' },
    });
    expect(late.statusCode).toBe(409);
    const twice = await staff(analyst, 'POST', `/api/reports/${id}/triage`, { action: 'register' });
    expect(twice.statusCode).toBe(409);
  });
});

describe('staff side', () => {
  it('registers a report and exposes it to the cases feature with its evidence', async () => {
    const body = formalReport();
    const res = await app.inject({
      method: 'POST',
      url: '/api/public/reports',
      ...reportMultipart(body, [{ name: 'bukti.jpg', data: jpegWithExif() }]),
    });
    const id = await idOf(res.json().receipt);
    const reg = await staff(analyst, 'POST', `/api/reports/${id}/triage`, { action: 'register' });
    expect(reg.statusCode, reg.body).toBe(200);
    expect(reg.json().events.map((e: { type: string }) => e.type)).toEqual([
      'received',
      'registered',
      'case_opened',
    ]);
    // registering opened the case in the same transaction, with the report as its origin
    const row = await database.db
      .selectFrom('reports')
      .innerJoin('cases', 'cases.id', 'reports.case_id')
      .select(['cases.id', 'cases.origin', 'cases.origin_id'])
      .where('reports.id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ origin: 'report', origin_id: id });
    const opened = await staff(analyst, 'GET', `/api/cases/${row.id}`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.body).toContain(body.description.slice(0, 40));
    const { reports } = await wireServer(database);
    // a second wiring has another master key: it must not read this process's data
    await expect(reports.registeredReports({ ids: [id] })).rejects.toThrow();
  });

  it('keeps reports inside the jurisdiction: other regions see 404, roles without reports 403', async () => {
    const r = await submitted(formalReport());
    const id = await idOf(r.receipt);
    expect((await staff(outsider, 'GET', `/api/reports/${id}`)).statusCode).toBe(404);
    const list = (await staff(outsider, 'GET', '/api/reports?pageSize=200')).json();
    expect(list.items.some((i: { id: string }) => i.id === id)).toBe(false);
    expect((await staff(head, 'GET', `/api/reports/${id}`)).statusCode).toBe(200); // province head
    for (const cookie of [admin, taskforce, viewer]) {
      expect((await staff(cookie, 'GET', '/api/reports')).statusCode).toBe(403);
      expect((await staff(cookie, 'POST', `/api/reports/${id}/identity`)).statusCode).toBe(403);
    }
    expect((await staff(outsider, 'POST', `/api/reports/${id}/identity`)).statusCode).toBe(404);
    expect(
      (await staff(outsider, 'POST', `/api/reports/${id}/triage`, { action: 'register' })).statusCode,
    ).toBe(404);
  });

  it('never shows the identity in the detail; revealing it is audited', async () => {
    const body = formalReport();
    const r = await submitted(body);
    const id = await idOf(r.receipt);
    const detail = await staff(analyst, 'GET', `/api/reports/${id}`);
    expect(detail.body).not.toContain(body.reporter.name);
    expect(detail.body).not.toContain(body.reporter.nik);
    expect(detail.body).not.toContain('Saksi Satu');
    const revealed = await staff(analyst, 'POST', `/api/reports/${id}/identity`);
    expect(revealed.json().reporter).toMatchObject({ name: body.reporter.name, nik: body.reporter.nik });
    expect(revealed.json().witnesses).toEqual([{ name: 'Saksi Satu', contact: '0813 0000 1111' }]);
    const audit = await database.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id', 'details'])
      .where('subject_id', '=', id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['report.receive', 'report.identity.view']);
    expect(JSON.stringify(audit)).not.toContain(body.reporter.name);
  });

  it('lists intake with clocks, newest first, filterable by status', async () => {
    const r = await submitted(anonymousTip());
    const page = (await staff(analyst, 'GET', '/api/reports?kind=informasi_awal&status=diterima')).json();
    const item = page.items[0];
    expect(item.receivedAt).toBe((await status(r.receipt)).json().received_at);
    expect(item.clocks.map((c: { key: string }) => c.key)).toEqual(['initial_review', 'finding']);
    expect(item.nextDeadline).toBe(item.clocks[0].dueAt);
    expect(
      page.items.every(
        (i: { kind: string; status: string }) => i.kind === 'informasi_awal' && i.status === 'diterima',
      ),
    ).toBe(true);
  });
});

describe('abuse limits', () => {
  it('limits submissions per address and in total, in memory', async () => {
    const { app: limited } = await wireServer(database, {
      reportLimits: { perAddressPerHour: 2, totalPerHour: 3 },
    });
    await limited.ready();
    const post = (ip: string) =>
      limited.inject({
        method: 'POST',
        url: '/api/public/reports',
        remoteAddress: ip,
        payload: anonymousTip(),
      });
    expect((await post('10.0.0.1')).statusCode).toBe(201);
    expect((await post('10.0.0.1')).statusCode).toBe(201);
    const third = await post('10.0.0.1');
    expect(third.statusCode).toBe(429);
    expect(third.json().code).toBe('RATE_LIMITED');
    expect((await post('10.0.0.2')).statusCode).toBe(201);
    expect((await post('10.0.0.3')).statusCode).toBe(429);
    await limited.close();
  });

  it('refuses oversized JSON bodies', async () => {
    const res = await submit(anonymousTip({ description: 'x'.repeat(600 * 1024) }));
    expect(res.statusCode).toBe(413);
  });
});
