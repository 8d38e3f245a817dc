/**
 * Themes: the 14 reveal.js 6 ships (`reveal.js/theme/<name>.css`), or a CSS file of the
 * project. mdslides maps `THEME = x` to `dist/theme/x.css` of its output, which decks ship with
 * `--include dist`; so a name that is not a reveal.js theme is looked for as a file too.
 */
import { suggestOption } from './reveal-options.ts';
import { DEFAULT_THEME } from './types.ts';

export const REVEAL_THEMES: readonly string[] = [
  'beige', 'black', 'black-contrast', 'blood', 'dracula', 'league', 'moon', 'night', 'serif',
  'simple', 'sky', 'solarized', 'white', 'white-contrast',
];

function isRevealTheme(name: string): boolean {
  return REVEAL_THEMES.includes(name);
}

/** Project-relative places a custom theme `name` may live, in the order they are tried. */
export function themeFileCandidates(name: string): string[] {
  if (name.endsWith('.css')) return [name];
  return [`themes/${name}.css`, `theme/${name}.css`, `dist/theme/${name}.css`, `css/theme/${name}.css`, `${name}.css`];
}

export type ThemeChoice =
  | { kind: 'reveal'; name: string }
  | { kind: 'file'; path: string }
  | { kind: 'unknown'; fallback: string; hint: string };

/**
 * Picks the theme for `name`; `findFile` looks a project-relative candidate up (next to the
 * deck, then from the project root) and returns its path, or null.
 */
export function chooseTheme(name: string, findFile: (candidate: string) => string | null, fallback = DEFAULT_THEME): ThemeChoice {
  if (isRevealTheme(name)) return { kind: 'reveal', name };
  for (const candidate of themeFileCandidates(name)) {
    const found = findFile(candidate);
    if (found) return { kind: 'file', path: found };
  }
  const suggestion = suggestOption(name, REVEAL_THEMES);
  return {
    kind: 'unknown',
    fallback,
    hint: suggestion
      ? `did you mean "${suggestion}"?`
      : `use one of ${REVEAL_THEMES.join(', ')}, or a CSS file such as ${themeFileCandidates(name)[0]}`,
  };
}
