import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDataEnv } from '../../../test/support/db.ts';
import { NETRA_BIN } from '../../../test/support/processes.ts';

let dataDir: string;
let env: Record<string, string>;
let drop: () => Promise<void>;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'netra-sources-'));
  ({ env, drop } = await scratchDataEnv(dataDir));
  env = { ...env, NETRA_MASTER_KEY: randomBytes(32).toString('base64') };
});
afterAll(async () => {
  await drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const netra = (args: string[]) =>
  spawnSync(NETRA_BIN, args, {
    encoding: 'utf8',
    env: { ...process.env, NETRA_LOG_LEVEL: 'warn', ...env },
    timeout: 60_000,
  });

describe('netra sources', () => {
  it('has --help for every subcommand', () => {
    for (const sub of ['create', 'list', 'rotate', 'disable', 'enable', 'status']) {
      const r = netra(['sources', sub, '--help']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`netra sources ${sub}`);
    }
    expect(netra(['sources']).status).toBe(2);
  }, 120_000);

  it('creates a source (secret printed once), lists it without the secret, rotates, disables', () => {
    const created = netra(['sources', 'create', 'mitra-uji', '--description', 'Uji', '--json']);
    expect(created.status, created.stderr).toBe(0);
    const { secret, name, status } = JSON.parse(created.stdout);
    expect({ name, status }).toEqual({ name: 'mitra-uji', status: 'active' });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);

    const again = netra(['sources', 'create', 'mitra-uji']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('sudah ada / source exists');

    const bad = netra(['sources', 'create', 'Nama Salah']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('huruf kecil');

    const list = netra(['sources', 'list', '--json']);
    expect(list.status).toBe(0);
    expect(list.stdout).not.toContain(secret);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ name: 'mitra-uji', description: 'Uji' }),
    ]);

    const rotated = netra(['sources', 'rotate', 'mitra-uji', '--grace-hours', '2', '--json']);
    expect(rotated.status, rotated.stderr).toBe(0);
    const r = JSON.parse(rotated.stdout);
    expect(r.secret).not.toBe(secret);
    expect(Date.parse(r.previousValidUntil) - Date.now()).toBeGreaterThan(3_600_000);

    expect(netra(['sources', 'rotate', 'mitra-uji', '--grace-hours', 'lama']).status).toBe(2);
    const disabled = netra(['sources', 'disable', 'mitra-uji']);
    expect(disabled.stdout).toContain('mitra-uji: disabled');
    expect(netra(['sources', 'status']).stdout).toContain('Belum ada penarikan / nothing polled yet');
  }, 300_000);
});
