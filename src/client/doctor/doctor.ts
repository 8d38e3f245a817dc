/**
 * The deck doctor's in-page checks: pure DOM inspection of a deck in reveal.js's print view
 * (every slide laid out at the deck's size at once), returning plain-data findings with the
 * slide's markdown line. `npm run check` runs it through Playwright (bundled, see
 * `src/export/check/page-bundle.ts`); in `npm run dev` the doctor client runs it on a hidden
 * print-view copy of the open deck (`doctor-client.ts`).
 *
 * Checks: content beyond the slide box (and code boxes that hide part of their content), media
 * that do not load, `#/h/v` and `#id` links to slides that do not exist, images without alt
 * text, skipped heading levels, text too small to read from the back of the room.
 */
import {
  FINDING_CODES,
  describeDeckIndices,
  describeOverflow,
  findSkippedHeadings,
  indexExists,
  intersectBoxes,
  minimumFontSize,
  overflowBeyond,
  parseSlideHash,
  snippet,
  unionBoxes,
  worstEdge,
  type Box,
  type DoctorFinding,
  type HeadingEntry,
  type SlideRef,
} from './doctor-rules.ts';
import { assetsReady, printedSlides, settlePrintLayout, showOnlyPage, showOnlyPageInFrame, slideSize, stampSlides, stampWhenParsed, type PrintLayout } from './doctor-print.ts';

export * from './doctor-rules.ts';
export { assetsReady, printedSlides, settlePrintLayout, showOnlyPage, showOnlyPageInFrame, slideSize, stampSlides, stampWhenParsed };
export type { PageInfo, PrintLayout, SlideInfo } from './doctor-print.ts';

export interface DoctorOptions {
  /** Smallest readable text in px at the deck's size (default: 3 % of the slide height). */
  minFontSize?: number;
  /** How long one media file may take to load before it counts as not loading (ms). */
  mediaTimeoutMs?: number;
}

