import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { formatDateId, formatLetterNumber, letterCityOf, validateNumberTemplate } from './letters.ts';

describe('formatLetterNumber', () => {
  const date = new Date('2024-11-20T03:00:00Z');
  it.each([
    ['{seq}/{class}/{office}/{mm}/{year}', 12, '012/PM.00.02/K.KI-12/11/2024'],
    ['{seq:4}/{class}/{office}/{roman}/{year}', 7, '0007/PM.00.02/K.KI-12/XI/2024'],
    ['B-{seq:1}/{office}/{class}/{month}/{year}', 345, 'B-345/K.KI-12/PM.00.02/11/2024'],
  ])('%s with %i', (template, seq, expected) => {
    expect(formatLetterNumber(template, { seq, classCode: 'PM.00.02', officeCode: 'K.KI-12', date })).toBe(
      expected,
    );
  });

  it('dates in WIB: 31 December 20:00 UTC is already January', () => {
    const n = formatLetterNumber('{seq}/{mm}/{year}', {
      seq: 1,
      classCode: '',
      officeCode: '',
      date: new Date('2024-12-31T20:00:00Z'),
    });
    expect(n).toBe('001/01/2025');
  });

  it.each(['{seq}/{clas}', '{class}/{year}', '{seq:x}'])('rejects the bad template %s', (template) => {
    expect(() => validateNumberTemplate(template)).toThrow(DomainError);
  });
});

describe('formatDateId', () => {
  it.each([
    ['2026-12-02T01:00:00Z', '2 Desember 2026'],
    ['2024-02-13T18:00:00Z', '14 Februari 2024'],
  ])('%s → %s', (iso, expected) => {
    expect(formatDateId(new Date(iso))).toBe(expected);
  });
});

describe('letterCityOf', () => {
  it.each([
    ['Kota Balikpapan', '64.71', 'Balikpapan'],
    ['Kabupaten Bantul', '34.02', 'Bantul'],
    ['Kalimantan Selatan', '63', 'Kalimantan Selatan'],
    ['Indonesia', '00', 'Jakarta'],
  ])('%s', (name, code, city) => {
    expect(letterCityOf(name, code)).toBe(city);
  });
});
