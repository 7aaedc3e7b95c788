import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Authenticated encryption of small secrets at rest: AES-256-GCM with a key derived from the master
 * key by HKDF-SHA-256 for one `purpose` (e.g. `totp`, `reporter-identity`), so a key for one use
 * cannot open another's data. Sealed form: `v1.<iv>.<ciphertext>.<tag>` (base64url). `context`
 * (e.g. the user id) is bound as associated data: a sealed value copied to another row fails.
 */
export type SecretBox = {
  seal: (plaintext: string | Buffer, context?: string) => string;
  open: (sealed: string, context?: string) => Buffer;
};

export function createSecretBox(masterKey: Buffer, purpose: string): SecretBox {
  if (masterKey.length !== 32) throw new Error('master key must be 32 bytes');
  const key = Buffer.from(hkdfSync('sha256', masterKey, 'netra', `netra:${purpose}`, 32));
  return {
    seal(plaintext, context = '') {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context));
      const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return ['v1', iv, ct, cipher.getAuthTag()]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed, context = '') {
      const [version, iv, ct, tag] = sealed.split('.');
      if (version !== 'v1' || !iv || ct === undefined || !tag) throw new Error('not a sealed value');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]);
    },
  };
}
