import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDataEnv } from '../../../test/support/db.ts';
import { NETRA_BIN } from '../../../test/support/processes.ts';
import { openDatabase } from '../../db/database.ts';
import { createAnalyticsService } from './analytics.service.ts';

let dataDir: string;
let env: Record<string, string>;
let drop: () => Promise<void>;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'netra-kerawanan-'));
  ({ env, drop } = await scratchDataEnv(dataDir));
});
afterAll(async () => {
  await drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const netra = (args: string[]) =>
  spawnSync(NETRA_BIN, args, {
    encoding: 'utf8',
    env: { ...process.env, NETRA_LOG_LEVEL: 'warn', NETRA_DEMO: '0', ...env },
    timeout: 120_000,
  });

describe('netra kerawanan', () => {
  it('has --help and refuses a call without a region', () => {
    const help = netra(['kerawanan', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('netra kerawanan --region CODE');
    const r = netra(['kerawanan']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--region CODE diperlukan/);
  });

  it('imports history all or nothing and prints the same numbers as the dashboard service', async () => {
    const bad = join(dataDir, 'salah.csv');
    writeFileSync(bad, 'kode_wilayah,jumlah_kasus\n64.71,2\n64.99,1\n');
    const refused = netra(['kerawanan', '--import-history', bad, '--election', 'pilkada-2020']);
    expect(refused.status).toBe(3);
    expect(refused.stderr).toMatch(/baris 3: kode_wilayah/);

    const good = join(dataDir, 'riwayat.csv');
    writeFileSync(good, 'kode_wilayah,jumlah_kasus\n64.71,2\n64.72,1\n');
    const imported = netra(['kerawanan', '--import-history', good, '--election', 'pilkada-2020', '--json']);
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({ election: 'pilkada-2020', rows: 2, cases: 3 });

    const r = netra(['kerawanan', '--region', '64', '--from', '2026-01-01', '--to', '2026-03-31', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const database = await openDatabase({ dataDir, databaseUrl: env.DATABASE_URL });
    try {
      const d = await createAnalyticsService({ db: database.db }).dashboard(
        { id: null, role: 'admin', office: { regionCode: '00' } },
        { region: '64', from: '2026-01-01', to: '2026-03-31' },
      );
      expect(out.region.kerawanan).toEqual(d.kerawanan);
      expect(out.children).toEqual(
        d.regions.map((x) => ({ code: x.code, name: x.name, kerawanan: x.kerawanan })),
      );
      expect(
        out.children.find((c: { code: string }) => c.code === '64.71').kerawanan.inputs.previousCases,
      ).toBe(2);
    } finally {
      await database.close();
    }

    const text = netra(['kerawanan', '--region', '64.71']);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/Kota Balikpapan \(64\.71\): \d+\.\d\d/);
    expect(text.stdout).toMatch(/Riwayat \/ history/);
    expect(netra(['kerawanan', '--region', '99']).status).toBe(1);
  }, 300_000);
});
