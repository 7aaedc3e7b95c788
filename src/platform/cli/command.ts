import { type ParseArgsConfig, parseArgs } from 'node:util';

/**
 * One CLI command (`netra <name> …`). Feature folders declare their commands in `<feature>.cli.ts`
 * and `src/main/cli.ts` lists them. Exit codes follow contracts §6: 0 success, 2 usage error,
 * 3 invalid input, 1 other failure (a command may return other documented codes, e.g. 4).
 */
export type Command = {
  name: string;
  /** One line, Indonesian first then English. */
  summary: string;
  /** Full `--help` text: usage line, options, examples. */
  help: string;
  /** Subcommands (e.g. `import staff`), each with its own `--help`. */
  subcommands?: Command[];
  run?: (argv: string[], io: CliIo) => Promise<number>;
};

export type CliIo = {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
};

/** Thrown for a bad flag or argument; the dispatcher prints it with a hint and exits 2. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses flags strictly: an unknown flag or a missing value is a CliUsageError (exit 2).
 * `--help` is handled by the dispatcher before a command runs.
 */
export function parseFlags<O extends Options>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (e) {
    throw new CliUsageError(translateParseError((e as Error).message));
  }
}

function translateParseError(message: string): string {
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `opsi tidak dikenal / unknown option: ${unknown[1]}`;
  const positional = /Unexpected argument '([^']+)'/.exec(message);
  if (positional) return `argumen tidak terduga / unexpected argument: ${positional[1]}`;
  return message;
}
