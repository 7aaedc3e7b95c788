import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { PassThrough, type Readable } from 'node:stream';
import { parse as parseCsvStream } from 'csv-parse';
import { Post } from '../../contracts/post.ts';
import { DomainError, type ErrorDetail } from '../../domain/errors.ts';
import type { IngestCounts, PostSink } from './connector.ts';
import { containsNul } from './webhook.ts';

/**
 * File import of posts (docs/connectors.md): JSON Lines in the contract §2 form, or CSV with the
 * documented columns. Both are read as streams, so memory stays flat whatever the file size, and
 * every problem names its line (JSON Lines) or spreadsheet row (CSV, header = row 1).
 *
 * `importPostsFile` is all-or-nothing in the sense that matters for an operator: it validates the
 * whole file first and ingests nothing when a record is bad; then it streams the file again into
 * the ingest in batches. Re-running an import (after a crash, say) is safe: the ingest is
 * idempotent on (platform, post id).
 */

export type PostFileFormat = 'jsonl' | 'csv';

/** One record of the file: a valid post, or what is wrong with it. */
export type PostRecord =
  | { line: number; post: Post; error?: undefined }
  | { line: number; post?: undefined; error: string };

/** CSV columns (header names, any order, case-insensitive); other columns are kept as extra fields. */
export const CSV_COLUMNS = [
  'id',
  'text',
  'platform',
  'url',
  'author_handle',
  'author_name',
  'author_bio',
  'posted_at',
  'lang',
  'media_urls',
  'media_types',
] as const;

export const formatOfPath = (path: string): PostFileFormat | undefined =>
  /\.(jsonl|ndjson|json)$/i.test(path) ? 'jsonl' : /\.csv$/i.test(path) ? 'csv' : undefined;

function validate(value: unknown, line: number): PostRecord {
  if (containsNul(value)) return { line, error: 'berisi karakter NUL (U+0000) / contains a NUL character' };
  const parsed = Post.safeParse(value);
  if (parsed.success) return { line, post: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.') || 'post';
  const what =
    issue.code === 'invalid_type' && issue.input === undefined
      ? 'wajib diisi / required'
      : issue.code === 'invalid_value'
        ? `nilai tidak dikenal / unknown value (${(issue as { values?: unknown[] }).values?.join(', ') ?? ''})`
        : issue.code === 'too_small'
          ? 'tidak boleh kosong / must not be empty'
          : `tipe salah / wrong type (${issue.message})`;
  return { line, error: `${field}: ${what}` };
}

async function* readJsonLines(input: Readable): AsyncIterable<PostRecord> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const text = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      yield { line: n, error: `JSON tidak valid / invalid JSON: ${(e as Error).message}` };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { line: n, error: 'harus satu objek JSON per baris / must be one JSON object per line' };
      continue;
    }
    yield validate(value, n);
  }
}

const detectDelimiter = (firstLine: string) =>
  [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const).sort((a, b) => b[1] - a[1])[0]![0];

/** Turns one CSV row (by header) into a post object before validation. */
export function csvRowToPost(row: Record<string, string>): Record<string, unknown> {
  const get = (k: string) => {
    const v = row[k]?.trim();
    return v === '' ? undefined : v;
  };
  const urls = get('media_urls')?.split(/\s+/) ?? [];
  const types = get('media_types')?.split(/\s+/) ?? [];
  const author = { handle: get('author_handle'), name: get('author_name'), bio: get('author_bio') };
  const extra = Object.fromEntries(
    Object.entries(row).filter(
      ([k, v]) => !(CSV_COLUMNS as readonly string[]).includes(k) && v.trim() !== '',
    ),
  );
  const post: Record<string, unknown> = {
    ...extra,
    id: get('id'),
    text: row.text ?? undefined,
    platform: get('platform'),
    url: get('url'),
    posted_at: get('posted_at'),
    lang: get('lang'),
  };
  if (author.handle || author.name || author.bio) post.author = author;
  if (urls.length) post.media = urls.map((url, i) => ({ type: types[i] ?? types[0] ?? 'image', url }));
  for (const k of Object.keys(post)) if (post[k] === undefined) delete post[k];
  return post;
}

