import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/netra', import.meta.url));
const netra = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, ...env }, cwd: '/' });

describe('netra CLI', () => {
  it('lists the commands with --help, from any working directory', () => {
    const r = netra(['--help']);
    expect(r.status).toBe(0);
    for (const name of ['serve', 'migrate', 'seed']) expect(r.stdout).toContain(name);
  });

  it.each(['serve', 'migrate', 'seed'])('has --help for %s', (command) => {
    const r = netra([command, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Pemakaian \/ usage: netra /);
  });

  it('exits 2 with a clear message on an unknown command', () => {
    const r = netra(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('perintah tidak dikenal / unknown command: frobnicate');
  });

  it('exits 2 on an unknown flag', () => {
    const r = netra(['migrate', '--fast']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown option: --fast');
  });

  it('exits 2 naming the variable when the configuration is wrong', () => {
    const r = netra(['migrate'], { PORT: 'not-a-port' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('PORT');
  });

  it('prints the version', () => {
    const r = netra(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
