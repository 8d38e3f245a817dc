/**
 * The deck doctor's rules that need no DOM: geometry of overflow, reveal.js hash links, heading
 * order, the readable-text threshold, and how browser findings and the pipeline's diagnostics
 * become one report. Shared by the in-page checks (`doctor.ts`), `npm run check` and the dev
 * panel; unit-tested in Node.
 */

export type FindingSeverity = 'error' | 'warning';

/** A slide as reveal.js addresses it, plus its 1-based position in reading order. */
export interface SlideRef {
  h: number;
  v: number;
  /** 1-based, vertical slides counted (as `Reveal.getTotalSlides()` and `--range` count). */
  number: number;
}

/** What the in-page checks report: plain data, so it crosses from the page to Node as JSON. */
export interface DoctorFinding {
  severity: FindingSeverity;
  /** Stable id: `overflow`, `broken-media`, `dead-link`, ... (see FINDING_CODES). */
  code: string;
  message: string;
  /** 1-based line of the slide in the markdown file (`data-source-line`). */
  line: number;
  hint?: string;
  slide: SlideRef;
  /** The URL or link target concerned, when there is one (as written in the page). */
  target?: string;
}

export const FINDING_CODES = {
  overflow: 'overflow',
  clippedContent: 'clipped-content',
  brokenMedia: 'broken-media',
  unreachableMedia: 'unreachable-media',
  deadLink: 'dead-link',
  missingAlt: 'missing-alt',
  skippedHeading: 'skipped-heading',
  smallText: 'small-text',
} as const;

