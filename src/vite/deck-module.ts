/**
 * One virtual module per deck (`virtual:slidewright/deck/<name>`): it imports reveal.js, the
 * deck's theme and code style, and starts the client runtime with the deck's configuration.
 * Vite bundles it per page and shares reveal.js between pages.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import type { Diagnostic } from '../format/diagnostics.ts';
import { DEFAULT_CODE_THEME, DEFAULT_THEME } from '../format/types.ts';
import { isRevealTheme } from '../format/themes.ts';
import type { DeckStore, LoadedDeck } from './deck-store.ts';
import { isInside, type Project } from './project.ts';
import { DECK_MODULE_PREFIX, RESOLVED_DECK_MODULE_PREFIX } from './ids.ts';

const CLIENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../client');
const require = createRequire(import.meta.url);

export interface DeckStyles {
  theme: string;
  codeTheme: string;
  diagnostics: Diagnostic[];
}

/** The CSS module ids for a deck's theme and code theme, falling back (with a warning) when unknown. */
export function resolveDeckStyles(deck: LoadedDeck, project: Project): DeckStyles {
  const diagnostics: Diagnostic[] = [];
  // The parser has already checked a theme name (and fallen back to the default with a warning);
  // a `.css` theme is a project file, found next to the deck or from the project root.
  const wanted = deck.deck.theme;
  let theme = `reveal.js/theme/${isRevealTheme(wanted) ? wanted : DEFAULT_THEME}.css`;
  if (wanted.endsWith('.css')) {
    const candidates = [path.resolve(path.dirname(deck.file), wanted), path.resolve(project.root, wanted)];
    const found = candidates.find((c) => existsSync(c) && isInside(project.root, c));
    if (found) theme = found;
    else {
      diagnostics.push({
        severity: 'warning',
        code: candidates.some((c) => existsSync(c)) ? 'path-outside-project' : 'missing-theme-file',
        message: `theme file "${wanted}" ${candidates.some((c) => existsSync(c)) ? 'is outside the project' : 'does not exist'}; using "${DEFAULT_THEME}"`,
        line: deck.deck.locations.theme?.line ?? 1,
        column: deck.deck.locations.theme?.column ?? 1,
        hint: 'put the CSS file in the project and give its path relative to the deck or the project root',
      });
    }
  }
  let codeTheme = `highlight.js/styles/${DEFAULT_CODE_THEME}.css`;
  const wantedCode = deck.deck.codeTheme;
  try {
    require.resolve(`highlight.js/styles/${wantedCode}.css`);
    codeTheme = `highlight.js/styles/${wantedCode}.css`;
  } catch {
    diagnostics.push({
      severity: 'warning',
      code: 'unknown-code-theme',
      message: `unknown code theme "${wantedCode}"; using "${DEFAULT_CODE_THEME}"`,
      line: deck.deck.locations.codeTheme?.line ?? 1,
      column: deck.deck.locations.codeTheme?.column ?? 1,
      hint: 'use a highlight.js style name such as monokai, github, base16/zenburn',
    });
  }
  return { theme, codeTheme, diagnostics };
}

export function deckModulePlugin(store: DeckStore): Plugin {
  return {
    name: 'slidewright:deck-module',
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
      const styles = resolveDeckStyles(deck, store.project);
      // Package files are resolved from slidewright's own location, so a project that uses the
      // plugin needs no reveal.js or highlight.js of its own.
      const resolvePackage = (id: string) => (path.isAbsolute(id) ? id : require.resolve(id));
      return [
        `import ${JSON.stringify(resolvePackage('reveal.js/reveal.css'))};`,
        `import ${JSON.stringify(resolvePackage(styles.theme))};`,
        `import ${JSON.stringify(resolvePackage(styles.codeTheme))};`,
        `import ${JSON.stringify(path.join(CLIENT_DIR, 'slidewright.css'))};`,
        `import { startDeck } from ${JSON.stringify(path.join(CLIENT_DIR, 'main.ts'))};`,
        `startDeck(${JSON.stringify(deck.rendered.revealConfig)});`,
      ].join('\n');
    },
  };
}
