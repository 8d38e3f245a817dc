/**
 * The typed deck model: what a deck IS, independent of markdown syntax and of HTML.
 * Plain data (no classes) so it can be serialised, diffed for hot updates and tested.
 */
import type { Diagnostic } from '../shared/diagnostics.ts';
import type { JsonValue } from '../shared/json.ts';

export type { JsonValue };

/** One HTML attribute on a slide's `<section>`; `value: null` is a bare attribute. */
export interface SlideAttribute {
  name: string;
  value: string | null;
}

export interface Slide {
  /** Markdown shown on the slide (notes and directives removed). */
  body: string;
  /** Markdown of the speaker notes, or null when the slide has none. */
  notes: string | null;
  /** Attributes for the slide's `<section>`, in source order. */
  attributes: SlideAttribute[];
  /** 1-based source line where the slide's body starts (for diagnostics and the deck doctor). */
  line: number;
  /** 1-based source line of the body's first markdown line (line + offset) used to map inner positions. */
  bodyLine: number;
  /** 1-based source line where the notes' markdown starts (line after/at the `Note:` marker). */
  notesLine: number | null;
  /** Where the separator attributes were written (`[comment]: # (!!! here)`), if any. */
  attributesAt: { line: number; column: number; text: string } | null;
}

export type DeckNode =
  | { kind: 'slide'; slide: Slide }
  /** A vertical stack: reveal's nested `<section>`; its wrapper never carries attributes. */
  | { kind: 'stack'; slides: Slide[] };

export interface Deck {
  /** The first heading outside code, without its `#` marks; null when the deck has none. */
  title: string | null;
  /** reveal.js theme name (`solarized`) or a project CSS path (`themes/mine.css`). */
  theme: string;
  /** highlight.js style name (`base16/zenburn`, `monokai`). */
  codeTheme: string;
  /** reveal.js options the author set, in file order, later keys winning. Data, never code. */
  options: Record<string, JsonValue>;
  /** Other settings (front matter `lang`, `author`, `date`, ...). */
  meta: Record<string, JsonValue>;
  nodes: DeckNode[];
  /**
   * `mdslides`: the file uses mdslides directives or `---` splits, and mdslides' defaults apply;
   * `document`: plain markdown (split at headings), and reveal.js's own defaults apply.
   */
  format: 'mdslides' | 'document';
  /** Where settings were written, for diagnostics raised by later stages. */
  locations: Partial<Record<'theme' | 'codeTheme', { line: number; column: number }>>;
  diagnostics: Diagnostic[];
}

export const DEFAULT_THEME = 'white';
export const DEFAULT_CODE_THEME = 'base16/zenburn';

/** All slides in reading order (stacks flattened top to bottom). */
export function deckSlides(deck: Deck): Slide[] {
  return deck.nodes.flatMap((n) => (n.kind === 'slide' ? [n.slide] : n.slides));
}
