import { fileTypeFromBuffer } from 'file-type';
import { describe, expect, it } from 'vitest';
import { jpegWithExif, pngWithText } from '../../../test/support/evidence-files.ts';
import { stripJpeg, stripMetadata, stripPng } from './strip-metadata.ts';

describe('stripJpeg', () => {
  it('drops EXIF, IPTC and comments and keeps the image data', async () => {
    const input = jpegWithExif();
    const { data, removed } = stripJpeg(input);
    expect(removed).toBe(true);
    expect(data.includes(Buffer.from('GPS 1.2345'))).toBe(false);
    expect(input.includes(Buffer.from('GPS 1.2345'))).toBe(true);
    expect(data.includes(Buffer.from('JFIF'))).toBe(true);
    expect(data.subarray(-7).equals(Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd9]))).toBe(true);
    expect((await fileTypeFromBuffer(data))?.mime).toBe('image/jpeg');
  });

  it('leaves a truncated file unchanged rather than half-edited', () => {
    const input = jpegWithExif().subarray(0, 30);
    expect(stripJpeg(input)).toEqual({ data: input, removed: false });
  });
});

describe('stripPng', () => {
  it('drops text and EXIF chunks and keeps a valid PNG', async () => {
    const input = pngWithText();
    const { data, removed } = stripPng(input);
    expect(removed).toBe(true);
    expect(data.includes(Buffer.from('Budi'))).toBe(false);
    expect(data.includes(Buffer.from('IDAT'))).toBe(true);
    expect((await fileTypeFromBuffer(data))?.mime).toBe('image/png');
  });
});

describe('stripMetadata', () => {
  it('returns other types unchanged and says so', () => {
    const pdf = Buffer.from('%PDF-1.4 Author (Budi)');
    expect(stripMetadata(pdf, 'application/pdf')).toEqual({ data: pdf, removed: false });
  });
});
