/** `npm run build:web`: builds the web UI into web/dist. */
import { buildWeb } from '../src/platform/web/build-web.ts';

try {
  await buildWeb({ logLevel: 'info' });
} catch (e) {
  process.stderr.write(`build-web: ${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
}
