/**
 * What every slidewright command shares: `--help`, argument errors that say what to do,
 * progress lines on stderr, exit codes (0 ok, 1 findings/failures, 2 usage or environment).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { suggestOption } from '../format/reveal-options.ts';
import { commandDefaults } from '../project/config.ts';
import type { Layout } from '../project/project.ts';
import type { OpenedProject } from '../project/select-decks.ts';

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

/** Flags whose value is optional (`--open`, `--host`): given bare, they become empty strings. */
export function withOptionalValues(argv: string[], flags: string[]): string[] {
  return argv.map((arg, i) => (flags.includes(arg) && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('-')) ? `${arg}=` : arg));
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

/** The options every command that reads decks takes. */
export const PROJECT_OPTIONS = {
  include: { type: 'string', multiple: true },
} as const;

export const PROJECT_USAGE = `Decks: DIR (every .md in it but README.md), FILE.md, or a deck name among them; none:
the config's decks (slidewright.config.*), else every deck in slides/.
  --include DIR    a media folder (mdslides' flag, may repeat): published as <its name>/,
                   and a deck writes <its name>/x.png (default: media/ when it exists)`;

/**
 * The project and decks a command works on (see src/project/select-decks.ts), its config
 * warnings printed, its errors turned into usage errors (exit 2) that say what to do.
 */
export async function openCommandProject<Options extends NonNullable<ParseArgsConfig['options']>>(
  command: Command<Options>,
  parsed: { values: Record<string, unknown>; positionals: string[] },
  options: { layout?: Layout } = {},
): Promise<OpenedProject> {
  const { openProject } = await import('../project/select-decks.ts');
  try {
    const include = parsed.values.include as string[] | undefined;
    const opened = await openProject(process.cwd(), { args: parsed.positionals, include, layout: options.layout });
    for (const warning of opened.warnings) progress(`warning: ${warning}`);
    applyConfigDefaults(command.name.replace(/^.* /, ''), command.options, parsed.values, commandDefaults(opened.config, command.name.replace(/^.* /, '')));
    return opened;
  } catch (error) {
    if (['ProjectError', 'ConfigError', 'DeckSelectionError'].includes((error as Error)?.name)) throw new UsageError((error as Error).message);
    throw error;
  }
}

/**
 * The config's defaults for a command's options (`pdf: { notes: "page" }`), under what the
 * command line gave: an option given on the command line (or its `no-` twin) keeps its value.
 * Unknown names are warnings with a suggestion.
 */
export function applyConfigDefaults(
  command: string,
  options: NonNullable<ParseArgsConfig['options']>,
  values: Record<string, unknown>,
  defaults: Record<string, string | number | boolean>,
): void {
  const names = Object.keys(options).filter((n) => n !== 'include');
  for (const [key, value] of Object.entries(defaults)) {
    if (!names.includes(key)) {
      const near = suggestOption(key, names);
      progress(`warning: config "${command}.${key}" is not an option of ${command}; ignored${near ? `; did you mean "${near}"?` : ` (options: ${names.join(', ')})`}`);
      continue;
    }
    const twin = key.startsWith('no-') ? key.slice(3) : `no-${key}`;
    if (values[key] !== undefined || values[twin] !== undefined) continue;
    const type = options[key]!.type;
    if (type === 'boolean' && typeof value !== 'boolean') {
      progress(`warning: config "${command}.${key}" must be true or false; ignored`);
      continue;
    }
    values[key] = type === 'boolean' ? value : String(value);
  }
}
