/**
 * Runs a command against a throwaway PostgreSQL cluster: creates it with Debian's `initdb` in a
 * temporary directory, starts it on a free loopback port, runs the command with DATABASE_URL set,
 * then stops the cluster and removes the directory (also on failure or Ctrl-C).
 *
 *   node scripts/with-postgres.ts vitest run --project integration
 *
 * PG_BIN overrides where the server binaries are (default: the newest /usr/lib/postgresql/N/bin).
 * PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function findBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length) {
    process.stderr.write(
      'PostgreSQL server binaries not found. Install them: apt-get install -y postgresql (or set PG_BIN).\n',
    );
    process.exit(1);
  }
  return join(root, versions[0]!, 'bin');
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

const args = process.argv.slice(2);
if (!args.length) {
  process.stderr.write('usage: node scripts/with-postgres.ts <command> [args…]\n');
  process.exit(2);
}

const bin = findBinDir();
const asRoot = process.getuid?.() === 0;
const dir = mkdtempSync(join(tmpdir(), 'netra-pg-'));
const dataDir = join(dir, 'data');
if (asRoot) {
  const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gw = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (pw.status !== 0) {
    process.stderr.write(
      'Running as root needs the `postgres` system user (apt-get install -y postgresql).\n',
    );
    process.exit(1);
  }
  chownSync(dir, Number(pw.stdout.trim()), Number(gw.stdout.trim()));
  chmodSync(dir, 0o700);
}

/** Runs a server binary, as `postgres` when we are root. */
function pgRun(tool: string, toolArgs: string[]) {
  const cmd = asRoot ? 'runuser' : join(bin, tool);
  const full = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...toolArgs] : toolArgs;
  const r = spawnSync(cmd, full, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${tool} failed (${r.status}): ${r.stderr || r.stdout}`);
}

let started = false;
function cleanup() {
  if (started) {
    try {
      pgRun('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    } catch (e) {
      process.stderr.write(`${(e as Error).message}\n`);
    }
    started = false;
  }
  rmSync(dir, { recursive: true, force: true });
}

let exitCode = 1;
try {
  const port = await freePort();
  pgRun('initdb', [
    '-D',
    dataDir,
    '-U',
    'netra',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  pgRun('pg_ctl', ['-D', dataDir, '-o', serverOptions, '-l', join(dir, 'server.log'), '-w', 'start']);
  started = true;
  const url = `postgres://netra@127.0.0.1:${port}/postgres`;
  process.stderr.write(`PostgreSQL ${bin} on port ${port}\n`);
  const child = spawn(args[0]!, args.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: url },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  exitCode = await new Promise<number>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))),
  );
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
} finally {
  cleanup();
}
process.exit(exitCode);
