/**
 * Code that runs inside the deck page: numbering the slides before reveal's print view moves
 * them, then, in one call once the print view is ready, reading what it made, planning the
 * pages and applying the plan. Each function is self-contained (its source text is sent to
 * the page).
 */
import { assetsReady, stampSlides } from '../../client/doctor/doctor-print.ts';
import { START_FAILED_EVENT } from '../../client/deck/start-failed.ts';
import { planPages, type LayoutItem, type PagePlan, type PrintedHeading, type SlideInfo } from './options.ts';

/** What the print view made, read right after `pdf-ready`. */
export interface PrintLayout {
  items: LayoutItem[];
  slides: SlideInfo[];
  slideCount: number;
  /** Elements reveal's print view produced that belong to no slide (should be none). */
  strays: number;
}

/** What `preparePrint` returns: the layout, the plan (its map as entries) and the headings. */
export interface PreparedPrint {
  layout: PrintLayout;
  plan: Omit<PagePlan, 'firstPage'> & { firstPage: [number, number][] };
  /** Empty when the plan keeps nothing (the page is left as it was). */
  headings: PrintedHeading[];
}

/** The page functions `preparePrint` calls. */
interface PrintHelpers {
  /** Settles on reveal's `pdf-ready`, or when the deck could not start. */
  started: Promise<void>;
  assetsReady: typeof assetsReady;
  readPrintLayout: typeof readPrintLayout;
  planPages: typeof planPages;
  applyPrintPlan: typeof applyPrintPlan;
}

declare global {
  interface Window {
    __slidewrightPrint?: PrintHelpers;
  }
}

/**
 * Init script (runs before the page's own scripts). tsx compiles this project with esbuild's
 * keepNames, which wraps inner functions in `__name(...)`: define it so evaluated code runs.
 * Then number the slides in reading order before reveal's print view moves them into pages
 * (`stampSlides`, shared with the snapshots and the doctor, sent as source text):
 * `data-sw-slide` (1-based, vertical slides counted as `Reveal.getTotalSlides()` does),
 * `data-sw-h`/`data-sw-v` (reveal's indices). Fragment-step copies keep the attributes.
 * Last, what `preparePrint` uses: a promise of the print view's start (reveal's `pdf-ready`,
 * which may fire before anyone asks), and its functions.
 */
export const INIT_SCRIPT = `(() => {
  if (typeof globalThis.__name !== 'function') globalThis.__name = (target) => target;
  const stampSlides = ${stampSlides.toString()};
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => stampSlides(document), { once: true });
  else stampSlides(document);
  window.__slidewrightPrint = {
    started: new Promise((resolve) => {
      window.addEventListener('pdf-ready', () => resolve(), { once: true });
      window.addEventListener('${START_FAILED_EVENT}', () => resolve(), { once: true });
    }),
    assetsReady: ${assetsReady.toString()},
    readPrintLayout: ${readPrintLayout.toString()},
    planPages: ${planPages.toString()},
    applyPrintPlan: ${applyPrintPlan.toString()},
  };
})();`;

/**
 * Everything from the page's load to printing, in one call to the page, sent as soon as the
 * navigation commits: each call waits for the page's main thread, which is busy laying out and
 * drawing a long print view (40-80 ms a call at 200 slides, for 5-13 ms of work), so waiting
 * for `pdf-ready` from outside and then calling cost a tenth of a second there. Waits for
 * reveal's print layout, web fonts and every image, reads the layout, plans the pages for
 * `range` and applies the plan. null when the call reached a document without the init script
 * (the blank page a spare page was opened on, still there at the commit): the caller then
 * waits for the deck's document first.
 */
export async function preparePrint(range: number[] | null): Promise<PreparedPrint | { startError: string } | null> {
  const print = window.__slidewrightPrint;
  if (!print) return null;
  await print.started;
  if (window.__slidewrightStartError !== undefined) return { startError: window.__slidewrightStartError };
  // No frames: printing lays the page out anew.
  await print.assetsReady(document, false);
  const layout = print.readPrintLayout();
  const plan = print.planPages(layout.items, range, layout.slideCount);
  const headings = plan.keep.length ? print.applyPrintPlan(plan.keep) : [];
  return { layout, plan: { ...plan, firstPage: [...plan.firstPage] }, headings };
}

