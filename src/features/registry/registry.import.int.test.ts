import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/db.ts';
import { makeUser } from '../../../test/support/factories.ts';
import type { Database } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import { readSheet, writeXlsx } from './registry.parse.ts';
import { createRegistryService, type RegistryService } from './registry.service.ts';

let database: Database;
let registry: RegistryService;
let actor: { id: string; role: 'analyst'; office: { id: string; name: string; regionCode: string } };

const enc = (s: string) => new TextEncoder().encode(s);

const AGENCIES = `Nama Instansi;Jenis;Kode Wilayah;Instansi Induk;Ketua Satgas;Unit Kerja
Pemerintah Kota Uji;Pemerintah Kota;64.72;;Sekda Kota Uji;Dinas Pendidikan > Bidang SD; Sekretariat Daerah
Puskesmas Uji Utara;Puskesmas;64.72;Pemerintah Kota Uji;;Pelayanan Umum
`;

const STAFF = `\uFEFFNIP Baru,Nama Pegawai,Status,Jenis Jabatan,Jabatan,Gol/Ruang,Instansi,Unit Kerja
198503172010011004,Budi Santoso,PNS,Pengawas,"Kepala Seksi, Kurikulum",III/d,Pemerintah Kota Uji,Dinas Pendidikan
199002142019032005,Siti Rahmawati,PNS,Pelaksana,Pengadministrasi Umum,II/c,Pemerintah Kota Uji,Sekretariat Daerah
,Joko Susilo,Honorer,,Pengemudi,,Pemerintah Kota Uji,Sekretariat Daerah
198807012020121002,Agus Salim,PPPK,Fungsional,Perawat Ahli Pertama,IX,Puskesmas Uji Utara,Pelayanan Umum
`;

beforeAll(async () => {
  database = await openTestDatabase();
  registry = createRegistryService({ db: database.db, now: () => new Date('2026-01-15T00:00:00Z') });
  const u = await makeUser(database.db, { role: 'analyst', regionCode: '64.72' });
  actor = {
    id: u.id,
    role: 'analyst',
    office: { id: u.office.id, name: u.office.name, regionCode: '64.72' },
  };
  await registry.importFile({ actor, kind: 'agencies', data: enc(AGENCIES) });
});
afterAll(() => database.close());

const expectRowErrors = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  expect((e as DomainError).code).toBe('IMPORT_ROW_INVALID');
  return (e as DomainError).details;
};

