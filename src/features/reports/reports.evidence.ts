import { DomainError, type ErrorDetail } from '../../domain/errors.ts';

/** Evidence limits: per file, files per submission or upload. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;
export const MAX_FILES = 10;

/** Media types accepted as evidence, decided from the content (never the name). */
export const ACCEPTED_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/heic',
  'video/mp4',
  'video/quicktime',
  'video/webm',
  'video/3gpp',
  'audio/mpeg',
  'audio/mp4',
  'audio/x-m4a',
  'audio/ogg',
  'audio/wav',
  'audio/aac',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/msword',
  'application/x-cfb',
  'text/plain',
]);

export type UploadedFile = { name: string; data: Buffer };
export type CheckedFile = UploadedFile & { mediaType: string };

const looksLikeText = (data: Buffer) => {
  if (data.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
};

/** Sniffs each file's type from its bytes; refuses empty, oversized and unaccepted files. */
export async function checkFiles(files: UploadedFile[]): Promise<CheckedFile[]> {
  // Loaded on first use (keeps CLI start-up light).
  const { fileTypeFromBuffer } = await import('file-type');
  const errors: ErrorDetail[] = [];
  const out: CheckedFile[] = [];
  if (files.length > MAX_FILES)
    errors.push({ field: 'files', message: `Paling banyak ${MAX_FILES} berkas sekaligus` });
  for (const [i, f] of files.entries()) {
    const field = `files.${i}`;
    if (f.data.length === 0) {
      errors.push({ field, message: `Berkas "${f.name}" kosong` });
      continue;
    }
    if (f.data.length > MAX_FILE_BYTES) {
      errors.push({ field, message: `Berkas "${f.name}" melebihi ${MAX_FILE_BYTES / 1024 / 1024} MB` });
      continue;
    }
    const sniffed =
      (await fileTypeFromBuffer(f.data))?.mime ?? (looksLikeText(f.data) ? 'text/plain' : undefined);
    if (!sniffed || !ACCEPTED_TYPES.has(sniffed)) {
      errors.push({
        field,
        message: `Jenis berkas "${f.name}" tidak diterima (${sniffed ?? 'tidak dikenal'}); kirim foto, video, rekaman suara, PDF atau dokumen`,
      });
      continue;
    }
    out.push({ ...f, mediaType: sniffed });
  }
  if (errors.length) {
    throw new DomainError('VALIDATION', 'Berkas bukti tidak dapat diterima / evidence file refused', errors);
  }
  return out;
}

/** A safe file name for display and download (no path, no control characters). */
export const safeName = (name: string) =>
  Array.from(name.split(/[\\/]/).pop() ?? '')
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c !== '"')
    .join('')
    .slice(0, 200) || 'berkas';
