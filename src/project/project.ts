/**
 * Where a talks project keeps things, and which decks it has: the one place that knows the
 * folder conventions. With no configuration that is today's layout (`slides/*.md`, `media/`);
 * otherwise the folders and files given on the command line or in the config, and mdslides'
 * `--include DIR` folders. The Vite plugin, the exporters and the commands all start here.
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DeckDefaults } from '../pipeline.ts';
import { isInside } from './paths.ts';

export interface ProjectOptions {
  /**
   * Exactly these decks instead of the ones found in `sources` (the exporters build only what
   * they export; a deck may live anywhere).
   */
  decks?: DeckEntry[];
  /**
   * Deck folders and files, relative to the root: every `*.md` in a folder (but its README.md) is
   * a deck, found again on each listing so that new files show up. Default: `slides`, or the
   * base folder itself when it has no `slides/`.
   */
  sources?: string[];
  /**
   * Media folders (mdslides' `--include DIR`), relative to the root: each is published as
   * `<its name>/` beside the decks, and a deck refers to it as `<its name>/file.png`. Default:
   * `media` when it exists.
   */
  include?: string[];
  /**
   * `site` (default): one site, `<out>/<deck>/index.html` with shared media. `mdslides`: each
   * deck in a folder of its own beside its source (`talk.md` → `talk/index.html`, media copied
   * into it), as mdslides writes them.
   */
  layout?: Layout;
  /** Theme and reveal.js options for the decks that do not set them (the config's). */
  defaults?: DeckDefaults;
  /** The limits on one deck (the config's `limits`; see docs/limits.md). */
  limits?: DeckLimits;
}

/** What one deck may be and take: past these a deck gets an error or is shown in part as text. */
export interface DeckLimits {
  /** The largest deck file, in megabytes (default 20). */
  deckMegabytes?: number;
  /** List and quote levels parsed (default 100). */
  nesting?: number;
  /** Seconds a deck's slides may take to render (default 10). */
  renderSeconds?: number;
}

export type Layout = 'site' | 'mdslides';

export interface Project {
  /** The folder that holds the decks and media: nothing outside it is read or served. */
  root: string;
  /** The folder the project was opened in (where `exports/` and `dist/` go by default). */
  base: string;
  decks?: DeckEntry[];
  /** Absolute deck folders. */
  deckDirs: string[];
  /** Absolute deck files named one by one. */
  deckFiles: string[];
  /** Absolute media folders, each served and published as `/<basename>/`. */
  includeDirs: string[];
  layout: Layout;
  defaults?: DeckDefaults;
  limits?: DeckLimits;
}

export interface DeckEntry {
  /** URL segment and build input name: the file name without `.md`. */
  name: string;
  file: string;
}

export class ProjectError extends Error {
  override name = 'ProjectError';
}

const real = (p: string) => (existsSync(p) ? realpathSync(p) : path.resolve(p));

/** The deepest folder that holds all of `paths`. */
export function commonFolder(paths: string[]): string {
  const split = paths.map((p) => p.split(path.sep));
  const first = split[0] ?? [path.parse(process.cwd()).root];
  let n = first.length;
  for (const parts of split) {
    let i = 0;
    while (i < n && i < parts.length && parts[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join(path.sep) || path.sep;
}

/**
 * The project at `base` (the folder commands run in): sources and include folders are resolved
 * against it, and the root grows to the folder that holds them all (`cd talks && slidewright
 * build talk.md --include ../media` reads `../media`).
 */
export function resolveProject(base: string, options: ProjectOptions = {}): Project {
  const realBase = real(base);
  // No folder named: slides/, else the folder itself (a talks folder of mdslides decks).
  const fallback = existsSync(path.join(realBase, 'slides')) ? ['slides'] : ['.'];
  const sources = (options.sources?.length ? options.sources : fallback).map((s) => real(path.resolve(realBase, s)));
  const deckFiles = sources.filter((s) => s.endsWith('.md') && existsSync(s) && statSync(s).isFile());
  const deckDirs = sources.filter((s) => !deckFiles.includes(s));
  const include = options.include ?? (existsSync(path.join(realBase, 'media')) ? ['media'] : []);
  const includeDirs = include.map((dir) => real(path.resolve(realBase, dir)));
  for (const dir of includeDirs) {
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new ProjectError(`--include ${path.relative(realBase, dir)}: not a folder; give the folder of the media`);
    const twin = includeDirs.find((other) => other !== dir && path.basename(other) === path.basename(dir));
    if (twin) {
      throw new ProjectError(`--include ${path.relative(realBase, dir)} and ${path.relative(realBase, twin)} would both be published as ${path.basename(dir)}/; rename one`);
    }
  }
  const root = commonFolder([realBase, ...deckDirs, ...deckFiles.map((f) => path.dirname(f)), ...includeDirs.map((d) => path.dirname(d))]);
  return { root, base: realBase, deckDirs, deckFiles, includeDirs, decks: options.decks, layout: options.layout ?? 'site', defaults: options.defaults, limits: options.limits };
}

/** Markdown files of a folder that are decks: not hidden, not its README. */
function decksIn(dir: string): DeckEntry[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && e.name.endsWith('.md') && !e.name.startsWith('.') && !/^readme\.md$/i.test(e.name))
    .map((e) => ({ name: e.name.slice(0, -'.md'.length), file: path.join(dir, e.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The project's decks now (folders are read again on each call); the first of two same names wins. */
export function listDecks(project: Project): DeckEntry[] {
  if (project.decks) return project.decks;
  const found = [...project.deckFiles.map((file) => ({ name: path.basename(file, '.md'), file })), ...project.deckDirs.flatMap(decksIn)];
  const byName = new Map<string, DeckEntry>();
  for (const entry of found) if (!byName.has(entry.name)) byName.set(entry.name, entry);
  return [...byName.values()];
}

/** Decks whose names two files share: only the first is built, which the commands say. */
export function shadowedDecks(project: Project): { kept: DeckEntry; dropped: DeckEntry }[] {
  const all = [...project.deckFiles.map((file) => ({ name: path.basename(file, '.md'), file })), ...project.deckDirs.flatMap(decksIn)];
  const kept = listDecks(project);
  return all
    .filter((entry) => !kept.some((k) => k.file === entry.file))
    .map((dropped) => ({ dropped, kept: kept.find((k) => k.name === dropped.name)! }));
}

/** Whether `file` is a deck source of the project (its folders or files), for the dev watcher. */
export function isDeckSource(project: Project, file: string): boolean {
  if (!file.endsWith('.md')) return false;
  return project.deckFiles.includes(file) || project.deckDirs.some((dir) => path.dirname(real(file)) === dir);
}

/** The include folder `file` lies in, if any. */
export function includeDirOf(project: Project, file: string): string | undefined {
  return project.includeDirs.find((dir) => isInside(dir, file));
}
