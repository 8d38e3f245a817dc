/**
 * The HTML pages: `/` lists the decks, `/<deck>/` shows one. Nothing is on disk: in a build the
 * pages are virtual entries (`<root>/<deck>/index.html`), in dev a middleware renders them.
 * Adding a deck file needs no configuration.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Connect, Plugin, ResolvedConfig } from 'vite';
import { deckAddress, renderDeckPage, renderIndexPage, summaryOf } from '../render/page.ts';
import { resolveDeckStyles } from '../project/styles.ts';
import type { DeckStore, LoadedDeck } from '../project/deck-store.ts';
import { deckModuleId } from './ids.ts';
import { reportOnce } from './report.ts';

export interface PagesApi {
  decksWithErrors(): { file: string; errors: number }[];
}

export interface PagesContext {
  store(): DeckStore;
  /** Dev only: data the deck page carries for its live updates (see slide-hmr.ts). */
  pageData?(deck: LoadedDeck): { id: string; value: unknown };
  /** The site's public address (`--url`): the pages' canonical and share URLs. */
  siteUrl?: string;
}

/** `exports/<deck>.pdf`, which the build publishes beside the deck when it exists. */
function handoutFile(store: DeckStore, name: string): string | undefined {
  const file = path.join(store.project.base, 'exports', `${name}.pdf`);
  return existsSync(file) ? file : undefined;
}

const INDEX_INPUT = '__slidewright_index__';

/**
 * Where a deck page's slides go. Vite parses every page it transforms (parse5, a tree of the
 * whole document: 1.3 s and hundreds of MB for a 6 MB deck), yet has nothing to do in the slides:
 * their media URLs are resolved already (media.ts) and the folder is copied as it is. So the page
 * Vite sees holds this comment, and the slides take its place after Vite is done with the page
 * (`withSlides`). What a slide's own `<script>` or `<link>` says ships as written.
 */
function slidesPlaceholder(name: string): string {
  return `<!--slidewright-slides ${encodeURIComponent(name)}-->`;
}

const PLACEHOLDER = /<!--slidewright-slides ([^\s>]+)-->/;

/** The page with its slides in place of the placeholder (the page template holds one). */
function withSlides(html: string, slidesOf: (name: string) => string | undefined): string {
  const m = PLACEHOLDER.exec(html);
  const slides = m && slidesOf(decodeURIComponent(m[1]!));
  return m && slides !== undefined ? html.slice(0, m.index) + slides + html.slice(m.index + m[0].length) : html;
}

export function deckPageHtml(deck: LoadedDeck, data?: { id: string; value: unknown }, siteUrl?: string): string {
  const meta = deck.deck.meta;
  const first = deck.rendered.nodes[0];
  const firstSlide = first ? (first.kind === 'slide' ? first.slide : first.slides[0]) : undefined;
  return renderDeckPage({
    data,
    url: siteUrl ? deckAddress(siteUrl, deck.name) : undefined,
    title: deck.title,
    lang: typeof meta.lang === 'string' ? meta.lang : 'en',
    slidesHtml: slidesPlaceholder(deck.name),
    script: `import ${JSON.stringify(deckModuleId(deck.name))};`,
    description: typeof meta.description === 'string' ? meta.description : firstSlide && summaryOf(firstSlide.body, deck.title),
    author: typeof meta.author === 'string' ? meta.author : undefined,
  });
}

export function indexPageHtml(store: DeckStore, { handouts = false } = {}): string {
  return renderIndexPage(
    store.list().map((entry) => {
      const deck = store.load(entry);
      return {
        name: deck.name,
        title: deck.title,
        slideCount: deck.rendered.slideCount,
        warnings: deck.diagnostics.filter((d) => d.severity !== 'info').length,
        handout: handouts && handoutFile(store, deck.name) ? `./${encodeURIComponent(deck.name)}/${encodeURIComponent(deck.name)}.pdf` : undefined,
      };
    }),
  );
}

