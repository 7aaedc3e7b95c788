/**
 * The fictional demo data set, generated deterministically from a fixed seed so every install shows
 * the same offices, agencies, staff and accounts. Pure: no I/O; `setup.service.ts` inserts it.
 */

export const DEMO_PASSWORD = 'demo-netra-2024';

/** Demo users belong to the Bawaslu office of a region (seeded for every region) or to an extra office. */
export type DemoOffice = { key: string; regionCode: string; name?: string };
export type DemoUser = {
  username: string;
  displayName: string;
  role: 'admin' | 'head' | 'analyst' | 'taskforce' | 'liaison' | 'viewer';
  officeKey: string;
  email: string;
  /** A task-force head belongs to one agency and sees only its prevention data. */
  agencyKey?: string;
};
export type DemoAgency = { key: string; name: string; kind: string; regionCode: string; units: string[] };
export type DemoStaff = {
  key: string;
  nip: string | null;
  name: string;
  status: 'pns' | 'cpns' | 'pppk' | 'non_asn';
  positionType: 'jpt' | 'administrator' | 'pengawas' | 'pelaksana' | 'fungsional' | null;
  positionName: string;
  rank: string | null;
  agencyKey: string;
  unit: string;
  regionCode: string;
};
export type DemoAccount = {
  platform: 'x' | 'facebook' | 'instagram' | 'tiktok';
  handle: string;
  profileUrl: string;
  staffKey: string | null;
  linkSource: 'agency' | 'patrol' | 'bio' | null;
  linkConfidence: number | null;
};
export type DemoData = {
  offices: DemoOffice[];
  users: DemoUser[];
  agencies: DemoAgency[];
  staff: DemoStaff[];
  accounts: DemoAccount[];
};

