import { enableCompileCache } from 'node:module';
import { ConfigError } from '../config.ts';
import { isDomainError } from '../domain/errors.ts';
import { type CliIo, CliUsageError, type Command } from '../platform/cli/command.ts';

// Node keeps the compiled code of Netra's modules on disk between runs (in the system's temporary
// directory, or NODE_COMPILE_CACHE, which bin/netra sets so that this file is cached too): `netra
// ingest` starts ~0.2 s sooner. Checked against the sources, so an edited module is compiled
// again; a cache that cannot be written is skipped.
enableCompileCache();

/**
 * Every top-level command, in the order `netra --help` lists them. Each is imported only when it
 * runs: a command starts without loading every feature (and a broken feature breaks only itself).
 */
const COMMANDS: { name: string; load: () => Promise<Command> }[] = [
  { name: 'serve', load: async () => (await import('./serve.cli.ts')).serveCommand },
  { name: 'migrate', load: async () => (await import('../features/setup/setup.cli.ts')).migrateCommand },
  { name: 'seed', load: async () => (await import('../features/setup/setup.cli.ts')).seedCommand },
  { name: 'scan', load: async () => (await import('../features/detection/detection.cli.ts')).scanCommand },
  { name: 'eval', load: async () => (await import('../features/detection/detection.cli.ts')).evalCommand },
  { name: 'train', load: async () => (await import('../features/detection/detection.cli.ts')).trainCommand },
  { name: 'import', load: async () => (await import('../features/registry/registry.cli.ts')).importCommand },
  {
    name: 'ingest',
    load: async () => (await import('../features/monitoring/monitoring.cli.ts')).ingestCommand,
  },
  {
    name: 'labels',
    load: async () => (await import('../features/monitoring/monitoring.cli.ts')).labelsCommand,
  },
  {
    name: 'prevention',
    load: async () => (await import('../features/prevention/prevention.cli.ts')).preventionCommand,
  },
  {
    name: 'kerawanan',
    load: async () => (await import('../features/analytics/analytics.cli.ts')).kerawananCommand,
  },
  { name: 'users', load: async () => (await import('../features/users/users.cli.ts')).usersCommand },
  {
    name: 'sources',
    load: async () => (await import('../features/connectors/connectors.cli.ts')).sourcesCommand,
  },
  { name: 'audit', load: async () => (await import('../features/audit/audit.cli.ts')).auditCommand },
  { name: 'backup', load: async () => (await import('../features/backup/backup.cli.ts')).backupCommand },
  { name: 'restore', load: async () => (await import('../features/backup/backup.cli.ts')).restoreCommand },
];

/** `netra --help`: the only call that loads every command (for their one-line summaries). */
async function topHelp(): Promise<string> {
  const commands = await Promise.all(COMMANDS.map((c) => c.load()));
  return `Netra — pengawasan netralitas ASN / ASN neutrality supervision

Pemakaian / usage: netra <perintah|command> [opsi|options]

Perintah / commands:
${commands.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`).join('\n')}

Jalankan 'netra <perintah> --help' untuk rincian / run 'netra <command> --help' for details.
Konfigurasi lewat variabel lingkungan / configuration through environment variables:
  PORT, HOST, NETRA_DATA_DIR, DATABASE_URL, NETRA_MASTER_KEY, NETRA_DEMO (see docs/operations.md)
`;
}

/** Finds the command (and subcommand) named by argv; returns it with the remaining arguments. */
async function resolveCommand(
  argv: string[],
): Promise<{ command: Command | undefined; rest: string[]; path: string[] }> {
  const entry = COMMANDS.find((c) => c.name === argv[0]);
  if (!entry) return { command: undefined, rest: argv, path: [] };
  let command = await entry.load();
  const path = [command.name];
  let list = command.subcommands ?? [];
  let i = 1;
  for (; i < argv.length && list.length > 0; i++) {
    const next = list.find((c) => c.name === argv[i]);
    if (!next) break;
    command = next;
    path.push(next.name);
    list = next.subcommands ?? [];
  }
  return { command, rest: argv.slice(i), path };
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout.write(await topHelp());
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === '--version') {
    io.stdout.write(`${(await import('../version.ts')).VERSION}\n`);
    return 0;
  }
  const { command, rest, path } = await resolveCommand(argv);
  if (!command) {
    io.stderr.write(
      `netra: perintah tidak dikenal / unknown command: ${argv[0]}\nJalankan / run 'netra --help'.\n`,
    );
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return 0;
  }
  if (!command.run) {
    const sub = rest[0];
    io.stderr.write(
      sub
        ? `netra ${path.join(' ')}: subperintah tidak dikenal / unknown subcommand: ${sub}\n`
        : `netra ${path.join(' ')}: subperintah diperlukan / a subcommand is required\n`,
    );
    io.stderr.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof CliUsageError) {
      io.stderr.write(
        `netra ${path.join(' ')}: ${e.message}\nJalankan / run 'netra ${path.join(' ')} --help'.\n`,
      );
      return 2;
    }
    if (e instanceof ConfigError) {
      io.stderr.write(`netra: ${e.message}\n`);
      return 2;
    }
    if (isDomainError(e)) {
      io.stderr.write(`netra ${path.join(' ')}: ${e.message}\n`);
      for (const d of e.details) {
        io.stderr.write(`  ${d.row !== undefined ? `baris ${d.row}: ` : ''}${d.field}: ${d.message}\n`);
      }
      return e.code === 'VALIDATION' || e.code === 'IMPORT_ROW_INVALID' ? 3 : 1;
    }
    io.stderr.write(`netra ${path.join(' ')}: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

if (import.meta.main) {
  const code = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
  });
  process.exitCode = code;
}
