import type { Transaction } from 'kysely';
import type { Tables } from '../../../db/tables.ts';
import { stageOn, todayWib } from '../../../domain/prevention.ts';
import { activePacks } from '../../prevention/activities.service.ts';
import type { DemoData } from '../demo-data.ts';

/**
 * Fictional prevention demo data (issue 8): letterheads of the demo Bawaslu offices, appeal-letter
 * templates, activities of the last months, pledge campaigns with signatures, task forces (some
 * regions and agencies deliberately without one). Dates are relative to the seeding day so the
 * 90-day coverage figures show something. What it creates is kept under `app_meta.demo_prevention`
 * and removed first on a re-seed.
 */
type Manifest = {
  activityIds: string[];
  campaignIds: string[];
  taskForceIds: string[];
  templateIds: string[];
};

export type PreventionDemoContext = {
  data: DemoData;
  officeIdByKey: Map<string, string>;
  agencyIdByKey: Map<string, string>;
  staffIdByKey: Map<string, string>;
  userIdByUsername: Map<string, string>;
  now?: Date;
};

export const DEMO_LETTERHEADS: Record<
  string,
  {
    address: string;
    phone: string;
    email: string;
    website: string;
    letterCode: string;
    headTitle: string;
    headName: string;
  }
> = {
  balikpapan: {
    address: 'Jl. Jenderal Sudirman No. 00, Klandasan Ilir, Balikpapan Kota, Kota Balikpapan 76113',
    phone: '(0542) 000000',
    email: 'set.balikpapan@demo.netra.invalid',
    website: 'balikpapan.demo.netra.invalid',
    letterCode: 'KI-12.06',
    headTitle: 'Ketua Bawaslu Kota Balikpapan',
    headName: 'Nama Ketua Fiktif',
  },
  kalsel: {
    address: 'Jl. RE Martadinata No. 00, Banjarmasin 70111',
    phone: '(0511) 000000',
    email: 'set.kalsel@demo.netra.invalid',
    website: 'kalsel.demo.netra.invalid',
    letterCode: 'KI-15',
    headTitle: 'Ketua Bawaslu Provinsi Kalimantan Selatan',
    headName: 'Rahmat Hidayat',
  },
  banjarmasin: {
    address: 'Jl. Brigjend H. Hasan Basri No. 00, Banjarmasin 70124',
    phone: '(0511) 000001',
    email: 'set.banjarmasin@demo.netra.invalid',
    website: 'banjarmasin.demo.netra.invalid',
    letterCode: 'KI-15.08',
    headTitle: 'Ketua Bawaslu Kota Banjarmasin',
    headName: 'Nama Ketua Fiktif',
  },
  palangkaraya: {
    address: 'Jl. Tjilik Riwut Km. 0, Palangka Raya 73112',
    phone: '(0536) 000000',
    email: 'set.palangkaraya@demo.netra.invalid',
    website: 'palangkaraya.demo.netra.invalid',
    letterCode: 'KI-14.14',
    headTitle: 'Ketua Bawaslu Kota Palangka Raya',
    headName: 'Nama Ketua Fiktif',
  },
  bantul: {
    address: 'Jl. Jenderal Sudirman No. 00, Bantul 55711',
    phone: '(0274) 000000',
    email: 'set.bantul@demo.netra.invalid',
    website: 'bantul.demo.netra.invalid',
    letterCode: 'KI-04.02',
    headTitle: 'Ketua Bawaslu Kabupaten Bantul',
    headName: 'Slamet Wibowo',
  },
  blora: {
    address: 'Jl. Pemuda No. 00, Blora 58211',
    phone: '(0296) 000000',
    email: 'set.blora@demo.netra.invalid',
    website: 'blora.demo.netra.invalid',
    letterCode: 'KI-13.16',
    headTitle: 'Ketua Bawaslu Kabupaten Blora',
    headName: 'Nama Ketua Fiktif',
  },
};

export const DEMO_PLEDGE_TEXT = `Kami Aparatur Sipil Negara dengan ini berikrar:
1. Menjaga dan menegakkan prinsip netralitas ASN dalam melaksanakan tugas pelayanan publik, sebelum, selama dan sesudah pemilihan;
2. Menghindari konflik kepentingan, tidak melakukan intimidasi dan ancaman, serta tidak memihak kepada peserta pemilihan mana pun;
3. Menggunakan media sosial secara bijak: tidak menyebarkan ujaran kebencian dan berita bohong, tidak menyukai, membagikan atau mengomentari unggahan kampanye;
4. Menolak politik uang dan segala bentuk pemberian dalam pemilihan.`;

