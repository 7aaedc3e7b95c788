import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Post } from '../../contracts/post.ts';
import { isDomainError } from '../../domain/errors.ts';
import type { PostSink } from './connector.ts';
import { importPostsFile, readPostRecords } from './file-import.ts';

const stream = (text: string, chunk = 7) =>
  Readable.from(
    Buffer.from(text)
      .toString('utf8')
      .match(new RegExp(`[^]{1,${chunk}}`, 'g')) ?? [],
  );
const recordingSink = () => {
  const batches: Post[][] = [];
  const sink: PostSink = async (posts) => {
    batches.push(posts);
    return { read: posts.length, inserted: posts.length, duplicates: 0, flagged: 0 };
  };
  return { sink, batches };
};
const records = async (text: string, format: 'jsonl' | 'csv') => {
  const out = [];
  for await (const r of readPostRecords(stream(text), format)) out.push(r);
  return out;
};

describe('JSON Lines import (contract §2)', () => {
  it('reads posts line by line, keeps unknown fields, skips blank lines, strips a BOM', async () => {
    const text =
      '\uFEFF{"id":"x:1","text":"satu","platform":"x","extra":{"k":1}}\n\n' +
      '{"id":"x:2","text":"dua","author":{"handle":"budi"}}\r\n';
    const r = await records(text, 'jsonl');
    expect(r).toEqual([
      { line: 1, post: { id: 'x:1', text: 'satu', platform: 'x', extra: { k: 1 } } },
      { line: 3, post: { id: 'x:2', text: 'dua', author: { handle: 'budi' } } },
    ]);
  });

  it('names the line of every bad record', async () => {
    const text = [
      '{"id":"x:1","text":"ok"}',
      '{"id":"x:2"',
      '[1,2]',
      '{"text":"tanpa id"}',
      '{"id":"x:5","text":"t","platform":"myspace"}',
      '{"id":"x:6","text":"nul \\u0000"}',
    ].join('\n');
    const bad = (await records(text, 'jsonl')).filter((r) => r.error);
    expect(bad.map((r) => [r.line, r.error?.split(':')[0]])).toEqual([
      [2, 'JSON tidak valid / invalid JSON'],
      [3, 'harus satu objek JSON per baris / must be one JSON object per line'],
      [4, 'id'],
      [5, 'platform'],
      [6, 'berisi karakter NUL (U+0000) / contains a NUL character'],
    ]);
    expect(bad[2]!.error).toBe('id: wajib diisi / required');
  });
});

describe('CSV import (documented columns)', () => {
  it('maps the columns, detects `;`, handles quotes and line breaks, gives spreadsheet row numbers', async () => {
    const text =
      '\uFEFFid;text;platform;author_handle;author_name;posted_at;media_urls;media_types;kanal\n' +
      'fb:1;"Halo; ""semua""\nbaris dua";facebook;budi;Budi;2026-11-01T10:00:00+08:00;https://a/1.jpg https://a/2.mp4;image video;grup\n' +
      ';;;;;;;;\n' +
      'fb:2;tanpa media;facebook;;;;;;\n';
    const r = await records(text, 'csv');
    expect(r).toEqual([
      {
        line: 2,
        post: {
          id: 'fb:1',
          text: 'Halo; "semua"\nbaris dua',
          platform: 'facebook',
          author: { handle: 'budi', name: 'Budi' },
          posted_at: '2026-11-01T10:00:00+08:00',
          media: [
            { type: 'image', url: 'https://a/1.jpg' },
            { type: 'video', url: 'https://a/2.mp4' },
          ],
          kanal: 'grup',
        },
      },
      { line: 4, post: { id: 'fb:2', text: 'tanpa media', platform: 'facebook' } },
    ]);
  });

  it('refuses a file without the required columns, and names bad rows', async () => {
    expect(await records('id,isi\n1,halo\n', 'csv')).toEqual([
      { line: 1, error: 'kolom "text" tidak ada / column "text" is missing' },
    ]);
    const bad = (await records('id,text,platform\nx:1,ok,x\n,kosong,x\nx:3,t,friendster\n', 'csv')).filter(
      (r) => r.error,
    );
    expect(bad.map((r) => r.line)).toEqual([3, 4]);
  });
});

describe('importPostsFile', () => {
  it('validates the whole file first: one bad line and nothing is ingested', async () => {
    const { sink, batches } = recordingSink();
    const text = `${Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: `x:${i}`, text: 't' })).join('\n')}\n{"id":1}\n`;
    const err = await importPostsFile({
      path: 'posts.jsonl',
      sink,
      source: 'test',
      open: () => stream(text, 64),
    }).catch((e) => e);
    expect(isDomainError(err)).toBe(true);
    expect(err.code).toBe('IMPORT_ROW_INVALID');
    expect(err.details).toEqual([{ row: 51, field: 'baris / line', message: expect.stringContaining('id') }]);
    expect(batches).toEqual([]);
  });

  it('streams a valid file into the sink in batches and sums the counts', async () => {
    const { sink, batches } = recordingSink();
    const text = Array.from({ length: 25 }, (_, i) => JSON.stringify({ id: `x:${i}`, text: `t${i}` })).join(
      '\n',
    );
    const counts = await importPostsFile({
      path: 'posts.jsonl',
      sink,
      source: 'test',
      batchSize: 10,
      open: () => stream(text, 100),
    });
    expect(counts).toEqual({ read: 25, inserted: 25, duplicates: 0, flagged: 0 });
    expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
    expect(batches.flat().map((p) => p.id)).toEqual(Array.from({ length: 25 }, (_, i) => `x:${i}`));
  });

  it('refuses an unknown extension', async () => {
    const { sink } = recordingSink();
    await expect(importPostsFile({ path: 'posts.xml', sink, source: 't' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });
});
