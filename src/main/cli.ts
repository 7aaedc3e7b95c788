import { ConfigError } from '../config.ts';
import { isDomainError } from '../domain/errors.ts';
import { kerawananCommand } from '../features/analytics/analytics.cli.ts';
import { auditCommand } from '../features/audit/audit.cli.ts';
import { backupCommand, restoreCommand } from '../features/backup/backup.cli.ts';
import { sourcesCommand } from '../features/connectors/connectors.cli.ts';
import { evalCommand, scanCommand, trainCommand } from '../features/detection/detection.cli.ts';
import { ingestCommand, labelsCommand } from '../features/monitoring/monitoring.cli.ts';
import { preventionCommand } from '../features/prevention/prevention.cli.ts';
import { importCommand } from '../features/registry/registry.cli.ts';
import { migrateCommand, seedCommand } from '../features/setup/setup.cli.ts';
import { usersCommand } from '../features/users/users.cli.ts';
import { type CliIo, CliUsageError, type Command } from '../platform/cli/command.ts';
import { serveCommand } from './serve.cli.ts';

/** Every top-level command, in the order `netra --help` lists them. */
const COMMANDS: Command[] = [
  serveCommand,
  migrateCommand,
  seedCommand,
  scanCommand,
  evalCommand,
  trainCommand,
  importCommand,
  ingestCommand,
  labelsCommand,
  preventionCommand,
  kerawananCommand,
  usersCommand,
  sourcesCommand,
  auditCommand,
  backupCommand,
  restoreCommand,
];

const TOP_HELP = `Netra — pengawasan netralitas ASN / ASN neutrality supervision

Pemakaian / usage: netra <perintah|command> [opsi|options]

Perintah / commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`).join('\n')}

Jalankan 'netra <perintah> --help' untuk rincian / run 'netra <command> --help' for details.
Konfigurasi lewat variabel lingkungan / configuration through environment variables:
  PORT, HOST, NETRA_DATA_DIR, DATABASE_URL, NETRA_MASTER_KEY, NETRA_DEMO (see docs/operations.md)
`;

/** Finds the command (and subcommand) named by argv; returns it with the remaining arguments. */
function resolveCommand(argv: string[]): { command: Command | undefined; rest: string[]; path: string[] } {
  let list = COMMANDS;
  let command: Command | undefined;
  const path: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const next = list.find((c) => c.name === argv[i]);
    if (!next) break;
    command = next;
    path.push(next.name);
    list = next.subcommands ?? [];
    if (list.length === 0) {
      i++;
      break;
    }
  }
  return { command, rest: argv.slice(i), path };
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout.write(TOP_HELP);
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === '--version') {
    io.stdout.write(`${(await import('../version.ts')).VERSION}\n`);
    return 0;
  }
  const { command, rest, path } = resolveCommand(argv);
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
