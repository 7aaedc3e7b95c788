import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, scrypt } from 'node:crypto';
import { createSecretBox, type SecretBox } from './secret-box.ts';

/**
 * Envelope encryption for records that hold personal data (public reports): each record has its
 * own random 32-byte data key; the data key is stored wrapped (sealed) by a key derived from the
 * master key, bound to the record id. Fields are sealed with the data key (`fieldBox`), files with
 * `encryptBytes` (binary AES-256-GCM: `iv(12) | tag(16) | ciphertext`). Losing the master key
 * loses every record; see docs/reports.md "Key backup".
 */
export type Envelope = {
  /** A fresh data key and its wrapped form for record `recordId`. */
  newDataKey: (recordId: string) => { key: Buffer; wrapped: string };
  unwrap: (wrapped: string, recordId: string) => Buffer;
};

export function createEnvelope(masterKey: Buffer, purpose: string): Envelope {
  const wrapper = createSecretBox(masterKey, `${purpose}:key-wrap`);
  return {
    newDataKey(recordId) {
      const key = randomBytes(32);
      return { key, wrapped: wrapper.seal(key, recordId) };
    },
    unwrap: (wrapped, recordId) => wrapper.open(wrapped, recordId),
  };
}

/** Seals text fields with a record's data key (AES-256-GCM, field name as associated data). */
export const fieldBox = (dataKey: Buffer): SecretBox => createSecretBox(dataKey, 'fields');

const fileKey = (dataKey: Buffer) => Buffer.from(hkdfSync('sha256', dataKey, 'netra', 'netra:files', 32));

export function encryptBytes(dataKey: Buffer, plaintext: Uint8Array, context: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', fileKey(dataKey), iv);
  cipher.setAAD(Buffer.from(context));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]);
}

export function decryptBytes(dataKey: Buffer, sealed: Buffer, context: string): Buffer {
  if (sealed.length < 28) throw new Error('not an encrypted file');
  const decipher = createDecipheriv('aes-256-gcm', fileKey(dataKey), sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}

/** scrypt cost: N = 2^14, r = 8 (16 MiB, tens of milliseconds per hash). */
const SCRYPT = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/**
 * A slow keyed hash for codes that must be looked up but never stored (receipt codes):
 * scrypt with a pepper derived from the master key as salt. Deterministic, so equal codes give
 * equal hashes; without the master key a stolen database cannot be searched for codes.
 */
export function createSlowKeyedHash(masterKey: Buffer, purpose: string) {
  const pepper = Buffer.from(hkdfSync('sha256', masterKey, 'netra', `netra:${purpose}:pepper`, 32));
  return (input: string) =>
    new Promise<string>((resolve, reject) =>
      scrypt(input, pepper, 32, SCRYPT, (err, key) =>
        err ? reject(err) : resolve(key.toString('base64url')),
      ),
    );
}

/** A fast keyed fingerprint (HMAC-SHA-256) for equality checks on personal text (duplicates). */
export function createFingerprint(masterKey: Buffer, purpose: string) {
  const key = Buffer.from(hkdfSync('sha256', masterKey, 'netra', `netra:${purpose}:fingerprint`, 32));
  return (input: string) => createHmac('sha256', key).update(input).digest('base64url');
}
