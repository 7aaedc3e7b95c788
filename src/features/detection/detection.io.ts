import { once } from 'node:events';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { Pack } from '../../contracts/pack.ts';
import { CliUsageError } from '../../platform/cli/command.ts';

/**
 * Reads and validates election packs. An unreadable file, bad JSON or a schema error is a usage
 * error (exit 2) whose message names the file and the field.
 */
export function loadPacks(paths: string[]): Pack[] {
  if (paths.length === 0) throw new CliUsageError('--pack wajib diisi / --pack is required');
  return paths.map((path) => {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new CliUsageError(`paket tidak valid / invalid pack ${path}: ${(e as Error).message}`);
    }
    const parsed = Pack.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.length ? issue.path.map((p) => String(p)).join('.') : '(root)';
      throw new CliUsageError(
        `paket tidak valid / invalid pack ${path}: field ${field}: ${issue.message}` +
          (parsed.error.issues.length > 1 ? ` (+${parsed.error.issues.length - 1} more)` : ''),
      );
    }
    return parsed.data;
  });
}

/** Opens `--in` (a path, `-` or undefined for stdin) as a line iterator. */
export function openLines(path: string | undefined, stdin: NodeJS.ReadableStream): AsyncIterable<string> {
  const input = !path || path === '-' ? (stdin as Readable) : createReadStream(path);
  return createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
}

/**
 * Opens `--in` as batches of lines: reads the stream in chunks and splits them itself, so the
 * caller awaits once per chunk rather than once per line. Lines end at `\n`, `\r\n` or a lone `\r`
 * (as `readline` splits them); a last line without a newline is kept, empty lines are kept.
 * Invalid UTF-8 becomes U+FFFD.
 */
export async function* openLineBatches(
  path: string | undefined,
  stdin: NodeJS.ReadableStream,
): AsyncIterable<string[]> {
  for await (const lines of openByteLineBatches(path, stdin)) yield lines.map((l) => l.toString('utf8'));
}

/**
 * The same lines as their bytes, undecoded (views of the chunks read, joined where a line spans
 * two): for callers that keep a line as received (`netra ingest` archives it). Splitting bytes is
 * safe for UTF-8, whose multi-byte sequences never contain a CR or LF byte.
 */
export async function* openByteLineBatches(
  path: string | undefined,
  stdin: NodeJS.ReadableStream,
): AsyncIterable<Buffer[]> {
  const input = !path || path === '-' ? (stdin as Readable) : createReadStream(path);
  let rest: Buffer[] = [];
  let pendingCr = false;
  for await (const data of input as AsyncIterable<Buffer | string>) {
    const chunk = typeof data === 'string' ? Buffer.from(data) : data;
    let a = 0;
    if (pendingCr && chunk[0] === 10) a = 1;
    pendingCr = false;
    const lines: Buffer[] = [];
    const take = (end: number) => {
      const part = chunk.subarray(a, end);
      if (rest.length > 0) {
        rest.push(part);
        lines.push(Buffer.concat(rest));
        rest = [];
      } else lines.push(part);
    };
    if (chunk.indexOf(13, a) < 0) {
      // Usual case: only \n line ends, found with indexOf.
      for (let i = chunk.indexOf(10, a); i >= 0; i = chunk.indexOf(10, a)) {
        take(i);
        a = i + 1;
      }
    } else
      for (let i = a; i < chunk.length; i++) {
        const c = chunk[i];
        if (c === 10) {
          take(i);
          a = i + 1;
        } else if (c === 13) {
          take(i);
          if (i + 1 === chunk.length) pendingCr = true;
          else if (chunk[i + 1] === 10) i++;
          a = i + 1;
        }
      }
    if (a < chunk.length) rest.push(chunk.subarray(a));
    if (lines.length > 0) yield lines;
  }
  if (rest.length > 0) yield [Buffer.concat(rest)];
}

/** A buffered line writer that respects back-pressure. */
export type LineWriter = { write(line: string): Promise<void> | undefined; close(): Promise<void> };

/** Opens `--out` (a path, `-` or undefined for stdout). */
export function openWriter(path: string | undefined, stdout: NodeJS.WritableStream): LineWriter {
  const toFile = !!path && path !== '-';
  const out = (toFile ? createWriteStream(path) : stdout) as Writable;
  let buf = '';
  // One pending 'drain' wait at a time, shared by every block written while the stream is full.
  let draining: Promise<void> | null = null;
  const flush = (): Promise<void> | undefined => {
    if (buf.length === 0) return draining ?? undefined;
    const chunk = buf;
    buf = '';
    if (!out.write(chunk) && !draining)
      draining = once(out, 'drain').then(() => {
        draining = null;
      });
    return draining ?? undefined;
  };
  return {
    write(line: string) {
      buf += `${line}\n`;
      if (buf.length >= 1 << 16) return flush();
      return undefined;
    },
    async close() {
      await flush();
      if (toFile) {
        out.end();
        await once(out, 'finish');
      }
    },
  };
}

/** Progress on standard error, only when it is a terminal; at most a few times a second. */
export function progress(stderr: NodeJS.WritableStream): { tick(n: number): void; done(): void } {
  const tty = (stderr as { isTTY?: boolean }).isTTY === true;
  let last = 0;
  const started = Date.now();
  return {
    tick(n: number) {
      if (!tty || (n & 1023) !== 0) return;
      const now = Date.now();
      if (now - last < 250) return;
      last = now;
      const rate = Math.round(n / Math.max(0.001, (now - started) / 1000));
      stderr.write(`\r${n.toLocaleString('en')} pos / posts (${rate.toLocaleString('en')}/s)`);
    },
    done() {
      if (tty && last > 0) stderr.write('\r\x1b[K');
    },
  };
}
