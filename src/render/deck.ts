/**
 * Stage 3: typed `Deck` → the `<section>` markup reveal.js expects, plus the reveal.js
 * configuration. Pure: URLs are resolved through a callback supplied by the adapter.
 */
import { deckSlides, type Deck, type DeckNode, type JsonValue, type Slide, type SlideAttribute } from '../format/types.ts';
import { mergeAttributes } from '../format/attributes.ts';
import type { Diagnostic } from '../shared/diagnostics.ts';
import { endsInsideFence, fencedLines } from '../format/fences.ts';
import { applyElementAttributes } from './element-attributes.ts';
import { escapeHtml } from './escape.ts';
import { createMarkdownEngine, type MarkdownEngine } from './markdown.ts';
import type { SlideCache } from './slide-cache.ts';

export interface UrlContext {
  /** 1-based source line where the URL is written (the slide's first line when not found). */
  line: number;
  /** 1-based column of the URL on that line (1 when not found). */
  column: number;
  /** The attribute that holds the URL (`src`, `href`, `data-background-image`, ...). */
  attribute: string;
  /** Tells the author about the URL (a missing file): the diagnostic is placed at the URL. */
  report(diagnostic: Omit<Diagnostic, 'line' | 'column'>): void;
}

/** Maps a URL written in the deck to the URL the page should use (or returns it unchanged). */
export type UrlResolver = (url: string, context: UrlContext) => string;

export interface RenderOptions {
  resolveUrl?: UrlResolver;
  /** Slides rendered before, reused where nothing they depend on changed (the dev server's). */
  cache?: SlideCache;
  /** false: the speaker notes are left out of the page (a public build). */
  notes?: boolean;
  /**
   * Images from this slide on (reading order) load lazily and decode off the main thread, so
   * the first slides come first on a slow connection. Pages only: a PDF prints every slide.
   */
  lazyImagesFrom?: number;
  /** HTML added at the end of the first slide (the QR code of the deck's address). */
  titleSlideExtra?: string;
  /**
   * The pixel size of the image at this (resolved) URL, when known: `<img>` tags that give no
   * size of their own get it, so the slide does not jump when the image arrives.
   */
  imageSize?: (url: string) => { width: number; height: number } | undefined;
  /**
   * Time the deck may take: past it, the slides left are shown as plain text with one error at
   * the slide where time ran out (one file must not freeze the dev server or a build).
   */
  budget?: { ms: number; now: () => number };
}

/**
 * One slide's markup in parts, so that the dev server can tell what an edit changed: the
 * slide's look (`attributes` + `body`), its notes, and where it starts in the file.
 */
export interface RenderedSlide {
  /** Attributes of the `<section>` (` data-x="y"`…), without `data-source-line`. */
  attributes: string;
  /** What the slide shows: its HTML without the notes. */
  body: string;
  /** `<aside class="notes">…</aside>\n`, or '' when the slide has none. */
  notes: string;
  /** 1-based source line where the slide starts. */
  line: number;
}

export type RenderedNode = { kind: 'slide'; slide: RenderedSlide } | { kind: 'stack'; slides: RenderedSlide[] };

