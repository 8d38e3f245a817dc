/**
 * Per-slide updates in `npm run dev`. Saving a deck recompiles it, compares the new slides with
 * the version the open pages show (`diffSlides`) and sends only what changed over Vite's HMR
 * socket (`DeckUpdate`); the page patches itself (`src/client/deck/hmr.ts`) without a reload.
 * A change to the page itself (theme, code theme, reveal.js options, stylesheets) makes the
 * page reload at the same slide. The index page reloads when decks come, go or change title.
 *
 * Versions: each compiled deck has a content hash. Pages say which version they show when they
 * start (`DeckHello`), so a page rendered just before an edit is brought up to date too.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { HtmlTagDescriptor, Plugin, ViteDevServer } from 'vite';
import {
  DECK_HELLO_EVENT,
  DECK_LIST_EVENT,
  DECK_UPDATE_EVENT,
  DEV_DATA_ID,
  type DeckHello,
  type DeckUpdate,
  type DevPageData,
} from '../client/deck/hmr-protocol.ts';
import type { Diagnostic } from '../shared/diagnostics.ts';
import { diffSlides } from '../render/deck-diff.ts';
import type { RenderedNode } from '../render/deck.ts';
import { deckStyleFiles, resolveDeckStyles } from '../project/styles.ts';
import type { DeckStore, LoadedDeck } from '../project/deck-store.ts';
import { RESOLVED_DECK_MODULE_PREFIX } from './ids.ts';
import { isDeckSource } from '../project/project.ts';
import { reportOnce } from './report.ts';

/** Versions kept per deck for pages that are behind (a few saves' worth). */
const HISTORY = 16;
/**
 * After a change event, the deck file is looked at again this many ms later: chokidar (Vite's
 * watcher) drops events that follow within a few ms of another (measured: a save 20 ms after
 * an editor's truncation was never reported), so the last save of a burst could go unseen.
 */
const SETTLE_CHECKS_MS = [15, 60, 300];

export interface SlideHmrOptions {
  /** Pages jump to the slide that was just edited. */
  follow?: boolean;
}

/** A compiled deck as the pages see it. */
interface DeckVersion {
  version: string;
  /** Everything outside the slides that the page is built from: a change means a reload. */
  page: string;
  nodes: RenderedNode[];
  title: string;
  diagnostics: Diagnostic[];
}

export interface SlideHmr {
  plugin: Plugin;
  /** The data a dev deck page carries (`DevPageData`), for the pages plugin to put in the page. */
  pageData(deck: LoadedDeck): { id: string; value: DevPageData };
  /** Compiles every open deck again and patches its pages (media came or went). */
  recheckAll(): void;
}

