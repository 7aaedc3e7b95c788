import type { Pack } from '../contracts/pack.ts';
import type { Category } from '../contracts/scan.ts';
import { isSpace } from './context-rules.ts';

/** What the act is, in one Indonesian phrase per category. */
const CATEGORY_TEXT: Record<Category, string> = {
  dukungan_medsos: 'Dukungan di media sosial untuk',
  ajakan: 'Ajakan memilih',
  atribut_simbol: 'Atribut/simbol dukungan untuk',
  kegiatan_kampanye: 'Ikut kegiatan kampanye',
  fasilitas_jabatan: 'Penggunaan jabatan/fasilitas untuk',
  pencalonan: 'Pencalonan ASN tanpa mundur',
};

/** Readable names of frames that lower a score. */
export const FRAME_TEXT: Record<string, string> = {
  news: 'berita',
  schedule: 'jadwal',
  civic: 'sosialisasi pemilu',
  neutrality: 'imbauan netralitas',
  debunk: 'klarifikasi hoaks',
  complaint: 'kritik pelanggaran',
  election_body: 'kerja penyelenggara',
  official_role: 'jabatan resmi',
  anyone: 'semua paslon',
  all_contestants: 'semua paslon disebut',
  ordinary_person: 'orang lain bernama sama',
  name_ordinary: 'orang lain bernama sama',
  name_in_office: 'jabatan resmi',
  prayer: 'doa',
  joke: 'candaan',
};

/** How one target reads: `paslon 02`, `partai Gerindra (P02)`, or the bare id. */
function targetName(pack: Pack, id: string): string {
  for (const c of pack.contestants) if (c.id === id) return `paslon ${id}`;
  for (const p of pack.parties) if (p.id === id) return `partai ${p.aliases[0] ?? p.name} (${id})`;
  return id;
}

function targetText(pack: Pack | undefined, ids: string[]): string {
  if (!pack || ids.length === 0) return '';
  let out = targetName(pack, ids[0]!);
  for (let q = 1; q < ids.length; q++) out += `, ${targetName(pack, ids[q]!)}`;
  return out;
}

/** Readable names of the first three distinct frames, joined. */
function frameText(frames: string[]): string {
  const seen: string[] = [];
  for (const f of frames) {
    const text = FRAME_TEXT[f] ?? f;
    if (!seen.includes(text)) seen.push(text);
    if (seen.length === 3) break;
  }
  return seen.join(', ');
}

/** `w` with white-space runs as one space, trimmed. Most words have none: returned as they are. */
function squeeze(w: string): string {
  let prevSpace = true;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    const space = isSpace(c);
    if (space && (c !== 32 || prevSpace)) return w.replace(/\s+/g, ' ').trim();
    prevSpace = space;
  }
  return prevSpace ? w.replace(/\s+/g, ' ').trim() : w;
}

/** Up to four distinct words, squeezed, quoted and cut at 40 characters. */
function quoted(words: string[]): string {
  let out = '';
  const seen: string[] = [];
  for (const raw of words) {
    const w = squeeze(raw);
    if (w.length === 0 || seen.includes(w)) continue;
    seen.push(w);
    out += `${seen.length > 1 ? ', ' : ''}"${w.length > 40 ? `${w.slice(0, 39)}…` : w}"`;
    if (seen.length === 4) break;
  }
  return out;
}

/**
 * One-glance Indonesian explanation: the act, whom it concerns, and the words that show it.
 * For unflagged posts it says why (no reference, or the frame that made the post neutral).
 */
export function explain(input: {
  flag: boolean;
  category: Category | null;
  pack: Pack | undefined;
  targets: string[];
  opposed: string[];
  support: string[];
  frames: string[];
}): string {
  const { flag, category, pack, targets, opposed, support, frames } = input;
  const words = quoted(support);
  if (flag && category) {
    let what: string;
    if (category === 'ajakan' && opposed.length > 0 && targets.length === 0)
      what = `Ajakan tidak memilih ${targetText(pack, opposed)}`;
    else if (category === 'pencalonan')
      what = `${CATEGORY_TEXT.pencalonan}${targets.length ? ` (${targetText(pack, targets)})` : ''}`;
    else {
      const t = targetText(pack, targets.length ? targets : opposed);
      // No contestant named (a described candidate, a campaign team): say so rather than nothing.
      const who = t || (category === 'kegiatan_kampanye' ? '' : 'paslon yang tidak disebut namanya');
      what = `${CATEGORY_TEXT[category]}${who ? ` ${who}` : ''}`;
    }
    return words ? `${what} (${words})` : what;
  }
  const context = frameText(frames);
  if (targets.length + opposed.length > 0) {
    const t = targetText(pack, opposed.length === 0 ? targets : [...targets, ...opposed]);
    return context
      ? `Tidak ditandai: menyebut ${t} dalam konteks ${context}`
      : `Tidak ditandai: menyebut ${t} tanpa tanda dukungan yang cukup`;
  }
  return context
    ? `Tidak ditandai: konteks ${context}, tanpa paslon/partai`
    : 'Tidak ditandai: tidak menyebut paslon/partai';
}
