/**
 * The optional project configuration: `slidewright.config.{ts,mjs,js,json}` or a `slidewright`
 * key in package.json, in the folder a command runs in. Every key has a command-line equivalent;
 * the command line wins. Unknown keys are warnings with a suggestion, wrong types errors that
 * name the key: a typo must not silently change a build.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { JsonValue } from '../format/types.ts';
import { checkOptionValue, suggestOption } from '../format/reveal-options.ts';
import type { DeckLimits, Layout } from './project.ts';

export interface SlidewrightConfig {
  /** Deck folders or files (default: `slides`). */
  decks?: string | string[];
  /** Media folders, mdslides' `--include` (default: `media` when it exists). */
  include?: string | string[];
  /** `site` (default) or `mdslides`: each deck built into a folder beside its source. */
  layout?: Layout;
  /** The theme of decks that name none (default: reveal.js's white, or mdslides' for its decks). */
  theme?: string;
  /** reveal.js options for every deck; a deck's own settings win. */
  reveal?: Record<string, JsonValue>;
  /** Where `build` writes the site (default: `dist`). */
  out?: string;
  /** `build --base`: absolute URLs under this path. */
  base?: string;
  /** `build --url`: the site's public address. */
  url?: string;
  /** false: `build --no-notes`. */
  notes?: boolean;
  /** What one deck may be and take (see docs/limits.md): `{ deckMegabytes: 20, nesting: 100, renderSeconds: 10 }`. */
  limits?: DeckLimits;
  /** Defaults of each command's options, by option name (`pdf: { notes: "page", jobs: 2 }`). */
  dev?: CommandDefaults;
  build?: CommandDefaults;
  pdf?: CommandDefaults;
  snapshots?: CommandDefaults;
  check?: CommandDefaults;
}

export type CommandDefaults = Record<string, string | number | boolean>;

/** Identity, for type checking in `slidewright.config.ts`: `export default defineConfig({ … })`. */
export function defineConfig(config: SlidewrightConfig): SlidewrightConfig {
  return config;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface LoadedConfig {
  config: SlidewrightConfig;
  /** The file it came from (package.json for its `slidewright` key), or undefined when none. */
  file?: string;
  warnings: string[];
}

export const CONFIG_FILES = ['slidewright.config.ts', 'slidewright.config.mjs', 'slidewright.config.js', 'slidewright.config.json'];
const LIMIT_KEYS: readonly string[] = ['deckMegabytes', 'nesting', 'renderSeconds'] satisfies (keyof DeckLimits)[];
const COMMAND_KEYS = ['dev', 'build', 'pdf', 'snapshots', 'check'] as const;
type Check = (value: unknown) => string | null;
const isString: Check = (v) => (typeof v === 'string' && v !== '' ? null : 'a non-empty string');
const isStrings: Check = (v) => (isString(v) === null || (Array.isArray(v) && v.length > 0 && v.every((x) => isString(x) === null)) ? null : 'a folder or a list of folders');
const isObject: Check = (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? null : 'an object');
const KEYS: Record<keyof SlidewrightConfig, Check> = {
  decks: isStrings,
  include: isStrings,
  layout: (v) => (v === 'site' || v === 'mdslides' ? null : '"site" or "mdslides"'),
  theme: isString,
  reveal: isObject,
  out: isString,
  base: (v) => (typeof v === 'string' && v.startsWith('/') ? null : 'a path that starts with /'),
  url: (v) => (typeof v === 'string' && /^https?:\/\/[^/]+/.test(v) ? null : 'an http(s) address'),
  notes: (v) => (typeof v === 'boolean' ? null : 'true or false'),
  limits: (v) =>
    isObject(v) ??
    (Object.entries(v as object).every(([key, x]) => LIMIT_KEYS.includes(key) && typeof x === 'number' && x > 0)
      ? null
      : `an object of positive numbers with the keys ${LIMIT_KEYS.join(', ')}`),
  ...Object.fromEntries(
    COMMAND_KEYS.map((key) => [
      key,
      (v: unknown) =>
        isObject(v) ?? (Object.values(v as object).every((x) => ['string', 'number', 'boolean'].includes(typeof x)) ? null : 'an object of option values (strings, numbers, true/false)'),
    ]),
  ) as Record<(typeof COMMAND_KEYS)[number], Check>,
};

/** Checks a configuration object: unknown keys are warnings, wrong values errors. */
export function validateConfig(value: unknown, source: string): { config: SlidewrightConfig; warnings: string[] } {
  if (isObject(value) !== null) throw new ConfigError(`${source}: the configuration must be an object, e.g. { "decks": "slides" }`);
  const warnings: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as object)) {
    const check = KEYS[key as keyof SlidewrightConfig];
    if (!check) {
      const suggestion = suggestOption(key, Object.keys(KEYS));
      warnings.push(`${source}: unknown key "${key}" is ignored${suggestion ? `; did you mean "${suggestion}"?` : ` (known: ${Object.keys(KEYS).join(', ')})`}`);
      continue;
    }
    if (item === undefined) continue;
    const wanted = check(item);
    if (wanted) throw new ConfigError(`${source}: "${key}" must be ${wanted} (it is ${JSON.stringify(item)})`);
    if (key === 'reveal') checkRevealDefaults(item as Record<string, unknown>, source);
    config[key] = item;
  }
  return { config: config as SlidewrightConfig, warnings };
}