const TEMPLATES = [
  {
    name: 'Imbauan kepada Sekretaris Daerah',
    recipient_kind: 'regional_secretary' as const,
    subject: 'Imbauan Netralitas ASN pada {{pemilihan}}',
    body: `Dengan hormat,

Dalam rangka pengawasan {{pemilihan}} pada tahapan {{tahapan}}, Bawaslu mengimbau {{penerima}} untuk memastikan seluruh Aparatur Sipil Negara di lingkungan {{wilayah}} menjaga netralitas sebagaimana diatur dalam Undang-Undang Nomor 20 Tahun 2023 tentang ASN, Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin PNS, dan Surat Keputusan Bersama tentang Pedoman Pengawasan Netralitas ASN.

ASN dilarang antara lain: menghadiri atau terlibat dalam kampanye, memasang alat peraga, mengunggah, menyukai, mengomentari atau membagikan materi kampanye di media sosial, serta membuat keputusan atau tindakan yang menguntungkan atau merugikan peserta pemilihan.

Kami mohon agar imbauan ini diteruskan kepada seluruh perangkat daerah sampai tingkat kecamatan dan kelurahan. Atas perhatian dan kerja samanya kami ucapkan terima kasih.`,
  },
  {
    name: 'Imbauan kepada partai politik',
    recipient_kind: 'party' as const,
    subject: 'Imbauan untuk Tidak Melibatkan ASN dalam Kegiatan Kampanye',
    body: `Dengan hormat,

Sehubungan dengan pelaksanaan {{pemilihan}}, Bawaslu mengimbau {{penerima}} beserta tim kampanye untuk tidak melibatkan Aparatur Sipil Negara, anggota TNI/Polri, kepala desa dan perangkat desa dalam kegiatan kampanye di {{wilayah}}.

Pelibatan pihak-pihak tersebut merupakan pelanggaran yang dapat dikenai sanksi sesuai ketentuan peraturan perundang-undangan. Demikian imbauan ini kami sampaikan untuk dilaksanakan.`,
  },
];

/**
 * Removes the prevention demo data, and loosens what other prevention records hold on the demo
 * agencies and staff about to be removed (signatures of demo staff, links to demo agencies are
 * deleted), so `seed --demo` can re-create the demo after people tried it out. Demo users keep their
 * ids across a re-seed, so what they recorded stays attributed to them.
 */
export async function removePreventionDemoInTx(
  tx: Transaction<Tables>,
  demo: { agencyIds: string[] } = { agencyIds: [] },
): Promise<void> {
  if (demo.agencyIds.length) {
    const agencies = demo.agencyIds;
    const staff = tx.selectFrom('staff').select('id').where('agency_id', 'in', agencies);
    await tx.deleteFrom('pledge_signatures').where('staff_id', 'in', staff).execute();
    await tx
      .updateTable('prevention_attendees')
      .set({ staff_id: null })
      .where('staff_id', 'in', staff)
      .execute();
    await tx
      .updateTable('task_force_members')
      .set({ staff_id: null })
      .where('staff_id', 'in', staff)
      .execute();
    await tx.deleteFrom('prevention_activity_agencies').where('agency_id', 'in', agencies).execute();
    await tx.deleteFrom('pledge_campaigns').where('agency_id', 'in', agencies).execute();
    await tx.deleteFrom('task_forces').where('agency_id', 'in', agencies).execute();
    await tx
      .updateTable('appeal_letters')
      .set({ agency_id: null })
      .where('agency_id', 'in', agencies)
      .execute();
  }
  const row = await tx
    .selectFrom('app_meta')
    .select('value')
    .where('key', '=', 'demo_prevention')
    .executeTakeFirst();
  if (!row) return;
  const m = row.value as Manifest;
  if (m.campaignIds.length)
    await tx.deleteFrom('pledge_campaigns').where('id', 'in', m.campaignIds).execute();
  if (m.activityIds.length)
    await tx.deleteFrom('prevention_activities').where('id', 'in', m.activityIds).execute();
  if (m.taskForceIds.length) await tx.deleteFrom('task_forces').where('id', 'in', m.taskForceIds).execute();
  if (m.templateIds.length)
    await tx.deleteFrom('appeal_letter_templates').where('id', 'in', m.templateIds).execute();
  await tx.deleteFrom('app_meta').where('key', '=', 'demo_prevention').execute();
}

const daysAgo = (today: string, n: number) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};

