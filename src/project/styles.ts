/**
 * A deck's stylesheets: its theme (a reveal.js theme or a CSS file of the project), its code
 * theme, reveal.js's and slidewright's own CSS, KaTeX's when the deck has math. The Vite plugin
 * imports them; the exporters link them.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../shared/diagnostics.ts';
import { DEFAULT_CODE_THEME, DEFAULT_THEME } from '../format/types.ts';
import { chooseTheme } from '../format/themes.ts';
import { hasMath } from '../render/math.ts';
import type { LoadedDeck } from './deck-store.ts';
import { isInside } from './paths.ts';
import type { Project } from './project.ts';

const CLIENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../client');
const require = createRequire(import.meta.url);

export interface DeckStyles {
  theme: string;
  codeTheme: string;
  diagnostics: Diagnostic[];
}

/** A theme that replaces the decks' own (the PDF export's `--theme`): one for all, or per deck name. */
export type ThemeOverride = string | ((deckName: string) => string | undefined);

/** The CSS module ids for a deck's theme and code theme, falling back (with a warning) when unknown. */
export function resolveDeckStyles(deck: LoadedDeck, project: Project, themeOverride?: string): DeckStyles {
  const diagnostics: Diagnostic[] = [];
  const wanted = themeOverride ?? deck.deck.theme;
  const at = deck.deck.locations.theme ?? { line: 1, column: 1 };
  let outside = false;
  const findFile = (candidate: string): string | null => {
    for (const file of [path.resolve(path.dirname(deck.file), candidate), path.resolve(project.root, candidate)]) {
      if (!existsSync(file)) continue;
      if (isInside(project.root, file)) return file;
      outside = true; // never read a file outside the project
    }
    return null;
  };
  const choice = chooseTheme(wanted, findFile, DEFAULT_THEME);
  let theme: string;
  if (choice.kind === 'reveal') theme = `reveal.js/theme/${choice.name}.css`;
  else if (choice.kind === 'file') theme = choice.path;
  else {
    theme = `reveal.js/theme/${choice.fallback}.css`;
    diagnostics.push({
      severity: 'warning',
      code: outside ? 'path-outside-project' : 'unknown-theme',
      message: outside
        ? `theme "${wanted}" is outside the project and is not read; using "${choice.fallback}"`
        : `unknown theme "${wanted}" (no such reveal.js theme or project CSS file); using "${choice.fallback}"`,
      ...at,
      hint: choice.hint,
    });
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

/** A package file (`reveal.js/reveal.css`) or an absolute path, as a file path. */
export function resolvePackageFile(id: string): string {
  // Resolved from slidewright's own location, so a project that uses the plugin needs no
  // reveal.js or highlight.js of its own.
  return path.isAbsolute(id) ? id : require.resolve(id);
}

/** The deck's stylesheets as files, in cascade order: reveal.js, theme, code theme, ours, KaTeX. */
export function deckStyleFiles(deck: LoadedDeck, styles: DeckStyles): string[] {
  return [
    resolvePackageFile('reveal.js/reveal.css'),
    resolvePackageFile(styles.theme),
    resolvePackageFile(styles.codeTheme),
    path.join(CLIENT_DIR, 'deck', 'slidewright.css'),
    ...(hasMath(deck.rendered.slidesHtml) ? [resolvePackageFile('katex/dist/katex.min.css')] : []),
  ];
}
