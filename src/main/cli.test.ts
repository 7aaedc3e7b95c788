import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';

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

  it('loads each command listed by --help under its own name, with its own --help', async () => {
    const capture = () => {
      let text = '';
      const write = (s: string) => {
        text += s;
        return true;
      };
      return { write, text: () => text };
    };
    const run = async (argv: string[]) => {
      const stdout = capture();
      const stderr = capture();
      const code = await runCli(argv, { stdout, stderr, stdin: process.stdin, env: {} } as never);
      return { code, out: stdout.text(), err: stderr.text() };
    };
    const top = await run(['--help']);
    const names = [...top.out.matchAll(/^ {2}([a-z]+) {2,}\S/gm)].map((m) => m[1]!);
    expect(names).toContain('ingest');
    expect(names.length).toBeGreaterThanOrEqual(16);
    for (const name of names) {
      const r = await run([name, '--help']);
      expect(r.code, `${name}: ${r.err}`).toBe(0);
      expect(r.out, name).toMatch(new RegExp(`netra ${name}\\b`));
    }
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
