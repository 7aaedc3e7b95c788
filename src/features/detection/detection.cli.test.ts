import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanCommand } from './detection.cli.ts';

const root = new URL('../../../', import.meta.url).pathname;
const netra = join(root, 'bin/netra');
const pack = join(root, 'test/fixtures/packs/pilpres-2024.json');

async function scanInProcess(input: string): Promise<string[]> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  stderr.resume();
  stdin.end(input);
  const code = await scanCommand.run!(['--pack', pack], { stdin, stdout, stderr, env: {} });
  expect(code).toBe(0);
  const out = Buffer.concat(chunks).toString('utf8');
  return out === '' ? [] : out.replace(/\n$/, '').split('\n');
}

describe('netra scan', () => {
  it('writes one result per input line, in order, and reports malformed lines by number', () => {
    const input = [
      '{"id":"a","text":"Yuk coblos 02!"}',
      'not json',
      '{"id":"c"}',
      '',
      '{"id":"e","text":"halo"}',
    ];
    const out = execFileSync(netra, ['scan', '--pack', pack], { input: `${input.join('\n')}\n` })
      .toString()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(5);
    expect(out.map((r) => r.id)).toEqual(['a', null, 'c', null, 'e']);
    expect(out[0].flag).toBe(true);
    expect(out[1].error).toMatch(/baris 2/);
    expect(out[2].error).toMatch(/baris 3.*text/);
    expect(out[3].error).toMatch(/baris 4/);
    expect(out[4].error).toBeUndefined();
  }, 60_000);

  it('reads --in and writes --out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netra-scan-'));
    writeFileSync(
      join(dir, 'in.jsonl'),
      '{"id":"1","text":"Prabowo–Gibran untuk Indonesia Maju! #PrabowoGibran2024"}\n',
    );
    execFileSync(netra, [
      'scan',
      '--pack',
      pack,
      '--in',
      join(dir, 'in.jsonl'),
      '--out',
      join(dir, 'out.jsonl'),
    ]);
    const r = JSON.parse(readFileSync(join(dir, 'out.jsonl'), 'utf8'));
    expect(r).toMatchObject({ id: '1', flag: true, targets: ['02'], pack: 'pilpres-2024' });
  }, 60_000);

  it('exits 2 naming the field of an invalid pack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netra-pack-'));
    const bad = JSON.parse(readFileSync(pack, 'utf8'));
    bad.contestants[1].names = 'Prabowo';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const r = spawnSync(netra, ['scan', '--pack', join(dir, 'bad.json')], { input: '' });
    expect(r.status).toBe(2);
    expect(r.stderr.toString()).toContain('contestants.1.names');
  }, 60_000);

  it('exits 2 without --pack', () => {
    expect(spawnSync(netra, ['scan'], { input: '' }).status).toBe(2);
  }, 60_000);

  it('output count equals input count for any lines', async () => {
    const line = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }).filter((s) => !/[\n\r\u2028\u2029]/.test(s)),
      fc
        .record({ id: fc.string({ minLength: 1, maxLength: 5 }), text: fc.string({ maxLength: 80 }) })
        .map((o) => JSON.stringify(o)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 20 }), async (lines) => {
        const out = await scanInProcess(`${lines.join('\n')}\n`);
        expect(out).toHaveLength(lines.length);
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});

describe('netra eval', () => {
  it('prints the contract fields with --json', () => {
    const out = JSON.parse(
      execFileSync(netra, [
        'eval',
        '--pack',
        join(root, 'test/fixtures/packs/pilkada-kota-balikpapan-2024.json'),
        '--in',
        join(root, 'test/fixtures/eval/pilkada-kota-balikpapan-2024.jsonl'),
        '--json',
      ]).toString(),
    );
    expect(out).toMatchObject({ n: 60 });
    for (const k of ['precision', 'recall', 'f1', 'category_accuracy']) expect(typeof out[k]).toBe('number');
  }, 60_000);
});