export interface DoctorReport {
  findings: DoctorFinding[];
  slideCount: number;
  /** First markdown line of every slide, in reading order. */
  slideLines: number[];
  width: number;
  height: number;
  minFontSize: number;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const GRAPHIC_TAGS = new Set(['IMG', 'VIDEO', 'CANVAS', 'SVG', 'IFRAME', 'OBJECT', 'EMBED', 'AUDIO']);
const HEADING_SELECTOR = 'h1, h2, h3, h4, h5, h6';

interface Context {
  doc: Document;
  win: Window;
  layout: PrintLayout;
  options: Required<DoctorOptions>;
  findings: DoctorFinding[];
}

/** Runs every check on a print-view page whose slides were stamped before reveal.js started. */
export async function runDoctor(doc: Document = document, options: DoctorOptions = {}): Promise<DoctorReport> {
  const win = doc.defaultView;
  if (!win) throw new Error('slidewright doctor: the document has no window');
  await settleMedia(doc, options.mediaTimeoutMs ?? 10_000);
  const layout = settlePrintLayout(doc);
  const sections = printedSlides(doc);
  if (sections.length === 0 && doc.querySelector('.reveal .slides section')) {
    throw new Error('slidewright doctor: the slides were not numbered before reveal.js started (call stampWhenParsed early)');
  }
  const ctx: Context = {
    doc,
    win,
    layout,
    options: {
      minFontSize: options.minFontSize ?? minimumFontSize(layout.height),
      mediaTimeoutMs: options.mediaTimeoutMs ?? 10_000,
    },
    findings: [],
  };
  await new Promise<void>((resolve) => win.requestAnimationFrame(() => resolve()));
  const headings: HeadingEntry<{ section: HTMLElement }>[] = [];
  for (const section of sections) {
    checkOverflow(ctx, section);
    checkLinks(ctx, section);
    checkAltText(ctx, section);
    checkTextSize(ctx, section);
    for (const h of contentElements(section, HEADING_SELECTOR)) {
      if (isVisible(ctx, h)) headings.push({ level: Number(h.tagName.slice(1)), text: snippet(h.textContent ?? ''), at: { section } });
    }
  }
  for (const { heading, previous } of findSkippedHeadings(headings)) {
    add(ctx, heading.at.section, {
      severity: 'warning',
      code: FINDING_CODES.skippedHeading,
      message: `heading "${heading.text}" is an h${heading.level} right after the h${previous.level} "${previous.text}": heading level ${previous.level + 1} is skipped`,
      hint: `use ${'#'.repeat(previous.level + 1)} for the level below ${'#'.repeat(previous.level)}; screen readers and the PDF outline follow heading levels`,
    });
  }
  await Promise.all(sections.map((section) => checkMedia(ctx, section)));
  const order = Object.values(FINDING_CODES) as string[];
  ctx.findings.sort((a, b) => a.slide.number - b.slide.number || order.indexOf(a.code) - order.indexOf(b.code));
  return {
    findings: ctx.findings,
    slideCount: layout.slides.length,
    slideLines: layout.slides.map((s) => s.line),
    width: layout.width,
    height: layout.height,
    minFontSize: ctx.options.minFontSize,
  };
}

/** Fonts loaded and every image loaded or failed, so that the layout is final. */
async function settleMedia(doc: Document, timeoutMs: number): Promise<void> {
  await withTimeout(doc.fonts?.ready ?? Promise.resolve(), timeoutMs, undefined);
  await Promise.all(
    [...doc.images].map((img) => {
      if (img.loading === 'lazy') img.loading = 'eager';
      return img.complete ? undefined : withTimeout(img.decode(), timeoutMs, undefined);
    }),
  );
}

function slideRef(section: Element): SlideRef {
  return {
    h: Number(section.getAttribute('data-sw-h')),
    v: Number(section.getAttribute('data-sw-v')),
    number: Number(section.getAttribute('data-sw-slide')),
  };
}

function add(ctx: Context, section: Element, finding: Omit<DoctorFinding, 'line' | 'slide'>): void {
  const f: DoctorFinding = {
    severity: finding.severity,
    code: finding.code,
    message: finding.message,
    line: Number(section.getAttribute('data-source-line') ?? 0),
    slide: slideRef(section),
  };
  if (finding.hint) f.hint = finding.hint;
  if (finding.target !== undefined) f.target = finding.target;
  ctx.findings.push(f);
}

/** Elements of the slide itself, not of its speaker notes. */
function contentElements<E extends Element = HTMLElement>(section: Element, selector: string): E[] {
  return [...section.querySelectorAll<E>(selector)].filter((el) => !el.closest('aside.notes'));
}

function isVisible(ctx: Context, el: Element): boolean {
  const check = (el as Element & { checkVisibility?: (o: object) => boolean }).checkVisibility;
  if (check) return check.call(el, { opacityProperty: true, visibilityProperty: true });
  const cs = ctx.win.getComputedStyle(el);
  return cs.display !== 'none' && cs.visibility === 'visible' && Number(cs.opacity) > 0;
}

function rectBox(r: DOMRectReadOnly): Box {
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
}

const BLOCK_NAMES: Record<string, string> = {
  LI: 'list item',
  P: 'paragraph',
  H1: 'heading',
  H2: 'heading',
  H3: 'heading',
  H4: 'heading',
  H5: 'heading',
  H6: 'heading',
  TD: 'table cell',
  TH: 'table cell',
  PRE: 'code block',
  BLOCKQUOTE: 'quote',
  FIGCAPTION: 'caption',
  DT: 'term',
  DD: 'definition',
};
const BLOCKS = 'li, p, h1, h2, h3, h4, h5, h6, td, th, pre, blockquote, figcaption, dt, dd';

function describeNode(node: Node): string {
  if (node.nodeType === TEXT_NODE) {
    // Name the paragraph, list item or heading the text belongs to, from its start.
    const block = node.parentElement?.closest(BLOCKS);
    const text = snippet(block?.textContent ?? node.textContent ?? '', 40);
    return block ? `the ${BLOCK_NAMES[block.tagName] ?? block.tagName.toLowerCase()} "${text}"` : `"${text}"`;
  }
  const el = node as Element;
  if (el.tagName === 'IMG') {
    const alt = el.getAttribute('alt');
    return alt ? `the image "${snippet(alt, 40)}"` : `the image ${el.getAttribute('src') ?? ''}`.trim();
  }
  const text = snippet(el.textContent ?? '', 40);
  return text ? `the ${el.tagName.toLowerCase()} "${text}"` : `a ${el.tagName.toLowerCase()}`;
}

// ---------------------------------------------------------------------------------------------
// Overflow

function hasDecoration(cs: CSSStyleDeclaration): boolean {
  const transparent = (c: string) => c === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(c);
  if (!transparent(cs.backgroundColor) || cs.backgroundImage !== 'none') return true;
  const sides = ['Top', 'Right', 'Bottom', 'Left'] as const;
  return sides.some((s) => parseFloat(cs.getPropertyValue(`border-${s.toLowerCase()}-width`)) > 0 && !transparent(cs.getPropertyValue(`border-${s.toLowerCase()}-color`)));
}

function checkOverflow(ctx: Context, section: HTMLElement): void {
  const { doc, win } = ctx;
  const page = section.closest<HTMLElement>('.pdf-page') ?? section;
  const slide = rectBox(page.getBoundingClientRect());
  slide.right = slide.left + ctx.layout.width;
  slide.bottom = slide.top + ctx.layout.height;

  const clipCache = new Map<Element, Box | null | 'none'>();
  // The visible part of an element's content: the intersection of every clipping ancestor's
  // padding box up to the slide ('none' when nothing clips).
  const clipOf = (el: Element): Box | null | 'none' => {
    if (el === section || !section.contains(el)) return 'none';
    const cached = clipCache.get(el);
    if (cached !== undefined) return cached;
    const parentClip = el.parentElement ? clipOf(el.parentElement) : 'none';
    const cs = win.getComputedStyle(el);
    let result: Box | null | 'none' = parentClip;
    if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
      const r = el.getBoundingClientRect();
      const own: Box = {
        left: r.left + el.clientLeft,
        top: r.top + el.clientTop,
        right: r.left + el.clientLeft + el.clientWidth,
        bottom: r.top + el.clientTop + el.clientHeight,
      };
      result = parentClip === 'none' ? own : parentClip ? intersectBoxes(own, parentClip) : null;
    }
    clipCache.set(el, result);
    return result;
  };

