/**
 * Registry import rules (pure): which spreadsheet columns mean what, and what makes a row valid.
 * Personnel offices (BKD/BKPSDM) export with Indonesian headers in many spellings ("NIP Baru",
 * "Gol/Ruang", "Unit Kerja"); `mapHeaders` recognises the common variants. Row numbers are
 * spreadsheet rows: the header is row 1, the first data row is row 2. Messages are in Indonesian,
 * ready to print as `baris N: <field>: <reason>`.
 */
import { parseNip } from './nip.ts';

export const IMPORT_KINDS = ['staff', 'agencies', 'accounts'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type RowError = { row: number; field: string; message: string };

type FieldSpec = { label: string; required: boolean; aliases: string[] };

/** Columns per import kind: the canonical header (used in templates) and accepted variants. */
export const IMPORT_COLUMNS = {
  staff: {
    nip: {
      label: 'NIP',
      required: false,
      aliases: ['nip', 'nip baru', 'nip 18', 'nip 18 digit', 'nomor induk pegawai'],
    },
    name: {
      label: 'Nama',
      required: true,
      aliases: ['nama', 'nama pegawai', 'nama lengkap', 'nama asn', 'nama pns'],
    },
    status: {
      label: 'Status Pegawai',
      required: false,
      aliases: ['status pegawai', 'status', 'status kepegawaian', 'jenis pegawai', 'kedudukan'],
    },
    positionType: {
      label: 'Jenis Jabatan',
      required: false,
      aliases: ['jenis jabatan', 'jenis jab', 'kelompok jabatan', 'tipe jabatan'],
    },
    positionName: {
      label: 'Jabatan',
      required: false,
      aliases: ['jabatan', 'nama jabatan', 'jabatan terakhir'],
    },
    rank: {
      label: 'Golongan',
      required: false,
      aliases: [
        'golongan',
        'gol',
        'gol ruang',
        'gol/ruang',
        'golongan/ruang',
        'golongan ruang',
        'pangkat/golongan',
        'pangkat golongan',
        'pangkat/gol',
      ],
    },
    agency: { label: 'Instansi', required: true, aliases: ['instansi', 'nama instansi', 'instansi induk'] },
    unit: {
      label: 'Unit Kerja',
      required: false,
      aliases: ['unit kerja', 'unit organisasi', 'unor', 'opd', 'satuan kerja', 'satker', 'perangkat daerah'],
    },
    regionCode: {
      label: 'Kode Wilayah',
      required: false,
      aliases: ['kode wilayah', 'kode daerah', 'kode kemendagri'],
    },
    active: { label: 'Aktif', required: false, aliases: ['aktif', 'status aktif', 'keaktifan'] },
  },
  agencies: {
    name: { label: 'Nama Instansi', required: true, aliases: ['nama instansi', 'instansi', 'nama'] },
    kind: { label: 'Jenis', required: true, aliases: ['jenis', 'jenis instansi', 'tipe', 'tipe instansi'] },
    regionCode: {
      label: 'Kode Wilayah',
      required: true,
      aliases: ['kode wilayah', 'kode daerah', 'kode kemendagri'],
    },
    parent: { label: 'Instansi Induk', required: false, aliases: ['instansi induk', 'induk'] },
    taskForceHead: {
      label: 'Ketua Satgas',
      required: false,
      aliases: ['ketua satgas', 'kepala satgas', 'ketua satgas netralitas', 'ketua satgas netralitas asn'],
    },
    units: { label: 'Unit Kerja', required: false, aliases: ['unit kerja', 'daftar unit', 'unit', 'opd'] },
  },
  accounts: {
    platform: {
      label: 'Platform',
      required: true,
      aliases: ['platform', 'media sosial', 'medsos', 'jenis akun'],
    },
    handle: {
      label: 'Akun',
      required: true,
      aliases: ['akun', 'handle', 'nama akun', 'username', 'nama pengguna'],
    },
    profileUrl: {
      label: 'URL Profil',
      required: false,
      aliases: ['url profil', 'url', 'tautan', 'link', 'tautan profil'],
    },
    platformUserId: {
      label: 'ID Pengguna',
      required: false,
      aliases: ['id pengguna', 'id platform', 'user id', 'id akun'],
    },
    nip: { label: 'NIP', required: false, aliases: ['nip', 'nip pemilik', 'nip baru'] },
    linkSource: {
      label: 'Sumber Tautan',
      required: false,
      aliases: ['sumber tautan', 'sumber', 'dasar tautan', 'asal tautan'],
    },
    confidence: {
      label: 'Keyakinan',
      required: false,
      aliases: ['keyakinan', 'tingkat keyakinan', 'confidence'],
    },
    watchStatus: {
      label: 'Status Pantau',
      required: false,
      aliases: ['status pantau', 'pemantauan', 'status pemantauan'],
    },
    regionCode: { label: 'Kode Wilayah', required: false, aliases: ['kode wilayah', 'kode daerah'] },
  },
} as const satisfies Record<ImportKind, Record<string, FieldSpec>>;

export type FieldOf<K extends ImportKind> = keyof (typeof IMPORT_COLUMNS)[K] & string;

/** Lower case, no BOM, punctuation other than "/" as spaces, single spaces. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[._\-:()*]/g, ' ')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, ' ')
    .trim();
}

export type HeaderMapping<K extends ImportKind> = {
  /** For each column of the file, the field it fills, or null when ignored. */
  columns: (FieldOf<K> | null)[];
  errors: RowError[];
};

