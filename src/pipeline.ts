/**
 * The pure pipeline from a deck's text to its page: repaired text → Deck → HTML.
 * Adapters (the Vite plugin, the exporters) supply I/O: reading the file, checking that media
 * exist, printing diagnostics.
 */
import type { Diagnostic } from './format/diagnostics.ts';
import { parseDeck } from './format/parser.ts';
import type { Deck } from './format/types.ts';
import { renderDeck, type RenderedDeck, type RenderOptions, type UrlResolver } from './render/deck.ts';
import { qrFigure } from './render/qr.ts';
import type { SlideCache } from './render/slide-cache.ts';
import { repairDeckText, type RepairResult } from './repair/index.ts';

export interface CompileOptions {
  resolveUrl?: UrlResolver;
  /** The deck's file, for the hints of repair diagnostics. */
  file?: string;
  /** The deck's slides as last rendered, to render only what changed (see render/slide-cache.ts). */
  cache?: SlideCache;
  /** false: leave the speaker notes out of the page. */
  notes?: boolean;
  /** Images from this slide on load lazily (see RenderOptions). */
  lazyImagesFrom?: number;
  /** The deck's public address: with front matter `qr: true`, its QR code goes on the title slide. */
  address?: string;
  /** The size of a resolved image URL (see RenderOptions). */
  imageSize?: RenderOptions['imageSize'];
}

export interface CompiledDeck {
  /** What mojibake repair did (line numbers are those of the file, which repair keeps). */
  repair: RepairResult;
  deck: Deck;
  rendered: RenderedDeck;
  /** Everything worth telling the author, in source order. */
  diagnostics: Diagnostic[];
}

export function compileDeck(source: string, options: CompileOptions = {}): CompiledDeck {
  const repair = repairDeckText(source, { file: options.file });
  // A byte-order mark is kept by repair (and by fix-encoding --write) but is not part of line 1.
  const deck = parseDeck(repair.text.replace(/^\ufeff/, ''));
  const titleSlideExtra = deck.meta.qr === true && options.address ? qrFigure(options.address) : undefined;
  const rendered = renderDeck(deck, {
    resolveUrl: options.resolveUrl,
    cache: options.cache,
    notes: options.notes,
    lazyImagesFrom: options.lazyImagesFrom,
    titleSlideExtra,
    imageSize: options.imageSize,
  });
  const diagnostics = [...repair.diagnostics, ...deck.diagnostics, ...rendered.diagnostics].sort(
    (a, b) => a.line - b.line || a.column - b.column,
  );
  return { repair, deck, rendered, diagnostics };
}