async function* readCsv(input: Readable): AsyncIterable<PostRecord> {
  // Peek at the first line to pick the delimiter (Excel in an Indonesian locale writes `;`).
  const chunks: Buffer[] = [];
  const iterator = input[Symbol.asyncIterator]();
  let head = '';
  while (!/\r?\n/.test(head)) {
    const next = await iterator.next();
    if (next.done) break;
    chunks.push(Buffer.from(next.value as Buffer));
    head = Buffer.concat(chunks).toString('utf8');
  }
  const delimiter = detectDelimiter(head.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '');
  const rest = new PassThrough();
  const parser = parseCsvStream({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: false });
  rest.pipe(parser);
  (async () => {
    for (const c of chunks) rest.write(c);
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      if (!rest.write(next.value)) await new Promise((r) => rest.once('drain', r));
    }
    rest.end();
  })().catch((e) => rest.destroy(e as Error));

  let headers: string[] | undefined;
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row++;
      if (!headers) {
        headers = cells.map((c) => c.trim().toLowerCase());
        for (const required of ['id', 'text'])
          if (!headers.includes(required)) {
            yield { line: 1, error: `kolom "${required}" tidak ada / column "${required}" is missing` };
            return;
          }
        continue;
      }
      if (cells.every((c) => c.trim() === '')) continue;
      yield validate(csvRowToPost(Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']))), row);
    }
  } catch (e) {
    yield { line: row + 1, error: `CSV rusak / malformed CSV: ${(e as Error).message}` };
  }
}

/** Reads posts from a stream, record by record, without holding the file in memory. */
export function readPostRecords(input: Readable, format: PostFileFormat): AsyncIterable<PostRecord> {
  return format === 'csv' ? readCsv(input) : readJsonLines(input);
}

/**
 * Validates a file completely (up to `maxErrors` problems reported), then ingests it in batches.
 * Throws `IMPORT_ROW_INVALID` with the line/row of every problem found, having ingested nothing.
 */
export async function importPostsFile(opts: {
  path: string;
  format?: PostFileFormat;
  sink: PostSink;
  source: string;
  batchSize?: number;
  maxErrors?: number;
  /** Opens the file; tests may give another stream. */
  open?: () => Readable;
}): Promise<IngestCounts> {
  const format = opts.format ?? formatOfPath(opts.path);
  if (!format)
    throw new DomainError('VALIDATION', 'Format berkas tidak dikenal / unknown file format', [
      { field: 'path', message: 'gunakan .jsonl atau .csv / use .jsonl or .csv' },
    ]);
  const open = opts.open ?? (() => createReadStream(opts.path));
  const maxErrors = opts.maxErrors ?? 100;
  const errors: ErrorDetail[] = [];
  for await (const record of readPostRecords(open(), format)) {
    if (record.error === undefined) continue;
    errors.push({
      row: record.line,
      field: format === 'csv' ? 'baris / row' : 'baris / line',
      message: record.error,
    });
    if (errors.length >= maxErrors) break;
  }
  if (errors.length)
    throw new DomainError(
      'IMPORT_ROW_INVALID',
      `Berkas ditolak, tidak ada yang dimasukkan / file refused, nothing was ingested: ${errors.length}${errors.length >= maxErrors ? '+' : ''} baris salah / bad records`,
      errors,
    );
  const totals: IngestCounts = { read: 0, inserted: 0, duplicates: 0, flagged: 0 };
  const add = (c: IngestCounts) => {
    totals.read += c.read;
    totals.inserted += c.inserted;
    totals.duplicates += c.duplicates;
    totals.flagged += c.flagged;
  };
  let batch: Post[] = [];
  const batchSize = opts.batchSize ?? 1000;
  for await (const record of readPostRecords(open(), format)) {
    if (!record.post)
      throw new DomainError(
        'IMPORT_ROW_INVALID',
        'Berkas berubah saat diimpor / the file changed during the import',
        [{ row: record.line, field: 'baris / line', message: record.error }],
      );
    batch.push(record.post);
    if (batch.length >= batchSize) {
      add(await opts.sink(batch, { source: opts.source }));
      batch = [];
    }
  }
  if (batch.length) add(await opts.sink(batch, { source: opts.source }));
  return totals;
}
