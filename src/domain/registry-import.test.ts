import { describe, expect, it } from 'vitest';
import {
  mapHeaders,
  normaliseHandle,
  normaliseHeader,
  normaliseRank,
  validateAccountRow,
  validateAgencyRow,
  validateStaffRow,
} from './registry-import.ts';

const TODAY = new Date('2026-01-15T00:00:00Z');

describe('mapHeaders', () => {
  it.each([
    [
      ['NIP Baru', 'Nama Pegawai', 'Gol/Ruang', 'Unit Kerja', 'Instansi'],
      ['nip', 'name', 'rank', 'unit', 'agency'],
    ],
    [
      ['\uFEFFNIP', 'NAMA', 'Pangkat / Golongan', 'OPD', 'Nama Instansi'],
      ['nip', 'name', 'rank', 'unit', 'agency'],
    ],
    [
      ['No.', 'N I K', 'Nama', 'Instansi', 'Jabatan'],
      [null, null, 'name', 'agency', 'positionName'],
    ],
    [
      ['nip_baru', 'nama_lengkap', 'jenis-jabatan', 'instansi'],
      ['nip', 'name', 'positionType', 'agency'],
    ],
  ])('staff %j', (headers, fields) => {
    const m = mapHeaders('staff', headers);
    expect(m.errors).toEqual([]);
    expect(m.columns).toEqual(fields);
  });

  it('reports missing required columns and duplicates on row 1', () => {
    const m = mapHeaders('staff', ['NIP', 'NIP Baru', 'Jabatan']);
    expect(m.errors).toEqual([
      { row: 1, field: 'NIP Baru', message: 'kolom untuk NIP muncul lebih dari sekali' },
      { row: 1, field: 'Nama', message: 'kolom wajib "Nama" tidak ditemukan' },
      { row: 1, field: 'Instansi', message: 'kolom wajib "Instansi" tidak ditemukan' },
    ]);
  });

  it('normalises headers', () => {
    expect(normaliseHeader('  Gol. / Ruang ')).toBe('gol/ruang');
  });
});

describe('validateStaffRow', () => {
  const base = { nip: '198503172010011004', name: 'Budi  Santoso', agency: 'Pemerintah Kota Balikpapan' };
  it('decodes the NIP and defaults status to PNS', () => {
    const r = validateStaffRow(base, 2, TODAY);
    expect(r.errors).toEqual([]);
    expect(r.value).toMatchObject({
      name: 'Budi Santoso',
      status: 'pns',
      birthDate: '1985-03-17',
      appointedOn: '2010-01',
      sex: 'male',
      active: true,
    });
  });
  it.each([
    [{ ...base, nip: '198513172010011004' }, 'NIP', /tanggal lahir/],
    [{ ...base, nip: '', status: 'PNS' }, 'NIP', /wajib diisi/],
    [{ ...base, status: 'Outsourcing' }, 'Status Pegawai', /tidak dikenal/],
    [{ ...base, rank: 'III/f' }, 'Golongan', /III\/a/],
    [{ ...base, positionType: 'Eselon II' }, 'Jenis Jabatan', /tidak dikenal/],
    [{ ...base, active: 'mungkin' }, 'Aktif', /tidak dikenal/],
    [{ ...base, name: ' ' }, 'Nama', /wajib/],
    [{ ...base, regionCode: '6471' }, 'Kode Wilayah', /kode wilayah/],
  ])('rejects %j', (raw, field, message) => {
    const r = validateStaffRow(raw, 7, TODAY);
    expect(r.value).toBeUndefined();
    expect(r.errors[0]).toMatchObject({ row: 7, field });
    expect(r.errors[0]!.message).toMatch(message);
  });
  it('accepts non-ASN without NIP, and word variants', () => {
    const r = validateStaffRow(
      { name: 'Rina', agency: 'X', status: 'Honorer', positionType: 'JPT Pratama', active: 'Tidak Aktif' },
      3,
      TODAY,
    );
    expect(r.value).toMatchObject({ nip: null, status: 'non_asn', positionType: 'jpt', active: false });
  });
});

describe('normaliseRank', () => {
  it.each([
    ['iii/a', 'pns', 'III/a'],
    ['IV-b', 'pns', 'IV/b'],
    ['II a', 'cpns', 'II/a'],
    ['ix', 'pppk', 'IX'],
  ] as const)('%s (%s) → %s', (v, s, out) => expect(normaliseRank(v, s)).toEqual({ ok: true, value: out }));
  it('rejects I/e and PNS ranks for PPPK', () => {
    expect(normaliseRank('I/e', 'pns').ok).toBe(false);
    expect(normaliseRank('III/a', 'pppk').ok).toBe(false);
  });
});

describe('agencies and accounts', () => {
  it('reads a unit tree', () => {
    const r = validateAgencyRow(
      {
        name: 'Pemerintah Kota Balikpapan',
        kind: 'Pemerintah Kota',
        regionCode: '64.71',
        units: 'Dinas Pendidikan > Bidang SD; Sekretariat Daerah',
      },
      2,
    );
    expect(r.value).toMatchObject({
      kind: 'pemda_kota',
      units: [['Dinas Pendidikan', 'Bidang SD'], ['Sekretariat Daerah']],
    });
  });
  it('normalises handles and confidences', () => {
    expect(normaliseHandle('https://www.instagram.com/budi.s/')).toBe('budi.s');
    expect(normaliseHandle('@budi_s')).toBe('budi_s');
    const r = validateAccountRow(
      {
        platform: 'Twitter',
        handle: '@budi_s',
        nip: '198503172010011004',
        linkSource: 'Patroli',
        confidence: '70%',
      },
      2,
      TODAY,
    );
    expect(r.value).toMatchObject({
      platform: 'x',
      handle: 'budi_s',
      linkSource: 'patrol',
      confidence: 0.7,
      watchStatus: 'watched',
    });
  });
  it('requires a link source for a linked account', () => {
    const r = validateAccountRow({ platform: 'IG', handle: 'a', nip: '198503172010011004' }, 4, TODAY);
    expect(r.errors).toEqual([
      { row: 4, field: 'Sumber Tautan', message: 'wajib diisi bila akun ditautkan ke NIP' },
    ]);
  });
});
