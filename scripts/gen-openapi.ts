/**
 * Writes docs/openapi.json from the routes' zod schemas (the same document the server serves at
 * /api/docs/json). `--check` fails when the committed file differs, so API changes show up in review.
 *
 *   node scripts/gen-openapi.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { wrapPglite } from '../src/db/database.ts';
import { wireServer } from '../src/main/server.ts';

const target = new URL('../docs/openapi.json', import.meta.url);
const database = wrapPglite(await PGlite.create());
const { app } = await wireServer(database);
await app.ready();
const spec = `${JSON.stringify(app.swagger(), null, 2)}\n`;
await app.close();
await database.close();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as different
  }
  if (current !== spec) {
    process.stderr.write('docs/openapi.json is out of date: run `npm run gen:openapi` and commit it.\n');
    process.exit(1);
  }
  process.stdout.write('docs/openapi.json is up to date\n');
} else {
  writeFileSync(target, spec);
  process.stdout.write('wrote docs/openapi.json\n');
}
