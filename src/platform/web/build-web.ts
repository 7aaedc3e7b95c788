import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (this file is src/platform/web/build-web.ts). */
const ROOT = resolve(import.meta.dirname, '../../..');

/** Vite configuration of the web UI. */
export const WEB_CONFIG_FILE = join(ROOT, 'web', 'vite.config.ts');

/** Where the built UI lands; the server serves this folder as static files. */
export const WEB_DIST_DIR = join(ROOT, 'web', 'dist');

/** True when the UI has been built (its index.html exists). */
export function isWebBuilt(distDir: string = WEB_DIST_DIR): boolean {
  return existsSync(join(distDir, 'index.html'));
}

/**
 * Builds the web UI into web/dist with Vite's `build()` API and web/vite.config.ts. Used by
 * `npm run build:web` (which lists every file, `logLevel: 'info'`), and by the server on first
 * start when web/dist/index.html is missing (warnings only, the default). Vite is imported lazily
 * so that a server with a built UI never loads it.
 */
export async function buildWeb(
  options: { logLevel?: 'info' | 'warn' | 'error' | 'silent' } = {},
): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: WEB_CONFIG_FILE,
    logLevel: options.logLevel ?? 'warn',
    mode: 'production',
  });
}
