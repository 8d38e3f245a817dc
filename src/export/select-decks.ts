/**
 * Which decks a command works on, from its arguments. Apart from the site so that choosing
 * decks does not load the markdown pipeline.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { listDecks, resolveProject, type DeckEntry } from '../vite/project.ts';

export class DeckSelectionError extends Error {
  override name = 'DeckSelectionError';
}

/**
 * Decks named on the command line: a deck name (`lpw2025-cpansec-update`) or a path to a
 * markdown file (`slides/x.md`, `../talks/y.md`). None named: every deck in `slides/`.
 */
export function selectDecks(root: string, args: string[]): DeckEntry[] {
  const project = resolveProject(root);
  const all = listDecks(project);
  if (args.length === 0) {
    if (all.length === 0) throw new DeckSelectionError(`no decks in ${path.relative(process.cwd(), project.slidesDir) || '.'}/: add a markdown file there or name one`);
    return all;
  }
  const selected: DeckEntry[] = [];
  for (const arg of args) {
    const byName = all.find((d) => d.name === arg || d.name === arg.replace(/\.md$/, ''));
    const asPath = path.resolve(arg);
    let entry: DeckEntry | undefined;
    if (arg.endsWith('.md') && existsSync(asPath)) entry = { name: path.basename(asPath, '.md'), file: asPath };
    else if (byName) entry = byName;
    if (!entry) {
      const known = all.map((d) => d.name).join(', ') || '(none)';
      throw new DeckSelectionError(`no deck "${arg}": give a deck name (${known}) or the path of a .md file`);
    }
    if (selected.some((d) => d.name === entry.name)) {
      if (selected.some((d) => d.file === entry.file)) continue;
      throw new DeckSelectionError(`two decks are named "${entry.name}" (${entry.file}); rename one`);
    }
    selected.push(entry);
  }
  return selected;
}