/**
 * Maps a header row to fields. Unknown columns are ignored (exports carry many); a missing required
 * column and a field given twice are errors on row 1.
 */
export function mapHeaders<K extends ImportKind>(kind: K, headers: string[]): HeaderMapping<K> {
  const specs = IMPORT_COLUMNS[kind] as Record<string, FieldSpec>;
  const byAlias = new Map<string, string>();
  for (const [field, spec] of Object.entries(specs)) for (const a of spec.aliases) byAlias.set(a, field);
  const errors: RowError[] = [];
  const seen = new Set<string>();
  const columns = headers.map((h) => {
    const field = byAlias.get(normaliseHeader(h));
    if (!field) return null;
    if (seen.has(field)) {
      errors.push({
        row: 1,
        field: h.trim(),
        message: `kolom untuk ${specs[field]!.label} muncul lebih dari sekali`,
      });
      return null;
    }
    seen.add(field);
    return field as FieldOf<K>;
  });
  for (const [field, spec] of Object.entries(specs))
    if (spec.required && !seen.has(field))
      errors.push({ row: 1, field: spec.label, message: `kolom wajib "${spec.label}" tidak ditemukan` });
  return { columns, errors };
}

/** The template header row of a kind, in canonical labels. */
export const templateHeaders = (kind: ImportKind): string[] =>
  Object.values(IMPORT_COLUMNS[kind] as Record<string, FieldSpec>).map((s) => s.label);

// ---------------------------------------------------------------------------------------------
// Value rules

export const STAFF_STATUSES = ['pns', 'cpns', 'pppk', 'non_asn'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];
export const POSITION_TYPES = ['jpt', 'administrator', 'pengawas', 'pelaksana', 'fungsional'] as const;
export type PositionType = (typeof POSITION_TYPES)[number];
export const AGENCY_KINDS = [
  'pemda_provinsi',
  'pemda_kabupaten',
  'pemda_kota',
  'instansi_vertikal',
  'bumn',
  'bumd',
  'sekolah',
  'puskesmas',
  'lainnya',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];
export const PLATFORMS = ['x', 'facebook', 'instagram', 'tiktok', 'youtube', 'whatsapp', 'other'] as const;
export type Platform = (typeof PLATFORMS)[number];
export const LINK_SOURCES = ['agency', 'patrol', 'bio', 'report'] as const;
export type LinkSource = (typeof LINK_SOURCES)[number];
export const WATCH_STATUSES = ['watched', 'paused', 'ignored'] as const;
export type WatchStatus = (typeof WATCH_STATUSES)[number];