describe('registry imports', () => {
  it('imports agencies with parents and unit trees, and re-imports them unchanged', async () => {
    expect(await registry.importFile({ actor, kind: 'agencies', data: enc(AGENCIES) })).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 2,
      errors: [],
    });
    const agencies = await registry.listAgencies(actor, {});
    const city = agencies.find((a) => a.name === 'Pemerintah Kota Uji')!;
    const pk = agencies.find((a) => a.name === 'Puskesmas Uji Utara')!;
    expect(pk.parentId).toBe(city.id);
    expect(city.taskForceHead).toBe('Sekda Kota Uji');
    const sd = city.units.find((u) => u.name === 'Bidang SD')!;
    expect(city.units.find((u) => u.id === sd.parentId)?.name).toBe('Dinas Pendidikan');
  });

  it('imports a good staff file, then re-importing changes nothing, and a changed row updates by NIP', async () => {
    expect(await registry.importFile({ actor, kind: 'staff', data: enc(STAFF) })).toEqual({
      inserted: 4,
      updated: 0,
      unchanged: 0,
      errors: [],
    });
    const audits = await database.db
      .selectFrom('audit_events')
      .select('action')
      .where('actor_id', '=', actor.id)
      .execute();
    expect(await registry.importFile({ actor, kind: 'staff', data: enc(STAFF) })).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 4,
    });
    const changed = STAFF.replace('III/d,Pemerintah', 'IV/a,Pemerintah').replace(
      ',Pengemudi,',
      ',Pengemudi Dinas,',
    );
    expect(await registry.importFile({ actor, kind: 'staff', data: enc(changed) })).toMatchObject({
      inserted: 0,
      updated: 2,
      unchanged: 2,
    });
    const page = await registry.searchStaff(actor, { q: '198503172010011004', page: 1, pageSize: 10 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ name: 'Budi Santoso', rank: 'IV/a', unit: 'Dinas Pendidikan' });
    const detail = await registry.getStaff({ ...actor }, page.items[0]!.id);
    expect(detail).toMatchObject({ birthDate: '1985-03-17', appointedOn: '2010-01', sex: 'male' });
    expect(audits.filter((a) => a.action === 'registry.import.staff')).toHaveLength(1);
  });

  it('rejects a file with bad rows, lists every one with its spreadsheet row, and writes nothing', async () => {
    const bad = `NIP;Nama;Instansi;Golongan
198503172010011099;Baru Sekali;Pemerintah Kota Uji;III/a
198502302010011004;Tanggal Salah;Pemerintah Kota Uji;III/a
199001012015011001;;Pemerintah Kota Uji;III/a
199001012015011002;Instansi Asing;Dinas Tidak Ada;III/a
199001012015011003;Gol Salah;Pemerintah Kota Uji;V/a
`;
    const before = await database.db
      .selectFrom('staff')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const details = await expectRowErrors(registry.importFile({ actor, kind: 'staff', data: enc(bad) }));
    expect(details.map((d) => [d.row, d.field])).toEqual([
      [3, 'NIP'],
      [4, 'Nama'],
      [5, 'Instansi'],
      [6, 'Golongan'],
    ]);
    expect(details[0]!.message).toMatch(/tanggal lahir 19850230 tidak mungkin/);
    const after = await database.db
      .selectFrom('staff')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('rejects duplicate NIPs in one file and a missing required column', async () => {
    const dup = `NIP,Nama,Instansi\n198503172010011004,A,Pemerintah Kota Uji\n198503172010011004,B,Pemerintah Kota Uji\n`;
    const d1 = await expectRowErrors(registry.importFile({ actor, kind: 'staff', data: enc(dup) }));
    expect(d1).toEqual([{ row: 3, field: 'NIP', message: 'NIP 198503172010011004 sudah ada di baris 2' }]);
    const d2 = await expectRowErrors(
      registry.importFile({ actor, kind: 'staff', data: enc('NIP,Nama\n1,2\n') }),
    );
    expect(d2).toEqual([{ row: 1, field: 'Instansi', message: 'kolom wajib "Instansi" tidak ditemukan' }]);
  });

  it('dry run counts without writing', async () => {
    const more = `${STAFF}199105052018082001,Dewi Lestari,PNS,Pelaksana,Analis,III/a,Pemerintah Kota Uji,Dinas Pendidikan\n`;
    expect(await registry.importFile({ actor, kind: 'staff', data: enc(more), dryRun: true })).toMatchObject({
      inserted: 1,
    });
    expect(
      (await registry.searchStaff(actor, { q: 'Dewi Lestari', page: 1, pageSize: 10 })).items,
    ).toHaveLength(0);
  });

  it('imports XLSX, and accounts linked by NIP', async () => {
    const xlsx = await writeXlsx(
      'Akun',
      ['Platform', 'Akun', 'NIP', 'Sumber Tautan', 'Keyakinan'],
      [
        ['Instagram', '@budi.santoso', '198503172010011004', 'Instansi', '100%'],
        ['Twitter', 'https://x.com/akun_anonim', null, null, null],
      ],
    );
    expect((await readSheet(xlsx)).headers).toEqual([
      'Platform',
      'Akun',
      'NIP',
      'Sumber Tautan',
      'Keyakinan',
    ]);
    expect(await registry.importFile({ actor, kind: 'accounts', data: xlsx })).toMatchObject({ inserted: 2 });
    expect(await registry.importFile({ actor, kind: 'accounts', data: xlsx })).toMatchObject({
      unchanged: 2,
    });
    const accounts = await registry.listAccounts(actor, { page: 1, pageSize: 10 });
    expect(accounts.items.map((a) => [a.platform, a.handle, a.staff?.name ?? null])).toEqual([
      ['instagram', 'budi.santoso', 'Budi Santoso'],
      ['x', 'akun_anonim', null],
    ]);
  });

  it('finds names with typos and keeps other jurisdictions out', async () => {
    const r = await registry.searchStaff(actor, { q: 'budi santosa', page: 1, pageSize: 10 });
    expect(r.items[0]?.name).toBe('Budi Santoso');
    const other = { ...actor, office: { ...actor.office, regionCode: '63' } };
    expect((await registry.searchStaff(other, { q: 'Budi Santoso', page: 1, pageSize: 10 })).items).toEqual(
      [],
    );
    await expect(registry.getStaff(other, r.items[0]!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
