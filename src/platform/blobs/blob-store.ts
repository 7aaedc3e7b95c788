import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync } from 'node:fs';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** A stored blob: its SHA-256 (hex, lower case) and size in bytes. */
export type BlobRef = { sha256: string; size: number };

/**
 * Content-addressed file store (architecture: "Files"): every blob is kept once under its SHA-256,
 * at `<root>/<h0h1>/<h2h3>/<hash>` (the layout `netra backup` copies). Blobs are immutable and never
 * deleted by the application (evidence is never hard-deleted). Features keep their own metadata
 * (name, type, who uploaded it, encryption) in their tables and refer to blobs by hash.
 */
export type BlobStore = {
  /** Stores bytes (idempotent: the same content gives the same ref and is written once). */
  put: (data: Uint8Array) => Promise<BlobRef>;
  /** The bytes of a blob; NOT_FOUND-style error (`BlobNotFoundError`) when absent. */
  get: (sha256: string) => Promise<Buffer>;
  /** A read stream of a blob, for large files. */
  stream: (sha256: string) => Readable;
  has: (sha256: string) => Promise<boolean>;
  /** Where the blobs live (for backups and tests). */
  readonly root: string;
};

export class BlobNotFoundError extends Error {
  constructor(sha256: string) {
    super(`blob not found: ${sha256}`);
  }
}

const HASH = /^[0-9a-f]{64}$/;

/** SHA-256 of bytes, hex. */
export const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** The blob store under `<dataDir>/blobs` (or any root). */
export function createBlobStore(root: string): BlobStore {
  const pathOf = (sha256: string) => {
    if (!HASH.test(sha256)) throw new BlobNotFoundError(sha256);
    return join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };

  return {
    root,
    async put(data) {
      const sha256 = sha256Hex(data);
      const path = pathOf(sha256);
      if (existsSync(path)) return { sha256, size: data.byteLength };
      const dir = join(root, sha256.slice(0, 2), sha256.slice(2, 4));
      mkdirSync(dir, { recursive: true });
      // Write to a temporary name, flush to disk, then rename: a crash never leaves a partial blob
      // under its final name.
      const tmp = join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
      const handle = await open(tmp, 'wx', 0o600);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await rename(tmp, path);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
      return { sha256, size: data.byteLength };
    },
    async get(sha256) {
      try {
        return await readFile(pathOf(sha256));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(sha256);
        throw e;
      }
    },
    stream(sha256) {
      return createReadStream(pathOf(sha256));
    },
    async has(sha256) {
      if (!HASH.test(sha256)) return false;
      try {
        return (await stat(pathOf(sha256))).isFile();
      } catch {
        return false;
      }
    },
  };
}