export function slideHmr(store: () => DeckStore, options: SlideHmrOptions = {}): SlideHmr {
  const versions = new WeakMap<LoadedDeck, DeckVersion>();
  /** Per deck file: recent versions by hash, oldest first. */
  const history = new Map<string, Map<string, DeckVersion>>();
  /** Per deck file: the newest version pages were given or told about. */
  const announced = new Map<string, DeckVersion>();
  let server: ViteDevServer | undefined;

  const versionOf = (deck: LoadedDeck): DeckVersion => {
    let known = versions.get(deck);
    if (known) return known;
    const styles = resolveDeckStyles(deck, store().project);
    const page = JSON.stringify({ styles: deckStyleFiles(deck, styles), config: deck.rendered.revealConfig, lang: deck.deck.meta.lang ?? null });
    const diagnostics = [...deck.diagnostics, ...styles.diagnostics];
    const nodes = deck.rendered.nodes;
    const version = createHash('sha1').update(page).update(JSON.stringify(nodes)).update(JSON.stringify(diagnostics)).digest('hex').slice(0, 16);
    known = { version, page, nodes, title: deck.title, diagnostics };
    versions.set(deck, known);
    const list = history.get(deck.file) ?? new Map<string, DeckVersion>();
    list.delete(version);
    list.set(version, known);
    for (const old of list.keys()) if (list.size > HISTORY) list.delete(old);
    history.set(deck.file, list);
    return known;
  };

  const updateFor = (name: string, from: DeckVersion, to: DeckVersion): DeckUpdate => {
    const base = { deck: name, from: from.version, to: to.version, title: to.title, diagnostics: to.diagnostics };
    if (from.page !== to.page) return { ...base, reload: 'the theme, code theme, stylesheets or reveal.js options changed' };
    return { ...base, patch: diffSlides(from.nodes, to.nodes) };
  };

  const deckEntry = (file: string) => store().list().find((entry) => entry.file === file);

  const relative = (file: string) => path.relative(server?.config.root ?? process.cwd(), file) || file;

  const settleTimers = new Map<string, ReturnType<typeof setTimeout>[]>();
  const onDeckChange = (file: string) => {
    if (!deckEntry(file)) return;
    for (const timer of settleTimers.get(file) ?? []) clearTimeout(timer);
    settleTimers.set(
      file,
      SETTLE_CHECKS_MS.map((ms) => setTimeout(() => updateDeck(file, true), ms)),
    );
    updateDeck(file, false);
  };

  /** Compiles the deck if its file changed, and sends the open pages what changed. */
  const updateDeck = (file: string, settling: boolean) => {
    const entry = deckEntry(file);
    if (!entry || !server) return;
    const from = announced.get(file);
    const logger = server.config.logger;
    // An editor that truncates the file before writing it shows it empty for a moment.
    if (from && statSync(file, { throwIfNoEntry: false })?.size === 0) {
      if (!settling) logger.info(`${relative(file)} is empty: the open pages keep the last version`, { timestamp: true });
      return;
    }
    let deck: LoadedDeck;
    try {
      // Recompiled when the file's time or size changed (editors often report a save twice).
      deck = store().load(entry);
    } catch (error) {
      // Mid-save (the file renamed away) or a bug: the pages keep what they show.
      const message = error instanceof Error ? error.message : String(error);
      logger.error(`${relative(file)}: ${message}`, { timestamp: true });
      if (from) {
        const update: DeckUpdate = { deck: entry.name, from: from.version, to: '', title: from.title, diagnostics: from.diagnostics, error: message };
        server.ws.send(DECK_UPDATE_EVENT, update);
      }
      return;
    }
    const to = versionOf(deck);
    reportOnce(logger, deck, deck.file, to.diagnostics);
    if (!from || from.version === to.version) return;
    server.ws.send({ type: 'custom', event: DECK_LIST_EVENT });
    announced.set(file, to);
    const module = server.moduleGraph.getModuleById(RESOLVED_DECK_MODULE_PREFIX + entry.name);
    if (module) server.moduleGraph.invalidateModule(module);
    const update = updateFor(entry.name, from, to);
    server.ws.send(DECK_UPDATE_EVENT, update);
    const what = update.patch
      ? `${update.patch.changed.length ? `slide ${update.patch.changed.map((i) => i + 1).join(', ')}` : 'source lines'}${update.patch.inPlace ? '' : ', slides added, removed or moved'}`
      : 'page reload';
    logger.info(`hmr update ${relative(file)} (${what})`, { timestamp: true });
  };

  const plugin: Plugin = {
    name: 'slidewright:slide-hmr',
    apply: 'serve',
    configureServer(devServer) {
      server = devServer;
      const { project } = store();
      devServer.watcher.add([...project.deckDirs, ...project.deckFiles, ...store().list().map((entry) => entry.file)]);
      devServer.watcher.on('change', onDeckChange);
      const onListChange = (file: string) => {
        if (isDeckSource(project, file)) devServer.ws.send({ type: 'custom', event: DECK_LIST_EVENT });
      };
      devServer.watcher.on('add', onListChange);
      devServer.watcher.on('unlink', onListChange);
      devServer.ws.on(DECK_HELLO_EVENT, (data: unknown, client) => {
        // From the page: checked before use.
        const hello = data as Partial<DeckHello> | null;
        if (!hello || typeof hello.deck !== 'string' || typeof hello.version !== 'string') return;
        const entry = store().find(hello.deck);
        if (!entry) return;
        let current: DeckVersion;
        try {
          current = versionOf(store().load(entry));
        } catch {
          return;
        }
        if (hello.version === current.version) return;
        const old = history.get(entry.file)?.get(hello.version);
        const update: DeckUpdate = old
          ? updateFor(entry.name, old, current)
          : { deck: entry.name, from: hello.version, to: current.version, title: current.title, diagnostics: current.diagnostics, reload: 'the page is older than the deck' };
        client.send(DECK_UPDATE_EVENT, update);
      });
    },
    // The deck module watches its markdown file; Vite's own handling would reload the page.
    handleHotUpdate({ file }) {
      return deckEntry(file) ? [] : undefined;
    },
    transformIndexHtml: {
      order: 'pre',
      handler(_html, ctx): HtmlTagDescriptor[] | undefined {
        const base = ctx.server?.config.base ?? '/';
        if (ctx.path !== `${base}index.html`) return undefined;
        // The index lists the decks: it reloads when they change.
        const code = `if (import.meta.hot) import.meta.hot.on(${JSON.stringify(DECK_LIST_EVENT)}, () => location.reload());`;
        return [{ tag: 'script', attrs: { type: 'module' }, children: code, injectTo: 'head' }];
      },
    },
  };

  return {
    plugin,
    recheckAll() {
      for (const file of announced.keys()) updateDeck(file, false);
    },
    pageData(deck) {
      const current = versionOf(deck);
      if (!announced.has(deck.file)) announced.set(deck.file, current);
      const root = store().project.root;
      return {
        id: DEV_DATA_ID,
        value: {
          deck: deck.name,
          version: current.version,
          file: deck.file,
          relativeFile: path.relative(root, deck.file).split(path.sep).join('/') || deck.file,
          diagnostics: current.diagnostics,
          follow: options.follow === true,
        },
      };
    },
  };
}
