/**
 * The pure half of the PDF export: what each deck's settings are (command line over the deck's
 * `pdf:` front matter over its reveal.js options over the defaults), the print-view URL that
 * asks reveal.js for them, which printed elements become which pages (`--range`, notes pages
 * after fragment steps), the outline, and the lines printed on the terminal.
 * No browser, no file system: everything here is unit-tested.
 */
import { SettingError, parseRangeSpec } from '../settings.ts';

export { SettingError, parseRangeSpec };
import type { JsonValue } from '../../format/types.ts';

export type NotesMode = 'none' | 'page' | 'below';
export const NOTES_MODES: readonly NotesMode[] = ['none', 'page', 'below'];

export interface PageSize {
  width: number;
  height: number;
}

export interface PdfSettings {
  /** Speaker notes: none, on a page after each slide, or in a box on the slide. */
  notes: NotesMode;
  /** One page per fragment step (reveal's `pdfSeparateFragments`). */
  fragments: boolean;
  /** 1-based slide numbers in reading order (vertical slides counted); null: every slide. */
  range: number[] | null;
  /** Slide size (reveal's width × height); null: the deck's own. */
  size: PageSize | null;
  /** reveal.js theme name or CSS file; null: the deck's own. */
  theme: string | null;
}

export type SettingSource = 'command line' | 'front matter' | 'deck option' | 'default';

export interface ResolvedSettings {
  settings: PdfSettings;
  /** Where each value came from (for `--verbose` and for messages). */
  sources: Record<keyof PdfSettings, SettingSource>;
  /** Problems with the deck's own settings (they are ignored, the next layer applies). */
  warnings: string[];
}

export const DEFAULT_SETTINGS: PdfSettings = { notes: 'none', fragments: false, range: null, size: null, theme: null };

/** An option value that does not parse; the message says what to write instead. */

export function parseNotes(value: string, where = '--notes'): NotesMode {
  if ((NOTES_MODES as readonly string[]).includes(value)) return value as NotesMode;
  throw new SettingError(`${where} "${value}": use none (no notes), page (a notes page after each slide) or below (notes on the slide)`);
}

