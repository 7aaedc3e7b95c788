/**
 * Deterministic fictional registry data for benchmarks and the 100,000-row import check: Indonesian
 * given names and family names, valid NIPs. Shared by bench/registry.bench.ts and
 * bench/registry-import.bench.ts.
 */

export const GIVEN = [
  'Budi',
  'Agus',
  'Joko',
  'Bambang',
  'Slamet',
  'Hendra',
  'Rudi',
  'Andi',
  'Dedi',
  'Eko',
  'Iwan',
  'Yusuf',
  'Ahmad',
  'Muhammad',
  'Rizky',
  'Fajar',
  'Dimas',
  'Arif',
  'Hadi',
  'Teguh',
  'Wahyu',
  'Bayu',
  'Gilang',
  'Ilham',
  'Siti',
  'Sri',
  'Dewi',
  'Rina',
  'Wulan',
  'Fitri',
  'Nurhayati',
  'Ratna',
  'Indah',
  'Putri',
  'Ayu',
  'Lestari',
  'Yuliana',
  'Maria',
  'Kartika',
  'Anisa',
  'Nabila',
  'Rahmawati',
  'Sulastri',
  'Endang',
  'Yohanes',
  'Made',
  'Ketut',
  'Wayan',
  'Nyoman',
  'Putu',
  'Komang',
  'Gede',
  'Dian',
  'Eka',
  'Tri',
  'Dwi',
  'Nur',
  'Abdul',
  'Rahmat',
  'Hasan',
];
export const MIDDLE = [
  '',
  '',
  '',
  'Adi',
  'Sri',
  'Nur',
  'Dwi',
  'Eka',
  'Tri',
  'Puspita',
  'Ayu',
  'Cahya',
  'Indra',
  'Surya',
  'Kusuma',
  'Wijaya',
  'Permana',
  'Pratama',
  'Hidayat',
  'Ramadhan',
  'Saputra',
  'Saputri',
  'Anggraini',
  'Maharani',
];
export const FAMILY = [
  'Santoso',
  'Wibowo',
  'Susanto',
  'Hidayat',
  'Saputra',
  'Pratama',
  'Siregar',
  'Nasution',
  'Harahap',
  'Lubis',
  'Simanjuntak',
  'Tarigan',
  'Ginting',
  'Sitompul',
  'Panjaitan',
  'Manurung',
  'Sihombing',
  'Rangkuti',
  'Daulay',
  'Pohan',
  'Setiawan',
  'Kurniawan',
  'Gunawan',
  'Hermawan',
  'Suryadi',
  'Wijaya',
  'Halim',
  'Sutrisno',
  'Prasetyo',
  'Nugroho',
  'Purnomo',
  'Wahyudi',
  'Firmansyah',
  'Hakim',
  'Rahman',
  'Hasibuan',
  'Situmorang',
  'Sinaga',
  'Pardede',
  'Silalahi',
  'Mandagi',
  'Lumban Gaol',
  'Rumengan',
  'Tambunan',
  'Pangaribuan',
  'Noor',
  'Daeng',
  'Pattiasina',
  'Latuconsina',
  'Manuhutu',
  'Sembiring',
  'Barus',
  'Purba',
  'Damanik',
  'Saragih',
  'Sitepu',
  'Wenda',
  'Kogoya',
  'Rumbiak',
  'Mambor',
  'Sudirman',
  'Syahputra',
  'Maulana',
  'Iskandar',
  'Zulkarnain',
  'Effendi',
  'Hutapea',
  'Marpaung',
  'Napitupulu',
  'Simatupang',
  '',
  '',
  '',
  '',
  '',
  '',
  '',
  '',
  '',
  '',
];

/** Mulberry32. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A NIP unique for index `i` (sequence and day spread over the index), valid by src/domain/nip.ts. */
export function nipFor(i: number): string {
  const year = 1965 + (i % 35);
  const month = 1 + (Math.floor(i / 35) % 12);
  const day = 1 + (Math.floor(i / 420) % 28);
  const tmtYear = year + 22 + (Math.floor(i / 11760) % 5); // at most 2025
  const tmtMonth = 1 + (Math.floor(i / 58800) % 12);
  const sex = 1 + (Math.floor(i / 705600) % 2);
  const seq = 1 + Math.floor(i / 1411200);
  return `${year}${pad(month, 2)}${pad(day, 2)}${tmtYear}${pad(tmtMonth, 2)}${sex}${pad(seq, 3)}`;
}

export function nameFor(rnd: () => number): string {
  const g = GIVEN[Math.floor(rnd() * GIVEN.length)]!;
  const m = MIDDLE[Math.floor(rnd() * MIDDLE.length)]!;
  const f = FAMILY[Math.floor(rnd() * FAMILY.length)]!;
  return [g, m, f].filter(Boolean).join(' ');
}
