/**
 * Removes metadata that can identify a reporter (camera serial, GPS position, author, editing
 * software, timestamps) from copies of evidence shown to staff. Pure byte surgery, no native code:
 * - JPEG: drops APP1 (EXIF, XMP), APP12, APP13 (IPTC/Photoshop) and COM segments; keeps APP0
 *   (JFIF), APP2 (ICC colour profile), APP14 (Adobe colour transform) and the image data;
 * - PNG: drops the eXIf, tEXt, zTXt, iTXt and tIME chunks.
 * Other types are returned unchanged with `removed: false` (the UI says so). A file that does not
 * parse cleanly is also returned unchanged with `removed: false`, never half-edited.
 */
export type StripResult = { data: Buffer; removed: boolean };

const JPEG_DROP = new Set([0xe1, 0xec, 0xed, 0xfe]);

export function stripJpeg(input: Buffer): StripResult {
  if (input.length < 4 || input[0] !== 0xff || input[1] !== 0xd8) return { data: input, removed: false };
  const parts: Buffer[] = [input.subarray(0, 2)];
  let i = 2;
  while (i < input.length) {
    if (input[i] !== 0xff) return { data: input, removed: false };
    const marker = input[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    // Start of scan: the rest is entropy-coded data up to EOI; keep it as is.
    if (marker === 0xda) {
      parts.push(input.subarray(i));
      return { data: Buffer.concat(parts), removed: true };
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      parts.push(input.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (marker === 0xd9) {
      parts.push(input.subarray(i, i + 2));
      return { data: Buffer.concat(parts), removed: true };
    }
    if (i + 4 > input.length) return { data: input, removed: false };
    const length = input.readUInt16BE(i + 2);
    const end = i + 2 + length;
    if (length < 2 || end > input.length) return { data: input, removed: false };
    if (!JPEG_DROP.has(marker)) parts.push(input.subarray(i, end));
    i = end;
  }
  return { data: input, removed: false };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

export function stripPng(input: Buffer): StripResult {
  if (input.length < 8 || !input.subarray(0, 8).equals(PNG_SIGNATURE)) return { data: input, removed: false };
  const parts: Buffer[] = [input.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= input.length) {
    const length = input.readUInt32BE(i);
    const type = input.toString('latin1', i + 4, i + 8);
    const end = i + 12 + length;
    if (end > input.length) return { data: input, removed: false };
    if (!PNG_DROP.has(type)) parts.push(input.subarray(i, end));
    i = end;
    if (type === 'IEND') return { data: Buffer.concat(parts), removed: true };
  }
  return { data: input, removed: false };
}

/** Strips what can be stripped for a sniffed media type. */
export function stripMetadata(data: Buffer, mediaType: string): StripResult {
  if (mediaType === 'image/jpeg') return stripJpeg(data);
  if (mediaType === 'image/png') return stripPng(data);
  return { data, removed: false };
}
