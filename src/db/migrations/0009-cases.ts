import { type Kysely, sql } from 'kysely';

/**
 * Case handling (issue 7): cases with an append-only event log (status is a cached fold of the
 * events), supervision reports (Form A findings), evidence, parties, related-case links, deadlines
 * cached for reminders and the overdue list, the working-day calendar (holidays and collective
 * leave maintained by administrators), the 2022 joint-decree catalogue of violation forms, the
 * competent agencies cases are forwarded to (KASN until 23 Aug 2024, BKN from 24 Aug 2024), and
 * in-app notifications.
 */

/**
 * The 2022 joint decree's catalogue (SKB MenPANRB 2/2022, Mendagri 800-5474/2022, BKN 246/2022,
 * KASN 30/2022, Bawaslu 1447.1/PM.01/K.1/09/2022), rebuilt from secondary transcriptions; editable
 * by administrators afterwards. DS-3, DS-8 and DS-9 are marked disputed: sources disagree on the level.
 */
const FORMS: [
  string,
  'etik' | 'disiplin',
  string,
  string,
  string,
  string,
  'bakal_calon' | 'calon' | null,
  string | null,
][] = [
  [
    'KE-1',
    'etik',
    'Memasang spanduk/baliho/alat peraga lainnya terkait bakal calon peserta Pemilu/Pemilihan',
    'moral',
    'PP 42/2004 Pasal 15',
    'atribut_simbol',
    'bakal_calon',
    null,
  ],
  [
    'KE-2',
    'etik',
    'Sosialisasi/kampanye media sosial/online bakal calon (Presiden/Wapres, DPR, DPD, DPRD, kepala daerah)',
    'moral',
    'PP 42/2004 Pasal 15',
    'dukungan_medsos',
    'bakal_calon',
    null,
  ],
  [
    'KE-3',
    'etik',
    'Menghadiri deklarasi/kampanye pasangan bakal calon dan memberikan tindakan/dukungan secara aktif',
    'moral',
    'PP 42/2004 Pasal 15',
    'kegiatan_kampanye',
    'bakal_calon',
    null,
  ],
  [
    'KE-4',
    'etik',
    'Membuat posting, comment, share, like, bergabung/follow dalam grup/akun pemenangan bakal calon',
    'moral',
    'PP 42/2004 Pasal 15',
    'dukungan_medsos',
    'bakal_calon',
    null,
  ],
  [
    'KE-5',
    'etik',
    'Memposting foto bersama bakal calon/tim sukses dengan simbol keberpihakan, atribut partai atau latar bakal calon/partai',
    'moral',
    'PP 42/2004 Pasal 15',
    'atribut_simbol',
    'bakal_calon',
    null,
  ],
  [
    'KE-6',
    'etik',
    'Ikut dalam kegiatan kampanye/sosialisasi/pengenalan bakal calon atau partai politik',
    'moral',
    'PP 42/2004 Pasal 15',
    'kegiatan_kampanye',
    'bakal_calon',
    null,
  ],
  [
    'KE-7',
    'etik',
    'Menghadiri deklarasi/kampanye pasangan (suami/istri) calon tanpa cuti di luar tanggungan negara',
    'moral',
    'PP 42/2004 Pasal 15',
    'kegiatan_kampanye',
    null,
    null,
  ],
  [
    'DS-1',
    'disiplin',
    'Memasang spanduk/baliho/alat peraga lainnya terkait calon peserta Pemilu/Pemilihan',
    'berat',
    'PP 94/2021 Pasal 14 huruf i',
    'atribut_simbol',
    'calon',
    null,
  ],
  [
    'DS-2',
    'disiplin',
    'Sosialisasi/kampanye media sosial/online calon peserta Pemilu/Pemilihan',
    'berat',
    'PP 94/2021 Pasal 5 huruf n, Pasal 14',
    'dukungan_medsos',
    'calon',
    null,
  ],
  [
    'DS-3',
    'disiplin',
    'Melakukan pendekatan ke partai politik sebagai bakal calon atau ke masyarakat sebagai bakal calon perseorangan tanpa cuti di luar tanggungan negara',
    'sedang',
    'PP 94/2021 Pasal 13',
    'pencalonan',
    'bakal_calon',
    'Sumber berbeda: sedang (Kompas, Tribun) atau berat (satu situs) / sources disagree: moderate or severe',
  ],
  [
    'DS-4',
    'disiplin',
    'Menghadiri deklarasi/kampanye pasangan calon dan memberikan tindakan/dukungan keberpihakan',
    'berat',
    'PP 94/2021 Pasal 5 huruf n, Pasal 14',
    'kegiatan_kampanye',
    'calon',
    null,
  ],
  [
    'DS-5',
    'disiplin',
    'Menjadi anggota dan/atau pengurus partai politik',
    'ptdh',
    'UU 5/2014 Pasal 87 ayat (4) huruf c; PPPK: PP 49/2018 Pasal 53 ayat (3) huruf c',
    'pencalonan',
    null,
    null,
  ],
  [
    'DS-6',
    'disiplin',
    'Membuat posting, comment, share, like, bergabung/follow dalam grup/akun pemenangan calon',
    'berat',
    'PP 94/2021 Pasal 5 huruf n, Pasal 14',
    'dukungan_medsos',
    'calon',
    null,
  ],
  [
    'DS-7',
    'disiplin',
    'Memposting foto bersama calon/tim kampanye dengan simbol keberpihakan, atribut partai atau alat peraga calon sebagai bentuk dukungan',
    'berat',
    'PP 94/2021 Pasal 5 huruf n, Pasal 14',
    'atribut_simbol',
    'calon',
    null,
  ],
  [
    'DS-8',
    'disiplin',
    'Kegiatan yang mengarah keberpihakan (pertemuan, ajakan, imbauan, seruan, pemberian barang) kepada ASN di lingkungan unit kerja, keluarga, dan masyarakat',
    'berat',
    'PP 94/2021 Pasal 5 huruf n angka 6, Pasal 14',
    'ajakan',
    'calon',
    'Sumber berbeda: berat (Kompas) atau sedang (Tribun) / sources disagree: severe or moderate',
  ],
  [
    'DS-9',
    'disiplin',
    'Menjadi tim ahli/tim pemenangan/konsultan bakal calon sebelum penetapan peserta',
    'sedang',
    'PP 94/2021 Pasal 13',
    'kegiatan_kampanye',
    'bakal_calon',
    'Sumber berbeda: teks Kompas terpotong (kemungkinan sedang); Tribun menggabungkan dengan DS-10 sebagai berat / sources disagree',
  ],
  [
    'DS-10',
    'disiplin',
    'Menjadi tim ahli/tim pemenangan/konsultan partai/calon setelah penetapan peserta',
    'berat',
    'PP 94/2021 Pasal 14',
    'kegiatan_kampanye',
    'calon',
    null,
  ],
  [
    'DS-11',
    'disiplin',
    'Mendukung bakal calon perseorangan (kepala daerah/DPD) dengan surat dukungan atau mengumpulkan fotokopi KTP/surat keterangan penduduk',
    'berat',
    'PP 94/2021 Pasal 14',
    'pencalonan',
    'bakal_calon',
    null,
  ],
  [
    'DS-12',
    'disiplin',
    'Membuat keputusan/tindakan yang menguntungkan atau merugikan partai/calon sebelum, selama, atau sesudah kampanye',
    'berat',
    'PP 94/2021 Pasal 5 huruf n, Pasal 14',
    'fasilitas_jabatan',
    'calon',
    null,
  ],
  [
    'DS-13',
    'disiplin',
    'Pelanggaran lain yang diatur dalam peraturan perundang-undangan',
    'sesuai_ketentuan',
    'Sesuai peraturan perundang-undangan yang dilanggar',
    'fasilitas_jabatan',
    null,
    null,
  ],
];

