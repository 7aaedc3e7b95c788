/**
 * Who declares themselves a civil servant: a pure matcher over an account's display name and bio
 * ("ASN Pemkot Balikpapan", "PNS Dinas Pendidikan", "Guru PPPK", "abdi negara"), and a picker for
 * the agency the declaration names. Suggestions only: a supervisor confirms every link.
 */

export type AsnRole = 'asn' | 'pns' | 'cpns' | 'pppk' | 'abdi_negara';

export type AsnDeclaration = {
  role: AsnRole;
  /** The words that declare it, as written. */
  matchedText: string;
  /** Words that name the workplace ("Pemkot Balikpapan", "Dinas Pendidikan"), or null. */
  agencyHint: string | null;
  /** 0..1: an explicit role word with a workplace is stronger than "abdi negara" alone. */
  confidence: number;
};

const ROLE_PATTERNS: { re: RegExp; role: AsnRole }[] = [
  { re: /\bc\.?p\.?n\.?s\b/iu, role: 'cpns' },
  { re: /\bp\.?n\.?s\b|\bpegawai negeri(?: sipil)?\b/iu, role: 'pns' },
  { re: /\bp\.?p\.?p\.?k\b|\bp3k\b/iu, role: 'pppk' },
  { re: /\ba\.?s\.?n\b|\baparatur sipil negara\b/iu, role: 'asn' },
  { re: /\babdi negara\b|\babdi masyarakat\b/iu, role: 'abdi_negara' },
];

/** Words before the role that mean the person is not (or no longer) one. */
const NEGATIONS =
  /\b(?:bukan|mantan|eks|ex|pensiunan|purna|calon|gagal|anti|tes|ujian|seleksi|info|lowongan|bimbel|les|kisi-kisi)\s*(?:-\s*)?$/iu;

/** Job-seeker and tutoring talk: the account is about the civil service, not in it. */
const JOB_SEEKER = /\b(?:bimbel|lowongan|kisi-kisi|formasi|try ?out|tes (?:c?pns|pppk|asn|skd))\b/iu;

/** A workplace named anywhere in the text. */
const WORKPLACE =
  /\b(?:pemkot|pemkab|pemprov|pemda|pemerintah (?:kota|kabupaten|provinsi)|dinas|disdik|dinkes|kemenag|kementerian|kantor|badan|bapenda|bappeda|bkpsdm|bpbd|rsud|puskesmas|sekretariat|setda|kecamatan|kelurahan|satpol|sd ?n|smp ?n|sma ?n|smk ?n)\b[^|•,;.\n]{0,60}/iu;

function cleanHint(s: string): string | null {
  const t = s
    .replace(/^[\s:@\-–—/]+|^(?:di|pada|at)\s+/giu, '')
    .replace(/[\s|•,;.!-]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  return t.length >= 3 ? t : null;
}

/**
 * Finds a civil-service declaration in a name and bio, or null. Negated or past roles ("bukan ASN",
 * "mantan PNS", "pensiunan PNS") and job-seeker talk ("tes CPNS", "lowongan PPPK") do not count.
 */
export function findAsnDeclaration(
  name: string | null | undefined,
  bio: string | null | undefined,
): AsnDeclaration | null {
  const text = `${name ?? ''}\n${bio ?? ''}`;
  if (JOB_SEEKER.test(text)) return null;
  let best: { role: AsnRole; index: number; match: string } | null = null;
  for (const { re, role } of ROLE_PATTERNS) {
    const g = new RegExp(re.source, 'giu');
    for (let m = g.exec(text); m; m = g.exec(text)) {
      const before = text.slice(Math.max(0, m.index - 20), m.index);
      if (NEGATIONS.test(before)) continue;
      if (!best || m.index < best.index) best = { role, index: m.index, match: m[0] };
      break;
    }
  }
  if (!best) return null;
  // The workplace: the words right after the role ("ASN Pemkot Balikpapan"), else any workplace.
  const after = text.slice(best.index + best.match.length).split(/[|•,;\n]/u)[0] ?? '';
  const afterWorkplace = WORKPLACE.exec(after);
  const anywhere = WORKPLACE.exec(text);
  const hint = cleanHint(afterWorkplace?.[0] ?? anywhere?.[0] ?? '');
  const base = best.role === 'abdi_negara' ? 0.4 : 0.6;
  return {
    role: best.role,
    matchedText: best.match,
    agencyHint: hint,
    confidence: Math.min(1, base + (hint ? 0.25 : 0)),
  };
}

const ABBREVIATIONS: Record<string, string> = {
  pemkot: 'pemerintah kota',
  pemkab: 'pemerintah kabupaten',
  pemprov: 'pemerintah provinsi',
  disdik: 'dinas pendidikan',
  dinkes: 'dinas kesehatan',
  kemenag: 'kementerian agama',
  satpol: 'satuan polisi',
  setda: 'sekretariat daerah',
};

const STOP = new Set(['dan', 'di', 'the', 'of', 'kab', 'kabupaten', 'kota', 'provinsi', 'pemerintah']);
/** Words every office of a kind shares: a hint made only of these names no place. */
const GENERIC = new Set([
  'dinas',
  'pendidikan',
  'kesehatan',
  'kebudayaan',
  'kementerian',
  'agama',
  'badan',
  'kantor',
  'sekretariat',
  'daerah',
  'rsud',
  'puskesmas',
  'satuan',
  'polisi',
  'pamong',
  'praja',
  'kecamatan',
  'kelurahan',
  'sekolah',
]);

function words(s: string): string[] {
  const out: string[] = [];
  for (const w of s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)) {
    if (!w) continue;
    const expanded = ABBREVIATIONS[w];
    if (expanded) out.push(...expanded.split(' '));
    else out.push(w);
  }
  return out;
}

export type AgencyCandidate = { id: string; name: string; region_code: string };

/**
 * The agency a hint names, from candidates (typically those sharing a word with it), or null when
 * none matches well or two match equally well. Every distinctive word of the hint ("balikpapan",
 * "pendidikan") must appear in the agency's name; "kota"/"kabupaten" decide between a city and a
 * regency of the same name.
 */
export function pickAgency(hint: string, candidates: readonly AgencyCandidate[]): AgencyCandidate | null {
  const hw = words(hint);
  const distinctive = hw.filter((w) => !STOP.has(w));
  if (distinctive.every((w) => GENERIC.has(w))) return null;
  const wantsCity = hw.includes('kota') && !hw.includes('kabupaten');
  const wantsRegency = hw.includes('kabupaten');
  let best: AgencyCandidate | null = null;
  let bestScore = 0;
  let tie = false;
  for (const c of candidates) {
    const cw = new Set(words(c.name));
    if (!distinctive.every((w) => cw.has(w))) continue;
    let score = 10 - Math.min(9, cw.size - distinctive.length);
    if (wantsCity && cw.has('kota')) score += 5;
    if (wantsRegency && cw.has('kabupaten')) score += 5;
    if (score > bestScore) {
      best = c;
      bestScore = score;
      tie = false;
    } else if (score === bestScore) tie = true;
  }
  return tie ? null : best;
}

/** The words of a hint worth searching agency names for (longest first). */
export function hintSearchWords(hint: string): string[] {
  return [...new Set(words(hint).filter((w) => !STOP.has(w) && w.length >= 4))].sort(
    (a, b) => b.length - a.length,
  );
}