/** Each reveal.js default must fit its option's type; unlike in a deck, a wrong one is an error, as it would change every deck. */
function checkRevealDefaults(reveal: Record<string, unknown>, source: string): void {
  for (const [option, value] of Object.entries(reveal)) {
    if (value === undefined) continue;
    // A JavaScript config may hold a function, which fits no type: the page receives the options as JSON.
    const mismatch = checkOptionValue(option, value as JsonValue);
    if (!mismatch) continue;
    const fix = mismatch.suggestion === undefined ? '' : `; did you mean ${JSON.stringify(mismatch.suggestion)}?`;
    const written = (JSON.stringify(value) as string | undefined) ?? typeof value;
    throw new ConfigError(`${source}: "reveal.${option}" must be ${mismatch.expected} (it is ${written})${fix}`);
  }
}

/** The configuration of the project in `dir`: the first config file found, else package.json's key. */
export async function loadConfig(dir: string): Promise<LoadedConfig> {
  for (const name of CONFIG_FILES) {
    const file = path.join(dir, name);
    if (!existsSync(file)) continue;
    const raw = name.endsWith('.json') ? parseJson(file, readFileSync(file, 'utf8')) : await importConfig(file);
    return { ...validateConfig(raw, name), file };
  }
  const manifest = path.join(dir, 'package.json');
  if (existsSync(manifest)) {
    const pkg = parseJson(manifest, readFileSync(manifest, 'utf8')) as { slidewright?: unknown };
    if (pkg && typeof pkg === 'object' && pkg.slidewright !== undefined) return { ...validateConfig(pkg.slidewright, 'package.json "slidewright"'), file: manifest };
  }
  return { config: {}, warnings: [] };
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${path.basename(file)}: not valid JSON (${(error as Error).message}); fix it or remove it`);
  }
}

/**
 * A JavaScript or TypeScript config, as its default export. TypeScript is compiled with esbuild
 * to a temporary module beside the file (so its relative imports still resolve), imported and
 * removed, as Vite does with its own config.
 */
async function importConfig(file: string): Promise<unknown> {
  let target = file;
  if (file.endsWith('.ts')) {
    const { build } = await import('esbuild');
    const result = await build({ entryPoints: [file], bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'silent' }).catch(
      (error: Error) => {
        throw new ConfigError(`${path.basename(file)}: ${error.message.split('\n').slice(0, 3).join(' ')}`);
      },
    );
    target = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.mjs`);
    writeFileSync(target, result.outputFiles[0]!.text);
  }
  try {
    const module = (await import(pathToFileURL(target).href)) as { default?: unknown };
    if (module.default === undefined) throw new ConfigError(`${path.basename(file)}: no default export; write export default { decks: "slides" }`);
    return module.default;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`${path.basename(file)} could not be loaded: ${(error as Error).message}`);
  } finally {
    if (target !== file) rmSync(target, { force: true });
  }
}

/** The defaults a config gives one command's options (top-level build keys included). */
export function commandDefaults(config: SlidewrightConfig, command: string): CommandDefaults {
  const own = (COMMAND_KEYS as readonly string[]).includes(command) ? ((config[command as (typeof COMMAND_KEYS)[number]] as CommandDefaults | undefined) ?? {}) : {};
  if (command !== 'build') return own;
  const top: CommandDefaults = {};
  if (config.out !== undefined) top.out = config.out;
  if (config.base !== undefined) top.base = config.base;
  if (config.url !== undefined) top.url = config.url;
  if (config.notes === false) top['no-notes'] = true;
  return { ...top, ...own };
}

/** A config's list value (`decks`, `include`) as a list. */
export function asList(value: string | string[] | undefined): string[] | undefined {
  return value === undefined ? undefined : Array.isArray(value) ? value : [value];
}
