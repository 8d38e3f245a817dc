/**
 * Page-side helpers around reveal.js's print view (`?print-pdf`), which lays out every slide at
 * once: the snapshot exporter photographs its pages, the deck doctor measures them.
 *
 * - `stampSlides` numbers the slides before the print view moves them out of their stacks
 *   (`data-sw-slide`, `data-sw-h`, `data-sw-v`; the PDF exporter uses the same attributes).
 * - `settlePrintLayout` makes every page exactly the slide box and places each slide as the
 *   normal view does. reveal 6 measures slide heights for vertical centring before it gives
 *   slides their width (at the page width, margins included), so a heading that wraps at the
 *   slide width sits lower in print than on screen; here it is centred again the normal view's
 *   way (`top = max((height − scrollHeight) / 2, 0)`). Transitions and animations are switched off.
 *
 * Browser code without imports from Node: bundled for Playwright, imported by the dev client.
 */

export interface SlideInfo {
  /** 1-based, reading order. */
  number: number;
  h: number;
  v: number;
  /** `data-source-line`: the slide's line in the markdown file. */
  line: number;
  /** The slide's first heading, or null. */
  title: string | null;
  /** Speaker notes as text, or null. */
  notes: string | null;
}

export interface PageInfo {
  /** Position among the print view's pages. */
  index: number;
  slide: number;
  /** Fragment step: 0 before any fragment, n after the n-th (only with separate fragments). */
  step: number;
  /** Pages of this slide (1 + number of fragment steps). */
  steps: number;
}

export interface PrintLayout {
  width: number;
  height: number;
  /** reveal's `hashOneBasedIndex`: how `#/h/v` links count. */
  oneBasedHash: boolean;
  slides: SlideInfo[];
  pages: PageInfo[];
}

const SLIDE_SELECTOR = '.reveal .slides section';

/**
 * Resolves when the page's web fonts are loaded and every image is decoded, and, with
 * `painted`, two frames later (what they changed is on screen). A broken image does not hang
 * it (the deck doctor reports those). Sent as source text to pages without the doctor (the
 * PDF export's, the benchmark's): it uses no other function.
 */
