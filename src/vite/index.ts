/**
 * `slidewright()`: the Vite plugin, one plugin per concern (pages, deck modules, theme fonts,
 * per-slide updates, the dev doctor, media), sharing one deck store.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { searchForWorkspaceRoot, type Plugin, type UserConfig } from 'vite';
import { DeckStore } from '../project/deck-store.ts';
import { deckModulePlugin } from './deck-module.ts';
import type { ThemeOverride } from '../project/styles.ts';
import { doctorPlugin } from './doctor.ts';
import { fontSubsetPlugin } from './font-subset.ts';
import { mediaPlugins } from './media-plugin.ts';
import { pagesPlugin } from './pages.ts';
import { asList } from '../project/config.ts';
import { resolveProject, type DeckLimits, type Project } from '../project/project.ts';
import type { JsonValue } from '../format/types.ts';
import { slideHmr } from './slide-hmr.ts';
import { themeFontsPlugin } from './theme-fonts.ts';

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The plugin's options: the keys of `slidewright.config.*` that concern the site (see
 * docs/configuration.md), plus what the commands set.
 */
export interface SlidewrightOptions {
  /** The folder the project is in (default: the directory Vite runs in). */
  root?: string;
  /** Deck folders or files, relative to `root` (default: `slides`). */
  decks?: string | string[];
  /** Media folders, mdslides' `--include` (default: `media` when it exists). */
  include?: string | string[];
  /** The theme of decks that name none. */
  theme?: string;
  /** reveal.js options for every deck; a deck's own settings win. */
  reveal?: Record<string, JsonValue>;
  /** What one deck may be and take (see docs/limits.md). */
  limits?: DeckLimits;
  /** The project as a command resolved it (then `root`, `decks`, `include`, `theme`, `reveal` are not read). */
  project?: Project;
  /** Use this theme instead of the decks' own (the exporters' `--theme`). */
  themeOverride?: ThemeOverride;
  /** Dev: the open deck jumps to the slide whose source was just changed. */
  follow?: boolean;
  /** false: publish without speaker notes: none in the pages, the speaker view says so. */
  notes?: boolean;
  /** The site's public address (`https://example.org/talks/`): canonical and share URLs. */
  url?: string;
}

export function slidewright(options: SlidewrightOptions = {}): Plugin[] {
  const project =
    options.project ??
    resolveProject(options.root ?? process.cwd(), {
      sources: asList(options.decks),
      include: asList(options.include),
      defaults: { theme: options.theme, reveal: options.reveal },
      limits: options.limits,
    });
  // In dev a deck is compiled on every save: its unchanged slides are not rendered again.
  // The first two slides' images load at once; later ones as the visitor gets near them.
  const store = new DeckStore(project, { cacheSlides: true, notes: options.notes, lazyImagesFrom: 2, siteUrl: options.url });
  const getStore = () => store;
  const hmr = slideHmr(getStore, { follow: options.follow });
  return [
    {
      name: 'slidewright:fs-allow',
      config(config) {
        // Serve slidewright's runtime and its packages in dev even when the project is elsewhere.
        const root = path.resolve(config.root ?? process.cwd());
        return {
          server: { fs: { allow: [searchForWorkspaceRoot(root), PACKAGE_ROOT] } },
          // The deck pages are virtual, so Vite's start-up scan cannot see what they import; found
          // later, these would be optimised on the first visit, and the page reloaded.
          optimizeDeps: { include: ['reveal.js', 'reveal.js/plugin/notes'] },
          // Font files stay files: inlined (Vite inlines under 4 KB), the small script subsets of
          // a family would sit in every visitor's first stylesheet, used or not.
          build: { assetsInlineLimit: (file: string) => (/\.(woff2?|ttf|otf)$/.test(file) ? false : undefined) },
        };
      },
    },
    pagesPlugin({ store: getStore, pageData: (deck) => hmr.pageData(deck), siteUrl: options.url }),
    deckModulePlugin(store, { theme: options.themeOverride, speakerView: options.notes !== false }),
    themeFontsPlugin(),
    fontSubsetPlugin(getStore),
    hmr.plugin,
    doctorPlugin(getStore),
    ...mediaPlugins(getStore, {
      onFilesChanged() {
        store.invalidateAll();
        hmr.recheckAll();
      },
    }),
  ];
}

/**
 * The Vite configuration of a slidewright project: the one `vite.config.ts` uses and `slidewright
 * dev` starts with, so both serve the same site.
 */
export function slidewrightViteConfig(options: SlidewrightOptions = {}): UserConfig {
  return {
    root: options.project?.root ?? options.root,
    // Relative asset URLs: the built site works under any sub-path.
    base: './',
    // Media are copied by the plugin; there is no public/ folder.
    publicDir: false,
    plugins: [slidewright(options)],
    server: { open: false },
  };
}

export { DeckStore } from '../project/deck-store.ts';
export { resolveProject, listDecks } from '../project/project.ts';
export { defineConfig, type SlidewrightConfig } from '../project/config.ts';
export default slidewright;
