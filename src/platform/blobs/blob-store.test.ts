import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobNotFoundError, createBlobStore, sha256Hex } from './blob-store.ts';

const dirs: string[] = [];
const freshStore = () => {
  const dir = mkdtempSync(join(tmpdir(), 'netra-blobs-'));
  dirs.push(dir);
  return createBlobStore(join(dir, 'blobs'));
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('blob store', () => {
  it('stores content under its SHA-256 and reads it back', async () => {
    const store = freshStore();
    const data = Buffer.from('bukti tangkapan layar');
    const ref = await store.put(data);
    expect(ref).toEqual({ sha256: sha256Hex(data), size: data.length });
    expect(await store.get(ref.sha256)).toEqual(data);
    expect(await store.has(ref.sha256)).toBe(true);
    expect(readdirSync(join(store.root, ref.sha256.slice(0, 2), ref.sha256.slice(2, 4)))).toEqual([
      ref.sha256,
    ]);
  });

  it('is idempotent: the same content is written once', async () => {
    const store = freshStore();
    const a = await store.put(Buffer.from([1, 2, 3]));
    const b = await store.put(Buffer.from([1, 2, 3]));
    expect(a).toEqual(b);
    expect(readdirSync(join(store.root, a.sha256.slice(0, 2), a.sha256.slice(2, 4)))).toHaveLength(1);
  });

  it('refuses unknown and malformed hashes without touching paths outside the store', async () => {
    const store = freshStore();
    await expect(store.get('0'.repeat(64))).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.get('../../etc/passwd')).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(await store.has('../x')).toBe(false);
  });

  it('streams a stored blob', async () => {
    const store = freshStore();
    const data = Buffer.alloc(200_000, 7);
    const { sha256 } = await store.put(data);
    const chunks: Buffer[] = [];
    for await (const chunk of store.stream(sha256)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(data);
  });
});
