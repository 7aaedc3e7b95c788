import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { DEMO_PASSWORD } from '../src/features/setup/demo-data.ts';
import { scratchDataEnv } from './support/db.ts';
import { ROOT, start, startServer } from './support/processes.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'netra-durability-'));
  const s = await scratchDataEnv(join(dir, 'data'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }), s.drop);
  return s.env;
}

/** Sends an HTTP request in two parts over a raw socket, calling `between` after the first part. */
function splitRequest(port: number, body: string, between: () => Promise<void>) {
  return new Promise<{ status: number; raw: string }>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let raw = '';
    socket.on('data', (d) => (raw += d));
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number(raw.split(' ')[1]), raw }));
    socket.on('connect', async () => {
      const half = Math.floor(body.length / 2);
      socket.write(
        `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, half)}`,
      );
      await between();
      socket.write(body.slice(half));
    });
  });
}

describe('durability of the real server', () => {
  it('finishes the in-flight request on SIGTERM, exits 0, and keeps what it wrote', async () => {
    const env = await scratch();
    const first = await startServer(env);
    const body = JSON.stringify({ username: 'analis.balikpapan', password: DEMO_PASSWORD });
    const res = await splitRequest(first.port, body, async () => {
      await new Promise((r) => setTimeout(r, 300));
      first.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
    });
    expect(res.status).toBe(200);
    const cookie = /netra_session=([^;]+)/.exec(res.raw)![1];
    expect(await first.exited).toBe(0);

    const second = await startServer(env);
    cleanups.push(() => void second.child.kill('SIGKILL'));
    const me = await fetch(`${second.base}/api/auth/me`, { headers: { cookie: `netra_session=${cookie}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { username: string }).username).toBe('analis.balikpapan');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('loses no committed write when killed with SIGKILL mid-write, and starts again', async () => {
    const env = await scratch();
    const writer = start(`${ROOT}node_modules/.bin/node`, [`${ROOT}test/support/committed-writer.ts`], env);
    const committed = () =>
      writer
        .output()
        .split('\n')
        .filter((l) => l.startsWith('crash-test:'));
    const deadline = Date.now() + 90_000;
    while (committed().length < 40 && Date.now() < deadline && writer.child.exitCode === null)
      await new Promise((r) => setTimeout(r, 20));
    writer.child.kill('SIGKILL');
    await writer.exited;
    const acknowledged = committed();
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);

    const database = await openDatabase(loadConfig(env));
    const rows = await database.db
      .selectFrom('app_meta')
      .select('key')
      .where('key', 'like', 'crash-test:%')
      .execute();
    await database.close();
    const stored = new Set(rows.map((r) => r.key));
    expect(acknowledged.filter((k) => !stored.has(k))).toEqual([]);

    const server = await startServer(env);
    const health = await fetch(`${server.base}/api/health`);
    expect(health.status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