/**
 * National holidays (libur nasional) and collective leave (cuti bersama) 2024–2026 from the joint
 * decrees of the Ministers of Religious Affairs, Manpower and Administrative Reform (SKB 3 Menteri)
 * as amended, plus the 2024 voting days declared holidays by presidential decree.
 */
const SKB_2024 = 'SKB 855/2023, 3/2023, 4/2023 jo. SKB 236/2024, 1/2024, 2/2024';
const SKB_2025 = 'SKB 1017/2024, 2/2024, 2/2024 jo. SKB 933/2025, 1/2025, 3/2025';
const SKB_2026 = 'SKB 1497/2025, 2/2025, 5/2025';
const L = 'libur_nasional';
const C = 'cuti_bersama';
const HOLIDAYS: [string, string, string, string][] = [
  ['2024-01-01', 'Tahun Baru 2024 Masehi', L, SKB_2024],
  ['2024-02-08', 'Isra Mikraj Nabi Muhammad SAW', L, SKB_2024],
  ['2024-02-09', 'Cuti bersama Tahun Baru Imlek', C, SKB_2024],
  ['2024-02-10', 'Tahun Baru Imlek 2575 Kongzili', L, SKB_2024],
  ['2024-02-14', 'Pemungutan suara Pemilu 2024', L, 'Keppres 10/2024'],
  ['2024-03-11', 'Hari Suci Nyepi Tahun Baru Saka 1946', L, SKB_2024],
  ['2024-03-12', 'Cuti bersama Hari Suci Nyepi', C, SKB_2024],
  ['2024-03-29', 'Wafat Isa Almasih', L, SKB_2024],
  ['2024-03-31', 'Kebangkitan Isa Almasih (Paskah)', L, SKB_2024],
  ['2024-04-08', 'Cuti bersama Idul Fitri 1445 H', C, SKB_2024],
  ['2024-04-09', 'Cuti bersama Idul Fitri 1445 H', C, SKB_2024],
  ['2024-04-10', 'Idul Fitri 1445 H', L, SKB_2024],
  ['2024-04-11', 'Idul Fitri 1445 H', L, SKB_2024],
  ['2024-04-12', 'Cuti bersama Idul Fitri 1445 H', C, SKB_2024],
  ['2024-04-15', 'Cuti bersama Idul Fitri 1445 H', C, SKB_2024],
  ['2024-05-01', 'Hari Buruh Internasional', L, SKB_2024],
  ['2024-05-09', 'Kenaikan Isa Almasih', L, SKB_2024],
  ['2024-05-10', 'Cuti bersama Kenaikan Isa Almasih', C, SKB_2024],
  ['2024-05-23', 'Hari Raya Waisak 2568 BE', L, SKB_2024],
  ['2024-05-24', 'Cuti bersama Hari Raya Waisak', C, SKB_2024],
  ['2024-06-01', 'Hari Lahir Pancasila', L, SKB_2024],
  ['2024-06-17', 'Idul Adha 1445 H', L, SKB_2024],
  ['2024-06-18', 'Cuti bersama Idul Adha 1445 H', C, SKB_2024],
  ['2024-07-07', 'Tahun Baru Islam 1446 H', L, SKB_2024],
  ['2024-08-17', 'Hari Kemerdekaan RI', L, SKB_2024],
  ['2024-09-16', 'Maulid Nabi Muhammad SAW', L, SKB_2024],
  ['2024-11-27', 'Pemungutan suara Pilkada Serentak 2024', L, 'Keppres 33/2024'],
  ['2024-12-25', 'Hari Raya Natal', L, SKB_2024],
  ['2024-12-26', 'Cuti bersama Hari Raya Natal', C, SKB_2024],
  ['2025-01-01', 'Tahun Baru 2025 Masehi', L, SKB_2025],
  ['2025-01-27', 'Isra Mikraj Nabi Muhammad SAW', L, SKB_2025],
  ['2025-01-28', 'Cuti bersama Tahun Baru Imlek', C, SKB_2025],
  ['2025-01-29', 'Tahun Baru Imlek 2576 Kongzili', L, SKB_2025],
  ['2025-03-28', 'Cuti bersama Hari Suci Nyepi', C, SKB_2025],
  ['2025-03-29', 'Hari Suci Nyepi Tahun Baru Saka 1947', L, SKB_2025],
  ['2025-03-31', 'Idul Fitri 1446 H', L, SKB_2025],
  ['2025-04-01', 'Idul Fitri 1446 H', L, SKB_2025],
  ['2025-04-02', 'Cuti bersama Idul Fitri 1446 H', C, SKB_2025],
  ['2025-04-03', 'Cuti bersama Idul Fitri 1446 H', C, SKB_2025],
  ['2025-04-04', 'Cuti bersama Idul Fitri 1446 H', C, SKB_2025],
  ['2025-04-07', 'Cuti bersama Idul Fitri 1446 H', C, SKB_2025],
  ['2025-04-18', 'Wafat Yesus Kristus', L, SKB_2025],
  ['2025-04-20', 'Kebangkitan Yesus Kristus (Paskah)', L, SKB_2025],
  ['2025-05-01', 'Hari Buruh Internasional', L, SKB_2025],
  ['2025-05-12', 'Hari Raya Waisak 2569 BE', L, SKB_2025],
  ['2025-05-13', 'Cuti bersama Hari Raya Waisak', C, SKB_2025],
  ['2025-05-29', 'Kenaikan Yesus Kristus', L, SKB_2025],
  ['2025-05-30', 'Cuti bersama Kenaikan Yesus Kristus', C, SKB_2025],
  ['2025-06-01', 'Hari Lahir Pancasila', L, SKB_2025],
  ['2025-06-06', 'Idul Adha 1446 H', L, SKB_2025],
  ['2025-06-09', 'Cuti bersama Idul Adha 1446 H', C, SKB_2025],
  ['2025-06-27', 'Tahun Baru Islam 1447 H', L, SKB_2025],
  ['2025-08-17', 'Hari Kemerdekaan RI', L, SKB_2025],
  ['2025-08-18', 'Cuti bersama HUT ke-80 Kemerdekaan RI', C, SKB_2025],
  ['2025-09-05', 'Maulid Nabi Muhammad SAW', L, SKB_2025],
  ['2025-12-25', 'Kelahiran Yesus Kristus', L, SKB_2025],
  ['2025-12-26', 'Cuti bersama Kelahiran Yesus Kristus', C, SKB_2025],
  ['2026-01-01', 'Tahun Baru 2026 Masehi', L, SKB_2026],
  ['2026-01-16', 'Isra Mikraj Nabi Muhammad SAW', L, SKB_2026],
  ['2026-02-16', 'Cuti bersama Tahun Baru Imlek', C, SKB_2026],
  ['2026-02-17', 'Tahun Baru Imlek 2577 Kongzili', L, SKB_2026],
  ['2026-03-18', 'Cuti bersama Hari Suci Nyepi', C, SKB_2026],
  ['2026-03-19', 'Hari Suci Nyepi Tahun Baru Saka 1948', L, SKB_2026],
  ['2026-03-20', 'Cuti bersama Idul Fitri 1447 H', C, SKB_2026],
  ['2026-03-21', 'Idul Fitri 1447 H', L, SKB_2026],
  ['2026-03-22', 'Idul Fitri 1447 H', L, SKB_2026],
  ['2026-03-23', 'Cuti bersama Idul Fitri 1447 H', C, SKB_2026],
  ['2026-03-24', 'Cuti bersama Idul Fitri 1447 H', C, SKB_2026],
  ['2026-04-03', 'Wafat Yesus Kristus', L, SKB_2026],
  ['2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)', L, SKB_2026],
  ['2026-05-01', 'Hari Buruh Internasional', L, SKB_2026],
  ['2026-05-14', 'Kenaikan Yesus Kristus', L, SKB_2026],
  ['2026-05-15', 'Cuti bersama Kenaikan Yesus Kristus', C, SKB_2026],
  ['2026-05-27', 'Idul Adha 1447 H', L, SKB_2026],
  ['2026-05-28', 'Cuti bersama Idul Adha 1447 H', C, SKB_2026],
  ['2026-05-31', 'Hari Raya Waisak 2570 BE', L, SKB_2026],
  ['2026-06-01', 'Hari Lahir Pancasila', L, SKB_2026],
  ['2026-06-16', 'Tahun Baru Islam 1448 H', L, SKB_2026],
  ['2026-08-17', 'Hari Kemerdekaan RI', L, SKB_2026],
  ['2026-08-25', 'Maulid Nabi Muhammad SAW', L, SKB_2026],
  ['2026-12-24', 'Cuti bersama Kelahiran Yesus Kristus', C, SKB_2026],
  ['2026-12-25', 'Kelahiran Yesus Kristus', L, SKB_2026],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE violation_forms (
      code             text PRIMARY KEY,
      kind             text NOT NULL CHECK (kind IN ('etik', 'disiplin')),
      title            text NOT NULL,
      default_sanction text NOT NULL,
      legal_basis      text NOT NULL,
      category         text NOT NULL,
      candidate_stage  text CHECK (candidate_stage IN ('bakal_calon', 'calon')),
      disputed         boolean NOT NULL DEFAULT false,
      note             text,
      sort             integer NOT NULL DEFAULT 0,
      updated_at       timestamptz NOT NULL DEFAULT now(),
      updated_by       uuid REFERENCES users(id)
    )
  `.execute(db);
  await sql`
    CREATE TABLE holidays (
      date       date PRIMARY KEY,
      name       text NOT NULL,
      kind       text NOT NULL CHECK (kind IN ('libur_nasional', 'cuti_bersama')),
      source     text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES users(id)
    )
  `.execute(db);
  await sql`
    CREATE TABLE competent_agencies (
      code       text PRIMARY KEY,
      name       text NOT NULL,
      address    text NOT NULL,
      valid_from date NOT NULL,
      valid_to   date,
      legal_basis text NOT NULL
    )
  `.execute(db);
  await sql`
    CREATE TABLE cases (
      id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number               text NOT NULL,
      office_id            uuid NOT NULL REFERENCES offices(id),
      region_code          text NOT NULL REFERENCES regions(code),
      agency_id            uuid REFERENCES agencies(id),
      staff_id             uuid REFERENCES staff(id),
      origin               text NOT NULL CHECK (origin IN ('finding', 'alert', 'report')),
      origin_id            text NOT NULL,
      regime               text NOT NULL CHECK (regime IN ('pemilu', 'pilkada')),
      pack_id              text,
      title                text NOT NULL,
      description          text NOT NULL,
      reported_name        text,
      place                text,
      occurred_on          date,
      known_on             date NOT NULL,
      opened_at            timestamptz NOT NULL,
      status               text NOT NULL,
      category             text,
      stage_code           text,
      candidate_stage      text CHECK (candidate_stage IN ('bakal_calon', 'calon')),
      candidate_stage_overridden boolean NOT NULL DEFAULT false,
      violation_form_codes text[] NOT NULL DEFAULT '{}',
      outcome              text CHECK (outcome IN ('violation', 'no_violation', 'stopped')),
      decided_at           timestamptz,
      forwarded_at         timestamptz,
      forwarded_to         text,
      sanction_recommended text,
      sanction_imposed     text,
      sanction_imposed_at  date,
      merged_into          uuid REFERENCES cases(id),
      closed_at            timestamptz,
      event_count          integer NOT NULL DEFAULT 0,
      created_by           uuid REFERENCES users(id),
      created_at           timestamptz NOT NULL DEFAULT now(),
      updated_at           timestamptz NOT NULL DEFAULT now(),
      UNIQUE (office_id, number),
      UNIQUE (origin, origin_id)
    )
  `.execute(db);
  await sql`CREATE INDEX cases_region_idx ON cases (region_code text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX cases_status_idx ON cases (status)`.execute(db);
  await sql`CREATE INDEX cases_staff_idx ON cases (staff_id)`.execute(db);
  await sql`CREATE INDEX cases_opened_idx ON cases (opened_at)`.execute(db);
  await sql`
    CREATE TABLE case_events (
      id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id         uuid NOT NULL REFERENCES cases(id),
      seq             integer NOT NULL,
      type            text NOT NULL,
      actor_id        uuid REFERENCES users(id),
      at              timestamptz NOT NULL,
      payload         jsonb NOT NULL DEFAULT '{}',
      idempotency_key text UNIQUE,
      created_at      timestamptz NOT NULL DEFAULT now(),
      UNIQUE (case_id, seq)
    )
  `.execute(db);
  await sql`
    CREATE TABLE supervision_reports (
      id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      office_id          uuid NOT NULL REFERENCES offices(id),
      region_code        text NOT NULL REFERENCES regions(code),
      stage              text NOT NULL,
      supervisor_name    text NOT NULL,
      supervisor_position text NOT NULL,
      duty_order_number  text NOT NULL,
      activity_form      text NOT NULL,
      activity_purpose   text,
      activity_target    text,
      activity_at        timestamptz NOT NULL,
      activity_place     text NOT NULL,
      description        text NOT NULL,
      violation          jsonb NOT NULL,
      created_by         uuid REFERENCES users(id),
      created_at         timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`
    CREATE TABLE case_evidence (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id     uuid NOT NULL REFERENCES cases(id),
      kind        text NOT NULL CHECK (kind IN ('file', 'url', 'note')),
      sha256      text,
      filename    text,
      media_type  text,
      url         text,
      description text NOT NULL,
      added_by    uuid REFERENCES users(id),
      created_at  timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`CREATE INDEX case_evidence_case_idx ON case_evidence (case_id)`.execute(db);
  await sql`
    CREATE TABLE case_parties (
      id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id    uuid NOT NULL REFERENCES cases(id),
      role       text NOT NULL CHECK (role IN ('terlapor', 'pelapor', 'saksi', 'ahli', 'lainnya')),
      name       text NOT NULL,
      staff_id   uuid REFERENCES staff(id),
      details    text,
      created_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`CREATE INDEX case_parties_case_idx ON case_parties (case_id)`.execute(db);
  await sql`
    CREATE TABLE case_links (
      case_id    uuid NOT NULL REFERENCES cases(id),
      related_id uuid NOT NULL REFERENCES cases(id),
      reason     text NOT NULL CHECK (reason IN ('same_staff', 'same_event', 'manual', 'merged')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_id, related_id)
    )
  `.execute(db);
  await sql`
    CREATE TABLE case_deadlines (
      case_id          uuid NOT NULL REFERENCES cases(id),
      kind             text NOT NULL,
      due_on           date NOT NULL,
      due_at           timestamptz NOT NULL,
      met_at           timestamptz,
      reminded_before_at timestamptz,
      reminded_at_expiry timestamptz,
      PRIMARY KEY (case_id, kind)
    )
  `.execute(db);
  await sql`CREATE INDEX case_deadlines_open_idx ON case_deadlines (due_at) WHERE met_at IS NULL`.execute(db);
  await sql`
    CREATE TABLE notifications (
      id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id    uuid NOT NULL REFERENCES users(id),
      kind       text NOT NULL,
      title      text NOT NULL,
      body       text NOT NULL,
      link       text,
      subject_type text,
      subject_id text,
      dedupe_key text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at    timestamptz
    )
  `.execute(db);
  await sql`CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC)`.execute(db);

  for (const [i, [code, kind, title, sanction, basis, category, stage, note]] of FORMS.entries())
    await sql`
      INSERT INTO violation_forms (code, kind, title, default_sanction, legal_basis, category, candidate_stage, disputed, note, sort)
      VALUES (${code}, ${kind}, ${title}, ${sanction}, ${basis}, ${category}, ${stage}, ${note !== null}, ${note}, ${i + 1})
    `.execute(db);
  for (const [date, name, kind, source] of HOLIDAYS)
    await sql`INSERT INTO holidays (date, name, kind, source) VALUES (${date}, ${name}, ${kind}, ${source})`.execute(
      db,
    );
  await sql`
    INSERT INTO competent_agencies (code, name, address, valid_from, valid_to, legal_basis) VALUES
      ('KASN', 'Ketua Komisi Aparatur Sipil Negara', 'Jakarta', '2014-01-15', '2024-08-23', 'UU 5/2014 Pasal 31; UU 20/2023 Pasal 70 ayat (3)'),
      ('BKN', 'Kepala Badan Kepegawaian Negara', 'Jakarta', '2024-08-24', NULL, 'Perpres 92/2024; SE MenPANRB 4/2024')
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'notifications',
    'case_deadlines',
    'case_links',
    'case_parties',
    'case_evidence',
    'supervision_reports',
    'case_events',
    'cases',
    'competent_agencies',
    'holidays',
    'violation_forms',
  ])
    await sql`DROP TABLE ${sql.table(t)}`.execute(db);
}
