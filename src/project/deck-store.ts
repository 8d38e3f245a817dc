/**
 * Reads and compiles decks on demand, caching each by its file's modification time and size,
 * so the dev server and the build share one code path and unchanged decks cost nothing.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../shared/diagnostics.ts';
import { compileDeck, type CompiledDeck } from '../pipeline.ts';
import { sectionHtml } from '../render/deck.ts';
import { deckAddress } from '../render/page.ts';
import { SlideCache } from '../render/slide-cache.ts';
import { readUtf8 } from '../repair/index.ts';
import { refuseAsDeck } from '../repair/text-file.ts';
import { DEFAULT_LIMITS } from '../format/limits.ts';
import { CompiledDeckCache, FileLookups, compiledCacheDir } from './compiled-cache.ts';
import { createImageSizer, createMediaResolver } from './media.ts';
import { listDecks, type DeckEntry, type Project } from './project.ts';

/** Seconds a deck's slides may take to render, unless the config's `limits.renderSeconds` says otherwise. */
const DEFAULT_RENDER_SECONDS = 10;

const LENIENT = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export interface LoadedDeck extends CompiledDeck {
  name: string;
  file: string;
  /** The deck's title for pages and the index: its first heading, else its name. */
  title: string;
  /** The media files (absolute paths) the deck refers to. */
  media: string[];
}

/**
 * The error that left a deck's page empty (refused, failed), if it is so: such a page never
 * becomes a ready deck in a browser, so the exporters report this instead of waiting for it.
 */
export function emptyPageError(deck: LoadedDeck): Diagnostic | undefined {
  return deck.rendered.slideCount === 0 ? deck.diagnostics.find((d) => d.severity === 'error') : undefined;
}

function withFirstSlideOnly(deck: LoadedDeck): LoadedDeck {
  const first = deck.rendered.nodes[0];
  if (!first) return deck;
  const slide = first.kind === 'slide' ? first.slide : first.slides[0]!;
  return { ...deck, rendered: { ...deck.rendered, nodes: [{ kind: 'slide', slide }], slidesHtml: sectionHtml(slide), slideCount: 1 } };
}

export class DeckStore {
  readonly #cache = new Map<string, { stamp: string; deck: LoadedDeck }>();
  /** Per deck file, its rendered slides, so a recompile renders only what changed (dev). */
  readonly #slides = new Map<string, SlideCache>();

  /**
   * `cacheSlides`: keep each deck's rendered slides between compiles. For the dev server, where
   * a deck is compiled again on every save; a build or export compiles each deck once.
   * `notes: false`: the pages carry no speaker notes (`slidewright build --no-notes`).
   * `lazyImagesFrom`: images from that slide on load lazily (the site's pages, not the exports).
   * `siteUrl`: the site's public address, for the QR code of decks that ask for one (`qr: true`).
   * `firstSlideOnly`: each deck's page holds its first slide alone (the share image: a browser
   * need not lay out a large deck to take its title slide).
   * `diskCache`: keep compiled decks on disk between runs (the exporters; see compiled-cache.ts),
   * in the project's cache folder or the one given.
   */
  constructor(
    readonly project: Project,
    readonly options: {
      cacheSlides?: boolean;
      notes?: boolean;
      lazyImagesFrom?: number;
      siteUrl?: string;
      firstSlideOnly?: boolean;
      diskCache?: boolean | string;
    } = {},
  ) {
    const { diskCache } = options;
    if (diskCache) this.#disk = new CompiledDeckCache(typeof diskCache === 'string' ? diskCache : compiledCacheDir(project));
  }

  readonly #disk: CompiledDeckCache<LoadedDeck> | undefined;


  list(): DeckEntry[] {
    return listDecks(this.project);
  }

  find(name: string): DeckEntry | undefined {
    return this.list().find((d) => d.name === name);
  }

  load(entry: DeckEntry): LoadedDeck {
    const stats = statSync(entry.file);
    const stamp = `${stats.mtimeMs}:${stats.size}`;
    const cached = this.#cache.get(entry.file);
    if (cached && cached.stamp === stamp) return cached.deck;
    const compiled = this.#compileIsolated(entry);
    const deck = this.options.firstSlideOnly ? withFirstSlideOnly(compiled) : compiled;
    this.#cache.set(entry.file, { stamp, deck });
    return deck;
  }

