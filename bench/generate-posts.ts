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

/**
 * One post line of the *dense* stress corpus (the first generator): random words, 30 % of posts
 * "political" with candidate names as 15 % of their words, and numbers, `jangan`, ✌️/☝️ in every
 * kind of post. About a quarter of these posts get flagged, far more than any real stream.
 */
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

/**
 * Colleague names in everyday posts: a wider list than the candidates' (FIRST/LAST), sharing a few
 * common names with it, so some everyday posts name someone who shares a candidate's name.
 */
const COLLEAGUES = (
  'Agus Wati Yanti Rahmat Sutrisno Heri Lina Tono Ratna Slamet Endah Suharti Bayu Fajar Gilang Indah ' +
  'Kurnia Lukman Mega Nanda Oki Putri Rizky Sari Teguh Umar Vina Wawan Yoga Zainal Dedi Erna Feri Gita'
).split(' ');
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September'];
const EMOJI = ['😂', '🙏', '🔥', '😅', '👍', '❤️', '😍', '✌️', '☝️', '🤲', '😹', '💪', '🎉', '🥰', ''];
const TOPICS = ['ekonomi', 'pendidikan', 'kesehatan', 'hukum dan HAM', 'infrastruktur', 'pangan'];

/** Everyday posts of civil servants: work, family, food, weather, faith, sport; realistic numbers. */
const EVERYDAY = [
  'Selamat pagi rekan2, rapat koordinasi jam {time} di ruang {n2} ya {e}',
  'Alhamdulillah posyandu di RT {n2} hari ini lancar, terima kasih ibu2 kader {e}',
  'Macet parah di jalan {street} pagi ini, hati2 di jalan ya',
  'Selamat ulang tahun Pak {first}, semoga sehat selalu dan makin sukses. Aamiin 🎂',
  'Anak saya juara {d} lomba mewarnai tingkat kecamatan 🏆 bangga banget',
  'Harga cabai di pasar naik lagi, sekarang Rp {amount}/kg {e}',
  'Jadwal vaksinasi tgl {day} {month} pukul {time} WIB di puskesmas, bawa KTP ya',
  'Libur panjang akhirnya, healing dulu ke pantai sama keluarga {e}',
  'Kopi pagi sebelum apel ☕ semangat kerja semuanya!',
  'Laporan akhir tahun sudah dikirim ke bagian keuangan, tinggal tanda tangan Bu {first}',
  'wkwk kucing kantor makin gemoy aja 😹',
  'Mohon doanya, ibu saya sedang dirawat di RS. Amin ya Allah 🤲',
  'Kelas {d} SD {n2} hari ini belajar di luar kelas, seru banget {e}',
  'Nomor antrean {num} dari {num2}, sabar menunggu {e}',
  'Pelayanan KTP-el buka jam 08.00-14.00, hari Sabtu tutup',
  'Mantap, tim futsal dinas menang 3-1 lawan kecamatan sebelah ⚽',
  'Hujan deras, banjir di RT {n2} RW {n2}. Yang lewat hati-hati',
  'Pelatihan dasar ASN angkatan {d} resmi dibuka hari ini di aula',
  'Resep rendang ala ibu, dijamin enak 😋 #resep #masakanrumah',
  'Terima kasih Pak Camat atas kunjungannya ke kelurahan kami {e}',
  'Foto bareng teman seangkatan, sudah 20 tahun ya kita {e}',
  'Besok cuti dulu, mau antar anak daftar sekolah',
  'Info lowongan PPPK guru sudah dibuka, cek di web resmi ya',
  'Pagi2 udah dapat kiriman kue dari tetangga, makasih bu {first} {e}',
  'Pengajian rutin malam Jumat di masjid kompleks, jangan lupa hadir ya bapak2',
  'Servis motor habis Rp {amount}, lumayan juga',
  'Stok darah PMI menipis, yuk donor darah hari Minggu jam {time}',
  'Selamat atas pelantikan Pak {first} {last} sebagai kepala bidang baru',
  'Gotong royong bersih-bersih saluran air bareng warga RT {n2} {e}',
  'Maju terus pantang mundur, target kinerja triwulan {d} harus tercapai 💪',
];

/** Political but not partisan: news, schedules, voting socialisation, neutrality, election work. */
const NEUTRAL = [
  'KPU menetapkan nomor urut: {c1} nomor 1, {c2} nomor 2, {c3} nomor 3.',
  'Debat capres malam ini pukul 19.00 WIB, temanya {topic}. Nonton di mana?',
  'Reminder ASN wajib netral, jangan like atau share postingan paslon mana pun.',
  'Bawaslu mengimbau ASN tidak berfoto dengan pose jari saat kampanye.',
  'Quick count sementara: 01 {pct}%, 02 {pct}%, 03 {pct}%. Tunggu hasil resmi KPU.',
  'Hoaks! Video {name} yang beredar itu suntingan, cek fakta dulu sebelum sebar.',
  'Jangan lupa gunakan hak pilih tanggal {day}, datang ke TPS {n2} bawa undangan.',
  'Petugas KPPS TPS {n2} ikut bimtek hari ini di kantor kelurahan.',
  'Berita: {name} melakukan kunjungan kerja ke pasar induk pagi ini.',
  'Siapa pun pilihannya, jaga persaudaraan ya. Pemilu damai 🙏',
  'Rekap suara tingkat kecamatan selesai pukul 02.00, terima kasih PPK.',
  'Ada yang tahu cara pindah memilih? DPT saya masih di kampung.',
];