/** Mulberry32: a small, fast, seedable PRNG, so the data set is the same on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MALE = [
  'Budi',
  'Agus',
  'Hendra',
  'Rudi',
  'Yusuf',
  'Andi',
  'Fajar',
  'Dedi',
  'Eko',
  'Rizky',
  'Bambang',
  'Wahyu',
  'Arif',
  'Joko',
  'Iwan',
  'Syahrul',
  'Muhammad',
  'Ahmad',
  'Darmawan',
  'Taufik',
  'Gusti',
  'Rahmat',
  'Heru',
  'Slamet',
  'Supriyadi',
  'Yohanes',
  'Petrus',
  'Kristian',
];
const FEMALE = [
  'Siti',
  'Sri',
  'Dewi',
  'Rina',
  'Nur',
  'Fitri',
  'Ani',
  'Wulan',
  'Ratna',
  'Yuliana',
  'Rahmawati',
  'Lestari',
  'Maria',
  'Intan',
  'Novi',
  'Eka',
  'Puspita',
  'Endang',
  'Sulastri',
  'Nurhayati',
  'Aulia',
  'Dian',
  'Mega',
  'Kartini',
];
const FAMILY = [
  'Santoso',
  'Wijaya',
  'Hidayat',
  'Saputra',
  'Pratama',
  'Nugroho',
  'Kurniawan',
  'Setiawan',
  'Hamzah',
  'Rahman',
  'Susanto',
  'Firmansyah',
  'Gunawan',
  'Hakim',
  'Siregar',
  'Lubis',
  'Harahap',
  'Syahputra',
  'Utomo',
  'Wibowo',
  'Purnomo',
  'Handayani',
  'Ningsih',
  'Anggraini',
  'Noor',
  'Mahmud',
  'Asmara',
  'Ilham',
  'Tarigan',
  'Simanjuntak',
  'Sinaga',
  'Pangaribuan',
  'Nahan',
  'Ramadhani',
];

type PositionTemplate = {
  type: DemoStaff['positionType'];
  name: (unit: string) => string;
  ranks: string[];
  weight: number;
};

const functionalPosition = (unit: string) =>
  /Pendidikan|Tenaga Pendidik|Madrasah/.test(unit)
    ? 'Guru Ahli Pertama'
    : /Kesehatan|Pelayanan Umum|Ibu dan Anak/.test(unit)
      ? 'Perawat Terampil'
      : 'Analis Kebijakan Ahli Muda';

const POSITIONS: PositionTemplate[] = [
  {
    type: 'jpt',
    name: (u) =>
      u.startsWith('Sekretariat')
        ? 'Sekretaris Daerah'
        : u.startsWith('Kecamatan')
          ? `Camat ${u.slice(10)}`
          : `Kepala ${u}`,
    ranks: ['IV/c', 'IV/d'],
    weight: 1,
  },
  { type: 'administrator', name: (u) => `Sekretaris ${u}`, ranks: ['IV/a', 'IV/b'], weight: 2 },
  { type: 'pengawas', name: (u) => `Kepala Subbagian Umum ${u}`, ranks: ['III/c', 'III/d'], weight: 3 },
  {
    type: 'pelaksana',
    name: () => 'Pengadministrasi Umum',
    ranks: ['II/c', 'II/d', 'III/a', 'III/b'],
    weight: 6,
  },
  { type: 'pelaksana', name: () => 'Pengelola Data', ranks: ['II/d', 'III/a', 'III/b'], weight: 3 },
  { type: 'fungsional', name: functionalPosition, ranks: ['III/a', 'III/b', 'III/c'], weight: 6 },
];

const LOCAL_UNITS = [
  'Sekretariat Daerah',
  'Dinas Pendidikan',
  'Dinas Kesehatan',
  'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia',
  'Dinas Pekerjaan Umum dan Penataan Ruang',
  'Satuan Polisi Pamong Praja',
  'Dinas Kependudukan dan Pencatatan Sipil',
  'Dinas Sosial',
];

type Region = {
  code: string;
  name: string;
  city: string;
  agencyName: string;
  kind: string;
  districts: string[];
};

const REGIONS: Region[] = [
  {
    code: '62.71',
    name: 'Kota Palangka Raya',
    city: 'Palangka Raya',
    agencyName: 'Pemerintah Kota Palangka Raya',
    kind: 'pemda_kota',
    districts: ['Pahandut', 'Jekan Raya', 'Sabangau'],
  },
  {
    code: '63',
    name: 'Provinsi Kalimantan Selatan',
    city: 'Banjarbaru',
    agencyName: 'Pemerintah Provinsi Kalimantan Selatan',
    kind: 'pemda_provinsi',
    districts: [],
  },
  {
    code: '63.71',
    name: 'Kota Banjarmasin',
    city: 'Banjarmasin',
    agencyName: 'Pemerintah Kota Banjarmasin',
    kind: 'pemda_kota',
    districts: ['Banjarmasin Utara', 'Banjarmasin Tengah', 'Banjarmasin Selatan'],
  },
  {
    code: '64.71',
    name: 'Kota Balikpapan',
    city: 'Balikpapan',
    agencyName: 'Pemerintah Kota Balikpapan',
    kind: 'pemda_kota',
    districts: ['Balikpapan Kota', 'Balikpapan Utara', 'Balikpapan Timur'],
  },
  {
    code: '34.02',
    name: 'Kabupaten Bantul',
    city: 'Bantul',
    agencyName: 'Pemerintah Kabupaten Bantul',
    kind: 'pemda_kabupaten',
    districts: ['Kasihan', 'Sewon', 'Banguntapan'],
  },
  {
    code: '33.16',
    name: 'Kabupaten Blora',
    city: 'Blora',
    agencyName: 'Pemerintah Kabupaten Blora',
    kind: 'pemda_kabupaten',
    districts: ['Blora', 'Cepu', 'Randublatung'],
  },
];

/** Staff generated per agency: the regional government gets most, the others a handful. */
const STAFF_PER_REGIONAL_GOVERNMENT = 48;
const STAFF_PER_OTHER_AGENCY = 8;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function buildDemoData(seed = 20241127): DemoData {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const weighted = <T extends { weight: number }>(xs: readonly T[]): T => {
    let r = rnd() * xs.reduce((s, x) => s + x.weight, 0);
    for (const x of xs) {
      r -= x.weight;
      if (r < 0) return x;
    }
    return xs[xs.length - 1]!;
  };

  const offices: DemoOffice[] = [
    { key: 'ri', regionCode: '00' },
    { key: 'kalsel', regionCode: '63' },
    { key: 'palangkaraya', regionCode: '62.71' },
    { key: 'banjarmasin', regionCode: '63.71' },
    { key: 'balikpapan', regionCode: '64.71' },
    { key: 'bantul', regionCode: '34.02' },
    { key: 'blora', regionCode: '33.16' },
    { key: 'bkn-banjarmasin', name: 'Kantor Regional VIII BKN Banjarmasin', regionCode: '63' },
  ];
  const users: DemoUser[] = [
    {
      username: 'admin',
      displayName: 'Administrator Demo',
      role: 'admin',
      officeKey: 'ri',
      email: 'admin@demo.netra.invalid',
    },
    {
      username: 'kepala.kalsel',
      displayName: 'Rahmat Hidayat',
      role: 'head',
      officeKey: 'kalsel',
      email: 'kepala.kalsel@demo.netra.invalid',
    },
    {
      username: 'analis.balikpapan',
      displayName: 'Dewi Lestari',
      role: 'analyst',
      officeKey: 'balikpapan',
      email: 'analis.balikpapan@demo.netra.invalid',
    },
    {
      username: 'analis.palangkaraya',
      displayName: 'Yohanes Nahan',
      role: 'analyst',
      officeKey: 'palangkaraya',
      email: 'analis.palangkaraya@demo.netra.invalid',
    },
    {
      username: 'analis.banjarmasin',
      displayName: 'Nurhayati Noor',
      role: 'analyst',
      officeKey: 'banjarmasin',
      email: 'analis.banjarmasin@demo.netra.invalid',
    },
    {
      username: 'kepala.bantul',
      displayName: 'Slamet Wibowo',
      role: 'head',
      officeKey: 'bantul',
      email: 'kepala.bantul@demo.netra.invalid',
    },
    {
      username: 'pemantau.blora',
      displayName: 'Sri Handayani',
      role: 'viewer',
      officeKey: 'blora',
      email: 'pemantau.blora@demo.netra.invalid',
    },
    {
      username: 'satgas.balikpapan',
      displayName: 'Andi Saputra',
      role: 'taskforce',
      officeKey: 'balikpapan',
      email: 'satgas.balikpapan@demo.netra.invalid',
      agencyKey: '64.71:pemda',
    },
    {
      username: 'bkn.banjarmasin',
      displayName: 'Fitri Anggraini',
      role: 'liaison',
      officeKey: 'bkn-banjarmasin',
      email: 'bkn.banjarmasin@demo.netra.invalid',
    },
  ];

  const agencies: DemoAgency[] = [];
  for (const r of REGIONS) {
    const units = [...LOCAL_UNITS, ...r.districts.map((d) => `Kecamatan ${d}`)];
    agencies.push({ key: `${r.code}:pemda`, name: r.agencyName, kind: r.kind, regionCode: r.code, units });
    if (r.kind !== 'pemda_provinsi') {
      agencies.push({
        key: `${r.code}:kemenag`,
        name: `Kantor Kementerian Agama ${r.name}`,
        kind: 'instansi_vertikal',
        regionCode: r.code,
        units: ['Subbagian Tata Usaha', 'Seksi Pendidikan Madrasah', 'Penyelenggara Syariah'],
      });
      agencies.push({
        key: `${r.code}:puskesmas`,
        name: `Puskesmas ${r.districts[0]}`,
        kind: 'puskesmas',
        regionCode: `${r.code}`,
        units: ['Pelayanan Umum', 'Kesehatan Ibu dan Anak'],
      });
    } else {
      agencies.push({
        key: `${r.code}:sma`,
        name: 'SMA Negeri 1 Banjarmasin',
        kind: 'sekolah',
        regionCode: r.code,
        units: ['Tenaga Pendidik', 'Tata Usaha'],
      });
    }
  }

  const staff: DemoStaff[] = [];
  const usedNip = new Set<string>();
  const usedName = new Set<string>();
  for (const agency of agencies) {
    const count = agency.key.endsWith(':pemda') ? STAFF_PER_REGIONAL_GOVERNMENT : STAFF_PER_OTHER_AGENCY;
    for (let i = 0; i < count; i++) {
      const female = rnd() < 0.48;
      let name: string;
      do name = `${pick(female ? FEMALE : MALE)} ${pick(FAMILY)}`;
      while (usedName.has(name) && usedName.size < 900);
      usedName.add(name);
      const unit = pick(agency.units);
      const roll = rnd();
      const status: DemoStaff['status'] =
        roll < 0.68 ? 'pns' : roll < 0.72 ? 'cpns' : roll < 0.9 ? 'pppk' : 'non_asn';
      const position =
        status === 'non_asn'
          ? {
              type: null,
              name: () => pick(['Tenaga Honorer Administrasi', 'Pengemudi', 'Petugas Kebersihan']),
              ranks: [] as string[],
            }
          : status === 'pppk'
            ? { type: 'fungsional' as const, name: functionalPosition, ranks: ['IX', 'X'] }
            : status === 'cpns'
              ? {
                  type: 'pelaksana' as const,
                  name: () => 'Calon Pegawai Negeri Sipil',
                  ranks: ['II/a', 'III/a'],
                }
              : weighted(POSITIONS);
      const birthYear = status === 'cpns' ? 1995 + Math.floor(rnd() * 6) : 1966 + Math.floor(rnd() * 34);
      const birth = `${birthYear}${pad(1 + Math.floor(rnd() * 12), 2)}${pad(1 + Math.floor(rnd() * 28), 2)}`;
      const tmtYear = status === 'cpns' ? 2024 : Math.min(2023, birthYear + 22 + Math.floor(rnd() * 12));
      let nip: string | null = null;
      if (status !== 'non_asn') {
        do
          nip = `${birth}${tmtYear}${pad(1 + Math.floor(rnd() * 12), 2)}${female ? 2 : 1}${pad(1 + Math.floor(rnd() * 9), 3)}`;
        while (usedNip.has(nip));
        usedNip.add(nip);
      }
      staff.push({
        key: `${agency.key}:${i}`,
        nip,
        name,
        status,
        positionType: position.type,
        positionName: position.name(unit),
        rank: position.ranks.length ? pick(position.ranks) : null,
        agencyKey: agency.key,
        unit,
        regionCode: agency.regionCode,
      });
    }
  }

  const accounts: DemoAccount[] = [];
  const usedHandle = new Set<string>();
  const platforms = ['x', 'facebook', 'instagram', 'tiktok'] as const;
  const base: Record<(typeof platforms)[number], string> = {
    x: 'x.com',
    facebook: 'facebook.com',
    instagram: 'instagram.com',
    tiktok: 'tiktok.com/@',
  };
  const makeHandle = (name: string) => {
    const [first, last] = name.toLowerCase().split(' ');
    const style = Math.floor(rnd() * 4);
    const raw =
      style === 0
        ? `${first}_${last}`
        : style === 1
          ? `${first}${last}${Math.floor(rnd() * 90) + 10}`
          : style === 2
            ? `${first}.${last}`
            : `${first}${Math.floor(rnd() * 900) + 100}`;
    let h = raw;
    while (usedHandle.has(h)) h = `${raw}${Math.floor(rnd() * 10)}`;
    usedHandle.add(h);
    return h;
  };
  for (const s of staff) {
    if (rnd() > 0.45) continue;
    const n = rnd() < 0.3 ? 2 : 1;
    const chosen = new Set<(typeof platforms)[number]>();
    while (chosen.size < n) chosen.add(pick(platforms));
    for (const platform of chosen) {
      const handle = makeHandle(s.name);
      const source = pick(['agency', 'agency', 'patrol', 'bio'] as const);
      accounts.push({
        platform,
        handle,
        profileUrl: `https://${base[platform]}${platform === 'tiktok' ? '' : '/'}${handle}`,
        staffKey: s.key,
        linkSource: source,
        linkConfidence: source === 'agency' ? 1 : source === 'bio' ? 0.8 : 0.6,
      });
    }
  }
  // Accounts found on patrol but not yet linked to anyone.
  for (let i = 0; i < 12; i++) {
    const platform = pick(platforms);
    const handle = makeHandle(`${pick(rnd() < 0.5 ? MALE : FEMALE)} ${pick(FAMILY)}`);
    accounts.push({
      platform,
      handle,
      profileUrl: `https://${base[platform]}${platform === 'tiktok' ? '' : '/'}${handle}`,
      staffKey: null,
      linkSource: null,
      linkConfidence: null,
    });
  }

  return { offices, users, agencies, staff, accounts };
}
