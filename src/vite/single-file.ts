/**
 * `slidewright build --single-file`: each deck as one HTML file that needs no server and no
 * network (a USB stick, an e-mail, a conference archive), made from the built site so that it
 * has the same subset fonts: the deck's scripts bundled into one inline module (esbuild: the
 * speaker view's chunk goes in too, so S works from `file://`), its stylesheets inlined with
 * their fonts as `data:` URLs, its media as `data:` URLs.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONTENT_TYPES } from '../util/serve-file.ts';
import { isVisibleInside } from '../project/paths.ts';

const LOCAL_URL = /^(?![a-z][a-z0-9+.-]*:|\/\/|#|\/)/i;

function dataUrl(file: string): string {
  const type = (CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream').replace(/;.*$/, '');
  return `data:${type};base64,${readFileSync(file).toString('base64')}`;
}

/** The file a relative URL in `fromDir` names inside the built site, or null. */
function siteFile(siteDir: string, fromDir: string, url: string): string | null {
  if (!LOCAL_URL.test(url)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.replace(/[?#].*$/, ''));
  } catch {
    return null;
  }
  const file = path.resolve(fromDir, decoded);
  return isVisibleInside(siteDir, file) && statSync(file, { throwIfNoEntry: false })?.isFile() ? file : null;
}

function inlineCss(siteDir: string, cssFile: string): string {
  return readFileSync(cssFile, 'utf8').replace(/url\((['"]?)([^'")]+)\1\)/g, (whole, _quote: string, url: string) => {
    const file = siteFile(siteDir, path.dirname(cssFile), url);
    return file ? `url(${dataUrl(file)})` : whole;
  });
}

/** The deck page `<siteDir>/<deck>/index.html` with everything it loads inside it. */
export async function singleFileDeck(siteDir: string, deck: string): Promise<string> {
  const pageDir = path.join(siteDir, deck);
  let html = readFileSync(path.join(pageDir, 'index.html'), 'utf8');
  html = html.replace(/<link rel="modulepreload"[^>]*>\n?/g, '');
  html = html.replace(/<link rel="stylesheet"[^>]*\shref="([^"]+)"[^>]*>/g, (tag, href: string) => {
    const file = siteFile(siteDir, pageDir, href);
    return file ? `<style>${inlineCss(siteDir, file).replace(/<\/style/gi, '<\\/style')}</style>` : tag;
  });
  // Media the slides show (a link to a file stays a link). Before the scripts go in: their code
  // holds markup of its own.
  html = html.replace(/\s(src|data-src|poster|data-background-image|data-background-video)="([^"]+)"/g, (whole, attribute: string, url: string) => {
    if (attribute === 'src' && /\.m?js$/.test(url)) return whole;
    const file = siteFile(siteDir, pageDir, url.replace(/&amp;/g, '&'));
    return file ? ` ${attribute}="${dataUrl(file)}"` : whole;
  });
  const { build } = await import('esbuild');
  const scripts = [...html.matchAll(/<script type="module"[^>]*\ssrc="([^"]+)"[^>]*><\/script>/g)];
  for (const [tag, src] of scripts) {
    const file = siteFile(siteDir, pageDir, src!);
    if (!file) continue;
    const result = await build({ entryPoints: [file], bundle: true, write: false, format: 'esm', minify: true, platform: 'browser', target: 'es2022', logLevel: 'silent' });
    const code = result.outputFiles[0]!.text.replace(/<(\/script|!--)/gi, '\\x3C$1');
    html = html.replace(tag, () => `<script type="module">${code}</script>`);
  }
  return html;
}
