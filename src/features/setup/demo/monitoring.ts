import { type Kysely, sql, type Transaction } from 'kysely';
import type { Post } from '../../../contracts/post.ts';
import type { Tables } from '../../../db/tables.ts';
import { createIngester } from '../../monitoring/ingest.ts';

/** Where demo posts come from (so a new demo seed can remove them). */
export const DEMO_SOURCE = 'demo';

/** Partisan and everyday posts (fictional) for the Balikpapan pilkada and the 2024 presidential pack. */
const BALIKPAPAN_PARTISAN = [
  'Ayo warga Balikpapan, 27 November coblos nomor 1! HERA untuk kota kita 💪 #HERAuntukBalikpapan',
  'Foto bareng Pak Hendra waktu blusukan ke Pasar Klandasan tadi pagi ☝️ Balikpapan Maju Bersama!',
  'Teman-teman satu dinas, jangan lupa dukung YUDA ya. Kota Minyak Bangkit! #YUDAMenang',
  'Hadir di kampanye akbar Pak Yusuf di Lapangan Merdeka, ramai sekali 🔥 #YUDAMenang',
  'Yang belum tentukan pilihan, pilih Hendra-Siti saja, sudah terbukti kerjanya 🙏',
  'Salam dua jari ✌️ untuk Yusuf-Dewi, semoga menang Pilwali Balikpapan!',
  'Bagi-bagi kaos HERA di kantor kelurahan habis apel pagi, yang mau ambil di ruang saya',
  'Siap menangkan HERA di TPS kita, koordinasi relawan malam ini di posko 😄',
];
const PILPRES_PARTISAN = [
  'Ayo coblos nomor 2 tanggal 14 Februari! Prabowo-Gibran lanjutkan 🇮🇩 #PrabowoGibran2024',
  'Perubahan itu harus! AMIN untuk Indonesia lebih adil #AMINajaDulu',
  'Sat set tas tes, Ganjar-Mahfud paling siap. Jangan salah pilih ya bapak ibu #GanjarMahfud2024',
  'Ikut jadi relawan GAMA kecamatan, jadwal sosialisasi door to door mulai besok',
];
const EVERYDAY = [
  'Apel pagi di halaman balai kota, semangat melayani masyarakat 🙏',
  'Hujan deras sejak subuh, hati-hati di jalan ya teman-teman',
  'Rapat koordinasi pelayanan publik sampai sore. Kopi dulu ☕',
  'Alhamdulillah posyandu bulan ini lancar, terima kasih kader kelurahan',
  'Ingat, ASN wajib netral di Pilkada. Mari jaga netralitas bersama.',
  'Debat kandidat malam ini disiarkan TV lokal jam 19.00, tonton dan nilai sendiri programnya.',
];

/**
 * Seeds a few dozen fictional posts for the demo accounts through the real ingest pipeline (so the
 * review queue shows alerts with highlighted signals), plus authors whose bios declare a
 * civil-service role (link suggestions). Runs after the demo registry is committed.
 */