const key = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\s_\-.]+/g, ' ')
    .trim();

function lookup<T>(table: Record<string, T>, value: string): T | undefined {
  return table[key(value)];
}

const STATUS_WORDS: Record<string, StaffStatus> = {
  pns: 'pns',
  'pegawai negeri sipil': 'pns',
  cpns: 'cpns',
  'calon pegawai negeri sipil': 'cpns',
  'calon pns': 'cpns',
  pppk: 'pppk',
  p3k: 'pppk',
  'pegawai pemerintah dengan perjanjian kerja': 'pppk',
  'non asn': 'non_asn',
  nonasn: 'non_asn',
  honorer: 'non_asn',
  ppnpn: 'non_asn',
  'tenaga honorer': 'non_asn',
  thl: 'non_asn',
};

const POSITION_WORDS: Record<string, PositionType> = {
  jpt: 'jpt',
  'jpt utama': 'jpt',
  'jpt madya': 'jpt',
  'jpt pratama': 'jpt',
  'jabatan pimpinan tinggi': 'jpt',
  'pimpinan tinggi': 'jpt',
  administrator: 'administrator',
  'jabatan administrator': 'administrator',
  pengawas: 'pengawas',
  'jabatan pengawas': 'pengawas',
  pelaksana: 'pelaksana',
  'jabatan pelaksana': 'pelaksana',
  'fungsional umum': 'pelaksana',
  jfu: 'pelaksana',
  fungsional: 'fungsional',
  'jabatan fungsional': 'fungsional',
  'fungsional tertentu': 'fungsional',
  jft: 'fungsional',
};

const AGENCY_WORDS: Record<string, AgencyKind> = {
  'pemda provinsi': 'pemda_provinsi',
  'pemerintah provinsi': 'pemda_provinsi',
  pemprov: 'pemda_provinsi',
  'pemda kabupaten': 'pemda_kabupaten',
  'pemerintah kabupaten': 'pemda_kabupaten',
  pemkab: 'pemda_kabupaten',
  'pemda kota': 'pemda_kota',
  'pemerintah kota': 'pemda_kota',
  pemkot: 'pemda_kota',
  'instansi vertikal': 'instansi_vertikal',
  vertikal: 'instansi_vertikal',
  bumn: 'bumn',
  bumd: 'bumd',
  sekolah: 'sekolah',
  puskesmas: 'puskesmas',
  lainnya: 'lainnya',
  'lain lain': 'lainnya',
};

const PLATFORM_WORDS: Record<string, Platform> = {
  x: 'x',
  twitter: 'x',
  'x twitter': 'x',
  facebook: 'facebook',
  fb: 'facebook',
  instagram: 'instagram',
  ig: 'instagram',
  tiktok: 'tiktok',
  'tik tok': 'tiktok',
  youtube: 'youtube',
  yt: 'youtube',
  whatsapp: 'whatsapp',
  wa: 'whatsapp',
  lainnya: 'other',
  other: 'other',
};

const LINK_WORDS: Record<string, LinkSource> = {
  instansi: 'agency',
  'dari instansi': 'agency',
  'dinyatakan instansi': 'agency',
  agency: 'agency',
  patroli: 'patrol',
  'patroli pengawas': 'patrol',
  patrol: 'patrol',
  bio: 'bio',
  'bio profil': 'bio',
  'pengakuan di bio': 'bio',
  laporan: 'report',
  report: 'report',
};

const WATCH_WORDS: Record<string, WatchStatus> = {
  dipantau: 'watched',
  pantau: 'watched',
  watched: 'watched',
  dijeda: 'paused',
  jeda: 'paused',
  paused: 'paused',
  diabaikan: 'ignored',
  abaikan: 'ignored',
  ignored: 'ignored',
};

const ACTIVE_WORDS: Record<string, boolean> = {
  aktif: true,
  ya: true,
  y: true,
  '1': true,
  true: true,
  'tidak aktif': false,
  'non aktif': false,
  nonaktif: false,
  tidak: false,
  t: false,
  '0': false,
  false: false,
  pensiun: false,
};

