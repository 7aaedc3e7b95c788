import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a generated master key is kept when NETRA_MASTER_KEY is not configured. */
export const masterKeyFile = (dataDir: string) => join(dataDir, 'master.key');

/**
 * The 32-byte master key that seals secrets at rest (TOTP secrets, reporters' identities):
 * `NETRA_MASTER_KEY` (base64) when configured; otherwise a key generated once under
 * `$NETRA_DATA_DIR/master.key` (mode 0600), with a warning. A production deployment configures the
 * key (and keeps a copy apart from the database backups): every process must share the same key,
 * and data sealed with a lost key cannot be read again.
 */
export function loadMasterKey(
  opts: { masterKey?: string; dataDir: string },
  warn: (message: string) => void = () => {},
): Buffer {
  if (opts.masterKey) return Buffer.from(opts.masterKey, 'base64');
  const file = masterKeyFile(opts.dataDir);
  if (existsSync(file)) {
    warn(`NETRA_MASTER_KEY tidak diatur; memakai kunci di / not set; using the key in ${file}`);
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  warn(
    `NETRA_MASTER_KEY tidak diatur; kunci baru dibuat di / not set; generated a new key in ${file} — ` +
      'atur NETRA_MASTER_KEY untuk produksi / configure NETRA_MASTER_KEY in production',
  );
  return key;
}
