/**
 * Seeded generators for the detection benchmark: a synthetic post corpus (10–600 characters,
 * informal Indonesian with some election content) and a national + regional pack set the size of
 * the 2024 elections (1 national pack, 545 regional contests, 1,553 pairs). Pure functions of the
 * seed: the same seed gives the same bytes.
 */
import type { Pack } from '../src/contracts/pack.ts';

/** Mulberry32: small, fast, seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'saya kamu kita hari ini besok kemarin kantor rapat kerja guru dinas warga desa kota pasar jalan ' +
  'makan siang kopi hujan macet banjir anak sekolah ibu bapak teman keluarga semoga lancar sehat ' +
  'mantap banget yg gak udah aja dong sih deh nih lagi mau bisa harus jangan sudah belum pulang ' +
  'berangkat libur cuti laporan akhir tahun pelayanan publik puskesmas posyandu kelurahan camat ' +
  'wkwk 😂 🙏 🔥 ✌️ ☝️ #fyp #asnlife mantaaap bangettt nomor 2 tgl 14 jam 09.00 ruang 03 juara 1'
).split(' ');
const POLITICAL = (
  'coblos pilih dukung paslon capres kampanye relawan posko menang ayo yuk jgn lupa nomor ' +
  'no urut salam jari kaos stiker twibbon debat KPU Bawaslu netral hoaks berita'
).split(' ');

const FIRST =
  'Ahmad Budi Siti Dewi Agus Rina Hendra Yusuf Bambang Wulan Joko Intan Rudi Sri Eko Fitri Hadi Nur Dian Andi'.split(
    ' ',
  );
const LAST =
  'Santoso Wijaya Lestari Pratama Hidayat Saputra Kusuma Rahman Hamzah Nugroho Setiawan Gunawan Siregar Harahap Lubis Tanjung'.split(
    ' ',
  );

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

/** One post line (JSON) of 10–600 characters of text. */
export function makePost(rand: () => number, i: number, names: readonly string[]): string {
  const target = 10 + Math.floor(rand() * 591);
  let text = '';
  const political = rand() < 0.3;
  while (text.length < target) {
    const r = rand();
    const w =
      political && r < 0.15
        ? pick(rand, names)
        : political && r < 0.35
          ? pick(rand, POLITICAL)
          : pick(rand, WORDS);
    text += (text ? ' ' : '') + w;
  }
  text = text.slice(0, target);
  return JSON.stringify({
    id: `bench:${i}`,
    platform: 'x',
    text,
    author: { handle: `user${i % 9973}` },
    posted_at: '2024-01-20T09:15:00+07:00',
  });
}

/** Generates `regional` pilkada packs with `pairs` contestants in total, plus one national pack. */
export function makePacks(seed: number, regional = 545, pairs = 1553): Pack[] {
  const rand = prng(seed);
  const packs: Pack[] = [];
  const stages = [
    { code: 'kampanye', name: 'Masa Kampanye', start: '2024-09-25', end: '2024-11-23' },
    { code: 'pemungutan', name: 'Pemungutan Suara', start: '2024-11-27', end: '2024-11-27' },
  ];
  const person = () =>
    `${pick(rand, FIRST)} ${pick(rand, LAST)}${rand() < 0.5 ? ` ${pick(rand, LAST)}` : ''}`;
  const contestant = (n: number, region: string) => {
    const a = person();
    const b = person();
    const acronym = (a.slice(0, 2) + b.slice(0, 2)).toUpperCase();
    return {
      id: String(n).padStart(2, '0'),
      number: n,
      names: [a, b],
      aliases: [acronym, `${a.split(' ')[0]}-${b.split(' ')[0]}`, `Pak ${a.split(' ')[0]}`],
      slogans: [
        `${region} ${pick(rand, ['Maju', 'Sejahtera', 'Bangkit', 'Hebat'])} ${pick(rand, ['Bersama', 'Berkelanjutan', 'Nyata'])}`,
      ],
      hashtags: [`#${acronym}untuk${region}`, `#${acronym}Menang`],
      gestures: [`salam ${['satu', 'dua', 'tiga', 'empat', 'lima'][n - 1] ?? 'satu'} jari`],
      parties: ['Golkar', 'Gerindra', 'PDI-P', 'PKB'].slice(0, 1 + Math.floor(rand() * 3)),
    };
  };
  packs.push({
    id: 'national',
    name: 'Pemilu Nasional (sintetis)',
    kind: 'pemilu',
    region_code: '00',
    stages,
    contestants: [1, 2, 3].map((n) => contestant(n, 'Indonesia')),
    parties: Array.from({ length: 18 }, (_, k) => ({
      id: `P${String(k + 1).padStart(2, '0')}`,
      number: k + 1,
      name: `Partai ${pick(rand, LAST)} ${pick(rand, ['Raya', 'Bangsa', 'Rakyat', 'Nusantara'])}`,
      aliases: [`P${String.fromCharCode(65 + k)}${String.fromCharCode(65 + ((k * 7) % 26))}`],
    })),
  });
  let left = pairs;
  for (let r = 0; r < regional; r++) {
    const remainingContests = regional - r;
    const n = Math.max(1, Math.min(5, Math.round(left / remainingContests + (rand() - 0.5))));
    left -= n;
    const region = `Daerah${r}`;
    packs.push({
      id: `pilkada-${r}`,
      name: `Pilkada ${region}`,
      kind: 'pilkada',
      region_code: `${String(11 + (r % 80)).padStart(2, '0')}.${String(r % 100).padStart(2, '0')}`,
      stages,
      contestants: Array.from({ length: n }, (_, k) => contestant(k + 1, region)),
      parties: [],
    });
  }
  return packs;
}
