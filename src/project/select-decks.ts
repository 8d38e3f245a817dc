/**
 * Which project and decks a command works on, from its arguments and the config: folders and
 * `.md` files name where the decks are, other words name decks among them. Apart from the site
 * so that choosing decks does not load the markdown pipeline.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { JsonValue } from '../format/types.ts';
import { asList, loadConfig, type SlidewrightConfig } from './config.ts';
import { listDecks, resolveProject, shadowedDecks, type DeckEntry, type Layout, type Project } from './project.ts';

export class DeckSelectionError extends Error {
  override name = 'DeckSelectionError';
}

export interface OpenOptions {
  /** The command's positional arguments: folders, `.md` files, deck names. */
  args?: string[];
  /** `--include DIR` folders (replace the config's). */
  include?: string[];
  layout?: Layout;
}

export interface OpenedProject {
  /** Every deck the arguments name (a project whose `decks` are exactly these). */
  project: Project;
  decks: DeckEntry[];
  /** The project before selection, with its folders (the dev server watches them for new decks). */
  all: Project;
  config: SlidewrightConfig;
  /** Config warnings and decks left out because another file has the same name. */
  warnings: string[];
}

/** Whether a command-line word names a place (folder or markdown file) rather than a deck. */
function isPlace(cwd: string, arg: string): boolean {
  const file = path.resolve(cwd, arg);
  if (!existsSync(file)) return false;
  return statSync(file).isDirectory() || arg.endsWith('.md');
}

/** The project a command runs on in `cwd`: config, arguments and `--include` together. */
export async function openProject(cwd: string, options: OpenOptions = {}): Promise<OpenedProject> {
  const loaded = await loadConfig(cwd);
  const args = options.args ?? [];
  const places = args.filter((a) => isPlace(cwd, a));
  const names = args.filter((a) => !places.includes(a));
  const all = resolveProject(cwd, {
    sources: places.length ? places : asList(loaded.config.decks),
    include: options.include?.length ? options.include : asList(loaded.config.include),
    layout: options.layout ?? loaded.config.layout,
    defaults: { theme: loaded.config.theme, reveal: loaded.config.reveal as Record<string, JsonValue> | undefined },
    limits: loaded.config.limits,
  });
  const warnings = [...loaded.warnings];
  for (const { kept, dropped } of shadowedDecks(all)) {
    warnings.push(`${path.relative(cwd, dropped.file)} is left out: ${path.relative(cwd, kept.file)} has the same name "${kept.name}"; rename one`);
  }
  // Places and names together (`check talks/x.md my-deck`): the places' decks, and the names
  // among the decks the project has without places (slides/, or the config's).
  const named = places.length && names.length ? selectDecks(resolveProject(cwd, { sources: asList(loaded.config.decks), include: [] }), names) : [];
  const decks = named.length ? [...listDecks(all), ...named.filter((n) => !listDecks(all).some((d) => d.file === n.file))] : selectDecks(all, names);
  const twin = decks.find((d, i) => decks.findIndex((o) => o.name === d.name) !== i);
  if (twin) throw new DeckSelectionError(`two decks are named "${twin.name}" (${decks.filter((d) => d.name === twin.name).map((d) => path.relative(cwd, d.file)).join(', ')}); rename one`);
  return { project: { ...all, decks }, decks, all, config: loaded.config, warnings };
}

/** Decks of `project` by name (`lpw2025-cpansec-update`, `talk.md`); none named: all of them. */
export function selectDecks(project: Project, names: string[]): DeckEntry[] {
  const all = listDecks(project);
  const where = () =>
    [...project.deckDirs.map((d) => `${path.relative(process.cwd(), d) || '.'}/`), ...project.deckFiles.map((f) => path.relative(process.cwd(), f))].join(', ') ||
    'the files given';
  if (names.length === 0) {
    if (all.length === 0) throw new DeckSelectionError(`no decks in ${where()}: add a markdown file there, or name a folder or .md file (slidewright build talks/)`);
    return all;
  }
  const selected: DeckEntry[] = [];
  for (const name of names) {
    const file = path.resolve(name);
    const entry = all.find((d) => d.file === file) ?? all.find((d) => d.name === name || d.name === name.replace(/\.md$/, ''));
    if (!entry) {
      const known = all.map((d) => d.name).join(', ') || '(none)';
      throw new DeckSelectionError(`no deck "${name}" in ${where()}: give a deck name (${known}), a folder or the path of a .md file`);
    }
    if (!selected.includes(entry)) selected.push(entry);
  }
  return selected;
}