/** Reads the print view: one item per page-making element, tagged `data-sw-item`. */
export function readPrintLayout(): PrintLayout {
  const reveal = window.Reveal!;
  const config = reveal.getConfig() as { margin?: number; pdfPageHeightOffset?: number };
  const size = reveal.getComputedSlideSize(window.innerWidth, window.innerHeight);
  const pageHeight = Math.floor(size.height * (1 + (config.margin ?? 0.04)));
  const pageStep = pageHeight + (config.pdfPageHeightOffset ?? -1);
  const container = document.querySelector('.reveal .slides')!;
  const items: LayoutItem[] = [];
  const elements: HTMLElement[] = [];
  const seen = new Set<number>();
  let current = 0;
  let strays = 0;
  // Measure everything first: writing attributes between reads would lay the page out again each time.
  for (const el of [...container.children] as HTMLElement[]) {
    if (el.classList.contains('pdf-page')) {
      const section = el.querySelector('section[data-sw-slide]');
      if (!section) {
        strays++;
        continue;
      }
      current = Number(section.getAttribute('data-sw-slide'));
      const pages = Math.max(1, Math.round(el.getBoundingClientRect().height / pageStep));
      items.push({ id: items.length, slide: current, kind: seen.has(current) ? 'step' : 'slide', pages });
      elements.push(el);
      seen.add(current);
    } else if (el.classList.contains('speaker-notes-pdf')) {
      if (current === 0) {
        strays++;
        continue;
      }
      const pages = Math.max(1, Math.ceil((el.getBoundingClientRect().height - 1) / pageHeight));
      items.push({ id: items.length, slide: current, kind: 'notes', pages });
      elements.push(el);
    }
  }
  elements.forEach((el, i) => el.setAttribute('data-sw-item', String(i)));
  const headingText = (heading: Element): string => {
    const copy = heading.cloneNode(true) as Element;
    copy.querySelectorAll('br').forEach((br) => br.replaceWith(' '));
    copy.querySelectorAll('aside.notes, .slide-number-pdf').forEach((n) => n.remove());
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  };
  const slides: SlideInfo[] = [];
  for (const section of document.querySelectorAll('.reveal section[data-sw-slide]')) {
    const slide = Number(section.getAttribute('data-sw-slide'));
    if (slides.some((s) => s.slide === slide)) continue; // a fragment-step copy
    const heading = section.querySelector('h1, h2, h3, h4, h5, h6');
    let title = heading ? headingText(heading) : '';
    if (!title) {
      const copy = section.cloneNode(true) as Element;
      copy.querySelectorAll('aside.notes, script, style').forEach((n) => n.remove());
      title = (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
    }
    slides.push({
      slide,
      h: Number(section.getAttribute('data-sw-h')),
      v: Number(section.getAttribute('data-sw-v')),
      title: title.length > 80 ? `${title.slice(0, 79).trimEnd()}…` : title || `Slide ${slide}`,
    });
  }
  return { items, slides, slideCount: reveal.getTotalSlides(), strays };
}

/**
 * Keeps the planned items in the planned order, removes the rest, and makes every page visible
 * to the accessibility tree (reveal marks the slides it is not showing `aria-hidden` and
 * `hidden`, which would leave them untagged in the PDF). Returns the headings as they will be
 * tagged, in order, with their text where CSS changes how it is displayed.
 */
export function applyPrintPlan(keep: number[]): PrintedHeading[] {
  const container = document.querySelector('.reveal .slides')!;
  const byId = new Map<number, HTMLElement>();
  const order: number[] = [];
  for (const el of container.querySelectorAll<HTMLElement>(':scope > [data-sw-item]')) {
    const id = Number(el.getAttribute('data-sw-item'));
    byId.set(id, el);
    order.push(id);
  }
  const kept = new Set(keep);
  for (const [id, el] of byId) if (!kept.has(id)) el.remove();
  // Move elements only when the plan changes their order (notes pages after fragment steps).
  const remaining = order.filter((id) => kept.has(id));
  if (remaining.length !== keep.length || remaining.some((id, i) => id !== keep[i])) {
    for (const id of keep) {
      const el = byId.get(id);
      if (el) container.appendChild(el);
    }
  }
  // reveal 6 measures a slide's height for vertical centring before it gives the slide its
  // width, so a heading that wraps sits lower on paper than on screen; centre again, as the
  // normal view does, now that the width is right (reads first, then writes: one layout).
  const center = Boolean((window.Reveal!.getConfig() as { center?: boolean }).center);
  const pages = [...container.querySelectorAll<HTMLElement>(':scope > .pdf-page')].flatMap((page) => {
    const section = page.querySelector<HTMLElement>(':scope > section');
    return section && (center || section.classList.contains('center')) ? [{ page, section }] : [];
  });
  const tops = pages.map(({ page, section }) => Math.max((page.offsetHeight - section.scrollHeight) / 2, 0));
  pages.forEach(({ section }, i) => (section.style.top = `${tops[i]}px`));
  const style = document.createElement('style');
  // The last page must not push an empty one after it (a trailing notes page does otherwise).
  style.textContent = 'html.reveal-print .reveal .slides > :last-child { page-break-after: avoid !important; break-after: avoid !important; }';
  document.head.appendChild(style);
  const root = document.querySelector('.reveal')!;
  if (root.getAttribute('role') === 'application') root.removeAttribute('role');
  for (const el of root.querySelectorAll('section[aria-hidden], section[hidden], .pdf-page[aria-hidden], .slide-background[aria-hidden]')) {
    el.removeAttribute('aria-hidden');
    el.removeAttribute('hidden');
  }
  const headings: PrintedHeading[] = [];
  for (const id of keep) {
    const el = byId.get(id);
    if (!el) continue;
    for (const heading of el.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6')) {
      if (!heading.checkVisibility({ visibilityProperty: true })) continue;
      if (heading.closest('[aria-hidden="true"]')) continue;
      const role = heading.getAttribute('role');
      if (role && role !== 'heading') continue;
      const transform = getComputedStyle(heading).textTransform;
      let actualText: string | null = null;
      if (transform && transform !== 'none') {
        const copy = heading.cloneNode(true) as Element;
        copy.querySelectorAll('br').forEach((br) => br.replaceWith(' '));
        actualText = (copy.textContent ?? '').replace(/\s+/g, ' ').trim() || null;
      }
      headings.push({ level: Number(heading.tagName.slice(1)), actualText });
    }
  }
  return headings;
}