  /** Forgets every compiled deck (media came or went: their references resolve differently). */
  invalidateAll(): void {
    this.#cache.clear();
    this.#slides.clear();
  }

  #slideCache(file: string): SlideCache | undefined {
    if (!this.options.cacheSlides) return undefined;
    let cache = this.#slides.get(file);
    if (!cache) this.#slides.set(file, (cache = new SlideCache()));
    return cache;
  }

  /**
   * A deck that makes the pipeline throw (a bug, or input nobody foresaw) becomes an empty deck
   * with one error: the dev server, the build and the exports go on with the other decks.
   */
  #compileIsolated(entry: DeckEntry): LoadedDeck {
    try {
      return this.#compile(entry);
    } catch (error) {
      const empty = compileDeck('', { defaults: this.project.defaults });
      const diagnostic: Diagnostic = {
        severity: 'error',
        code: 'deck-failed',
        message: `the deck could not be rendered: ${(error as Error)?.message ?? String(error)}`,
        line: 1,
        column: 1,
        hint: 'this is a slidewright bug or a limit: please report it with the file; the other decks are built',
      };
      return { ...empty, diagnostics: [diagnostic], name: entry.name, file: entry.file, title: entry.name, media: [] };
    }
  }

  #compile(entry: DeckEntry): LoadedDeck {
    const bytes = readFileSync(entry.file);
    const extra: Diagnostic[] = [];
    const media = new Set<string>();
    const limits = this.project.limits ?? {};
    const refusal = refuseAsDeck(bytes, limits.deckMegabytes === undefined ? undefined : limits.deckMegabytes * 1024 * 1024);
    if (refusal) {
      // Not a deck: one error, and an empty page, rather than a repair report of binary noise.
      const empty = compileDeck('', { defaults: this.project.defaults });
      return { ...empty, diagnostics: [refusal], name: entry.name, file: entry.file, title: entry.name, media: [] };
    }
    // What the compile depends on besides the files it looks for (those are noted as it goes).
    const settings = {
      name: entry.name,
      notes: this.options.notes,
      lazyImagesFrom: this.options.lazyImagesFrom,
      siteUrl: this.options.siteUrl,
      project: { ...this.project, decks: undefined },
    };
    const disk = this.#disk;
    const key = disk?.key(entry.file, bytes, settings);
    const cached = disk && key ? disk.read(entry.file, key) : undefined;
    if (cached) return cached;
    const lookups = new FileLookups();
    const decoded = readUtf8(bytes);
    if (!decoded.ok) {
      const { problem } = decoded;
      extra.push({
        severity: 'error',
        code: 'invalid-utf8',
        message: `byte ${problem.offset} (${problem.bytes}) is not valid UTF-8: ${problem.reason}; the deck shows � there`,
        line: problem.line,
        column: problem.column,
        hint: 're-save the file as UTF-8 in your editor',
      });
    }
    // Not UTF-8 at one spot must not cost the rest of the deck: decode leniently and say where.
    const text = decoded.ok ? decoded.text : LENIENT.decode(bytes);
    const compiled = compileDeck(text, {
      file: path.relative(process.cwd(), entry.file) || entry.file,
      resolveUrl: createMediaResolver(this.project, entry.file, (file) => media.add(file), lookups.exists),
      cache: this.#slideCache(entry.file),
      notes: this.options.notes,
      lazyImagesFrom: this.options.lazyImagesFrom,
      address: this.options.siteUrl ? deckAddress(this.options.siteUrl, entry.name) : undefined,
      imageSize: createImageSizer(this.project, lookups.exists),
      defaults: this.project.defaults,
      renderBudgetMs: (limits.renderSeconds ?? DEFAULT_RENDER_SECONDS) * 1000,
      limits: { ...DEFAULT_LIMITS, nesting: limits.nesting ?? DEFAULT_LIMITS.nesting },
    });
    const diagnostics = [...compiled.diagnostics, ...extra].sort((a, b) => a.line - b.line || a.column - b.column);
    const deck = { ...compiled, diagnostics, name: entry.name, file: entry.file, title: compiled.deck.title ?? entry.name, media: [...media] };
    // A compile that ran out of its time budget is not kept: the next run may have more.
    if (disk && key && !diagnostics.some((d) => d.code === 'deck-too-slow')) disk.write(entry.file, key, lookups, deck);
    return deck;
  }
}
