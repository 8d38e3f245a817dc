/**
 * Self-hosted theme fonts, as light as the browser allows.
 * - Eight reveal.js themes `@import` Google Fonts, which costs a third-party request on every
 *   visit (and fails offline or behind a firewall): each import becomes the same family from
 *   @fontsource, so the font files ship with the deck and the page asks no other host.
 * - white, black and their -contrast variants inline Source Sans Pro as base64 WOFF, every
 *   weight in every visitor's first stylesheet (432 KB gzip): the same faces from @fontsource
 *   instead, as separate WOFF2 files split by `unicode-range`, so a page fetches only the weights
 *   and scripts its text uses.
 * - @fontsource offers WOFF after each WOFF2: every browser that runs reveal.js 6 reads WOFF2,
 *   so the fallbacks are dropped (and not copied into the build).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
  'Source Sans Pro': '@fontsource/source-sans-pro',
};

const GOOGLE_IMPORT = /@import\s+(?:url\()?["']?(https:\/\/fonts\.googleapis\.com\/css\?family=[^"')]+)["']?\)?\s*;/g;
/** A minified `@font-face` whose font is a `data:` URL (reveal's white and black themes). */
const INLINED_FACE = /@font-face\{[^{}]*?src:url\(data:font\/[^{}]*\}/g;
/** `, url(x.woff) format('woff')` after a WOFF2 source. */
const WOFF_FALLBACK = /,\s*url\([^)]*\.woff\)\s*format\(['"]woff['"]\)/g;

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
  if (!needsSelfHosting(css)) return css;
  const imported = css.replace(GOOGLE_IMPORT, (_whole, url: string) => {
    const imports = fontsourceImports(url, resolvable);
    if (!imports) {
      warn(`no self-hosted font for ${url}; the theme will use its fallback fonts`);
      return '';
    }
    return write(imports);
  });
  return replaceInlinedFaces(imported, write);
}

export function needsSelfHosting(css: string): boolean {
  return css.includes('fonts.googleapis.com') || css.includes('src:url(data:font/');
}

/**
 * Inlined faces of a family @fontsource has become imports of its files, at the place of the
 * family's first face; families it lacks (League Gothic) stay inlined.
 */
function replaceInlinedFaces(css: string, write: (ids: string[]) => string): string {
  const familyOf = (face: string) => /font-family:\s*["']?([^;"'}]+)/.exec(face)?.[1]?.trim() ?? '';
  const faces = new Map<string, Set<string>>();
  for (const [face] of css.matchAll(INLINED_FACE)) {
    const family = familyOf(face);
    const pkg = family ? FONTSOURCE_PACKAGES[family] : undefined;
    if (!family || !pkg) continue;
    const weight = /font-weight:\s*(\d+)/.exec(face)?.[1] ?? '400';
    const italic = /font-style:\s*italic/.test(face);
    const id = `${pkg}/${weight}${italic ? '-italic' : ''}.css`;
    if (!faces.has(family)) faces.set(family, new Set());
    if (resolvable(id)) faces.get(family)!.add(id);
  }
  const written = new Set<string>();
  return css.replace(INLINED_FACE, (face) => {
    const family = familyOf(face);
    const ids = faces.get(family);
    if (!ids) return face;
    if (written.has(family)) return '';
    written.add(family);
    return write([...ids]);
  });
}

/** Where fonts taken out of themes are kept (`extractInlinedFonts`), keyed by content. */
const EXTRACTED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/.cache/slidewright/fonts');

/**
 * Fonts a theme still inlines as `data:` URLs (League Gothic, which @fontsource lacks), written
 * out as files and referred to by `urlFor(file)`: in the build they become font files like the
 * others (fetched only where used, cached, subset by font-subset.ts) instead of base64 in every
 * visitor's first stylesheet.
 */
export function extractInlinedFonts(css: string, urlFor: (file: string) => string): string {
  return css.replace(/url\((["']?)data:font\/(woff2|woff|ttf|otf);base64,([A-Za-z0-9+/=]+)\1\)/g, (_whole, _quote, format: string, data: string) => {
    const bytes = Buffer.from(data, 'base64');
    const file = path.join(EXTRACTED_DIR, `theme-font-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.${format}`);
    if (!existsSync(file)) {
      mkdirSync(EXTRACTED_DIR, { recursive: true });
      // Written beside and renamed: a build running alongside never reads half a font.
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, bytes);
      renameSync(temp, file);
    }
    return `url(${urlFor(file)})`;
  });
}

/**
 * The `@font-face` rules of @fontsource stylesheets, WOFF2 sources only, each font file's URL
 * given by `urlFor` (its absolute path in): written into the theme's CSS, where Vite's `@import`
 * would bring the WOFF fallbacks with it (imported CSS skips the plugins' transforms), and one
 * request fewer in a row before the browser knows the fonts.
 */
export function fontFaceRules(ids: string[], urlFor: (file: string) => string): string {
  return ids
    .map((id) => {
      const file = require.resolve(id);
      return readFileSync(file, 'utf8')
        .replace(WOFF_FALLBACK, '')
        .replace(/url\((['"]?)(?![a-z][a-z0-9+.-]*:|\/|#)([^'")]+)\1\)/gi, (_, quote: string, url: string) => `url(${quote}${urlFor(path.resolve(path.dirname(file), url))}${quote})`);
    })
    .join('\n');
}

export function themeFontsPlugin(): Plugin {
  return {
    name: 'slidewright:theme-fonts',
    enforce: 'pre',
    transform(code, id) {
      if (!isRevealThemeCss(id) || !needsSelfHosting(code)) return null;
      // Font URLs relative to the theme's file, which Vite resolves, bundles and hashes.
      const themeDir = path.dirname(id.split('?')[0]!);
      const relativeTo = (file: string) => path.relative(themeDir, file).split(path.sep).join('/');
      const css = selfHostThemeFonts(code, (ids) => fontFaceRules(ids, relativeTo), (message) => this.warn(message));
      return { code: extractInlinedFonts(css, (file) => relativeTo(file)), map: null };
    },
  };
}
