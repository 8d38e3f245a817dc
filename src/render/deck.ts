/**
 * Stage 3: typed `Deck` → the `<section>` markup reveal.js expects, plus the reveal.js
 * configuration. Pure: URLs are resolved through a callback supplied by the adapter.
 */
import { deckSlides, type Deck, type DeckNode, type JsonValue, type Slide, type SlideAttribute } from '../format/types.ts';
import { mergeAttributes } from '../format/attributes.ts';
import type { Diagnostic } from '../format/diagnostics.ts';
import { endsInsideFence } from '../format/fences.ts';
import { applyElementAttributes } from './element-attributes.ts';
import { escapeHtml } from './escape.ts';
import { createMarkdownEngine, type MarkdownEngine } from './markdown.ts';

export interface UrlContext {
  /** 1-based source line where the URL is written (the slide's first line when not found). */
  line: number;
  /** 1-based column of the URL on that line (1 when not found). */
  column: number;
  /** The attribute that holds the URL (`src`, `href`, `data-background-image`, ...). */
  attribute: string;
}

/** Maps a URL written in the deck to the URL the page should use (or returns it unchanged). */
export type UrlResolver = (url: string, context: UrlContext) => string;

export interface RenderOptions {
  resolveUrl?: UrlResolver;
}

export interface RenderedDeck {
  /** The `<section>` elements for `<div class="slides">`. */
  slidesHtml: string;
  /** The options handed to `Reveal.initialize` (JSON-safe). */
  revealConfig: Record<string, JsonValue>;
  /** Number of reveal.js slides (vertical ones included), as `Reveal.getTotalSlides()` counts. */
  slideCount: number;
  /** Problems found while rendering (e.g. an `.element` comment that holds no attributes). */
  diagnostics: Diagnostic[];
}

/** mdslides' defaults, which a deck's options override. */
const MDSLIDES_DEFAULTS: Record<string, JsonValue> = { controls: false, hash: true };

/** Options read at build time by the renderer, not by reveal.js in the browser. */
const BUILD_TIME_OPTIONS = ['markdown'];

export function revealConfigFor(deck: Deck): Record<string, JsonValue> {
  // A plain document was not written for mdslides: reveal's defaults (controls shown) fit it.
  const config: Record<string, JsonValue> = deck.format === 'mdslides' ? { ...MDSLIDES_DEFAULTS } : { hash: true };
  for (const [key, value] of Object.entries(deck.options)) {
    if (!BUILD_TIME_OPTIONS.includes(key)) config[key] = value;
  }
  return config;
}

function markdownOption(deck: Deck, key: string, fallback: boolean): boolean {
  const markdown = deck.options.markdown;
  if (markdown && typeof markdown === 'object' && !Array.isArray(markdown) && typeof markdown[key] === 'boolean') {
    return markdown[key] as boolean;
  }
  return fallback;
}

export function renderDeck(deck: Deck, options: RenderOptions = {}): RenderedDeck {
  const engine = createMarkdownEngine({
    smartypants: markdownOption(deck, 'smartypants', true),
    breaks: markdownOption(deck, 'breaks', false),
  });
  engine.reset();
  const sharedLinks = collectLinkDefinitions(deck, engine);
  const diagnostics: Diagnostic[] = [];
  const renderSlide = (slide: Slide) => renderSection(slide, engine, sharedLinks, options.resolveUrl, diagnostics);
  const slidesHtml = deck.nodes
    .map((node: DeckNode) =>
      node.kind === 'slide'
        ? renderSlide(node.slide)
        : `<section>\n${node.slides.map(renderSlide).join('')}</section>\n`,
    )
    .join('');
  return { slidesHtml, revealConfig: revealConfigFor(deck), slideCount: deckSlides(deck).length, diagnostics };
}

/**
 * Link reference definitions apply to the whole deck (mdslides scopes them to one slide, which
 * breaks decks that define links once at the top). The first definition of a label wins.
 */