export interface RenderedDeck {
  /** The `<section>` elements for `<div class="slides">`. */
  slidesHtml: string;
  /** The same slides in parts, in deck order (stacks as in `Deck.nodes`). */
  nodes: RenderedNode[];
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
  const markdown = { smartypants: markdownOption(deck, 'smartypants', true), breaks: markdownOption(deck, 'breaks', false) };
  const engine = createMarkdownEngine(markdown);
  engine.reset();
  const sharedLinks = collectLinkDefinitions(deck, engine);
  const diagnostics: Diagnostic[] = [];
  const context = `${JSON.stringify(markdown)}\n${sharedLinks}`;
  const budget = options.budget;
  const started = budget?.now();
  let outOfTime = false;
  const renderSlide = (slide: Slide): RenderedSlide => {
    if (outOfTime) return plainSlide(slide);
    const rendered = renderOrShowAsText(slide, diagnostics, () =>
      cachedSection(slide, context, engine, options.cache, diagnostics, (out) => renderSection(slide, engine, sharedLinks, options.resolveUrl, out, options.imageSize)),
    );
    if (budget && started !== undefined && budget.now() - started > budget.ms) {
      outOfTime = true;
      diagnostics.push({
        severity: 'error',
        code: 'deck-too-slow',
        message: `rendering took more than the deck's ${budget.ms / 1000} s budget, at the slide here; the slides after it are shown as plain text`,
        line: slide.line,
        column: 1,
        hint: 'split the deck, or move generated content into a code block or a file; the budget is the limits.renderSeconds setting',
      });
    }
    return rendered;
  };
  // Without notes, the notes are still rendered and then dropped, so that the headings in them
  // take the same ids and the slides' ids do not change between the two builds.
  let index = 0;
  const shown = (slide: RenderedSlide): RenderedSlide => {
    const first = index === 0;
    const lazy = options.lazyImagesFrom !== undefined && index++ >= options.lazyImagesFrom;
    let body = lazy ? lazyImages(slide.body) : slide.body;
    if (first && options.titleSlideExtra) body += options.titleSlideExtra;
    return body !== slide.body || options.notes === false ? { ...slide, body, notes: options.notes === false ? '' : slide.notes } : slide;
  };
  const nodes = deck.nodes.map(
    (node: DeckNode): RenderedNode =>
      node.kind === 'slide' ? { kind: 'slide', slide: shown(renderSlide(node.slide)) } : { kind: 'stack', slides: node.slides.map((s) => shown(renderSlide(s))) },
  );
  options.cache?.endRender();
  if (nodes.length === 0) {
    // reveal.js cannot start without a slide (it throws, and a print never gets ready): a deck
    // just begun, or a file read while an editor was writing it, shows one empty slide.
    nodes.push({ kind: 'slide', slide: shown(EMPTY_SLIDE) });
    diagnostics.push({
      severity: 'warning',
      code: 'no-slides',
      message: 'the deck has no slides yet; an empty slide is shown',
      line: 1,
      column: 1,
      hint: 'write a slide, e.g. "# Title"',
    });
  }
  return { slidesHtml: nodesHtml(nodes), nodes, revealConfig: revealConfigFor(deck), slideCount: Math.max(1, deckSlides(deck).length), diagnostics };
}

const EMPTY_SLIDE: RenderedSlide = { attributes: '', body: '', notes: '', line: 1 };

/** A slide as its text, escaped: what a slide that cannot be rendered shows, so nothing is lost from view. */
function plainSlide(slide: Slide): RenderedSlide {
  const notes = slide.notes === null ? '' : `<aside class="notes"><pre class="slidewright-plain">${escapeHtml(slide.notes)}</pre></aside>\n`;
  return { attributes: renderAttributes(slide.attributes), body: `<pre class="slidewright-plain">${escapeHtml(slide.body)}</pre>\n`, notes, line: slide.line };
}

/** The library a thrown error comes from, by its stack, to name it in the message. */
function thrower(error: unknown): string | null {
  const stack = (error as Error)?.stack ?? '';
  const m = /node_modules[\\/](marked|katex|highlight\.js|parse5|smartypants)[\\/]/.exec(stack);
  return m ? m[1]! : null;
}

/**
 * A slide whose rendering throws (a library's limit, a bug) is one error at its line and its
 * text on the page; the other slides render.
 */
function renderOrShowAsText(slide: Slide, diagnostics: Diagnostic[], render: () => RenderedSlide): RenderedSlide {
  try {
    return render();
  } catch (error) {
    const from = thrower(error);
    const message = ((error as Error)?.message ?? String(error)).split('\n')[0];
    diagnostics.push({
      severity: 'error',
      code: 'slide-failed',
      message: `this slide could not be rendered (${from ? `${from}: ` : ''}${message}); it is shown as plain text`,
      line: slide.line,
      column: 1,
      hint: 'simplify the slide (deep nesting, huge lines); if it looks ordinary, please report it with the slide',
    });
    return plainSlide(slide);
  }
}

/**
 * `<img>` tags with neither width nor height get the image's own, marked so that the page's CSS
 * keeps them in proportion under the themes' max-width (`height: auto`).
 */
