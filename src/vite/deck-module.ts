/**
 * One virtual module per deck (`virtual:slidewright/deck/<name>`): it imports reveal.js, the
 * deck's theme and code style, and starts the client runtime with the deck's configuration.
 * Vite bundles it per page and shares reveal.js between pages.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import type { DeckStore } from '../project/deck-store.ts';
import { deckStyleFiles, resolveDeckStyles, type ThemeOverride } from '../project/styles.ts';
import { DECK_MODULE_PREFIX, RESOLVED_DECK_MODULE_PREFIX } from './ids.ts';

const CLIENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../client');

export interface DeckModuleOptions {
  theme?: ThemeOverride;
  /** false: the deck was built without notes; S says so instead of opening the speaker view. */
  speakerView?: boolean;
}

export function deckModulePlugin(store: DeckStore, { theme, speakerView = true }: DeckModuleOptions = {}): Plugin {
  let dev = false;
  return {
    name: 'slidewright:deck-module',
    configResolved(config) {
      dev = config.command === 'serve';
    },
    resolveId(id) {
      if (id.startsWith(DECK_MODULE_PREFIX)) return RESOLVED_DECK_MODULE_PREFIX + id.slice(DECK_MODULE_PREFIX.length);
      return null;
    },
    load(id) {
      if (!id.startsWith(RESOLVED_DECK_MODULE_PREFIX)) return null;
      const name = id.slice(RESOLVED_DECK_MODULE_PREFIX.length);
      const entry = store.find(name);
      if (!entry) return `throw new Error(${JSON.stringify(`slidewright: no deck named "${name}"`)});`;
      this.addWatchFile(entry.file);
      const deck = store.load(entry);
      const styles = resolveDeckStyles(deck, store.project, typeof theme === 'function' ? theme(name) : theme);
      return [
        ...deckStyleFiles(deck, styles).map((file) => `import ${JSON.stringify(file)};`),
        `import { startDeck } from ${JSON.stringify(path.join(CLIENT_DIR, 'deck', 'main.ts'))};`,
        ...(dev
          ? [
              // In dev the page keeps itself in step with the markdown (src/vite/slide-hmr.ts).
              `import { liveUpdates } from ${JSON.stringify(path.join(CLIENT_DIR, 'deck', 'hmr.ts'))};`,
              `liveUpdates(startDeck(${JSON.stringify(deck.rendered.revealConfig)}, ${JSON.stringify({ speakerView })}));`,
            ]
          : [`startDeck(${JSON.stringify(deck.rendered.revealConfig)}, ${JSON.stringify({ speakerView })});`]),
      ].join('\n');
    },
  };
}
