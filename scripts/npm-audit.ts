/**
 * `npm audit --omit=dev` with a reviewed allow-list (audit-allowlist.json): exits 0 when every
 * advisory against a production dependency is on the list, 1 when one is not (it is named), and
 * 2 when the advisory service cannot be reached or answers an error — then nothing was checked and
 * the script says so; it never reports a pass it did not make. With NETRA_AUDIT_REQUIRED=1 an
 * unreachable service is a failure (1) too.
 *
 *   node scripts/npm-audit.ts
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type Allowed = { id: string; package: string; reason: string; reviewed: string; expires?: string };
type Via = {
  source?: number;
  name?: string;
  title?: string;
  url?: string;
  severity?: string;
  range?: string;
};

const root = fileURLToPath(new URL('..', import.meta.url));
const allowlist: Allowed[] = JSON.parse(readFileSync(`${root}audit-allowlist.json`, 'utf8')).advisories;
const required = process.env.NETRA_AUDIT_REQUIRED === '1';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 << 20,
});
let report: {
  vulnerabilities?: Record<string, { via: (Via | string)[] }>;
  error?: unknown;
  message?: string;
  statusCode?: number;
};
try {
  report = JSON.parse(run.stdout);
} catch {
  report = { message: run.stderr || 'no output' };
}

if (!report.vulnerabilities) {
  const why = report.message ?? JSON.stringify(report.error ?? report).slice(0, 300);
  process.stderr.write(
    `npm-audit: NOT CHECKED — the advisory service could not be used (${why}).\n` +
      'npm-audit: TIDAK DIPERIKSA — layanan advisori tidak dapat dipakai. Run it where the public npm registry is reachable.\n',
  );
  process.exit(required ? 1 : 2);
}

const today = new Date().toISOString().slice(0, 10);
const found = new Map<string, { pkg: string; title: string; severity: string }>();
for (const [pkg, v] of Object.entries(report.vulnerabilities)) {
  for (const via of v.via) {
    if (typeof via === 'string') continue; // a transitive pointer; the advisory itself is listed under its package
    const id = via.url?.split('/').pop() ?? String(via.source);
    found.set(id, { pkg: via.name ?? pkg, title: via.title ?? '', severity: via.severity ?? '' });
  }
}

const unreviewed = [...found].filter(([id]) => {
  const entry = allowlist.find((a) => a.id === id);
  return !entry || (entry.expires !== undefined && entry.expires < today);
});
for (const [id, a] of found)
  process.stdout.write(
    `${unreviewed.some(([u]) => u === id) ? 'NEW     ' : 'allowed '} ${id} ${a.severity} ${a.pkg}: ${a.title}\n`,
  );
if (unreviewed.length) {
  process.stderr.write(
    `npm-audit: ${unreviewed.length} advisory(ies) not in audit-allowlist.json (or the review expired): ` +
      `${unreviewed.map(([id]) => id).join(', ')}\n`,
  );
  process.exit(1);
}
process.stdout.write(`npm-audit: ok — ${found.size} advisory(ies), all reviewed\n`);