function withImageSizes(html: string, imageSize: NonNullable<RenderOptions['imageSize']>): string {
  if (!html.includes('<img')) return html;
  return html.replace(/<img\b([^>]*)>/g, (tag, attributes: string) => {
    if (/\s(width|height)=/.test(attributes)) return tag;
    const src = /\ssrc="([^"]*)"/.exec(attributes)?.[1];
    const size = src ? imageSize(src.replace(/&amp;/g, '&')) : undefined;
    return size ? `<img width="${size.width}" height="${size.height}" data-intrinsic-size${attributes}>` : tag;
  });
}

/** `<img>` tags without a loading or decoding choice of their own get the lazy ones. */
function lazyImages(html: string): string {
  if (!html.includes('<img')) return html;
  return html.replace(/<img\b([^>]*)>/g, (tag, attributes: string) => {
    const extra = [/\sloading=/.test(attributes) ? '' : ' loading="lazy"', /\sdecoding=/.test(attributes) ? '' : ' decoding="async"'].join('');
    return extra ? `<img${extra}${attributes}>` : tag;
  });
}

/** A slide's `<section>` element, as the page has it. */
export function sectionHtml(slide: RenderedSlide): string {
  return `<section${slide.attributes} data-source-line="${slide.line}">\n${slide.body}${slide.notes}</section>\n`;
}

function nodesHtml(nodes: RenderedNode[]): string {
  return nodes
    .map((node) => (node.kind === 'slide' ? sectionHtml(node.slide) : `<section>\n${node.slides.map(sectionHtml).join('')}</section>\n`))
    .join('');
}

/**
 * A slide from the cache when its text, its shape and the deck around it are as they were and
 * its headings get the same ids; else rendered (and kept).
 */
function cachedSection(
  slide: Slide,
  context: string,
  engine: MarkdownEngine,
  cache: SlideCache | undefined,
  diagnostics: Diagnostic[],
  render: (diagnostics: Diagnostic[]) => RenderedSlide,
): RenderedSlide {
  if (!cache) return render(diagnostics);
  const at = slide.attributesAt;
  // Positions relative to the slide's first line, where the texts do not say them already (the
  // body keeps its blank lines; `Note: x` and `Note:\nx` give the same notes on different lines).
  const key = JSON.stringify([
    context,
    slide.body,
    slide.notes,
    slide.attributes,
    slide.notesLine === null ? null : slide.notesLine - slide.line,
    at ? [at.line - slide.line, at.column, at.text] : null,
  ]);
  const hit = cache.get(key);
  if (hit && engine.replayHeadings(hit.headings)) {
    for (const d of hit.diagnostics) diagnostics.push({ ...d, line: d.line + slide.line });
    return { attributes: hit.attributes, body: hit.body, notes: hit.notes, line: slide.line };
  }
  engine.takeHeadings();
  const own: Diagnostic[] = [];
  const rendered = render(own);
  diagnostics.push(...own);
  cache.set(key, {
    attributes: rendered.attributes,
    body: rendered.body,
    notes: rendered.notes,
    headings: engine.takeHeadings(),
    diagnostics: own.map((d) => ({ ...d, line: d.line - slide.line })),
  });
  return rendered;
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
  imageSize?: RenderOptions['imageSize'],
): RenderedSlide {
  // Local definitions come first in the text, so they win over the deck's.
  // (Not after an unclosed code fence: the definitions would become code.)
  const withLinks = (markdown: string) =>
    sharedLinks && !endsInsideFence(markdown.split('\n')) ? `${markdown}\n\n${sharedLinks}\n` : markdown;
  const body = applyElementAttributes(engine.render(withLinks(slide.body)));
  if (body.tooDeep) {
    diagnostics.push({
      severity: 'warning',
      code: 'html-too-deep',
      message: `this slide's HTML is nested more than 512 elements deep, so its .element comments were not applied`,
      line: slide.line,
      column: 1,
      hint: 'close the HTML tags you open',
    });
  }
  for (const text of body.junk) {
    diagnostics.push({
      severity: 'warning',
      code: 'bad-attribute',
      message: `"${text}" in an .element comment is not an HTML attribute; it was ignored`,
      ...locate(slide, text),
      hint: 'write <!-- .element: class="fragment" data-x="y" -->',
    });
  }
  const bodyTags = engine.takeTextTags();
  const bodyMath = engine.takeMathErrors();
  const notes = slide.notes === null ? '' : `<aside class="notes">${engine.render(withLinks(slide.notes))}</aside>\n`;
  const mathErrors = [
    ...bodyMath.map((error) => ({ error, ...findInText(slide.body, slide.bodyLine, error.tex) })),
    ...engine.takeMathErrors().map((error) => ({ error, ...findInText(slide.notes ?? '', slide.notesLine ?? slide.line, error.tex) })),
  ];
  for (const { error, line, column } of mathErrors) {
    diagnostics.push({
      severity: 'warning',
      code: 'math-error',
      message: `KaTeX cannot read this formula (${error.message}); it shows in red on the slide`,
      line: line ?? slide.line,
      column: column ?? 1,
      hint: 'see https://katex.org/docs/supported for what KaTeX reads',
    });
  }
  const places = [...locateTextTags(slide.body, slide.bodyLine, bodyTags)];
  if (slide.notes !== null) places.push(...locateTextTags(slide.notes, slide.notesLine ?? slide.line, engine.takeTextTags()));
  for (const { tag, line, column } of places) {
    diagnostics.push({
      severity: 'warning',
      code: 'text-tag',
      message: `${tag} is not an HTML tag, so it is shown as text (a browser would drop it)`,
      line: line ?? slide.line,
      column: column ?? 1,
      hint: `write \\${tag} or \`${tag}\` to say it is text, or fix the tag's name`,
    });
  }
  const parts = { attributes: renderAttributes(mergeAttributes(slide.attributes, body.sectionAttributes)), body: body.html, notes };
  if (resolveUrl) {
    // In page order (the section's attributes, its body, its notes), as the resolver reports.
    const rewrite = (html: string) =>
      rewriteUrls(html, (url, attribute) => {
        const place = locate(slide, url);
        return resolveUrl(url, { ...place, attribute, report: (d) => diagnostics.push({ ...d, ...place } as Diagnostic) });
      });
    parts.attributes = rewrite(parts.attributes);
    parts.body = rewrite(parts.body);
    parts.notes = rewrite(parts.notes);
  }
  if (imageSize) parts.body = withImageSizes(parts.body, imageSize);
  return { ...parts, line: slide.line };
}

