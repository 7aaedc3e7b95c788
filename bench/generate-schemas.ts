/**
 * Writes the JSON Schemas of the detection contracts into `schemas/` from the zod schemas in
 * `src/contracts` (the zod schemas are the source of truth). Run: `node bench/generate-schemas.ts`;
 * `--check` exits 1 when a committed file differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { Pack } from '../src/contracts/pack.ts';
import { Post } from '../src/contracts/post.ts';
import { ScanResult } from '../src/contracts/scan.ts';

const files: [string, z.ZodType, string][] = [
  ['schemas/pack.schema.json', Pack, 'Netra election pack (contracts §1)'],
  ['schemas/post.schema.json', Post, 'Netra post, one JSON Lines object (contracts §2)'],
  ['schemas/scan-result.schema.json', ScanResult, 'Netra scan result line (contracts §3)'],
];
let stale = false;
for (const [path, schema, title] of files) {
  const json = `${JSON.stringify({ title, ...z.toJSONSchema(schema, { io: 'input' }) }, null, 2)}\n`;
  const url = new URL(`../${path}`, import.meta.url);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(url, 'utf8');
    } catch {}
    // Compare as data: the committed files are formatted by Biome.
    if (current === '' || JSON.stringify(JSON.parse(current)) !== JSON.stringify(JSON.parse(json))) {
      console.error(`${path} is out of date; run node bench/generate-schemas.ts`);
      stale = true;
    }
  } else writeFileSync(url, json);
}
process.exitCode = stale ? 1 : 0;