export function pagesPlugin(context: PagesContext): Plugin {
  let config: ResolvedConfig;
  // The mdslides layout builds one deck at a time, its page at the top of the output folder.
  const single = () => (context.store().project.layout === 'mdslides' ? context.store().list()[0] : undefined);
  const pageFile = (name: string | null) =>
    name === null || single() ? path.join(context.store().project.root, 'index.html') : path.join(context.store().project.root, name, 'index.html');
  const pageName = (id: string): string | null | undefined => {
    const relative = path.relative(context.store().project.root, id.split('?')[0]!);
    if (relative === 'index.html') return single()?.name ?? null;
    const m = /^([^/\\]+)[/\\]index\.html$/.exec(relative);
    return m && context.store().find(m[1]!) ? m[1]! : undefined;
  };
  const slidesOf = (name: string) => {
    const entry = context.store().find(name);
    return entry && context.store().load(entry).rendered.slidesHtml;
  };
  const loadDeck = (name: string): LoadedDeck => {
    const deck = context.store().load(context.store().find(name)!);
    const styles = resolveDeckStyles(deck, context.store().project);
    reportOnce(config.logger, deck, deck.file, [...deck.diagnostics, ...styles.diagnostics]);
    return deck;
  };

  return {
    name: 'slidewright:pages',
    api: {
      /** The decks with errors (refused, unreadable, broken UTF-8): the build is written, then fails. */
      decksWithErrors(): { file: string; errors: number }[] {
        return context
          .store()
          .list()
          .map((entry) => ({ file: entry.file, errors: context.store().load(entry).diagnostics.filter((d) => d.severity === 'error').length }))
          .filter((d) => d.errors > 0);
      },
    } satisfies PagesApi,
    config(userConfig, env) {
      if (env.command !== 'build') return;
      const one = single();
      if (one) return { build: { rolldownOptions: { input: { [`deck/${one.name}`]: pageFile(one.name) } } } };
      const input: Record<string, string> = { [INDEX_INPUT]: pageFile(null) };
      for (const entry of context.store().list()) input[`deck/${entry.name}`] = pageFile(entry.name);
      return { build: { rolldownOptions: { input } } };
    },
    configResolved(resolved) {
      config = resolved;
    },
    resolveId(id) {
      return pageName(id) !== undefined && id.endsWith('index.html') && path.isAbsolute(id) ? id : null;
    },
    load(id) {
      const name = pageName(id);
      if (name === undefined) return null;
      return name === null ? indexPageHtml(context.store(), { handouts: true }) : deckPageHtml(loadDeck(name), undefined, context.siteUrl);
    },
    generateBundle: {
      // After Vite's HTML plugin has written the pages.
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (file.type === 'asset' && file.fileName.endsWith('.html') && typeof file.source === 'string') file.source = withSlides(file.source, slidesOf);
        }
        // The PDF handouts of `npm run pdf`, beside their decks (the index links them).
        if (single()) return;
        for (const entry of context.store().list()) {
          const file = handoutFile(context.store(), entry.name);
          if (file) this.emitFile({ type: 'asset', fileName: `${entry.name}/${entry.name}.pdf`, source: readFileSync(file) });
        }
      },
    },
    configureServer(server) {
      const middleware: Connect.NextHandleFunction = (req, res, next) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') return next();
        const url = new URL(req.url ?? '/', 'http://localhost');
        const base = server.config.base.endsWith('/') ? server.config.base : `${server.config.base}/`;
        if (!url.pathname.startsWith(base)) return next();
        const rest = decodeURIComponent(url.pathname.slice(base.length));
        let html: string;
        if (rest === '' || rest === 'index.html') {
          html = indexPageHtml(context.store());
        } else {
          const m = /^([^/]+)(\/(index\.html)?)?$/.exec(rest);
          if (!m || !context.store().find(m[1]!)) return next();
          if (!m[2]) {
            res.statusCode = 301;
            res.setHeader('Location', `${base}${encodeURIComponent(m[1]!)}/${url.search}`);
            return res.end();
          }
          const deck = loadDeck(m[1]!);
          html = deckPageHtml(deck, context.pageData?.(deck));
        }
        server
          .transformIndexHtml(`${base}${rest === '' ? 'index.html' : rest.endsWith('/') ? `${rest}index.html` : rest}`, html, req.originalUrl)
          .then((transformed) => {
            res.statusCode = 200;
            res.setHeader('Content-Type', 'text/html; charset=utf-8');
            res.setHeader('Cache-Control', 'no-cache');
            res.end(withSlides(transformed, slidesOf));
          })
          .catch(next);
      };
      server.middlewares.use(middleware);
    },
  };
}
