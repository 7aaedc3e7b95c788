import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/** The repository root (this file is test/support/e2e.ts). */
export const ROOT = resolve(import.meta.dirname, '../..');

/** Screenshots and other artefacts of browser tests (gitignored). */
export const RESULTS_DIR = join(ROOT, 'test-results');

/** A TCP port that was free a moment ago, picked by the operating system. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('no port'));
        return;
      }
      server.close(() => resolvePort(address.port));
    });
  });
}

/**
 * Launches Debian's Chromium (`CHROMIUM_PATH`, default /usr/bin/chromium) through playwright-core;
 * nothing is downloaded. The flags keep it quiet and working as root in containers.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export type RunningServer = {
  baseUrl: string;
  port: number;
  dataDir: string;
  /** Everything the server wrote to stdout and stderr so far (for failure messages). */
  output: () => string;
  /** Sends SIGTERM, waits for the exit (SIGKILL after `timeoutMs`) and removes the data folder. */
  stop: (timeoutMs?: number) => Promise<number | null>;
};

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `netra serve exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (e) {
      lastError = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `netra serve did not answer /api/health within ${timeoutMs} ms (${lastError}):\n${output()}`,
  );
}

/**
 * Starts the real server (`./bin/netra serve`) on a free port with a fresh data folder (embedded
 * PGlite; the demo data are seeded on first start) and waits until `/api/health` answers.
 */
export async function startServer(options: { env?: Record<string, string>; timeoutMs?: number } = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'netra-e2e-'));
  const child = spawn(join(ROOT, 'bin', 'netra'), ['serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NETRA_DATA_DIR: dataDir,
      NETRA_LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const append = (chunk: Buffer) => {
    log += chunk.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const output = () => log;
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async (timeoutMs = 15_000): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
    return child.exitCode;
  };

  try {
    await waitForHealth(baseUrl, child, output, options.timeoutMs ?? 120_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { baseUrl, port, dataDir, output, stop } satisfies RunningServer;
}
