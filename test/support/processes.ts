import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const NETRA_BIN = `${ROOT}bin/netra`;

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

export type Spawned = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** Starts a process with captured output; `exited` resolves with its exit code (null if killed). */
export function start(cmd: string, args: string[], env: Record<string, string>): Spawned {
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Starts `netra serve --api-only` and waits until /api/health answers. */
export async function startServer(env: Record<string, string>, timeoutMs = 90_000) {
  const port = await freePort();
  const proc = start(NETRA_BIN, ['serve', '--api-only'], {
    PORT: String(port),
    HOST: '127.0.0.1',
    NETRA_LOG_LEVEL: 'warn',
    ...env,
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`server exited early:\n${proc.output()}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      proc.child.kill('SIGKILL');
      throw new Error(`server did not start in time:\n${proc.output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { ...proc, port, base };
}
