/**
 * `slidewright()`: the Vite plugin, one plugin per concern (pages, deck modules, theme fonts,
 * live reload, media), sharing one deck store.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { searchForWorkspaceRoot, type Plugin } from 'vite';
import { DeckStore } from './deck-store.ts';
import { mediaCopyPlugins } from './media-copy.ts';
import { deckModulePlugin, type ThemeOverride } from './deck-module.ts';
import { doctorPlugin } from './doctor.ts';
import { liveReloadPlugin } from './live-reload.ts';
import { pagesPlugin } from './pages.ts';
import { resolveProject, type ProjectOptions } from './project.ts';
import { themeFontsPlugin } from './theme-fonts.ts';

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface SlidewrightOptions extends ProjectOptions {
  /** Project root (default: the directory Vite runs in). */
  root?: string;
  /** Use this theme instead of the decks' own (the exporters' `--theme`). */
  theme?: ThemeOverride;
}

export function slidewright(options: SlidewrightOptions = {}): Plugin[] {
  const project = resolveProject(options.root ?? process.cwd(), options);
  const store = new DeckStore(project);
  const getStore = () => store;
  const mediaPlugins = existsSync(project.mediaDir) ? mediaCopyPlugins(project) : [];
  return [
    {
      name: 'slidewright:fs-allow',
      config(config) {
        // Serve slidewright's runtime and its packages in dev even when the project is elsewhere.
        const root = path.resolve(config.root ?? process.cwd());
        return { server: { fs: { allow: [searchForWorkspaceRoot(root), PACKAGE_ROOT] } } };
      },
    },
    pagesPlugin({ store: getStore }),
    deckModulePlugin(store, options.theme),
    themeFontsPlugin(),
    liveReloadPlugin(getStore),
    doctorPlugin(getStore),
    ...mediaPlugins,
  ];
}

export { DeckStore } from './deck-store.ts';
export { resolveProject, listDecks } from './project.ts';
