/**
 * Where a slidewright project keeps things, and which decks it has. The only place that
 * knows the directory conventions (`slides/*.md`, `media/`).
 */
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';

export interface ProjectOptions {
  /**
   * Exactly these decks instead of every `slides/*.md` (the exporters build only what they
   * export; a deck may live outside `slides/`).
   */
  decks?: DeckEntry[];
  /** Directory of the deck files, relative to the Vite root (default `slides`). */
  slidesDir?: string;
  /** Directory of shared media, relative to the Vite root (default `media`). */
  mediaDir?: string;
}

export interface Project {
  root: string;
  decks?: DeckEntry[];
  slidesDir: string;
  mediaDir: string;
}

export interface DeckEntry {
  /** URL segment and build input name: the file name without `.md`. */
  name: string;
  file: string;
}

export function resolveProject(root: string, options: ProjectOptions = {}): Project {
  const realRoot = existsSync(root) ? realpathSync(root) : path.resolve(root);
  return {
    root: realRoot,
    slidesDir: path.resolve(realRoot, options.slidesDir ?? 'slides'),
    mediaDir: path.resolve(realRoot, options.mediaDir ?? 'media'),
    decks: options.decks,
  };
}

export function listDecks(project: Project): DeckEntry[] {
  if (project.decks) return project.decks;
  if (!existsSync(project.slidesDir)) return [];
  return readdirSync(project.slidesDir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md') && !e.name.startsWith('.'))
    .map((e) => ({ name: e.name.slice(0, -'.md'.length), file: path.join(project.slidesDir, e.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Whether `target` is `dir` or inside it, after resolving symlinks where the path exists. */
export function isInside(dir: string, target: string): boolean {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : path.resolve(p));
  const relative = path.relative(real(dir), real(target));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** `file` inside `dir` with no hidden file or folder on the way (`.env`, `.git/`). */
export function isVisibleInside(dir: string, file: string): boolean {
  return isInside(dir, file) && !path.relative(dir, file).split(path.sep).some((segment) => segment.startsWith('.'));
}