function collectLinkDefinitions(deck: Deck, engine: MarkdownEngine): string {
  const links = new Map<string, { href: string; title: string | null }>();
  for (const slide of deckSlides(deck)) {
    for (const text of [slide.body, slide.notes ?? '']) {
      for (const [label, link] of Object.entries(engine.linkDefinitions(text))) {
        if (!links.has(label)) links.set(label, link);
      }
    }
  }
  return [...links]
    .map(([label, { href, title }]) => {
      const target = /[\s<>]/.test(href) ? `<${href.replace(/[<>]/g, encodeURIComponent)}>` : href;
      const titlePart = title === null ? '' : ` "${title.replace(/"/g, '\\"')}"`;
      return `[${label.replace(/[[\]]/g, '\\$&')}]: ${target}${titlePart}`;
    })
    .join('\n');
}

function renderSection(
  slide: Slide,
  engine: MarkdownEngine,
  sharedLinks: string,
  resolveUrl: UrlResolver | undefined,
  diagnostics: Diagnostic[],
): string {
  // Local definitions come first in the text, so they win over the deck's.
  // (Not after an unclosed code fence: the definitions would become code.)
  const withLinks = (markdown: string) =>
    sharedLinks && !endsInsideFence(markdown.split('\n')) ? `${markdown}\n\n${sharedLinks}\n` : markdown;
  const body = applyElementAttributes(engine.render(withLinks(slide.body)));
  for (const text of body.junk) {
    diagnostics.push({
      severity: 'warning',
      code: 'bad-attribute',
      message: `"${text}" in an .element comment is not an HTML attribute; it was ignored`,
      ...locate(slide, text),
      hint: 'write <!-- .element: class="fragment" data-x="y" -->',
    });
  }
  let inner = body.html;
  if (slide.notes !== null) {
    inner += `<aside class="notes">${engine.render(withLinks(slide.notes))}</aside>\n`;
  }
  const attributes: SlideAttribute[] = [
    ...mergeAttributes(slide.attributes, body.sectionAttributes),
    { name: 'data-source-line', value: String(slide.line) },
  ];
  const html = `<section${renderAttributes(attributes)}>\n${inner}</section>\n`;
  return resolveUrl ? rewriteUrls(html, (url, attribute) => resolveUrl(url, { ...locate(slide, url), attribute })) : html;
}

/** Where in the source a URL of this slide is written: the body, the notes, the separator. */
function locate(slide: Slide, url: string): { line: number; column: number } {
  const places: [string, number][] = [[slide.body, slide.bodyLine]];
  if (slide.notes !== null && slide.notesLine !== null) places.push([slide.notes, slide.notesLine]);
  for (const [text, firstLine] of places) {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const column = lines[i]!.indexOf(url);
      if (column >= 0) return { line: firstLine + i, column: column + 1 };
    }
  }
  const at = slide.attributesAt;
  if (at && at.text.includes(url)) return { line: at.line, column: at.column + at.text.indexOf(url) };
  return { line: slide.line, column: 1 };
}

function renderAttributes(attributes: SlideAttribute[]): string {
  return attributes
    .map((a) => (a.value === null ? ` ${a.name}` : ` ${a.name}="${escapeHtml(a.value)}"`))
    .join('');
}

const URL_ATTRIBUTES = /\s(src|href|poster|data-src|data-background-image|data-background-video|data-background-iframe|data-background)="([^"]*)"/g;

/** Rewrites the URL-bearing attributes of rendered HTML (markdown images and raw HTML alike). */
export function rewriteUrls(html: string, rewrite: (url: string, attribute: string) => string): string {
  return html.replace(URL_ATTRIBUTES, (whole, attribute: string, value: string) => {
    const decoded = value.replace(/&amp;/g, '&');
    const next = rewrite(decoded, attribute);
    return next === decoded ? whole : ` ${attribute}="${escapeHtml(next)}"`;
  });
}
