/**
 * What every slidewright command shares: `--help`, argument errors that say what to do,
 * progress lines on stderr, exit codes (0 ok, 1 findings/failures, 2 usage or environment).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface Command<Options extends ParseArgsConfig['options']> {
  name: string;
  usage: string;
  options: Options;
}

/** Parses argv; prints help and exits 0 on `--help`; throws UsageError on unknown flags. */
export function parseCommandLine<Options extends NonNullable<ParseArgsConfig['options']>>(
  command: Command<Options>,
  argv: string[] = process.argv.slice(2),
) {
  const options = { ...command.options, help: { type: 'boolean', short: 'h' } } as Options & { help: { type: 'boolean'; short: 'h' } };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nRun \`${command.name} --help\` for the options.`);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${command.usage.trim()}\n`);
    process.exit(EXIT_OK);
  }
  return parsed;
}

/** Runs a command's main function with uniform error reporting and exit codes. */
export async function runCommand(name: string, main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      process.exitCode = EXIT_USAGE;
    } else {
      const err = error as Error;
      process.stderr.write(`${name}: ${err.message ?? String(error)}\n`);
      if (process.env.SLIDEWRIGHT_DEBUG) process.stderr.write(`${err.stack}\n`);
      process.exitCode = err.name === 'BrowserNotFoundError' ? EXIT_USAGE : EXIT_FAILED;
    }
  }
}

/** Progress on stderr, so stdout stays clean for `--json` and piping. */
export function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

// One seconds format for every command's progress lines (the PDF export's own deck lines use it).
export { formatSeconds } from '../export/pdf/options.ts';

/**
 * Runs `parse`, turning the export modules' argument errors (a bad `--range` or `--notes`, a deck
 * that does not exist) into usage errors (exit 2) the same way in every command. Matched by
 * name, so that this module does not load those modules.
 */
export function asUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'SettingError' || name === 'DeckSelectionError') throw new UsageError((error as Error).message);
    throw error;
  }
}

/** `--timeout SEC` (default 60 s), in milliseconds. */
export function parseTimeoutMs(value: string | undefined): number {
  return (parsePositive('--timeout', value) ?? 60) * 1000;
}

/** A number above 0 given on the command line (`--timeout 30`), or undefined when not given. */
export function parsePositive(
  flag: string,
  value: string | undefined,
  { integer = false, max = Infinity }: { integer?: boolean; max?: number } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)) || n > max) {
    throw new UsageError(`${flag} "${value}" must be a ${integer ? 'whole ' : ''}number above 0${Number.isFinite(max) ? ` and at most ${max}` : ''}`);
  }
  return n;
}
