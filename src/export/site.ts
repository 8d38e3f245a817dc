/**
 * The site the exporters point a browser at: only the decks asked for, served on 127.0.0.1
 * straight from the sources, without a bundler. The pages are the ones Vite serves (same
 * renderer, stylesheets, theme fonts and runtime), but stylesheets are linked as they are and
 * reveal.js is loaded as its own ES module: loading Vite and building the deck cost most of a
 * second of every export, more than printing a 16-slide deck. No prior `npm run build` is
 * needed, and nothing is written to disk.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatDiagnostic } from '../shared/diagnostics.ts';
import { renderDeckPage, renderIndexPage } from '../render/page.ts';
import { deckStyleFiles, resolveDeckStyles, resolvePackageFile, type ThemeOverride } from '../project/styles.ts';
import { DeckStore, type LoadedDeck } from '../project/deck-store.ts';
import { mediaFileAt } from '../project/media.ts';
import { isVisibleInside } from '../project/paths.ts';
import { listDecks, type DeckEntry, type Project } from '../project/project.ts';
import { CONTENT_TYPES, notFound, send, sendFile } from '../util/serve-file.ts';
import { fontFaceRules, isRevealThemeCss, selfHostThemeFonts } from '../vite/theme-fonts.ts';
import { CLIENT_DIR, REVEAL_MODULES, deckRuntimeModule } from './client-code.ts';

export interface SiteDeck extends DeckEntry {
  /** The deck page's URL on the running site. */
  url: string;
}

export interface Site {
  baseUrl: string;
  decks: SiteDeck[];
  close(): Promise<void>;
}

export interface SiteOptions {
  /** The project, its `decks` those to serve. */
  project: Project;
  /** A theme instead of the decks' own (`--theme`), for all decks or per deck name. */
  theme?: ThemeOverride;
  /** Decks already compiled (the PDF export reads their settings first); default: a new store. */
  store?: DeckStore;
  /** Where the decks' warnings go, one line each (default: stderr). */
  warn?: (line: string) => void;
}

/** URL prefixes of the site's own files; deck names cannot start with `@`. */
const RUNTIME_PATH = '/@slidewright/deck-runtime.js';
const FS_PREFIX = '/@fs/';


/** `/@fs/<absolute path>`, each segment encoded: relative URLs inside the file resolve next to it. */
export function fileUrlPath(file: string): string {
  return FS_PREFIX + pathToFileURL(file).pathname.replace(/^\/+/, '');
}

/** Packages whose files a page may load, besides the project's own files and slidewright's runtime. */
function isPagePackage(name: string): boolean {
  return name === 'reveal.js' || name === 'highlight.js' || name === 'katex' || name.startsWith('@fontsource/');
}

/** The installed package `file` belongs to, if it lies in a `node_modules` folder. */
function packageOf(file: string): { name: string; dir: string } | undefined {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    if (!dir.split(path.sep).includes('node_modules')) return undefined;
    try {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      return name ? { name, dir } : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}


/** Whether the site may serve `file`: in the project, slidewright's runtime, or a page package. */
function mayServe(project: Project, file: string): boolean {
  if (isVisibleInside(project.root, file) || isVisibleInside(CLIENT_DIR, file)) return true;
  const owner = packageOf(file);
  return owner !== undefined && isPagePackage(owner.name) && isVisibleInside(owner.dir, file);
}

/** The import map of the deck runtime: reveal.js's ES builds (resolved as Node resolves `import`). */
function revealImportMap(): Record<string, string> {
  return Object.fromEntries(REVEAL_MODULES.map((specifier) => [specifier, fileUrlPath(fileURLToPath(import.meta.resolve(specifier)))]));
}


interface DeckPage {
  deck: LoadedDeck;
  html: string;
}

function renderPage(deck: LoadedDeck, project: Project, theme: string | undefined, warn: (line: string) => void): DeckPage {
  const styles = resolveDeckStyles(deck, project, theme);
  const relative = path.relative(process.cwd(), deck.file) || deck.file;
  for (const d of [...deck.diagnostics, ...styles.diagnostics]) if (d.severity !== 'info') warn(formatDiagnostic(relative, d));
  const meta = deck.deck.meta;
  const html = renderDeckPage({
    title: deck.title,
    lang: typeof meta.lang === 'string' ? meta.lang : 'en',
    slidesHtml: deck.rendered.slidesHtml,
    description: typeof meta.description === 'string' ? meta.description : undefined,
    author: typeof meta.author === 'string' ? meta.author : undefined,
    styles: deckStyleFiles(deck, styles).map(fileUrlPath),
    importMap: revealImportMap(),
    script: `import { startDeck } from ${JSON.stringify(RUNTIME_PATH)};\nstartDeck(${JSON.stringify(deck.rendered.revealConfig)});`,
  });
  return { deck, html };
}

/**
 * Renders the decks (their warnings are printed now, once) and serves them. Throws when a deck
 * cannot be read; the caller may then try the decks one by one.
 */
export async function startSite(options: SiteOptions): Promise<Site> {
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { project } = options;
  const decks = listDecks(project);
  const store = options.store ?? new DeckStore(project);
  const pages = new Map<string, DeckPage>();
  for (const entry of decks) {
    const theme = typeof options.theme === 'function' ? options.theme(entry.name) : options.theme;
    pages.set(entry.name, renderPage(store.load(entry), project, theme, warn));
  }
  // Compiled while the browser starts, not when the first page asks for it.
  const runtime = deckRuntimeModule();
  runtime.catch(() => undefined);
  const warnedThemes = new Set<string>();

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://site');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, 'text/plain; charset=utf-8', 'bad URL');
    }
    if (pathname === '/' || pathname === '/index.html') {
      const listing = [...pages.values()].map(({ deck }) => ({
        name: deck.name,
        title: deck.title,
        slideCount: deck.rendered.slideCount,
        warnings: deck.diagnostics.filter((d) => d.severity !== 'info').length,
      }));
      return send(res, 200, CONTENT_TYPES['.html']!, renderIndexPage(listing));
    }
    if (pathname === RUNTIME_PATH) return send(res, 200, CONTENT_TYPES['.js']!, await runtime);
    if (pathname.startsWith(FS_PREFIX)) {
      const file = path.resolve('/', pathname.slice(FS_PREFIX.length));
      if (!mayServe(project, file)) return notFound(res);
      if (isRevealThemeCss(file)) {
        const css = selfHostThemeFonts(readFileSync(file, 'utf8'), (ids) => fontFaceRules(ids, fileUrlPath), (message) => {
          if (!warnedThemes.has(message)) warn(`${path.basename(file)}: ${message}`);
          warnedThemes.add(message);
        });
        return send(res, 200, CONTENT_TYPES['.css']!, css);
      }
      return sendFile(res, file);
    }
    const media = mediaFileAt(project, pathname.slice(1));
    if (media) return sendFile(res, media);
    const deckPath = /^\/([^/]+)(\/(index\.html)?)?$/.exec(pathname);
    const page = deckPath ? pages.get(deckPath[1]!) : undefined;
    if (!page) return notFound(res);
    if (!deckPath![2]) {
      res.writeHead(301, { Location: `/${encodeURIComponent(page.deck.name)}/${url.search}` });
      return void res.end();
    }
    return send(res, 200, CONTENT_TYPES['.html']!, page.html);
  };

  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'only GET and HEAD');
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', String((error as Error)?.message ?? error));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/`;
  return {
    baseUrl,
    decks: decks.map((d) => ({ ...d, url: `${baseUrl}${encodeURIComponent(d.name)}/` })),
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
