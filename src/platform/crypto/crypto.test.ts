import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMasterKey, masterKeyFile } from './master-key.ts';
import { createSecretBox } from './secret-box.ts';
import { newRecoveryCodes, newTotpSecret, qrSvgDataUrl, totpCodeAt, totpUri, verifyTotp } from './totp.ts';

describe('secret box', () => {
  it('round-trips, binds the context and the purpose, and detects tampering', () => {
    const key = randomBytes(32);
    const box = createSecretBox(key, 'totp');
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'user-1');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed, 'user-1').toString()).toBe('JBSWY3DPEHPK3PXP');
    expect(() => box.open(sealed, 'user-2')).toThrow();
    expect(() => createSecretBox(key, 'other').open(sealed, 'user-1')).toThrow();
    const parts = sealed.split('.');
    parts[2] = Buffer.from('x').toString('base64url');
    expect(() => box.open(parts.join('.'), 'user-1')).toThrow();
  });
});

describe('master key', () => {
  it('uses the configured key, else generates one file (0600) and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netra-key-'));
    try {
      const configured = randomBytes(32).toString('base64');
      expect(loadMasterKey({ masterKey: configured, dataDir: dir }).toString('base64')).toBe(configured);
      const warnings: string[] = [];
      const a = loadMasterKey({ dataDir: dir }, (m) => warnings.push(m));
      const b = loadMasterKey({ dataDir: dir }, (m) => warnings.push(m));
      expect(a.equals(b)).toBe(true);
      expect(a).toHaveLength(32);
      expect(statSync(masterKeyFile(dir)).mode & 0o777).toBe(0o600);
      expect(warnings).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC 6238 SHA-1 test vector', () => {
    // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s → 94287082 (8 digits); 6 digits: 287082.
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(totpCodeAt(secret, new Date(59_000))).toBe('287082');
    expect(verifyTotp(secret, '287082', new Date(59_000))).toBe(1);
  });

  it('accepts one step of drift, refuses others and malformed codes', () => {
    const secret = newTotpSecret();
    const now = new Date('2030-01-01T00:00:10Z');
    const code = totpCodeAt(secret, now);
    expect(verifyTotp(secret, code, new Date(now.getTime() + 30_000))).not.toBeNull();
    expect(verifyTotp(secret, code, new Date(now.getTime() + 90_000))).toBeNull();
    expect(verifyTotp(secret, '12345', now)).toBeNull();
    expect(verifyTotp(secret, 'abcdef', now)).toBeNull();
  });

  it('renders the otpauth URI as a QR SVG data URL; recovery codes are distinct', () => {
    const uri = totpUri(newTotpSecret(), 'analis.kalsel');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Netra:analis\.kalsel\?.*algorithm=SHA1.*digits=6.*period=30/);
    const url = qrSvgDataUrl(uri);
    expect(Buffer.from(url.replace(/^data:image\/svg\+xml;base64,/, ''), 'base64').toString()).toContain(
      '<svg',
    );
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
  });
});
