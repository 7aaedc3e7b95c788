import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchDataEnv } from '../../../test/support/db.ts';
import { NETRA_BIN } from '../../../test/support/processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'netra-ingest-cli-'));
const cleanups: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('netra ingest', () => {
  it('prints the counts as JSON, reports malformed lines by number, exits 3, and is idempotent', async () => {
    const s = await scratchDataEnv(join(dir, 'data'));
    cleanups.push(s.drop);
    const file = join(dir, 'posts.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'x:1', text: 'halo' }),
        '{"id": "x:2", "text": ',
        JSON.stringify({ id: 'x:3' }),
        '',
        JSON.stringify({ id: 'x:4', text: 'selamat pagi', author: { handle: 'a' } }),
      ].join('\n'),
    );
    const run = () =>
      spawnSync(NETRA_BIN, ['ingest', file, '--json', '--source', 'cli-test'], {
        env: { ...process.env, ...s.env, NETRA_DEMO: '0' },
        encoding: 'utf8',
      });
    const first = run();
    expect(first.status, first.stderr).toBe(3);
    expect(JSON.parse(first.stdout)).toMatchObject({
      read: 2,
      inserted: 2,
      duplicates: 0,
      flagged: 0,
      errors: 2,
    });
    expect(first.stderr).toMatch(/baris 2: JSON tidak valid/);
    expect(first.stderr).toMatch(/baris 3: field text wajib/);
    const second = run();
    expect(JSON.parse(second.stdout)).toMatchObject({ read: 2, inserted: 0, duplicates: 2 });
  }, 120_000);

  it('exits 2 without a file and has --help', () => {
    const none = spawnSync(NETRA_BIN, ['ingest'], { encoding: 'utf8' });
    expect(none.status).toBe(2);
    const help = spawnSync(NETRA_BIN, ['ingest', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--source NAME/);
  });
});
