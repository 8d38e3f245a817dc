/** The 14 themes reveal.js 6 ships (`reveal.js/theme/<name>.css`). */
export const REVEAL_THEMES: readonly string[] = [
  'beige', 'black', 'black-contrast', 'blood', 'dracula', 'league', 'moon', 'night', 'serif',
  'simple', 'sky', 'solarized', 'white', 'white-contrast',
];

export function isRevealTheme(name: string): boolean {
  return REVEAL_THEMES.includes(name);
}
