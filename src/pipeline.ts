/**
 * The pure pipeline from a deck's text to its page: repaired text → Deck → HTML.
 * Adapters (the Vite plugin, the exporters) supply I/O: reading the file, checking that media
 * exist, printing diagnostics.
 */
import type { Diagnostic } from './format/diagnostics.ts';
import { parseDeck } from './format/parser.ts';
import type { Deck } from './format/types.ts';
import { renderDeck, type RenderedDeck, type UrlResolver } from './render/deck.ts';

export interface CompileOptions {
  resolveUrl?: UrlResolver;
}

export interface CompiledDeck {
  deck: Deck;
  rendered: RenderedDeck;
  /** Everything worth telling the author, in source order. */
  diagnostics: Diagnostic[];
}

export function compileDeck(source: string, options: CompileOptions = {}): CompiledDeck {
  const deck = parseDeck(source);
  const rendered = renderDeck(deck, { resolveUrl: options.resolveUrl });
  const diagnostics: Diagnostic[] = [...deck.diagnostics, ...rendered.diagnostics];
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { deck, rendered, diagnostics };
}