// ---------------------------------------------------------------------------------------------
// Geometry

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Overflow {
  /** Pixels of content beyond each edge of the slide (0 when inside). */
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The smallest box holding all the boxes, or null for none. */
export function unionBoxes(boxes: Iterable<Box>): Box | null {
  let result: Box | null = null;
  for (const b of boxes) {
    if (!(b.right > b.left || b.bottom > b.top)) continue;
    result = result
      ? {
          left: Math.min(result.left, b.left),
          top: Math.min(result.top, b.top),
          right: Math.max(result.right, b.right),
          bottom: Math.max(result.bottom, b.bottom),
        }
      : { ...b };
  }
  return result;
}

/** The part of `box` inside `clip`, or null when nothing of it is. */
export function intersectBoxes(box: Box, clip: Box): Box | null {
  const left = Math.max(box.left, clip.left);
  const top = Math.max(box.top, clip.top);
  const right = Math.min(box.right, clip.right);
  const bottom = Math.min(box.bottom, clip.bottom);
  return right > left && bottom > top ? { left, top, right, bottom } : null;
}

/**
 * How far `content` reaches beyond `slide`, ignoring up to `tolerance` px per edge (sub-pixel
 * layout and antialiasing), or null when it fits.
 */
export function overflowBeyond(slide: Box, content: Box | null, tolerance = 1): Overflow | null {
  if (!content) return null;
  const raw: Overflow = {
    left: Math.max(0, slide.left - content.left),
    top: Math.max(0, slide.top - content.top),
    right: Math.max(0, content.right - slide.right),
    bottom: Math.max(0, content.bottom - slide.bottom),
  };
  const o: Overflow = {
    left: raw.left > tolerance ? Math.ceil(raw.left) : 0,
    top: raw.top > tolerance ? Math.ceil(raw.top) : 0,
    right: raw.right > tolerance ? Math.ceil(raw.right) : 0,
    bottom: raw.bottom > tolerance ? Math.ceil(raw.bottom) : 0,
  };
  return o.left || o.top || o.right || o.bottom ? o : null;
}

/** "85 px past the bottom edge and 12 px past the right edge" */
export function describeOverflow(o: Overflow): string {
  const parts: string[] = [];
  for (const edge of ['bottom', 'right', 'top', 'left'] as const) {
    if (o[edge] > 0) parts.push(`${o[edge]} px past the ${edge} edge`);
  }
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** The edge that overflows most, for choosing which element to name in the message. */
export function worstEdge(o: Overflow): keyof Overflow {
  const edges = ['bottom', 'right', 'top', 'left'] as const;
  return edges.reduce((best, e) => (o[e] > o[best] ? e : best), edges[0]);
}

// ---------------------------------------------------------------------------------------------
// Links

export type HashTarget =
  | { kind: 'index'; h: number; v: number }
  | { kind: 'id'; id: string }
  /** Not a link to a slide (`#` alone). */
  | { kind: 'none' };

/**
 * What a `#...` link means to reveal.js, exactly as `Location.getIndicesFromHash` in reveal 6
 * reads it: `#/2/1` → h 2, v 1 (one less each with `hashOneBasedIndex`); `#/2` → h 2, v 0;
 * `#/intro` or `#intro` (optionally followed by `/<fragment>`) → the slide holding the element
 * whose id or `data-id` is `intro`.
 */
export function parseSlideHash(hash: string, oneBased = false): HashTarget {
  if (!hash.startsWith('#') || hash === '#') return { kind: 'none' };
  let name = hash.replace(/^#\/?/, '');
  const parts = name.split('/');
  if (!/^[0-9]*$/.test(parts[0]!) && name.length) {
    if (/\/[-\d]+$/.test(name)) name = name.split('/')[0]!;
    let id = name;
    try {
      id = decodeURIComponent(name);
    } catch {
      // reveal.js gives up on a malformed escape; the id stays as written
    }
    return { kind: 'id', id };
  }
  const base = oneBased ? 1 : 0;
  const h = parseInt(parts[0] ?? '', 10) - base || 0;
  const v = parseInt(parts[1] ?? '', 10) - base || 0;
  return { kind: 'index', h, v };
}

/** Whether an index link lands on a slide that exists (reveal.js would clamp it otherwise). */
export function indexExists(target: { h: number; v: number }, slides: ReadonlyArray<{ h: number; v: number }>): boolean {
  return slides.some((s) => s.h === target.h && s.v === target.v);
}

/** "5 horizontal slides (#/0 to #/4); #/2 has vertical slides #/2/0 to #/2/11" */
export function describeDeckIndices(slides: ReadonlyArray<{ h: number; v: number }>, oneBased = false): string {
  if (slides.length === 0) return 'the deck has no slides';
  const base = oneBased ? 1 : 0;
  const stacks = new Map<number, number>();
  for (const s of slides) stacks.set(s.h, Math.max(stacks.get(s.h) ?? 0, s.v));
  const hs = [...stacks.keys()].sort((a, b) => a - b);
  const parts = [`${hs.length} horizontal slide${hs.length === 1 ? '' : 's'} (#/${hs[0]! + base} to #/${hs[hs.length - 1]! + base})`];
  const vertical = hs.filter((h) => stacks.get(h)! > 0);
  for (const h of vertical.slice(0, 3)) parts.push(`#/${h + base} has #/${h + base}/${base} to #/${h + base}/${stacks.get(h)! + base}`);
  if (vertical.length > 3) parts.push(`${vertical.length - 3} more stacks`);
  return `the deck has ${parts.join('; ')}`;
}

// ---------------------------------------------------------------------------------------------
// Headings

export interface HeadingEntry<T = unknown> {
  level: number;
  text: string;
  /** Whatever the caller needs to locate the heading (its slide). */
  at: T;
}

export interface SkippedHeading<T = unknown> {
  heading: HeadingEntry<T>;
  previous: HeadingEntry<T>;
}

/**
 * Headings that go down more than one level from the heading before them in reading order
 * (h2 → h4), as screen readers and the PDF outline read the deck. Going up any number of
 * levels is fine; the first heading may be of any level.
 */
export function findSkippedHeadings<T>(headings: ReadonlyArray<HeadingEntry<T>>): SkippedHeading<T>[] {
  const skipped: SkippedHeading<T>[] = [];
  for (let i = 1; i < headings.length; i++) {
    const previous = headings[i - 1]!;
    const heading = headings[i]!;
    if (heading.level > previous.level + 1) skipped.push({ heading, previous });
  }
  return skipped;
}

// ---------------------------------------------------------------------------------------------
// Readable text

/**
 * Smallest readable text as a share of the slide's height. An 18-pt minimum on a 7.5-inch
 * (540-pt) slide, the usual advice for the back of a room, is 1/30 of the height; 3 % keeps
 * reveal.js's own smallest default style (code at 0.55 em ≈ 23 px on 700 px) readable.
 */
export const DEFAULT_MIN_FONT_RATIO = 0.03;

export function minimumFontSize(slideHeight: number, ratio = DEFAULT_MIN_FONT_RATIO): number {
  return Math.round(slideHeight * ratio * 10) / 10;
}

// ---------------------------------------------------------------------------------------------
// Text snippets for messages

export function snippet(text: string, max = 48): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean;
}

// ---------------------------------------------------------------------------------------------
// One report from the browser's findings and the pipeline's diagnostics

/** A diagnostic from the format/repair/render stages (`src/format/diagnostics.ts`). */
export interface PipelineDiagnostic {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  line: number;
  column: number;
  hint?: string;
}

/** One line of the doctor's report, from the page or from the pipeline. */
export interface ReportFinding {
  severity: FindingSeverity;
  code: string;
  message: string;
  line: number;
  /** Only pipeline diagnostics know the column. */
  column?: number;
  hint?: string;
  /** The slide, for findings made in the page. */
  slide?: SlideRef;
  target?: string;
  /** Where the finding comes from: the page (`browser`) or the markdown pipeline. */
  source: 'browser' | 'pipeline';
}

/**
 * Merges the page's findings with the pipeline's diagnostics (`info` dropped), sorted by line.
 * A missing file is reported by both: the pipeline sees that the path does not exist (and knows
 * its exact line and column), the page sees it fail to load (an error: the audience sees a
 * broken image). They become one finding: the page's, at the pipeline's position.
 * `slideLines` are the first lines of the deck's slides, to tell which slide a line is in.
 */
export function mergeFindings(
  browser: ReadonlyArray<DoctorFinding>,
  pipeline: ReadonlyArray<PipelineDiagnostic>,
  slideLines: ReadonlyArray<number> = [],
): ReportFinding[] {
  const starts = [...new Set(slideLines)].sort((a, b) => a - b);
  const slideStart = (line: number) => starts.filter((s) => s <= line).pop() ?? line;
  const merged: ReportFinding[] = browser.map((f) => ({ ...f, source: 'browser' as const }));
  for (const d of pipeline) {
    if (d.severity === 'info') continue;
    const twin =
      d.code === 'missing-media'
        ? merged.find(
            (f) =>
              f.source === 'browser' &&
              f.code === FINDING_CODES.brokenMedia &&
              f.target !== undefined &&
              d.message.includes(`"${f.target}"`) &&
              (f.line === d.line || f.line === slideStart(d.line)) &&
              f.column === undefined,
          )
        : undefined;
    if (twin) {
      twin.line = d.line;
      twin.column = d.column;
      continue;
    }
    merged.push({
      severity: d.severity,
      code: d.code,
      message: d.message,
      line: d.line,
      column: d.column,
      ...(d.hint ? { hint: d.hint } : {}),
      source: 'pipeline',
    });
  }
  const rank = (s: FindingSeverity) => (s === 'error' ? 0 : 1);
  return merged.sort((a, b) => a.line - b.line || rank(a.severity) - rank(b.severity) || (a.column ?? 0) - (b.column ?? 0));
}

export interface FindingCounts {
  errors: number;
  warnings: number;
}

export function countFindings(findings: ReadonlyArray<{ severity: FindingSeverity }>): FindingCounts {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

/** `slides/x.md:12: error: message [code]` (with `:column` when known), as editors expect. */
export function formatFinding(file: string, f: ReportFinding): string {
  const where = f.column ? `${file}:${f.line}:${f.column}` : `${file}:${f.line}`;
  const slide = f.slide ? ` (slide ${f.slide.number}, #/${f.slide.h}${f.slide.v ? `/${f.slide.v}` : ''})` : '';
  return `${where}: ${f.severity}: ${f.message}${slide} [${f.code}]`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