const PNS_RANK = /^(I|II|III|IV)\s*[/-]?\s*([a-e])$/i;
const PPPK_RANK = /^(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI|XVII)$/i;
/** Kemendagri codes: "64", "64.71", "64.71.01", "64.71.01.1001". */
const REGION_CODE = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

/** Golongan/ruang: "III/a" for PNS and CPNS; a roman numeral I–XVII for PPPK. */
export function normaliseRank(
  value: string,
  status: StaffStatus,
): { ok: true; value: string } | { ok: false; reason: string } {
  const v = value.trim();
  if (status === 'pppk') {
    if (PPPK_RANK.test(v)) return { ok: true, value: v.toUpperCase() };
    return { ok: false, reason: `golongan PPPK harus angka romawi I–XVII (tertulis "${v}")` };
  }
  const m = PNS_RANK.exec(v);
  if (!m) return { ok: false, reason: `golongan harus berbentuk seperti III/a (tertulis "${v}")` };
  const [, group, room] = m;
  if (group!.toUpperCase() === 'I' && room!.toLowerCase() === 'e')
    return { ok: false, reason: `golongan I/e tidak ada` };
  return { ok: true, value: `${group!.toUpperCase()}/${room!.toLowerCase()}` };
}

export type StaffRow = {
  row: number;
  nip: string | null;
  name: string;
  status: StaffStatus;
  positionType: PositionType | null;
  positionName: string | null;
  rank: string | null;
  agency: string;
  unit: string | null;
  regionCode: string | null;
  active: boolean;
  birthDate: string | null;
  appointedOn: string | null;
  sex: 'male' | 'female' | null;
};

export type AgencyRow = {
  row: number;
  name: string;
  kind: AgencyKind;
  regionCode: string;
  parent: string | null;
  taskForceHead: string | null;
  /** Unit paths; "Dinas Pendidikan > Bidang SD" is a unit under a unit. */
  units: string[][];
};

export type AccountRow = {
  row: number;
  platform: Platform;
  handle: string;
  profileUrl: string | null;
  platformUserId: string | null;
  nip: string | null;
  linkSource: LinkSource | null;
  confidence: number | null;
  watchStatus: WatchStatus;
  regionCode: string | null;
};

type Raw = Record<string, string | undefined>;
type Validated<T> = { value?: T; errors: RowError[] };

const text = (raw: Raw, field: string): string | null => {
  const v = raw[field]?.trim();
  return v ? v.replace(/\s+/g, ' ') : null;
};

const label = (kind: ImportKind, field: string) =>
  (IMPORT_COLUMNS[kind] as Record<string, FieldSpec>)[field]?.label ?? field;

const MAX_TEXT = 300;

