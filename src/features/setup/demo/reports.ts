import type { Kysely } from 'kysely';
import type { Tables } from '../../../db/tables.ts';
import type { BlobStore } from '../../../platform/blobs/blob-store.ts';
import { createReportsService } from '../../reports/reports.service.ts';

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

/**
 * Fictional public reports and tips for Kota Balikpapan (64.71), seeded through the real service
 * (so they are sealed with this installation's master key) at different ages, so the intake list
 * shows every clock state; some are triaged by the demo analyst. Names are invented.
 */
export async function seedDemoReports({
  db,
  blobs,
  masterKey,
}: {
  db: Kysely<Tables>;
  blobs: BlobStore;
  masterKey: Buffer;
}) {
  const analyst = await db
    .selectFrom('users as u')
    .innerJoin('offices as o', 'o.id', 'u.office_id')
    .select(['u.id', 'u.role', 'u.agency_id', 'o.id as office_id', 'o.name as office_name', 'o.region_code'])
    .where('u.username', '=', 'analis.balikpapan')
    .executeTakeFirst();
  const actor = analyst && {
    id: analyst.id,
    role: analyst.role,
    agencyId: analyst.agency_id,
    office: { id: analyst.office_id, name: analyst.office_name, regionCode: analyst.region_code },
  };
  const at = (daysAgo: number) =>
    createReportsService({ db, blobs, masterKey, now: () => new Date(Date.now() - daysAgo * DAY) });
  const receiptOf = async (daysAgo: number, body: Record<string, unknown>) =>
    (await at(daysAgo).submit(body)).receipt;
  const idOf = async (receipt: string) => {
    const s = await at(0).publicStatus(receipt);
    const row = await db
      .selectFrom('reports')
      .select('id')
      .where('received_at', '=', new Date(s.received_at))
      .executeTakeFirstOrThrow();
    return row.id;
  };

  await receiptOf(0.2, {
    kind: 'laporan',
    reporter: {
      name: 'Yohanes Pratama (fiktif)',
      nik: '6471011203880004',
      address: 'Jl. Ahmad Yani 21, Balikpapan Tengah',
      phone: '0812 5500 0001',
    },
    reported: {
      name: 'Drs. Hendra Saputra (fiktif)',
      agency: 'Pemerintah Kota Balikpapan',
      position: 'Camat Balikpapan Utara',
    },
    description:
      'Camat menghadiri deklarasi dukungan pasangan calon wali kota di aula kelurahan dan memberi sambutan yang mengajak warga memilih pasangan tersebut. Acara disiarkan langsung di Facebook kelurahan.',
    place: 'Aula Kelurahan Batu Ampar',
    region_code: '64.71',
    occurred_at: day(-2),
    known_at: day(-2),
    witnesses: [{ name: 'Siti Aminah (fiktif)', contact: '0813 5500 0002' }],
    election_type: 'pilkada',
  });
  await receiptOf(1.5, {
    kind: 'informasi_awal',
    description:
      'Seorang guru SMP negeri membagikan poster kampanye dengan simbol dua jari di grup WhatsApp wali murid kelas 8, disertai ajakan memilih.',
    region_code: '64.71',
    election_type: 'pilkada',
  });
  await receiptOf(3, {
    kind: 'laporan',
    reporter: {
      name: 'Ratna Dewi (fiktif)',
      address: 'Jl. MT Haryono 8, Balikpapan Selatan',
      email: 'ratna@contoh.invalid',
    },
    reported: {
      name: 'Ir. Bambang Wicaksono (fiktif)',
      agency: 'Dinas Pekerjaan Umum',
      position: 'Kepala Bidang',
    },
    description:
      'Kepala bidang memakai atribut partai saat meninjau proyek drainase dan berfoto dengan calon anggota DPRD di lokasi proyek.',
    place: 'Jl. Soekarno-Hatta km 5',
    region_code: '64.71',
    occurred_at: day(-14),
    known_at: day(-12),
    election_type: 'pilkada',
  });
  const tip = await receiptOf(4, {
    kind: 'informasi_awal',
    reported: { name: 'Lurah (nama belum diketahui)', agency: 'Kelurahan Gunung Samarinda' },
    description:
      'Lurah terlihat ikut membagikan sembako berlogo pasangan calon di depan kantor kelurahan pada sore hari.',
    region_code: '64.71',
    election_type: 'pilkada',
  });
  const formal = await receiptOf(5, {
    kind: 'laporan',
    reporter: {
      name: 'Agus Salim (fiktif)',
      nik: '6471020506790003',
      address: 'Jl. Letjen Suprapto 3, Balikpapan Barat',
      phone: '0812 5500 0003',
    },
    reported: {
      name: 'Dewi Anggraini, S.Sos. (fiktif)',
      agency: 'Dinas Sosial',
      position: 'Analis Kebijakan',
    },
    description:
      'Pegawai dinas sosial mengunggah video dukungan untuk pasangan calon di akun Instagram pribadinya dan menandai akun resmi tim pemenangan.',
    place: 'Instagram',
    region_code: '64.71',
    occurred_at: day(-6),
    known_at: day(-5),
    election_type: 'pilkada',
  });
  if (!actor) return;
  await at(0).triage(actor, await idOf(tip), {
    action: 'request_completion',
    reason: 'Mohon kirim foto atau video pembagian sembako tersebut dan perkiraan tanggalnya.',
  });
  await at(0).triage(actor, await idOf(formal), { action: 'register' });
}
