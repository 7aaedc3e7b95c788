import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { type Command, parseFlags } from '../platform/cli/command.ts';
import { createServer, WEB_DIST } from './server.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Menjalankan server web dan pekerja latar / run the web server and background worker',
  help: `Pemakaian / usage: netra serve [--no-worker] [--api-only]

Menjalankan Netra di http://localhost:$PORT (bawaan 3000). Basis data dimigrasikan saat mulai; pada
mode tertanam (PGlite, tanpa DATABASE_URL) data demo dimuat pada start pertama kecuali NETRA_DEMO=0.
Antarmuka web dibangun otomatis jika web/dist belum ada. SIGTERM/SIGINT: berhenti dengan rapi.

Runs Netra at http://localhost:$PORT (default 3000). Migrates the database on start; in embedded
mode (PGlite, no DATABASE_URL) the demo data is seeded on first start unless NETRA_DEMO=0. Builds the
web UI when web/dist is missing. SIGTERM/SIGINT: graceful shutdown.

Opsi / options:
  --no-worker   jangan jalankan antrean pekerjaan di proses ini / do not run the job worker here
  --api-only    hanya API, tanpa antarmuka web / serve the API only, without the web UI
  -h, --help    bantuan ini / this help
`,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      'no-worker': { type: 'boolean' },
      'api-only': { type: 'boolean' },
    });
    const config = loadConfig(io.env);
    const apiOnly = values['api-only'] === true;
    if (!apiOnly && !existsSync(join(WEB_DIST, 'index.html'))) {
      io.stderr.write('Membangun antarmuka web / building the web UI (first start)…\n');
      const { buildWeb } = await import('../platform/web/build-web.ts');
      await buildWeb();
    }
    const server = await createServer(config, { runWorker: !values['no-worker'], serveWeb: !apiOnly });
    await server.app.listen({ port: config.port, host: config.host });

    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        server.app.log.info({ signal }, 'shutting down');
        server.close().then(resolve, (e) => {
          server.app.log.error({ err: e }, 'error during shutdown');
          resolve();
        });
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
    return 0;
  },
};