/** Validates one staff row. `today` bounds NIP dates. */
export function validateStaffRow(raw: Raw, row: number, today: Date): Validated<StaffRow> {
  const errors: RowError[] = [];
  const err = (field: string, message: string) => errors.push({ row, field: label('staff', field), message });
  const name = text(raw, 'name');
  if (!name) err('name', 'wajib diisi');
  else if (name.length > MAX_TEXT) err('name', `terlalu panjang (maksimal ${MAX_TEXT} karakter)`);
  const nipText = text(raw, 'nip');
  let status: StaffStatus | undefined;
  const statusText = text(raw, 'status');
  if (statusText) {
    status = lookup(STATUS_WORDS, statusText);
    if (!status) err('status', `"${statusText}" tidak dikenal (PNS, CPNS, PPPK atau Non ASN)`);
  } else status = nipText ? 'pns' : 'non_asn';

  let nip: string | null = null;
  let decoded: { birthDate: string; appointedOn: string; sex: 'male' | 'female' } | null = null;
  if (nipText) {
    const parsed = parseNip(nipText, today);
    if (!parsed.ok) err('nip', parsed.reason);
    else {
      nip = parsed.value.nip;
      decoded = parsed.value;
    }
  } else if (status && status !== 'non_asn')
    err('nip', `wajib diisi untuk pegawai berstatus ${statusText ?? status}`);

  let positionType: PositionType | null = null;
  const ptText = text(raw, 'positionType');
  if (ptText) {
    positionType = lookup(POSITION_WORDS, ptText) ?? null;
    if (!positionType)
      err('positionType', `"${ptText}" tidak dikenal (JPT, Administrator, Pengawas, Pelaksana, Fungsional)`);
  }
  let rank: string | null = null;
  const rankText = text(raw, 'rank');
  if (rankText && status && rankText !== '-') {
    if (status === 'non_asn') err('rank', 'pegawai non-ASN tidak bergolongan');
    else {
      const r = normaliseRank(rankText, status);
      if (r.ok) rank = r.value;
      else err('rank', r.reason);
    }
  }
  const agency = text(raw, 'agency');
  if (!agency) err('agency', 'wajib diisi');
  const regionCode = text(raw, 'regionCode');
  if (regionCode && !REGION_CODE.test(regionCode))
    err('regionCode', `"${regionCode}" bukan kode wilayah Kemendagri`);
  let active = true;
  const activeText = text(raw, 'active');
  if (activeText) {
    const a = lookup(ACTIVE_WORDS, activeText);
    if (a === undefined) err('active', `"${activeText}" tidak dikenal (Aktif atau Tidak Aktif)`);
    else active = a;
  }
  const positionName = text(raw, 'positionName');
  const unit = text(raw, 'unit');
  if (errors.length) return { errors };
  return {
    errors,
    value: {
      row,
      nip,
      name: name!,
      status: status!,
      positionType,
      positionName,
      rank,
      agency: agency!,
      unit,
      regionCode,
      active,
      birthDate: decoded?.birthDate ?? null,
      appointedOn: decoded?.appointedOn ?? null,
      sex: decoded?.sex ?? null,
    },
  };
}

