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

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** `1,3-5` → [1, 3, 4, 5] (1-based, sorted, unique). */
export function parseRange(spec: string): number[] {
  const result = new Set<number>();
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new UsageError(`--range "${spec}": "${part}" is not a slide number or range; write e.g. 1,3-5`);
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    if (from < 1 || to < from) throw new UsageError(`--range "${spec}": "${part}" is empty or starts below 1`);
    for (let i = from; i <= to; i++) result.add(i);
  }
  if (result.size === 0) throw new UsageError(`--range "${spec}" selects no slides; write e.g. 1,3-5`);
  return [...result].sort((a, b) => a - b);
}
