import { describe, expect, it } from 'vitest';
import { findAsnDeclaration, pickAgency } from './asn-declaration.ts';

describe('findAsnDeclaration', () => {
  it.each([
    ['Budi', 'ASN Pemkot Balikpapan', 'asn', 'Pemkot Balikpapan'],
    ['Siti', 'PNS Dinas Pendidikan | ibu dua anak', 'pns', 'Dinas Pendidikan'],
    ['Rina', 'Guru PPPK', 'pppk', null],
    ['Agus', 'abdi negara 🇮🇩', 'abdi_negara', null],
    ['Dewi (ASN)', 'suka kopi', 'asn', null],
    ['Joko', 'P3K Pemkab Paser, penggemar bola', 'pppk', 'Pemkab Paser'],
    ['Tono', 'Pegawai Negeri Sipil di Kemenag Kota Samarinda', 'pns', 'Kemenag Kota Samarinda'],
    ['Ani', 'cpns 2024 • Dinkes Kutai Kartanegara', 'cpns', 'Dinkes Kutai Kartanegara'],
    ['Eko', 'Abdi negara. Bekerja di RSUD Beriman', 'abdi_negara', 'RSUD Beriman'],
  ])('%s / %s → %s, %s', (name, bio, role, hint) => {
    const d = findAsnDeclaration(name, bio);
    expect(d?.role).toBe(role);
    expect(d?.agencyHint).toBe(hint);
  });

  it.each([
    ['Budi', 'bukan ASN, cuma warga biasa'],
    ['Pak Harjo', 'pensiunan PNS, hobi mancing'],
    ['Les Privat', 'bimbel tes CPNS dan PPPK terpercaya'],
    ['Rudi', 'mantan PNS'],
    ['Lia', 'pedagang online'],
    ['Asnawi', 'petani'],
    [null, null],
  ])('%s / %s → nothing', (name, bio) => {
    expect(findAsnDeclaration(name, bio)).toBeNull();
  });

  it('is more confident when the workplace is named', () => {
    expect(findAsnDeclaration('', 'ASN Pemkot Balikpapan')!.confidence).toBeGreaterThan(
      findAsnDeclaration('', 'ASN')!.confidence,
    );
    expect(findAsnDeclaration('', 'abdi negara')!.confidence).toBeLessThan(
      findAsnDeclaration('', 'PNS')!.confidence,
    );
  });
});

describe('pickAgency', () => {
  const agencies = [
    { id: 'kota-bpp', name: 'Pemerintah Kota Balikpapan', region_code: '64.71' },
    { id: 'disdik-bpp', name: 'Dinas Pendidikan dan Kebudayaan Kota Balikpapan', region_code: '64.71' },
    { id: 'disdik-kaltim', name: 'Dinas Pendidikan Provinsi Kalimantan Timur', region_code: '64' },
    { id: 'kab-paser', name: 'Pemerintah Kabupaten Paser', region_code: '64.01' },
    { id: 'kab-kukar', name: 'Pemerintah Kabupaten Kutai Kartanegara', region_code: '64.02' },
    { id: 'kota-kediri', name: 'Pemerintah Kota Kediri', region_code: '35.71' },
    { id: 'kab-kediri', name: 'Pemerintah Kabupaten Kediri', region_code: '35.06' },
  ];
  it.each([
    ['Pemkot Balikpapan', 'kota-bpp'],
    ['Pemkab Paser', 'kab-paser'],
    ['pemkab kutai kartanegara', 'kab-kukar'],
    ['Pemkot Kediri', 'kota-kediri'],
    ['Pemkab Kediri', 'kab-kediri'],
    ['Disdik Balikpapan', 'disdik-bpp'],
    ['Dinas Pendidikan', null],
    ['Kediri', null],
    ['Pemkot Samarinda', null],
    ['Pemkot', null],
  ])('%s → %s', (hint, id) => {
    expect(pickAgency(hint, agencies)?.id ?? null).toBe(id);
  });
});
