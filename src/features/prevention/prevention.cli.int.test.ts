import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDataEnv } from '../../../test/support/db.ts';
import { NETRA_BIN } from '../../../test/support/processes.ts';

let dataDir: string;
let env: Record<string, string>;
let drop: () => Promise<void>;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'netra-cli-prevention-'));
  ({ env, drop } = await scratchDataEnv(dataDir));
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

describe('netra prevention coverage', () => {
  it('has --help and refuses a bad region code (exit 2)', () => {
    const help = netra(['prevention', 'coverage', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('netra prevention coverage');
    const bad = netra(['prevention', 'coverage', '--region', 'x']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('kode wilayah tidak valid');
  });

  it('prints the regencies of a province as JSON and writes XLSX', () => {
    const r = netra(['prevention', 'coverage', '--region', '64', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.regionRoot).toBe('64');
    expect(c.regions.map((x: { regionCode: string }) => x.regionCode)).toContain('64.71');
    const out = join(dataDir, 'cakupan.xlsx');
    expect(netra(['prevention', 'coverage', '--region', '64', '--xlsx', out]).status).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });
});
