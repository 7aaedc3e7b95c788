import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/db.ts';
import { makeAgency, makeStaff } from '../../../test/support/factories.ts';
import type { Database } from '../../db/database.ts';
import { searchStaff } from './registry.repository.ts';

/** Name search on the real database: full text, typo correction against the name dictionary, paging. */
let database: Database;
const ROOT = '62.71';
const NAMES = [
  'Sri Wahyuni',
  'Sri Mulyani Hasibuan',
  'Ani Rahmawati',
  'Budi Santoso',
  'Budi Hartono Siregar',
  'Hidayat Nasution',
  'Hidayati Lubis',
  'Eko Prasetyo',
  'Ahmad Budi Prakoso',
];

beforeAll(async () => {
  database = await openTestDatabase();
  const agency = await makeAgency(database.db, { regionCode: ROOT });
  for (const name of NAMES) await makeStaff(database.db, { agencyId: agency.id, regionCode: ROOT, name });
});
afterAll(() => database.close());

const names = async (q: string, page = 1, pageSize = 10) =>
  (await searchStaff(database.db, ROOT, { q, page, pageSize })).items.map((s) => s.name);

describe('name search', () => {
  it('finds every word, best word match first', async () => {
    expect(await names('budi santoso')).toEqual(['Budi Santoso']);
    // Names beginning with the word (alphabetically), then those containing it elsewhere.
    expect(await names('Budi')).toEqual(['Budi Hartono Siregar', 'Budi Santoso', 'Ahmad Budi Prakoso']);
    expect((await names('Hidayati'))[0]).toBe('Hidayati Lubis');
  });

  it.each([
    ['Sai Wahyuni', 'Sri Wahyuni'], // a changed letter in a short word (no trigram neighbour)
    ['Sri Wahyini', 'Sri Wahyuni'],
    ['Hidayta Nasution', 'Hidayat Nasution'], // swapped letters
    ['Hidyat Nasution', 'Hidayat Nasution'], // a dropped letter
    ['Eko Prasetiyo', 'Eko Prasetyo'], // an added letter
    ['Budi Santosa', 'Budi Santoso'],
  ])('corrects one typo: %s → %s', async (q, expected) => {
    expect((await names(q))[0]).toBe(expected);
  });

  it('prefers the one-edit word over a longer similar one', async () => {
    expect(await names('Hidayst Nasution')).toEqual(['Hidayat Nasution']);
  });

  it('leaves out a word that resembles nothing, when other words remain', async () => {
    expect(await names('Wahyuni Qxzqxz')).toEqual(['Sri Wahyuni']);
  });

  it('lists a lone word: names beginning with it first, then names containing it, paged without gaps', async () => {
    const all = await names('hasibuan');
    expect(all).toEqual(['Sri Mulyani Hasibuan']);
    const sri = await names('SRI', 1, 10);
    expect(sri).toEqual(['Sri Mulyani Hasibuan', 'Sri Wahyuni']);
    // "Budi" begins two names and is inside a third; pages of one walk across both parts.
    const pages = [];
    for (let p = 1; p <= 4; p++) pages.push(...(await names('budi', p, 1)));
    expect(pages).toEqual(['Budi Hartono Siregar', 'Budi Santoso', 'Ahmad Budi Prakoso']);
    expect(await names('budi', 2, 2)).toEqual(['Ahmad Budi Prakoso']);
  });

  it('pages through the ranked matches without repeats', async () => {
    const all = await names('sri', 1, 10);
    expect(all).toHaveLength(2);
    const p1 = await names('sri', 1, 1);
    const p2 = await names('sri', 2, 1);
    expect([...p1, ...p2]).toEqual(all);
  });
});
