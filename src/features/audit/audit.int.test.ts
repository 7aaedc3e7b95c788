import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn } from '../../../test/support/app.ts';
import { openTestDatabase } from '../../../test/support/db.ts';
import { makeUser } from '../../../test/support/factories.ts';
import type { Database } from '../../db/database.ts';
import { recordAuditInTx } from './audit.repository.ts';
import { verifyAuditChain } from './audit.service.ts';

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

const record = (action: string, details: Record<string, unknown> = {}) =>
  database.db.transaction().execute((tx) => recordAuditInTx(tx, { actorId: null, action, details }));

describe('the audit trail', () => {
  it('refuses UPDATE and DELETE in the database', async () => {
    await record('test.append_only');
    await expect(sql`UPDATE audit_events SET action = 'x'`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_events`.execute(database.db)).rejects.toThrow(/append-only/);
  });

  it('administrators browse it (jurisdiction-filtered) and export CSV (formulas neutralised) and XLSX', async () => {
    const admin = await makeUser(database.db, { role: 'admin', regionCode: '00' });
    const cookie = await signIn(app, admin.username, admin.password);
    await record('test.csv', { note: '=HYPERLINK("x")' });
    const page = await app.inject({ url: '/api/audit?limit=2', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.json().events).toHaveLength(2);
    expect(page.json().next).toEqual(expect.any(String));
    const older = await app.inject({
      url: `/api/audit?limit=500&before=${page.json().next}`,
      headers: { cookie },
    });
    expect(older.json().events.every((e: { id: string }) => BigInt(e.id) < BigInt(page.json().next))).toBe(
      true,
    );

    const csv = await app.inject({ url: '/api/audit/export?action=test.csv', headers: { cookie } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="netra-audit.csv"');
    expect(csv.body.split('\r\n')[0]).toBe(
      'id,at,actor_id,actor_username,action,subject_type,subject_id,details,hash',
    );
    expect(csv.body).toContain('test.csv');
    const xlsx = await app.inject({
      url: '/api/audit/export?action=test.csv&format=xlsx',
      headers: { cookie },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="netra-audit.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('audit')!;
    expect(sheet.getRow(1).getCell(5).value).toBe('action');
    expect(sheet.getRow(2).getCell(5).value).toBe('test.csv');
    expect(sheet.getRow(2).getCell(8).value).toBe(JSON.stringify({ note: '=HYPERLINK("x")' }));
    await record('=cmd|calc');
    const formula = await app.inject({ url: '/api/audit/export?action=%3Dcmd', headers: { cookie } });
    expect(formula.body).toContain(`"'=cmd|calc"`);

    const provincial = await makeUser(database.db, { role: 'admin', regionCode: '63' });
    const pc = await signIn(app, provincial.username, provincial.password);
    const seen = (await app.inject({ url: '/api/audit?limit=500', headers: { cookie: pc } })).json().events;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e: { actorId: string | null }) => e.actorId === provincial.id)).toBe(true);
  });

  it('verify: intact, then names the first tampered event, then the first unlinked one', async () => {
    for (let i = 0; i < 5; i++) await record('test.chain', { i });
    expect(await verifyAuditChain(database.db, 3)).toMatchObject({ ok: true });
    const rows = await database.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'test.chain')
      .orderBy('id')
      .execute();
    const victim = String(rows[2]!.id);
    // Tampering needs the trigger off: exactly what an intruder with database rights would do.
    await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change`.execute(database.db);
    await sql`UPDATE audit_events SET details = '{"i": 99}' WHERE id = ${victim}`.execute(database.db);
    expect(await verifyAuditChain(database.db, 3)).toMatchObject({
      ok: false,
      brokenId: victim,
      reason: 'hash',
    });
    await sql`UPDATE audit_events SET details = '{"i": 2}' WHERE id = ${victim}`.execute(database.db);
    expect(await verifyAuditChain(database.db, 3)).toMatchObject({ ok: true });
    await sql`DELETE FROM audit_events WHERE id = ${victim}`.execute(database.db);
    expect(await verifyAuditChain(database.db)).toMatchObject({
      ok: false,
      brokenId: String(rows[3]!.id),
      reason: 'link',
    });
    await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change`.execute(database.db);
  });
});