/** `1280x720` (also `1280×720`, `1280X720`) → { width: 1280, height: 720 }. */
export function parseSize(value: string, where = '--size'): PageSize {
  const m = /^\s*(\d+)\s*[x×X*]\s*(\d+)\s*$/.exec(value);
  const width = m ? Number(m[1]) : NaN;
  const height = m ? Number(m[2]) : NaN;
  if (!m || width < 16 || height < 16 || width > 20000 || height > 20000) {
    throw new SettingError(`${where} "${value}": write the slide size in pixels as WIDTHxHEIGHT, e.g. 1280x720`);
  }
  return { width, height };
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const FRONT_MATTER_KEYS = ['notes', 'fragments', 'range', 'size', 'theme'];

/**
 * The deck's `pdf:` front matter (`deck.meta.pdf`): `{ notes, fragments, range, size, theme }`.
 * A value that does not parse is reported and ignored.
 */
export function frontMatterSettings(value: JsonValue | undefined): { settings: Partial<PdfSettings>; warnings: string[] } {
  const settings: Partial<PdfSettings> = {};
  const warnings: string[] = [];
  if (value === undefined || value === null) return { settings, warnings };
  if (!isObject(value)) {
    warnings.push('front matter "pdf" must be a map such as { notes: page, fragments: true, range: "1-5", size: 1280x720, theme: white }; it was ignored');
    return { settings, warnings };
  }
  const attempt = (key: string, read: () => void) => {
    try {
      read();
    } catch (error) {
      warnings.push(`front matter pdf.${key}: ${(error as Error).message.replace(/^pdf\.\w+ /, '')}; it was ignored`);
    }
  };
  for (const key of Object.keys(value)) {
    if (!FRONT_MATTER_KEYS.includes(key)) warnings.push(`front matter pdf.${key} is not a PDF setting (${FRONT_MATTER_KEYS.join(', ')}); it was ignored`);
  }
  const notes = value.notes;
  if (notes !== undefined) {
    attempt('notes', () => {
      if (notes === false || notes === null) settings.notes = 'none';
      else if (typeof notes === 'string') settings.notes = parseNotes(notes, 'pdf.notes');
      else throw new SettingError(`pdf.notes ${JSON.stringify(notes)}: use none, page or below`);
    });
  }
  const fragments = value.fragments;
  if (fragments !== undefined) {
    attempt('fragments', () => {
      if (typeof fragments !== 'boolean') throw new SettingError(`pdf.fragments ${JSON.stringify(fragments)}: use true or false`);
      settings.fragments = fragments;
    });
  }
  const range = value.range;
  if (range !== undefined && range !== null) {
    attempt('range', () => {
      if (typeof range === 'number') settings.range = parseRangeSpec(String(range), 'pdf.range');
      else if (typeof range === 'string') settings.range = parseRangeSpec(range, 'pdf.range');
      else if (Array.isArray(range) && range.every((r) => typeof r === 'number' || typeof r === 'string')) {
        settings.range = parseRangeSpec(range.join(','), 'pdf.range');
      } else throw new SettingError(`pdf.range ${JSON.stringify(range)}: write slide numbers such as "1,3-5"`);
    });
  }
  const size = value.size;
  if (size !== undefined && size !== null) {
    attempt('size', () => {
      if (typeof size === 'string') settings.size = parseSize(size, 'pdf.size');
      else if (isObject(size) && typeof size.width === 'number' && typeof size.height === 'number') {
        settings.size = parseSize(`${size.width}x${size.height}`, 'pdf.size');
      } else throw new SettingError(`pdf.size ${JSON.stringify(size)}: write WIDTHxHEIGHT, e.g. 1280x720`);
    });
  }
  const theme = value.theme;
  if (theme !== undefined && theme !== null) {
    attempt('theme', () => {
      if (typeof theme !== 'string' || theme.trim() === '') throw new SettingError(`pdf.theme ${JSON.stringify(theme)}: give a theme name such as white`);
      settings.theme = theme.trim();
    });
  }
  return { settings, warnings };
}

/**
 * What the deck's reveal.js options already say about printing: `showNotes` (true → below,
 * 'separate-page' → page) and `pdfSeparateFragments`. The deck's `width`/`height` need no
 * translation: reveal.js applies them itself, so `size` stays null (the deck's own).
 */
export function deckOptionSettings(options: Record<string, JsonValue>): { settings: Partial<PdfSettings>; warnings: string[] } {
  const settings: Partial<PdfSettings> = {};
  const warnings: string[] = [];
  const showNotes = options.showNotes;
  if (showNotes === true || showNotes === 'true') settings.notes = 'below';
  else if (showNotes === false || showNotes === 'false') settings.notes = 'none';
  else if (showNotes === 'separate-page') settings.notes = 'page';
  else if (showNotes !== undefined) warnings.push(`reveal option showNotes ${JSON.stringify(showNotes)} is not true, false or "separate-page"; it was ignored`);
  const fragments = options.pdfSeparateFragments;
  if (typeof fragments === 'boolean') settings.fragments = fragments;
  else if (fragments === 'true' || fragments === 'false') settings.fragments = fragments === 'true';
  else if (fragments !== undefined) warnings.push(`reveal option pdfSeparateFragments ${JSON.stringify(fragments)} is not true or false; it was ignored`);
  return { settings, warnings };
}

export interface SettingLayers {
  /** Flags given on the command line (they win). */
  cli: Partial<PdfSettings>;
  /** The deck's front matter `pdf:` (`deck.meta.pdf`). */
  frontMatter?: JsonValue;
  /** The deck's reveal.js options (`deck.options`). */
  deckOptions?: Record<string, JsonValue>;
}

/** Command line > front matter `pdf:` > the deck's reveal.js options > defaults, key by key. */
export function resolveSettings(layers: SettingLayers): ResolvedSettings {
  const front = frontMatterSettings(layers.frontMatter);
  const deck = deckOptionSettings(layers.deckOptions ?? {});
  const settings = { ...DEFAULT_SETTINGS };
  const sources = {} as Record<keyof PdfSettings, SettingSource>;
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof PdfSettings)[]) {
    const from: [SettingSource, Partial<PdfSettings>][] = [
      ['command line', layers.cli],
      ['front matter', front.settings],
      ['deck option', deck.settings],
    ];
    const hit = from.find(([, layer]) => layer[key] !== undefined);
    (settings as Record<keyof PdfSettings, unknown>)[key] = hit ? hit[1][key] : DEFAULT_SETTINGS[key];
    sources[key] = hit ? hit[0] : 'default';
  }
  return { settings, sources, warnings: [...front.warnings, ...deck.warnings] };
}

/**
 * The query string of reveal's print view with the settings as config overrides (reveal reads
 * `?key=value` and turns `true`/`false`/numbers into values, see `getQueryHash` in reveal.mjs).
 * Notes and fragments are always explicit: reveal's own default for `pdfSeparateFragments`
 * is true, ours is false.
 */
export function printQuery(settings: PdfSettings): string {
  const showNotes = settings.notes === 'page' ? 'separate-page' : settings.notes === 'below' ? 'true' : 'false';
  const parts = ['print-pdf', `showNotes=${showNotes}`, `pdfSeparateFragments=${settings.fragments}`];
  if (settings.size) parts.push(`width=${settings.size.width}`, `height=${settings.size.height}`);
  return `?${parts.join('&')}`;
}

// ---------------------------------------------------------------------------------------------
// Pages

/**
 * One element reveal's print view made: a slide's page (`slide`), a later fragment step of it
 * (`step`, a copy of the page with one more fragment shown), or its notes page (`notes`).
 * `pages` is how many PDF pages it takes (a tall slide spills over several).
 */
