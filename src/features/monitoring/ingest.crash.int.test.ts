import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchDataEnv } from '../../../test/support/db.ts';
import { NETRA_BIN, start } from '../../../test/support/processes.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const N = 30_000;

describe('netra ingest killed part-way', () => {
  it('stores every post exactly once after SIGKILL and a re-run of the same input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netra-ingest-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const s = await scratchDataEnv(join(dir, 'data'));
    cleanups.push(s.drop);
    const env = { ...s.env, NETRA_DEMO: '0' };
    const file = join(dir, 'posts.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < N; i++)
      lines.push(
        JSON.stringify({
          id: `x:${1_790_000_000_000_000_000n + BigInt(i)}`,
          platform: 'x',
          text:
            i % 50 === 0
              ? `Ayo coblos nomor 2 Prabowo Gibran! #${i}`
              : `Catatan harian nomor ${i}: rapat, kopi, pulang.`,
          author: { handle: `pegawai${i % 997}` },
          posted_at: '2024-01-20T09:15:00+07:00',
        }),
      );
    writeFileSync(file, `${lines.join('\n')}\n`);
    {
      const database = await openDatabase(loadConfig(env));
      await migrateToLatest(database.db);
      const pack = JSON.parse(readFileSync('test/fixtures/packs/pilpres-2024.json', 'utf8'));
      await database.db
        .insertInto('election_packs')
        .values({
          id: pack.id,
          name: pack.name,
          kind: pack.kind,
          region_code: pack.region_code,
          body: JSON.stringify(pack),
        })
        .execute();
      await database.close();
    }

    // First run: killed once some chunks are committed (the database shows posts).
    const first = start(NETRA_BIN, ['ingest', file, '--json', '--source', 'crash-test'], env);
    const deadline = Date.now() + 120_000;
    // Wait until the process is well into the file, then kill it without warning.
    while (Date.now() < deadline && first.child.exitCode === null && !/\d/.test(first.output()))
      await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 6_000));
    const killed = first.child.exitCode === null;
    first.child.kill('SIGKILL');
    await first.exited;

    const second = start(NETRA_BIN, ['ingest', file, '--json', '--source', 'crash-test'], env);
    expect(await second.exited, second.output()).toBe(0);
    const counts = JSON.parse(second.output().trim().split('\n').pop()!) as {
      read: number;
      inserted: number;
      duplicates: number;
    };
    expect(counts.read).toBe(N);
    expect(counts.inserted + counts.duplicates).toBe(N);
    if (killed) expect(counts.inserted).toBeLessThan(N);

    const database = await openDatabase(loadConfig(env));
    cleanups.push(() => database.close());
    const { rows } = await sql<{ n: number; distinct_ids: number; alerts: number; alert_posts: number }>`
      SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS distinct_ids,
        (SELECT count(*)::int FROM alerts) AS alerts, (SELECT count(DISTINCT post_id)::int FROM alerts) AS alert_posts
      FROM posts`.execute(database.db);
    expect(rows[0]!.n).toBe(N);
    expect(rows[0]!.distinct_ids).toBe(N);
    expect(rows[0]!.alerts).toBe(rows[0]!.alert_posts);
    expect(rows[0]!.alerts).toBe(N / 50);
  }, 300_000);
});