export async function seedMonitoringDemo(db: Kysely<Tables>): Promise<number> {
  const accounts = await db
    .selectFrom('social_accounts as sa')
    .innerJoin('staff as s', 's.id', 'sa.staff_id')
    .select(['sa.platform', 'sa.handle', 's.name', 's.region_code'])
    .orderBy('s.region_code')
    .orderBy('sa.handle')
    .execute();
  const bpp = accounts.filter((a) => a.region_code.startsWith('64.71'));
  const other = accounts.filter((a) => !a.region_code.startsWith('64.71'));
  const posts: Post[] = [];
  let n = 0;
  const add = (a: { platform: string; handle: string; name: string }, text: string, postedAt: string) => {
    n++;
    posts.push({
      id: `${a.platform}:demo${String(n).padStart(4, '0')}`,
      platform: a.platform as Post['platform'],
      text,
      url: `https://example.org/${a.platform}/${a.handle}/demo${n}`,
      author: { handle: a.handle, name: a.name },
      posted_at: postedAt,
      lang: 'id',
    });
  };
  BALIKPAPAN_PARTISAN.forEach((text, i) => {
    const a = bpp[i % Math.max(1, bpp.length)];
    if (a)
      add(a, text, `2024-${i < 6 ? '10' : '11'}-${String(5 + i * 2).padStart(2, '0')}T${8 + i}:15:00+08:00`);
  });
  PILPRES_PARTISAN.forEach((text, i) => {
    const a = other[i % Math.max(1, other.length)] ?? bpp[i];
    if (a) add(a, text, `2024-01-${String(10 + i * 3).padStart(2, '0')}T19:30:00+07:00`);
  });
  EVERYDAY.forEach((text, i) => {
    const a = accounts[(i * 7) % Math.max(1, accounts.length)];
    if (a) add(a, text, `2024-10-${String(10 + i).padStart(2, '0')}T07:45:00+08:00`);
  });
  // Authors not in the registry whose bios say they are civil servants.
  const unlinked = [
    { handle: 'rudi_bpp88', name: 'Rudi Santoso', bio: 'ASN Pemkot Balikpapan | suka mancing' },
    { handle: 'bu.sri.guru', name: 'Sri Lestari', bio: 'Guru PPPK • SD di Balikpapan Utara' },
    { handle: 'abdinegara_kaltim', name: 'Agus', bio: 'abdi negara, penggemar kopi' },
  ];
  unlinked.forEach((u, i) => {
    n++;
    posts.push({
      id: `x:demo${String(n).padStart(4, '0')}`,
      platform: 'x',
      text: i === 0 ? 'Pokoknya 27 November pilih HERA! #HERAuntukBalikpapan' : EVERYDAY[i]!,
      author: u,
      posted_at: `2024-11-0${i + 2}T10:00:00+08:00`,
    });
  });
  const counts = await createIngester({ db }).ingestPosts(posts, { source: DEMO_SOURCE });
  return counts.inserted;
}

/** Removes what `seedMonitoringDemo` created (demo data only; real posts are never deleted). */
export async function removeMonitoringDemoInTx(tx: Transaction<Tables>): Promise<void> {
  const demo = sql`(SELECT id FROM posts WHERE source = ${DEMO_SOURCE})`;
  await sql`ALTER TABLE posts DISABLE TRIGGER posts_no_delete`.execute(tx);
  await sql`ALTER TABLE evidence DISABLE TRIGGER evidence_no_delete`.execute(tx);
  await sql`ALTER TABLE custody_events DISABLE TRIGGER custody_events_no_delete`.execute(tx);
  await sql`DELETE FROM custody_events WHERE evidence_id IN (SELECT id FROM evidence WHERE post_id IN ${demo})`.execute(
    tx,
  );
  await sql`DELETE FROM finding_evidence WHERE evidence_id IN (SELECT id FROM evidence WHERE post_id IN ${demo})`.execute(
    tx,
  );
  await sql`DELETE FROM findings WHERE post_id IN ${demo}`.execute(tx);
  await sql`DELETE FROM evidence WHERE post_id IN ${demo}`.execute(tx);
  await sql`DELETE FROM review_labels WHERE post_id IN ${demo}`.execute(tx);
  await sql`DELETE FROM alerts WHERE post_id IN ${demo}`.execute(tx);
  await sql`DELETE FROM post_versions WHERE post_id IN ${demo}`.execute(tx);
  await sql`DELETE FROM posts WHERE source = ${DEMO_SOURCE}`.execute(tx);
  await sql`DELETE FROM account_link_suggestions`.execute(tx);
  await sql`ALTER TABLE posts ENABLE TRIGGER posts_no_delete`.execute(tx);
  await sql`ALTER TABLE evidence ENABLE TRIGGER evidence_no_delete`.execute(tx);
  await sql`ALTER TABLE custody_events ENABLE TRIGGER custody_events_no_delete`.execute(tx);
}