export async function assetsReady(doc: Document, painted: boolean): Promise<void> {
  await doc.fonts.ready;
  await Promise.all([...doc.images].map((img) => (img.complete && img.naturalWidth > 0 ? undefined : img.decode().catch(() => undefined))));
  if (painted) await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/** Numbers the leaf slides in reading order; safe to call twice. */
export function stampSlides(doc: Document): number {
  let n = 0;
  const tops = doc.querySelectorAll('.reveal .slides > section');
  tops.forEach((top, h) => {
    const inner = top.querySelectorAll(':scope > section');
    const leaves = inner.length ? [...inner] : [top];
    leaves.forEach((leaf, v) => {
      n += 1;
      leaf.setAttribute('data-sw-slide', String(n));
      leaf.setAttribute('data-sw-h', String(h));
      leaf.setAttribute('data-sw-v', String(v));
    });
  });
  return n;
}

/**
 * Stamps the slides as soon as the document is parsed, before any deferred or module script
 * (reveal.js) runs: `readystatechange` to `interactive` comes first. For init scripts.
 */
export function stampWhenParsed(doc: Document): void {
  if (doc.readyState !== 'loading') {
    stampSlides(doc);
    return;
  }
  const onChange = () => {
    if (doc.readyState === 'loading') return;
    doc.removeEventListener('readystatechange', onChange);
    stampSlides(doc);
  };
  doc.addEventListener('readystatechange', onChange);
}

interface RevealLike {
  getConfig(): Record<string, unknown>;
  getComputedSlideSize(width?: number, height?: number): { width: number | string; height: number | string };
}

function revealOf(doc: Document): RevealLike {
  const reveal = (doc.defaultView as (Window & { Reveal?: RevealLike }) | null)?.Reveal;
  if (!reveal) throw new Error('slidewright: this page has no reveal.js deck (window.Reveal)');
  return reveal;
}

/** The slide size reveal.js lays out at (percentages resolved against the window). */
export function slideSize(doc: Document): { width: number; height: number } {
  const win = doc.defaultView!;
  const size = revealOf(doc).getComputedSlideSize(win.innerWidth, win.innerHeight);
  return { width: Number(size.width), height: Number(size.height) };
}

function textOf(el: Element | null): string | null {
  if (!el) return null;
  const text = (el.textContent ?? '')
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text || null;
}

export function slideInfo(section: Element): SlideInfo {
  const heading = [...section.querySelectorAll('h1, h2, h3, h4, h5, h6')].find((h) => !h.closest('aside.notes')) ?? null;
  return {
    number: Number(section.getAttribute('data-sw-slide')),
    h: Number(section.getAttribute('data-sw-h')),
    v: Number(section.getAttribute('data-sw-v')),
    line: Number(section.getAttribute('data-source-line') ?? 0),
    title: heading ? (textOf(heading)?.replace(/\s+/g, ' ') ?? null) : null,
    notes: textOf(section.querySelector(':scope > aside.notes')),
  };
}

const SETTLED_STYLE_ID = 'slidewright-settled';

/**
 * Makes the print view match the normal view, one slide box per page (see the module comment),
 * and returns what is where. Call after reveal's `pdf-ready`.
 */
export function settlePrintLayout(doc: Document): PrintLayout {
  if (!doc.documentElement.classList.contains('print-pdf')) {
    throw new Error('slidewright: the page is not in reveal.js print view (?print-pdf)');
  }
  const reveal = revealOf(doc);
  const config = reveal.getConfig();
  const { width, height } = slideSize(doc);
  if (!doc.getElementById(SETTLED_STYLE_ID)) {
    const style = doc.createElement('style');
    style.id = SETTLED_STYLE_ID;
    style.textContent = [
      '*, *::before, *::after { transition: none !important; animation: none !important; caret-color: transparent !important; }',
      'html.reveal-print, html.reveal-print body { margin: 0 !important; padding: 0 !important; }',
      'html.reveal-print .reveal .slide-number-pdf { display: none !important; }',
      'html.sw-solo .reveal .slides .pdf-page:not(.sw-current) { display: none !important; }',
    ].join('\n');
    doc.head.appendChild(style);
  }
  for (const animation of doc.getAnimations?.() ?? []) {
    try {
      animation.finish();
    } catch {
      animation.cancel(); // an infinite animation cannot finish
    }
  }
  doc.body.style.setProperty('width', `${width}px`, 'important');

  const pages = [...doc.querySelectorAll<HTMLElement>('.reveal .slides .pdf-page')];
  // Writes, then reads, then writes: one layout for the whole deck, not one per slide.
  const sections = pages.map((page) => {
    page.style.setProperty('width', `${width}px`, 'important');
    page.style.setProperty('height', `${height}px`, 'important');
    const section = page.querySelector<HTMLElement>(':scope > section[data-sw-slide]');
    if (section) {
      section.style.left = '0px';
      section.style.width = `${width}px`;
    }
    return section;
  });
  const heights = sections.map((section) => section?.scrollHeight ?? 0);
  const pageInfos: PageInfo[] = [];
  const slides = new Map<number, SlideInfo>();
  let previousSlide = -1;
  let step = 0;
  sections.forEach((section, index) => {
    if (!section) return;
    // As reveal.js decides (a truthy `center` option, or the slide's `center` class).
    const center = Boolean(config.center) || section.classList.contains('center');
    section.style.top = center ? `${Math.max((height - heights[index]!) / 2, 0)}px` : '0px';
    const info = slideInfo(section);
    if (!slides.has(info.number)) slides.set(info.number, info);
    step = info.number === previousSlide ? step + 1 : 0;
    previousSlide = info.number;
    pageInfos.push({ index, slide: info.number, step, steps: 1 });
  });
  for (const p of pageInfos) p.steps = pageInfos.filter((q) => q.slide === p.slide).length;
  return {
    width,
    height,
    oneBasedHash: config.hashOneBasedIndex === true,
    slides: [...slides.values()].sort((a, b) => a.number - b.number),
    pages: pageInfos,
  };
}

/**
 * Shows only page `index` (for a photograph of it at the top left of the window) and returns
 * its box; `null` shows every page again.
 */
export function showOnlyPage(doc: Document, index: number | null): { x: number; y: number; width: number; height: number } | null {
  const pages = doc.querySelectorAll<HTMLElement>('.reveal .slides .pdf-page');
  doc.querySelector('.reveal .slides .pdf-page.sw-current')?.classList.remove('sw-current');
  if (index === null) {
    doc.documentElement.classList.remove('sw-solo');
    return null;
  }
  const page = pages[index];
  if (!page) throw new Error(`slidewright: the print view has no page ${index}`);
  page.classList.add('sw-current');
  doc.documentElement.classList.add('sw-solo');
  const r = page.getBoundingClientRect();
  return { x: r.left + doc.defaultView!.scrollX, y: r.top + doc.defaultView!.scrollY, width: r.width, height: r.height };
}

/**
 * `showOnlyPage`, resolved in the page's next animation frame, once the change is part of that
 * frame: a caller that waits for it before the next change gives each change a frame of its own
 * (the snapshots count frames, see `frame-stream.ts`).
 */
export async function showOnlyPageInFrame(doc: Document, index: number): Promise<ReturnType<typeof showOnlyPage>> {
  const box = showOnlyPage(doc, index);
  await new Promise<void>((resolve) => doc.defaultView!.requestAnimationFrame(() => resolve()));
  return box;
}

/** The slides of a settled print view: one section per slide (the last fragment step's). */
export function printedSlides(doc: Document): HTMLElement[] {
  const bySlide = new Map<number, HTMLElement>();
  for (const section of doc.querySelectorAll<HTMLElement>(`${SLIDE_SELECTOR}[data-sw-slide]`)) {
    if (!section.closest('.pdf-page')) continue;
    bySlide.set(Number(section.getAttribute('data-sw-slide')), section);
  }
  return [...bySlide.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s);
}
