/**
 * The pure pipeline from a deck's text to its page: repaired text → text without control
 * characters → Deck → HTML.
 * Adapters (the Vite plugin, the exporters) supply I/O: reading the file, checking that media
 * exist, printing diagnostics.
 */
import type { Diagnostic } from './shared/diagnostics.ts';
import { replaceControlCharacters } from './format/control-characters.ts';
import type { MarkdownLimits } from './format/limits.ts';
import { parseDeck } from './format/parser.ts';
import type { Deck, JsonValue } from './format/types.ts';
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
  /** The project's defaults (its config): what a deck does not set itself. */
  defaults?: DeckDefaults;
  /** Milliseconds the deck's slides may take to render (see RenderOptions.budget); none when unset. */
  renderBudgetMs?: number;
  /** Where nesting and emphasis marks stop being parsed (default: DEFAULT_LIMITS of format/limits.ts). */
  limits?: MarkdownLimits;
}

export interface DeckDefaults {
  /** The theme of a deck that names none. */
  theme?: string;
  /** reveal.js options under the deck's own. */
  reveal?: Record<string, JsonValue>;
}

/** A deck with the project's defaults under its own settings. */
function withDefaults(deck: Deck, defaults: DeckDefaults | undefined): Deck {
  if (!defaults) return deck;
  const theme = deck.locations.theme === undefined && defaults.theme ? defaults.theme : deck.theme;
  return { ...deck, theme, options: { ...defaults.reveal, ...deck.options } };
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
  const text = replaceControlCharacters(repair.text.replace(/^\ufeff/, ''));
  const deck = withDefaults(parseDeck(text.text, { limits: options.limits }), options.defaults);
  const titleSlideExtra = deck.meta.qr === true && options.address ? qrFigure(options.address) : undefined;
  const rendered = renderDeck(deck, {
    resolveUrl: options.resolveUrl,
    cache: options.cache,
    notes: options.notes,
    lazyImagesFrom: options.lazyImagesFrom,
    titleSlideExtra,
    imageSize: options.imageSize,
    budget: options.renderBudgetMs === undefined ? undefined : { ms: options.renderBudgetMs, now: () => performance.now() },
  });
  const diagnostics = [...repair.diagnostics, ...text.diagnostics, ...deck.diagnostics, ...rendered.diagnostics].sort(
    (a, b) => a.line - b.line || a.column - b.column,
  );
  return { repair, deck, rendered, diagnostics };
}
