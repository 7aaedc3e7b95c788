import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../app/i18n.ts';
import { eventDetails, placeLabel, type Translate } from './labels.ts';

const i18n = i18next.createInstance();
let t: Translate;

beforeAll(async () => {
  await i18n.init({ resources, lng: 'id', fallbackLng: 'id', interpolation: { escapeValue: false } });
  // The same cast as `useT`: the typed `t` accepts only literal keys.
  t = i18n.t as unknown as Translate;
});

const lines = (payload: Record<string, unknown>) =>
  eventDetails(t, payload).map((l) => `${l.label}: ${l.value}`);

describe('eventDetails', () => {
  it('names the decision and the recommended sanction instead of printing their codes', () => {
    expect(
      lines({
        outcome: 'violation',
        sanctionRecommended: 'berat',
        reason: 'Terbukti',
        violationFormCodes: ['DS-1'],
      }),
    ).toEqual([
      'Alasan: Terbukti',
      'Hasil: Terbukti pelanggaran',
      'Bentuk pelanggaran (SKB 2022): DS-1',
      'Rekomendasi sanksi: Hukuman disiplin berat',
    ]);
    expect(lines({ outcome: 'no_violation', reason: 'x' })).toContain('Hasil: Bukan pelanggaran');
    expect(lines({ sanctionRecommended: 'ringan' })).toEqual(['Rekomendasi sanksi: Hukuman disiplin ringan']);
    expect(lines({ sanctionRecommended: 'sedang' })).toEqual(['Rekomendasi sanksi: Hukuman disiplin sedang']);
  });

  it('names the codes of every other event kind: origin, classification, party roles', () => {
    expect(lines({ origin: 'alert', originId: '5b1c' })).toEqual(['Asal: Peringatan pemantauan']);
    expect(lines({ category: 'dukungan_medsos', candidateStage: 'calon' })).toEqual([
      'Kategori: Dukungan di media sosial',
      'Tahap calon: Calon (disiplin)',
    ]);
    expect(lines({ role: 'saksi', name: 'Budi' })).toEqual(['Peran: Saksi', 'Nama: Budi']);
    expect(lines({ partyName: 'Budi', partyRole: 'terlapor', letterNumber: '001/PP.01/2024' })).toEqual([
      'Nomor surat: 001/PP.01/2024',
      'Nama pihak: Budi',
      'Sebagai: Terlapor',
    ]);
  });

  it('leaves out internals and empty values, and keeps an unknown code as it is', () => {
    expect(lines({ letterId: 'abc', fromOfficeId: 'def', candidateStage: null, reason: '' })).toEqual([]);
    expect(lines({ sanctionRecommended: 'teguran' })).toEqual(['Rekomendasi sanksi: teguran']);
  });

  it('speaks English when the UI does', async () => {
    await i18n.changeLanguage('en');
    try {
      expect(lines({ outcome: 'violation', sanctionRecommended: 'berat' })).toEqual([
        'Outcome: Violation',
        'Recommended sanction: Severe discipline',
      ]);
    } finally {
      await i18n.changeLanguage('id');
    }
  });
});

describe('placeLabel', () => {
  it('names the platform of a case opened from a monitoring alert', () => {
    expect(placeLabel(t, 'x', 'alert')).toBe('X (Twitter)');
    expect(placeLabel(t, 'facebook', 'alert')).toBe('Facebook');
    expect(placeLabel(t, 'other', 'alert')).toBe('Lainnya');
  });

  it('keeps a place typed by a person, and shows a dash for none', () => {
    expect(placeLabel(t, 'Kantor Bawaslu', 'finding')).toBe('Kantor Bawaslu');
    expect(placeLabel(t, 'x', 'report')).toBe('x');
    expect(placeLabel(t, null, 'alert')).toBe('-');
  });
});