/** Where the first line of `needle` is written in `text` (which starts at `firstLine`), if it is. */
function findInText(text: string, firstLine: number, needle: string): { line?: number; column?: number } {
  const first = needle.split('\n')[0]!;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const column = lines[i]!.indexOf(first);
    if (column >= 0) return { line: firstLine + i, column: column + 1 };
  }
  return {};
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

/**
 * Where each placeholder tag marked passed on as HTML is written, in order: the n-th `<NAME>`
 * shown as text is the n-th one outside code, escapes and comments (a `` `<NAME>` `` before it
 * must not take its place). Marked gives no positions, so the text is searched.
 */
function locateTextTags(text: string, firstLine: number, tags: string[]): { tag: string; line?: number; column?: number }[] {
  if (tags.length === 0) return [];
  const lines = markupOnly(text).split('\n');
  const from = new Map<string, { line: number; column: number }>();
  return tags.map((tag) => {
    let { line, column } = from.get(tag) ?? { line: 0, column: 0 };
    for (; line < lines.length; line++, column = 0) {
      const found = lines[line]!.indexOf(tag, column);
      if (found >= 0) {
        from.set(tag, { line, column: found + tag.length });
        return { tag, line: firstLine + line, column: found + 1 };
      }
    }
    from.set(tag, { line, column });
    return { tag };
  });
}

/** The markdown with what marked never passes on as HTML blanked (lines and columns kept). */
function markupOnly(markdown: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  const lines = markdown.split('\n');
  const fenced = fencedLines(lines);
  return lines
    .map((l, i) => (fenced[i] ? blank(l) : l))
    .join('\n')
    .replace(/(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, blank)
    .replace(/\\</g, '  ')
    .replace(/<!--[\s\S]*?-->/g, blank);
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