/** Validates one agency row. */
export function validateAgencyRow(raw: Raw, row: number): Validated<AgencyRow> {
  const errors: RowError[] = [];
  const err = (field: string, message: string) =>
    errors.push({ row, field: label('agencies', field), message });
  const name = text(raw, 'name');
  if (!name) err('name', 'wajib diisi');
  else if (name.length > MAX_TEXT) err('name', `terlalu panjang (maksimal ${MAX_TEXT} karakter)`);
  const kindText = text(raw, 'kind');
  let kind: AgencyKind | undefined;
  if (!kindText) err('kind', 'wajib diisi');
  else {
    kind = (AGENCY_KINDS as readonly string[]).includes(kindText)
      ? (kindText as AgencyKind)
      : lookup(AGENCY_WORDS, kindText);
    if (!kind)
      err(
        'kind',
        `"${kindText}" tidak dikenal (Pemerintah Provinsi/Kabupaten/Kota, Instansi Vertikal, BUMN, BUMD, Sekolah, Puskesmas, Lainnya)`,
      );
  }
  const regionCode = text(raw, 'regionCode');
  if (!regionCode) err('regionCode', 'wajib diisi');
  else if (!REGION_CODE.test(regionCode)) err('regionCode', `"${regionCode}" bukan kode wilayah Kemendagri`);
  const parent = text(raw, 'parent');
  if (parent && name && parent.toLowerCase() === name.toLowerCase())
    err('parent', 'instansi tidak boleh menjadi induk dirinya sendiri');
  const unitsText = text(raw, 'units');
  const units = (unitsText ?? '')
    .split(';')
    .map((u) =>
      u
        .split('>')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .filter((p) => p.length > 0);
  if (errors.length) return { errors };
  return {
    errors,
    value: {
      row,
      name: name!,
      kind: kind!,
      regionCode: regionCode!,
      parent,
      taskForceHead: text(raw, 'taskForceHead'),
      units,
    },
  };
}

/** Confidence of a link when the file gives none: an agency's declaration is taken as certain. */
export const DEFAULT_CONFIDENCE: Record<LinkSource, number> = {
  agency: 1,
  bio: 0.8,
  patrol: 0.6,
  report: 0.5,
};

/** Strips "@" and a profile URL down to the handle. */
export function normaliseHandle(value: string): string {
  let v = value.trim();
  const url = /^(?:https?:\/\/)?(?:www\.|m\.)?[a-z.]+\.(?:com|net)\/(?:@)?([^/?#]+)/i.exec(v);
  if (url) v = url[1]!;
  return v.replace(/^@/, '');
}

/** Validates one social-account row. */
export function validateAccountRow(raw: Raw, row: number, today: Date): Validated<AccountRow> {
  const errors: RowError[] = [];
  const err = (field: string, message: string) =>
    errors.push({ row, field: label('accounts', field), message });
  const platformText = text(raw, 'platform');
  let platform: Platform | undefined;
  if (!platformText) err('platform', 'wajib diisi');
  else {
    platform = lookup(PLATFORM_WORDS, platformText);
    if (!platform)
      err(
        'platform',
        `"${platformText}" tidak dikenal (X, Facebook, Instagram, TikTok, YouTube, WhatsApp, Lainnya)`,
      );
  }
  const handleText = text(raw, 'handle');
  const handle = handleText ? normaliseHandle(handleText) : '';
  if (!handle) err('handle', 'wajib diisi');
  else if (!/^[\p{L}\p{N}._\-+ ]{1,100}$/u.test(handle))
    err('handle', `"${handle}" bukan nama akun yang sah`);
  const profileUrl = text(raw, 'profileUrl');
  if (profileUrl && !/^https?:\/\/\S+$/i.test(profileUrl))
    err('profileUrl', 'harus diawali http:// atau https://');
  let nip: string | null = null;
  const nipText = text(raw, 'nip');
  if (nipText) {
    const parsed = parseNip(nipText, today);
    if (parsed.ok) nip = parsed.value.nip;
    else err('nip', parsed.reason);
  }
  let linkSource: LinkSource | null = null;
  const linkText = text(raw, 'linkSource');
  if (linkText) {
    linkSource = lookup(LINK_WORDS, linkText) ?? null;
    if (!linkSource) err('linkSource', `"${linkText}" tidak dikenal (Instansi, Patroli, Bio, Laporan)`);
  }
  let confidence: number | null = null;
  const confText = text(raw, 'confidence');
  if (confText) {
    const pct = confText.endsWith('%');
    const n = Number(confText.replace('%', '').replace(',', '.').trim());
    const v = pct || n > 1 ? n / 100 : n;
    if (!Number.isFinite(n) || v < 0 || v > 1)
      err('confidence', `"${confText}" harus antara 0 dan 1 (atau 0%–100%)`);
    else confidence = Math.round(v * 100) / 100;
  }
  if (nip && !linkSource) err('linkSource', 'wajib diisi bila akun ditautkan ke NIP');
  if (!nip && (linkSource || confidence !== null))
    err('nip', 'wajib diisi bila sumber tautan atau keyakinan diisi');
  let watchStatus: WatchStatus = 'watched';
  const watchText = text(raw, 'watchStatus');
  if (watchText) {
    const w = lookup(WATCH_WORDS, watchText);
    if (!w) err('watchStatus', `"${watchText}" tidak dikenal (Dipantau, Dijeda, Diabaikan)`);
    else watchStatus = w;
  }
  const regionCode = text(raw, 'regionCode');
  if (regionCode && !REGION_CODE.test(regionCode))
    err('regionCode', `"${regionCode}" bukan kode wilayah Kemendagri`);
  if (errors.length) return { errors };
  return {
    errors,
    value: {
      row,
      platform: platform!,
      handle,
      profileUrl,
      platformUserId: text(raw, 'platformUserId'),
      nip,
      linkSource,
      confidence: linkSource && confidence === null ? DEFAULT_CONFIDENCE[linkSource] : confidence,
      watchStatus,
      regionCode,
    },
  };
}
