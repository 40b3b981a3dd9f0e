import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Exit code of a command line that cannot be understood (as with most Unix tools). */
export const USAGE_EXIT = 2;

export interface Command<O extends NonNullable<ParseArgsConfig['options']>, P extends boolean> {
  /** The npm script, as one types it: `ingest`, `kb:import`. */
  script: string;
  /** The text of --help; its first line is the usage line printed with every mistake. */
  help: string;
  options: O;
  /** Whether file names and the like may follow the options. */
  positionals: P;
}

type Parsed<O extends NonNullable<ParseArgsConfig['options']>, P extends boolean> = ReturnType<
  typeof parseArgs<{ options: O; allowPositionals: P; strict: true }>
>;

/**
 * Stops with exit 2 after the command's name, what is wrong and its usage line on stderr: the
 * answer to any command line that cannot be followed, never a stack trace.
 */
export function usageError(command: Pick<Command<never, boolean>, 'script' | 'help'>, message: string): never {
  const usage = command.help.split('\n', 1)[0];
  process.stderr.write(`${command.script}: ${message}\n${usage}\n\`npm run ${command.script} -- --help\` explains every option.\n`);
  process.exit(USAGE_EXIT);
}

/**
 * The one argument parser of every command: strict (an unknown option or a missing value is a
 * usage error), `-h`/`--help` prints the help and exits 0.
 */
export function parseCommandLine<const O extends NonNullable<ParseArgsConfig['options']>, const P extends boolean>(
  command: Command<O, P>,
  args: string[] = process.argv.slice(2),
): Parsed<O, P> {
  const options = { ...command.options, help: { type: 'boolean', short: 'h' } } as const;
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, allowPositionals: command.positionals, strict: true });
  } catch (error) {
    // Node's advice on positionals starting with '-' only helps commands that take positionals.
    const message = (error as Error).message;
    usageError(command, message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  if (parsed.values.help) {
    process.stdout.write(`${command.help}\n`);
    process.exit(0);
  }
  const { help: _help, ...values } = parsed.values;
  return { values, positionals: parsed.positionals } as unknown as Parsed<O, P>;
}

/** The whole number an option gives, from `min` (to `max`); anything else is a usage error naming the option. */
export function wholeNumberOption(
  command: Pick<Command<never, boolean>, 'script' | 'help'>,
  name: string,
  value: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    usageError(command, `--${name} must be a whole number ${range}, got ${JSON.stringify(value)}`);
  }
  return n;
}

/**
 * Ends the process once everything written to stdout and stderr has reached them: `process.exit`
 * alone cuts off what a pipe has not taken yet (a report of more than the pipe's 64 KiB).
 */
export function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}