/** Partisan: support, invitations, attributes, campaign activity (what a flag is for). */
const PARTISAN = [
  'Ayo coblos nomor {n}! {tag}',
  'Bismillah, pilihanku {name} {e} {tag}',
  'Saya dukung {name}, sudah terbukti kerjanya. {tag}',
  'Salam {n} jari! Kita menangkan {alias} satu putaran 💪',
  'yg penting jgn pilih no {n} ya gaes',
  'Rekan2 dinas, tgl 14 nanti kompak nyoblos {name} ya 🙏',
  'Ikut kampanye akbar {alias} di lapangan, rame banget! {tag}',
  'Pakai kaos {alias} dulu hari ini 😎 {tag}',
  'Semoga {name} menang, paling paham nasib guru honorer {e}',
  'Mohon bapak ibu staf arahkan keluarga pilih paslon {n}, sudah jelas programnya',
];

function fill(rand: () => number, template: string, pool: MixedPool): string {
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'time':
        return `${String(7 + Math.floor(rand() * 12)).padStart(2, '0')}.${pick(rand, ['00', '15', '30', '45'])}`;
      case 'n2':
        return String(1 + Math.floor(rand() * 12)).padStart(2, '0');
      case 'd':
        return String(1 + Math.floor(rand() * 6));
      case 'n':
        return String(1 + Math.floor(rand() * 3));
      case 'num':
        return String(1 + Math.floor(rand() * 150));
      case 'num2':
        return String(150 + Math.floor(rand() * 150));
      case 'day':
        return String(1 + Math.floor(rand() * 28));
      case 'month':
        return pick(rand, MONTHS);
      case 'amount':
        return `${10 + Math.floor(rand() * 90)}.000`;
      case 'pct':
        return `${20 + Math.floor(rand() * 40)},${Math.floor(rand() * 10)}`;
      case 'street':
        return `${pick(rand, ['Sudirman', 'Ahmad Yani', 'Diponegoro', 'Gatot Subroto'])}`;
      case 'first':
        return pick(rand, COLLEAGUES);
      case 'last':
        return pick(rand, COLLEAGUES);
      case 'e':
        return pick(rand, EMOJI);
      case 'topic':
        return pick(rand, TOPICS);
      case 'c1':
      case 'c2':
      case 'c3':
        return pick(rand, pool.names);
      case 'name':
        return pick(rand, pool.names);
      case 'alias':
        return pick(rand, pool.aliases);
      case 'tag':
        return rand() < 0.6 ? pick(rand, pool.hashtags) : '';
      default:
        return slot;
    }
  });
}

/** Candidate strings of the active packs, for the mixed corpus. */
export type MixedPool = { names: string[]; aliases: string[]; hashtags: string[] };

export function mixedPool(packs: readonly Pack[]): MixedPool {
  const cs = packs.flatMap((p) => p.contestants);
  return {
    names: cs.flatMap((c) => c.names),
    aliases: cs.flatMap((c) => c.aliases),
    hashtags: cs.flatMap((c) => c.hashtags),
  };
}

/** Shares of the mixed corpus: everyday, political but neutral, partisan. */
export const MIXED_SHARES = { everyday: 0.8, neutral: 0.15, partisan: 0.05 } as const;

/**
 * One post line of the *mixed* corpus (the default): 80 % everyday posts, 15 % political but
 * neutral (news, schedules, reminders, election work, many with names and numbers), 5 % partisan.
 * Each post opens with a sentence of its kind and is filled up with everyday sentences to a length
 * of 10–600 characters (long WhatsApp-style messages), so every post also carries ordinary words,
 * times, dates, amounts, room and RT numbers, colleague names and emoji.
 */
export function makeMixedPost(rand: () => number, i: number, pool: MixedPool): string {
  const target = 10 + Math.floor(rand() * 591);
  const r = rand();
  const first =
    r < MIXED_SHARES.partisan
      ? PARTISAN
      : r < MIXED_SHARES.partisan + MIXED_SHARES.neutral
        ? NEUTRAL
        : EVERYDAY;
  let text = fill(rand, pick(rand, first), pool);
  while (text.length < target)
    text += `${rand() < 0.3 ? '\n' : ' '}${fill(rand, pick(rand, EVERYDAY), pool)}`;
  text = text.slice(0, target);
  return JSON.stringify({
    id: `bench:${i}`,
    platform: pick(rand, ['x', 'facebook', 'instagram', 'whatsapp', 'tiktok']),
    text,
    author: { handle: `user${i % 9973}` },
    posted_at: '2024-01-20T09:15:00+07:00',
  });
}
