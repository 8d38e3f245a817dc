/**
 * The site the exporters point a browser at: only the decks asked for, built with Vite into a
 * temporary directory and served on 127.0.0.1 by Vite's preview server. No prior
 * `npm run build` is needed, and the user's `dist/` is never touched.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, preview } from 'vite';
import type { ThemeOverride } from '../vite/deck-module.ts';
import { slidewright } from '../vite/index.ts';
import { listDecks, resolveProject, type DeckEntry } from '../vite/project.ts';

export interface SiteDeck extends DeckEntry {
  /** The deck page's URL on the running site. */
  url: string;
}

export interface Site {
  baseUrl: string;
  decks: SiteDeck[];
  close(): Promise<void>;
}

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

export interface SiteOptions {
  root: string;
  decks: DeckEntry[];
  /** Print Vite's build output (default: warnings only). */
  verbose?: boolean;
  /** A theme instead of the decks' own (`--theme`), for all decks or per deck name. */
  theme?: ThemeOverride;
}

export async function startSite(options: SiteOptions): Promise<Site> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'slidewright-site-'));
  const inline = {
    root: options.root,
    configFile: false as const,
    base: './',
    publicDir: false as const,
    // A multi-page site: a missing file is a 404, not the index page (the doctor relies on it).
    appType: 'mpa' as const,
    logLevel: options.verbose ? ('info' as const) : ('warn' as const),
    plugins: [slidewright({ root: options.root, decks: options.decks, theme: options.theme })],
    build: { outDir, emptyOutDir: true, reportCompressedSize: false },
  };
  try {
    await build(inline);
    const server = await preview({ ...inline, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
    const address = server.httpServer.address();
    if (!address || typeof address === 'string') throw new Error('the preview server has no TCP address');
    const baseUrl = `http://127.0.0.1:${address.port}/`;
    return {
      baseUrl,
      decks: options.decks.map((d) => ({ ...d, url: `${baseUrl}${encodeURIComponent(d.name)}/` })),
      async close() {
        await server.close();
        await rm(outDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    throw error;
  }
}
