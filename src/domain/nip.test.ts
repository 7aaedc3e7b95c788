import { describe, expect, it } from 'vitest';
import { normaliseNip, parseNip } from './nip.ts';

const TODAY = new Date('2026-01-15T00:00:00Z');

describe('parseNip', () => {
  it.each([
    ['198503172010011004', '1985-03-17', '2010-01', 'male', 4],
    ['199002292015032001', null, null, null, null], // 1990 is not a leap year → rejected below
    ['199202292017062123', '1992-02-29', '2017-06', 'female', 123],
    ['196512312000122999', '1965-12-31', '2000-12', 'female', 999],
    ['19850317 201001 1 004', '1985-03-17', '2010-01', 'male', 4],
    ["'198503172010011004", '1985-03-17', '2010-01', 'male', 4],
  ])('%s decodes', (input, birth, tmt, sex, seq) => {
    const r = parseNip(input, TODAY);
    if (birth === null) {
      expect(r.ok).toBe(false);
      return;
    }
    expect(r).toEqual({
      ok: true,
      value: {
        nip: normaliseNip(input),
        birthDate: birth,
        appointedOn: tmt,
        kind: 'pns',
        sex,
        sequence: seq,
      },
    });
  });

  it('reads NI PPPK numbers: appointment year, then 21', () => {
    expect(parseNip('199510102022212903', TODAY)).toEqual({
      ok: true,
      value: {
        nip: '199510102022212903',
        birthDate: '1995-10-10',
        appointedOn: '2022',
        kind: 'pppk',
        sex: 'female',
        sequence: 903,
      },
    });
  });

  it.each([
    ['199510102022222903', /bulan TMT CPNS 22/],
    ['19850317201001100', /18 digit/],
    ['1985031720100110041', /18 digit/],
    ['1.98503E+17', /sebagai Teks/],
    ['19850A17201001100 4', /angka/],
    ['198513172010011004', /tanggal lahir 19851317/],
    ['198502302010011004', /tanggal lahir 19850230/],
    ['198504312010011004', /tanggal lahir 19850431/],
    ['189912312010011004', /tanggal lahir/],
    ['203001012050011004', /masa depan/],
    ['198503172010131004', /bulan TMT CPNS 13/],
    ['198503172010001004', /bulan TMT CPNS 00/],
    ['198503172030011004', /TMT CPNS 2030-01 di masa depan/],
    ['198503171990011004', /usia 4 tahun/],
    ['195003172020011004', /usia 69 tahun/],
    ['198503172010013004', /jenis kelamin/],
    ['198503172010010004', /jenis kelamin/],
    ['198503172010011000', /000/],
  ])('%s is rejected', (input, reason) => {
    const r = parseNip(input, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});