export async function seedPreventionDemo(tx: Transaction<Tables>, ctx: PreventionDemoContext): Promise<void> {
  const today = todayWib(ctx.now ?? new Date());
  const manifest: Manifest = { activityIds: [], campaignIds: [], taskForceIds: [], templateIds: [] };
  const agency = (key: string) => ctx.agencyIdByKey.get(key);
  const analyst = ctx.userIdByUsername.get('analis.balikpapan') ?? null;

  for (const [key, l] of Object.entries(DEMO_LETTERHEADS)) {
    const officeId = ctx.officeIdByKey.get(key);
    if (!officeId) continue;
    await tx
      .updateTable('offices')
      .set({
        address: l.address,
        phone: l.phone,
        email: l.email,
        website: l.website,
        letter_code: l.letterCode,
        head_title: l.headTitle,
        head_name: l.headName,
      })
      .where('id', '=', officeId)
      .execute();
    for (const t of TEMPLATES) {
      const row = await tx
        .insertInto('appeal_letter_templates')
        .values({ office_id: officeId, ...t })
        .onConflict((oc) => oc.columns(['office_id', 'name']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row) manifest.templateIds.push(row.id);
    }
  }

  const packs = await activePacks(tx);
  const activities: {
    office: string;
    region: string;
    kind: 'sosialisasi' | 'rapat_koordinasi' | 'diseminasi' | 'patroli_siber';
    title: string;
    ago: number;
    participants: number;
    agencies: string[];
    location: string;
  }[] = [
    {
      office: 'balikpapan',
      region: '64.71',
      kind: 'sosialisasi',
      title: 'Sosialisasi Netralitas ASN bagi Camat dan Lurah',
      ago: 12,
      participants: 85,
      agencies: ['64.71:pemda'],
      location: 'Aula Kantor Wali Kota',
    },
    {
      office: 'balikpapan',
      region: '64.71',
      kind: 'rapat_koordinasi',
      title: 'Rapat Koordinasi Satgas Netralitas ASN',
      ago: 30,
      participants: 24,
      agencies: ['64.71:pemda', '64.71:kemenag'],
      location: 'Kantor Bawaslu Kota Balikpapan',
    },
    {
      office: 'balikpapan',
      region: '64.71',
      kind: 'patroli_siber',
      title: 'Patroli Siber Akun Media Sosial ASN',
      ago: 5,
      participants: 6,
      agencies: [],
      location: 'Daring',
    },
    {
      office: 'balikpapan',
      region: '64.71',
      kind: 'diseminasi',
      title: 'Diseminasi Surat Edaran Netralitas ke Puskesmas',
      ago: 140,
      participants: 40,
      agencies: ['64.71:puskesmas'],
      location: 'Puskesmas',
    },
    {
      office: 'banjarmasin',
      region: '63.71',
      kind: 'sosialisasi',
      title: 'Sosialisasi “Jempolmu Harimaumu” bagi ASN',
      ago: 20,
      participants: 120,
      agencies: ['63.71:pemda'],
      location: 'Balai Kota Banjarmasin',
    },
    {
      office: 'palangkaraya',
      region: '62.71',
      kind: 'sosialisasi',
      title: 'Sosialisasi Netralitas ASN Kemenag',
      ago: 45,
      participants: 60,
      agencies: ['62.71:kemenag'],
      location: 'Kantor Kemenag',
    },
    {
      office: 'bantul',
      region: '34.02',
      kind: 'rapat_koordinasi',
      title: 'Rakor Pengawasan Netralitas ASN Kabupaten Bantul',
      ago: 70,
      participants: 35,
      agencies: ['34.02:pemda'],
      location: 'Kantor Bupati Bantul',
    },
  ];
  for (const a of activities) {
    const officeId = ctx.officeIdByKey.get(a.office);
    if (!officeId) continue;
    const heldOn = daysAgo(today, a.ago);
    const stage = stageOn(packs, a.region, heldOn);
    const row = await tx
      .insertInto('prevention_activities')
      .values({
        kind: a.kind,
        title: a.title,
        description: 'Data demo fiktif.',
        held_on: heldOn,
        location: a.location,
        region_code: a.region,
        office_id: officeId,
        participants: a.participants,
        pack_id: stage?.packId ?? null,
        stage_code: stage?.code ?? null,
        created_by: analyst,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    manifest.activityIds.push(row.id);
    const ids = a.agencies.map(agency).filter((x): x is string => Boolean(x));
    if (ids.length)
      await tx
        .insertInto('prevention_activity_agencies')
        .values(ids.map((agency_id) => ({ activity_id: row.id, agency_id })))
        .execute();
  }

  // Pledge campaigns: the Balikpapan city government (about two thirds signed), Banjarmasin region-wide.
  const campaigns = [
    {
      office: 'balikpapan',
      region: '64.71',
      agencyKey: '64.71:pemda',
      title: 'Ikrar Netralitas ASN Pemerintah Kota Balikpapan',
      share: 2 / 3,
    },
    {
      office: 'banjarmasin',
      region: '63.71',
      agencyKey: null,
      title: 'Ikrar Netralitas ASN se-Kota Banjarmasin',
      share: 0.4,
    },
  ];
  for (const c of campaigns) {
    const officeId = ctx.officeIdByKey.get(c.office);
    if (!officeId) continue;
    const agencyId = c.agencyKey ? (agency(c.agencyKey) ?? null) : null;
    const row = await tx
      .insertInto('pledge_campaigns')
      .values({
        title: c.title,
        text: DEMO_PLEDGE_TEXT,
        region_code: c.region,
        agency_id: agencyId,
        office_id: officeId,
        opens_on: daysAgo(today, 25),
        closes_on: null,
        created_by: analyst,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    manifest.campaignIds.push(row.id);
    const staff = ctx.data.staff.filter((s) =>
      c.agencyKey
        ? s.agencyKey === c.agencyKey
        : s.regionCode === c.region || s.regionCode.startsWith(`${c.region}.`),
    );
    const signers = staff.filter((_, i) => (i * 7919) % 100 < c.share * 100);
    for (let i = 0; i < signers.length; i += 500)
      await tx
        .insertInto('pledge_signatures')
        .values(
          signers.slice(i, i + 500).map((s, j) => ({
            campaign_id: row.id,
            staff_id: ctx.staffIdByKey.get(s.key)!,
            method: (i + j) % 4 === 0 ? ('attendance_list' as const) : ('online' as const),
            signed_at: new Date(
              Date.parse(`${daysAgo(today, 20 - ((i + j) % 20))}T02:00:00Z`) + ((i + j) % 300) * 60_000,
            ),
          })),
        )
        .execute();
  }

  // Task forces: the Balikpapan city government and Kemenag Banjarmasin; region-level in Bantul.
  const forces = [
    {
      office: 'balikpapan',
      region: '64.71',
      agencyKey: '64.71:pemda',
      name: 'Satgas Netralitas ASN Pemerintah Kota Balikpapan',
      decree: '100.3.3.2/0000/HK/2024',
      head: 'Sekretaris Daerah Kota Balikpapan',
      headUser: 'satgas.balikpapan',
    },
    {
      office: 'banjarmasin',
      region: '63.71',
      agencyKey: '63.71:kemenag',
      name: 'Satgas Netralitas ASN Kemenag Kota Banjarmasin',
      decree: 'B-0000/Kk.17.08/1/KP.00/2024',
      head: 'Kepala Subbagian Tata Usaha',
      headUser: null,
    },
    {
      office: 'bantul',
      region: '34.02',
      agencyKey: null,
      name: 'Satgas Pembinaan dan Pengawasan Netralitas ASN Kabupaten Bantul',
      decree: '000.1/0000/2024',
      head: 'Sekretaris Daerah Kabupaten Bantul',
      headUser: null,
    },
  ];
  for (const f of forces) {
    const officeId = ctx.officeIdByKey.get(f.office);
    if (!officeId) continue;
    const row = await tx
      .insertInto('task_forces')
      .values({
        name: f.name,
        region_code: f.region,
        agency_id: f.agencyKey ? (agency(f.agencyKey) ?? null) : null,
        office_id: officeId,
        decree_number: f.decree,
        decree_date: daysAgo(today, 200),
        head_name: f.head,
        head_user_id: f.headUser ? (ctx.userIdByUsername.get(f.headUser) ?? null) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    manifest.taskForceIds.push(row.id);
    await tx
      .insertInto('task_force_members')
      .values([
        { task_force_id: row.id, name: f.head, position: f.head, role: 'ketua' },
        {
          task_force_id: row.id,
          name: 'Kepala Badan Kepegawaian dan Pengembangan SDM',
          position: 'Kepala BKPSDM',
          role: 'sekretaris',
        },
        { task_force_id: row.id, name: 'Inspektur Daerah', position: 'Inspektur', role: 'anggota' },
        { task_force_id: row.id, name: 'Kepala Bagian Hukum', position: 'Kabag Hukum', role: 'anggota' },
      ])
      .execute();
  }

  await tx
    .insertInto('app_meta')
    .values({ key: 'demo_prevention', value: JSON.stringify(manifest) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(manifest) }))
    .execute();
}