export interface LayoutItem {
  id: number;
  /** 1-based slide number in reading order. */
  slide: number;
  kind: 'slide' | 'step' | 'notes';
  pages: number;
}

export interface PagePlan {
  /** Item ids in print order; the other items are removed. */
  keep: number[];
  /** Slide number → its first page (1-based) in the PDF. */
  firstPage: Map<number, number>;
  pageCount: number;
  /** Slide numbers asked for that the deck does not have. */
  missing: number[];
}

/**
 * Which printed elements stay and in which order: the selected slides in reading order, each as
 * its page, then its fragment steps, then its notes page (reveal puts the notes page between the
 * first step and the rest; a reader expects it after the slide's last step).
 */
export function planPages(items: LayoutItem[], range: number[] | null, slideCount: number): PagePlan {
  const bySlide = new Map<number, LayoutItem[]>();
  for (const item of items) {
    const list = bySlide.get(item.slide) ?? [];
    list.push(item);
    bySlide.set(item.slide, list);
  }
  const wanted = range ?? [...bySlide.keys()];
  const selected = new Set(wanted.filter((n) => n >= 1 && n <= slideCount));
  const missing = range ? range.filter((n) => n < 1 || n > slideCount) : [];
  const order = { slide: 0, step: 1, notes: 2 } as const;
  const keep: number[] = [];
  const firstPage = new Map<number, number>();
  let page = 1;
  for (const slide of [...bySlide.keys()].sort((a, b) => a - b)) {
    if (!selected.has(slide)) continue;
    const group = bySlide.get(slide)!.map((item, index) => ({ item, index }));
    group.sort((a, b) => order[a.item.kind] - order[b.item.kind] || a.index - b.index);
    firstPage.set(slide, page);
    for (const { item } of group) {
      keep.push(item.id);
      page += item.pages;
    }
  }
  return { keep, firstPage, pageCount: page - 1, missing };
}

// ---------------------------------------------------------------------------------------------
// Outline and headings

/** A heading as it ends up in the tagged PDF, in document order. */
export interface PrintedHeading {
  level: number;
  /** The heading's own text when it is displayed differently (CSS `text-transform`), else null. */
  actualText: string | null;
}

export interface SlideInfo {
  /** 1-based slide number in reading order. */
  slide: number;
  /** reveal's horizontal and vertical indices. */
  h: number;
  v: number;
  title: string;
}

export interface OutlineNode {
  title: string;
  /** 1-based page. */
  page: number;
  children: OutlineNode[];
}

/**
 * Bookmarks: one per printed slide, titled by its first heading; the slides of a vertical stack
 * nest under the stack's first printed slide.
 */
export function buildOutline(slides: SlideInfo[], plan: PagePlan): OutlineNode[] {
  const roots: OutlineNode[] = [];
  let parent: { h: number; node: OutlineNode } | null = null;
  for (const slide of [...slides].sort((a, b) => a.slide - b.slide)) {
    const page = plan.firstPage.get(slide.slide);
    if (page === undefined) continue;
    const node: OutlineNode = { title: slide.title, page, children: [] };
    if (parent && parent.h === slide.h) parent.node.children.push(node);
    else {
      roots.push(node);
      parent = { h: slide.h, node };
    }
  }
  return roots;
}

/** Whitespace collapsed, trimmed, at most `max` characters (an ellipsis marks a cut). */
export function cleanTitle(text: string, max = 120): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean;
}

// ---------------------------------------------------------------------------------------------
// Terminal lines

export interface DeckOutcome {
  name: string;
  ok: boolean;
  /** Where the PDF went, relative to the working directory, when ok. */
  file?: string;
  pages?: number;
  ms: number;
  error?: string;
  warnings: string[];
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export function formatDeckLine(outcome: DeckOutcome): string {
  if (outcome.ok) {
    const pages = outcome.pages === undefined ? '' : `${outcome.pages} page${outcome.pages === 1 ? '' : 's'}, `;
    return `  ✓ ${outcome.name} → ${outcome.file} (${pages}${formatSeconds(outcome.ms)})`;
  }
  return `  ✗ ${outcome.name}: ${outcome.error ?? 'failed'} (${formatSeconds(outcome.ms)})`;
}

export function formatSummary(outcomes: DeckOutcome[], totalMs: number): string {
  const ok = outcomes.filter((o) => o.ok);
  const failed = outcomes.filter((o) => !o.ok);
  const pages = ok.reduce((sum, o) => sum + (o.pages ?? 0), 0);
  const decks = (n: number) => `${n} deck${n === 1 ? '' : 's'}`;
  const head =
    failed.length === 0
      ? `pdf: ${decks(ok.length)} exported (${pages} page${pages === 1 ? '' : 's'}) in ${formatSeconds(totalMs)}`
      : `pdf: ${ok.length} of ${decks(outcomes.length)} exported (${pages} page${pages === 1 ? '' : 's'}) in ${formatSeconds(totalMs)}; ${failed.length} failed: ${failed.map((o) => o.name).join(', ')}`;
  return head;
}