  const pieces: Array<{ box: Box; node: Node }> = [];
  const addBox = (box: Box, node: Node, clipFrom: Element) => {
    const clip = clipOf(clipFrom);
    const visible = clip === 'none' ? box : clip ? intersectBoxes(box, clip) : null;
    if (visible) pieces.push({ box: visible, node });
  };
  const walker = doc.createTreeWalker(section, 0x1 | 0x4, {
    acceptNode(node) {
      if (node.nodeType === ELEMENT_NODE) {
        const el = node as Element;
        if (el.matches('aside.notes')) return 2; // FILTER_REJECT: not on the slide
        if (win.getComputedStyle(el).display === 'none') return 2;
      }
      return 1;
    },
  });
  const range = doc.createRange();
  const clipped: Element[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === TEXT_NODE) {
      const parent = node.parentElement;
      if (!parent || !(node.textContent ?? '').trim() || !isVisible(ctx, parent)) continue;
      range.selectNodeContents(node);
      // A text rectangle is the font's ascent to descent, often taller than the letters: count
      // the em box (font-size high, centred on it), where the glyphs are.
      const em = parseFloat(win.getComputedStyle(parent).fontSize);
      for (const r of range.getClientRects()) {
        const box = rectBox(r);
        if (em > 0 && r.height > em) {
          box.top = r.top + (r.height - em) / 2;
          box.bottom = box.top + em;
        }
        addBox(box, node, parent);
      }
      continue;
    }
    const el = node as Element;
    const cs = win.getComputedStyle(el);
    if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
      if ((el.scrollHeight > el.clientHeight + 2 || el.scrollWidth > el.clientWidth + 2) && (el.textContent ?? '').trim()) clipped.push(el);
    }
    if (!isVisible(ctx, el)) continue;
    const tag = el.tagName.toUpperCase();
    if (GRAPHIC_TAGS.has(tag) || hasDecoration(cs)) {
      addBox(rectBox(el.getBoundingClientRect()), el, el.parentElement ?? section);
    }
  }

  const overflow = overflowBeyond(slide, unionBoxes(pieces.map((p) => p.box)), 1.5);
  if (overflow) {
    const edge = worstEdge(overflow);
    const culprit = pieces.reduce<{ box: Box; node: Node } | null>((best, p) => {
      const beyond = (b: Box) => (edge === 'bottom' ? b.bottom : edge === 'right' ? b.right : edge === 'top' ? -b.top : -b.left);
      return !best || beyond(p.box) > beyond(best.box) ? p : best;
    }, null);
    add(ctx, section, {
      severity: 'error',
      code: FINDING_CODES.overflow,
      message: `content runs ${describeOverflow(overflow)} of the slide (${ctx.layout.width}×${ctx.layout.height})${
        culprit ? `: ${describeNode(culprit.node)} is cut off` : ''
      }`,
      hint: 'split the slide (a [comment]: # (!!!) or --- line), shorten it, or move detail to the speaker notes',
    });
  }
  // A code block is reported once, at the innermost box that clips (`code`, not also `pre`).
  const innermost = clipped.filter((el) => !clipped.some((other) => other !== el && el.contains(other)));
  for (const el of innermost) {
    const hiddenY = el.scrollHeight - el.clientHeight;
    const hiddenX = el.scrollWidth - el.clientWidth;
    const lineHeight = parseFloat(win.getComputedStyle(el).lineHeight) || parseFloat(win.getComputedStyle(el).fontSize) * 1.2;
    const parts: string[] = [];
    if (hiddenY > 2) parts.push(`${hiddenY} px of it (about ${Math.max(1, Math.round(hiddenY / lineHeight))} line${Math.round(hiddenY / lineHeight) > 1 ? 's' : ''}) below its box`);
    if (hiddenX > 2) parts.push(`${hiddenX} px of its longest line to the right`);
    const what = el.closest('pre') ? 'a code block' : `a ${el.tagName.toLowerCase()} box`;
    add(ctx, section, {
      severity: 'warning',
      code: FINDING_CODES.clippedContent,
      message: `${what} hides part of its content: ${parts.join(' and ')} (starts "${snippet(el.textContent ?? '', 32)}")`,
      hint: 'the audience sees only the box: shorten the code, split it over slides, or make it smaller',
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Links

function checkLinks(ctx: Context, section: HTMLElement): void {
  for (const a of contentElements<HTMLAnchorElement>(section, 'a[href^="#"]')) {
    const href = a.getAttribute('href') ?? '';
    const target = parseSlideHash(href, ctx.layout.oneBasedHash);
    const text = snippet(a.textContent ?? '', 40) || href;
    if (target.kind === 'index') {
      if (indexExists(target, ctx.layout.slides)) continue;
      add(ctx, section, {
        severity: 'error',
        code: FINDING_CODES.deadLink,
        message: `link "${text}" goes to ${href}, which is not a slide: ${describeDeckIndices(ctx.layout.slides, ctx.layout.oneBasedHash)}`,
        hint: ctx.layout.oneBasedHash
          ? 'slides count from 1 here (hashOneBasedIndex): #/1/1 is the first slide'
          : 'slides count from 0: #/0 is the first slide, #/2/1 the second slide of the third stack',
        target: href,
      });
    } else if (target.kind === 'id') {
      let found: Element | null = null;
      try {
        found = ctx.doc.getElementById(target.id) ?? ctx.doc.querySelector(`[data-id="${CSS.escape(target.id)}"]`);
      } catch {
        found = null;
      }
      if (found?.closest('.slides section')) continue;
      add(ctx, section, {
        severity: 'error',
        code: FINDING_CODES.deadLink,
        message: `link "${text}" goes to ${href}, but no slide has an element with id "${target.id}"`,
        hint: 'give the slide that id (<!-- .slide: id="name" -->) or link by position (#/h/v, counting from 0)',
        target: href,
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Alt text

function checkAltText(ctx: Context, section: HTMLElement): void {
  for (const img of contentElements<HTMLImageElement>(section, 'img')) {
    if (img.getAttribute('role') === 'presentation' || img.getAttribute('aria-hidden') === 'true') continue;
    const alt = img.getAttribute('alt');
    if (alt !== null && alt.trim() !== '') continue;
    const src = img.getAttribute('src') ?? '';
    add(ctx, section, {
      severity: 'warning',
      code: FINDING_CODES.missingAlt,
      message: `image "${src}" has ${alt === null ? 'no' : 'an empty'} alt text`,
      hint: `say what it shows: ![what the picture shows](${src || 'media/picture.png'})`,
      target: src,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Readable text

function checkTextSize(ctx: Context, section: HTMLElement): void {
  const { doc, win } = ctx;
  const min = ctx.options.minFontSize;
  const walker = doc.createTreeWalker(section, 0x1 | 0x4, {
    acceptNode(node) {
      if (node.nodeType === ELEMENT_NODE && (node as Element).matches('aside.notes')) return 2;
      return node.nodeType === TEXT_NODE ? 1 : 3; // FILTER_SKIP: look inside elements
    },
  });
  let smallest: { size: number; text: string } | null = null;
  let count = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !(node.textContent ?? '').trim() || !isVisible(ctx, parent)) continue;
    const size = parseFloat(win.getComputedStyle(parent).fontSize);
    if (!(size < min - 0.05)) continue;
    count++;
    if (!smallest || size < smallest.size) smallest = { size, text: node.textContent ?? '' };
  }
  if (!smallest) return;
  const px = Math.round(smallest.size * 10) / 10;
  add(ctx, section, {
    severity: 'warning',
    code: FINDING_CODES.smallText,
    message: `text at ${px} px is too small to read from the back of the room (at least ${min} px on a ${ctx.layout.width}×${ctx.layout.height} slide): "${snippet(smallest.text, 40)}"${
      count > 1 ? ` and ${count - 1} more piece${count > 2 ? 's' : ''} of text` : ''
    }`,
    hint: 'make it bigger, put less on the slide, or move the detail to the speaker notes (Note:)',
  });
}

// ---------------------------------------------------------------------------------------------
// Media

interface MediaUse {
  kind: 'image' | 'video' | 'audio' | 'background image' | 'background video';
  /** As written in the page. */
  written: string;
  url: string;
  element?: HTMLImageElement;
}

function mediaUses(ctx: Context, section: HTMLElement): MediaUse[] {
  const uses: MediaUse[] = [];
  const resolve = (u: string) => {
    try {
      return new URL(u, ctx.doc.baseURI).href;
    } catch {
      return u;
    }
  };
  for (const img of contentElements<HTMLImageElement>(section, 'img')) {
    const written = img.getAttribute('src');
    if (written) uses.push({ kind: 'image', written, url: img.currentSrc || resolve(written), element: img });
  }
  for (const el of contentElements(section, 'video[src], video source[src], audio[src], audio source[src], video[poster]')) {
    const isAudio = !!el.closest('audio');
    const src = el.getAttribute('src');
    if (src) uses.push({ kind: isAudio ? 'audio' : 'video', written: src, url: resolve(src) });
    const poster = el.getAttribute('poster');
    if (poster) uses.push({ kind: 'image', written: poster, url: resolve(poster) });
  }
  const bgImage = section.getAttribute('data-background-image');
  if (bgImage) uses.push({ kind: 'background image', written: bgImage, url: resolve(bgImage) });
  const bg = section.getAttribute('data-background');
  // data-background is a colour or an image; only an image path is worth probing.
  if (bg && /\.(png|jpe?g|gif|svg|webp|avif)(\?|#|$)/i.test(bg)) uses.push({ kind: 'background image', written: bg, url: resolve(bg) });
  const bgVideo = section.getAttribute('data-background-video');
  if (bgVideo) {
    for (const v of bgVideo.split(',')) {
      const written = v.trim();
      if (written) uses.push({ kind: 'background video', written, url: resolve(written) });
    }
  }
  return uses;
}

type LoadResult = { ok: true } | { ok: false; reason: string };

function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise<T>((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      () => {
        clearTimeout(timer);
        resolve(fallback);
      },
    );
  });
}

/**
 * Why an image did not load, as far as the server's answer tells: an HTTP error, a web page
 * instead of an image (servers with a single-page-app fallback answer 200 with HTML for a
 * missing file), or a file the browser cannot show.
 */
async function imageFailure(ctx: Context, url: string, sameOrigin: boolean): Promise<string> {
  if (!sameOrigin) return 'no answer or not an image';
  const response = await withTimeout<Response | null>(ctx.win.fetch(url, { method: 'HEAD', cache: 'no-store' }), ctx.options.mediaTimeoutMs, null);
  if (!response) return 'no answer';
  if (!response.ok) return `HTTP ${response.status}`;
  if ((response.headers.get('content-type') ?? '').startsWith('text/html')) return 'no such file: the server answered with a web page';
  return `not an image the browser can show (${response.headers.get('content-type') ?? 'no content type'})`;
}

async function probe(ctx: Context, use: MediaUse, sameOrigin: boolean): Promise<LoadResult | null> {
  const timeout = ctx.options.mediaTimeoutMs;
  const timedOut: LoadResult = { ok: false, reason: `did not load within ${Math.round(timeout / 1000)} s` };
  // Images: decode them (a <img> of the page, or one created in the page's own realm: the dev
  // panel inspects a print-view iframe).
  const img = use.element ?? (use.kind === 'image' || use.kind === 'background image' ? ctx.doc.createElement('img') : null);
  if (img) {
    if (img.loading === 'lazy') img.loading = 'eager';
    if (!use.element) img.src = use.url;
    const decoded = await withTimeout(
      img.decode().then(
        () => true,
        () => false,
      ),
      timeout,
      null,
    );
    if (decoded === null) return timedOut;
    if (decoded) return { ok: true };
    return { ok: false, reason: await imageFailure(ctx, use.url, sameOrigin) };
  }
  // Video and audio: the server's answer is what can be known without playing them.
  if (!sameOrigin) return null;
  const response = await withTimeout<Response | null>(ctx.win.fetch(use.url, { method: 'HEAD', cache: 'no-store' }), timeout, null);
  if (!response) return timedOut;
  if (!response.ok) return { ok: false, reason: `HTTP ${response.status}` };
  if ((response.headers.get('content-type') ?? '').startsWith('text/html')) return { ok: false, reason: 'no such file: the server answered with a web page' };
  return { ok: true };
}

async function checkMedia(ctx: Context, section: HTMLElement): Promise<void> {
  const seen = new Set<string>();
  for (const use of mediaUses(ctx, section)) {
    if (seen.has(use.url) || use.url.startsWith('data:')) continue;
    seen.add(use.url);
    let sameOrigin = true;
    try {
      sameOrigin = new URL(use.url).origin === ctx.win.location.origin;
    } catch {
      sameOrigin = true;
    }
    const result = await probe(ctx, use, sameOrigin);
    if (!result || result.ok) continue;
    if (sameOrigin) {
      add(ctx, section, {
        severity: 'error',
        code: FINDING_CODES.brokenMedia,
        message: `${use.kind} "${use.written}" does not load (${result.reason})`,
        hint: 'check the path and the file: shared media go in media/ and are written media/<file>',
        target: use.written,
      });
    } else {
      add(ctx, section, {
        severity: 'warning',
        code: FINDING_CODES.unreachableMedia,
        message: `${use.kind} "${use.written}" could not be loaded from here (${result.reason}); a venue without that network will not show it either`,
        hint: 'download it into media/ and refer to it as media/<file>',
        target: use.written,
      });
    }
  }
}
