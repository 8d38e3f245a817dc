/**
 * Self-hosted theme fonts. Eight reveal.js themes `@import` Google Fonts, which costs a
 * third-party request on every visit (and fails offline or behind a firewall). This plugin
 * swaps each such import for the same family from @fontsource, so Vite bundles the font files
 * with the deck and the page asks no other host for anything.
 */
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);

/** Google Fonts family → @fontsource package. */
export const FONTSOURCE_PACKAGES: Record<string, string> = {
  Lato: '@fontsource/lato',
  Ubuntu: '@fontsource/ubuntu',
  Montserrat: '@fontsource/montserrat',
  'Open Sans': '@fontsource/open-sans',
  'News Cycle': '@fontsource/news-cycle',
  Quicksand: '@fontsource/quicksand',
};

const GOOGLE_IMPORT = /@import\s+(?:url\()?["']?(https:\/\/fonts\.googleapis\.com\/css\?family=[^"')]+)["']?\)?\s*;/g;

/** `family=Open+Sans:400,700,400italic` → the @fontsource CSS files for those weights and styles. */
export function fontsourceImports(googleUrl: string, exists: (id: string) => boolean): string[] | null {
  const family = new URL(googleUrl).searchParams.get('family');
  if (!family) return null;
  const [name, variants = '400'] = family.split(':') as [string, string?];
  const pkg = FONTSOURCE_PACKAGES[name];
  if (!pkg) return null;
  const ids = variants
    .split(',')
    .map((v) => /^(\d+)(italic)?$/.exec(v.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${pkg}/${m[1]}${m[2] ? '-italic' : ''}.css`);
  // Some families have no italic cut: the browser slants the upright one, as Google's CSS does.
  return ids.filter(exists);
}

function resolvable(id: string): boolean {
  try {
    require.resolve(id);
    return true;
  } catch {
    return false;
  }
}

/** Whether a reveal.js theme stylesheet (by module id or file path) may need its fonts replaced. */
export function isRevealThemeCss(id: string): boolean {
  return /[\\/]reveal\.js[\\/]dist[\\/]theme[\\/][^\\/]+\.css(\?|$)/.test(id);
}

/**
 * A theme's CSS with each Google Fonts `@import` replaced by what `write` makes of the
 * @fontsource CSS files for it: `@import`s of the bare ids for Vite, the files' rules inlined
 * for the exporters' site.
 */
export function selfHostThemeFonts(css: string, write: (ids: string[]) => string, warn: (message: string) => void): string {
  if (!css.includes('fonts.googleapis.com')) return css;
  return css.replace(GOOGLE_IMPORT, (_whole, url: string) => {
    const imports = fontsourceImports(url, resolvable);
    if (!imports) {
      warn(`no self-hosted font for ${url}; the theme will use its fallback fonts`);
      return '';
    }
    return write(imports);
  });
}

export function themeFontsPlugin(): Plugin {
  return {
    name: 'slidewright:theme-fonts',
    enforce: 'pre',
    transform(code, id) {
      if (!isRevealThemeCss(id) || !code.includes('fonts.googleapis.com')) return null;
      const importAll = (ids: string[]) => ids.map((id) => `@import ${JSON.stringify(id)};`).join('\n');
      return { code: selfHostThemeFonts(code, importAll, (message) => this.warn(message)), map: null };
    },
  };
}
