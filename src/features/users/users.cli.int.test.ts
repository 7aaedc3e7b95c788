import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDataEnv } from '../../../test/support/db.ts';
import { NETRA_BIN } from '../../../test/support/processes.ts';
import { openDatabase } from '../../db/database.ts';

let dataDir: string;
let env: Record<string, string>;
let drop: () => Promise<void>;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'netra-cli-'));
  ({ env, drop } = await scratchDataEnv(dataDir));
});
afterAll(async () => {
  await drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const netra = (args: string[], input?: string, envOverride: Record<string, string> = env) =>
  spawnSync(NETRA_BIN, args, {
    encoding: 'utf8',
    input,
    env: { ...process.env, NETRA_LOG_LEVEL: 'warn', ...envOverride },
    timeout: 60_000,
  });

describe('netra users and netra audit', () => {
  it('has --help for every subcommand', () => {
    for (const sub of ['create', 'reset', 'disable']) {
      const r = netra(['users', sub, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`netra users ${sub}`);
    }
    expect(netra(['audit', 'verify', '--help']).stdout).toContain('netra audit verify');
  });

  it('creates, resets and disables users; verify exits 0, then 4 naming the tampered event', async () => {
    const created = netra([
      'users',
      'create',
      'admin.kaltim',
      '--role',
      'admin',
      '--office',
      '64',
      '--name',
      'Admin Kaltim',
    ]);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/password \(shown once\): [a-z0-9-]{20,}/);

    const weak = netra(
      ['users', 'create', 'lemah', '--role', 'viewer', '--office', '64', '--name', 'L', '--password-stdin'],
      'password1\n',
    );
    expect(weak.status).toBe(3);
    expect(weak.stderr).toContain('minimal 12 karakter');

    const usage = netra(['users', 'create', 'x.y.z', '--role', 'emperor', '--office', '64', '--name', 'X']);
    expect(usage.status).toBe(2);

    const reset = netra(
      ['users', 'reset', 'admin.kaltim', '--password-stdin'],
      'sungai mahakam yang lebar\n',
    );
    expect(reset.status).toBe(0);
    expect(reset.stdout).not.toContain('shown once');
    expect(netra(['users', 'disable', 'admin.kaltim']).status).toBe(0);
    expect(netra(['users', 'disable', 'nobody.here']).status).toBe(1);

    const ok = netra(['audit', 'verify', '--json']);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, events: 3 });

    // Back up, restore into an empty instance, and find the users and the intact chain there.
    const file = join(dataDir, 'netra.backup');
    expect(netra(['backup', file]).status).toBe(0);
    const otherDir = mkdtempSync(join(tmpdir(), 'netra-cli-restore-'));
    const other = await scratchDataEnv(otherDir);
    try {
      const restored = netra(['restore', file], undefined, other.env);
      expect(restored.stderr).toBe('');
      expect(restored.status).toBe(0);
      expect(JSON.parse(netra(['audit', 'verify', '--json'], undefined, other.env).stdout)).toMatchObject({
        ok: true,
        events: 3,
      });
      expect(netra(['users', 'disable', 'admin.kaltim', '--enable'], undefined, other.env).status).toBe(0);
      expect(netra(['restore', file], undefined, other.env).status).not.toBe(0);
    } finally {
      await other.drop();
      rmSync(otherDir, { recursive: true, force: true });
    }

    const database = await openDatabase({ dataDir, databaseUrl: env.DATABASE_URL });
    try {
      const second = await database.db
        .selectFrom('audit_events')
        .select('id')
        .orderBy('id')
        .offset(1)
        .limit(1)
        .executeTakeFirstOrThrow();
      await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change`.execute(database.db);
      await sql`UPDATE audit_events SET action = 'user.enable' WHERE id = ${second.id}`.execute(database.db);
      await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change`.execute(database.db);
    } finally {
      await database.close();
    }
    const broken = netra(['audit', 'verify']);
    expect(broken.status).toBe(4);
    expect(broken.stderr).toMatch(/BROKEN at event \d+/);
  }, 300_000);
});
