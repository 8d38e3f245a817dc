/**
 * Applies a `SlidesPatch` (`src/render/deck-diff.ts`) to the running deck: only the slides that
 * changed get new DOM; the others stay the same nodes (their iframes, videos and fragment state
 * with them). The speaker stays on the slide they were on, or, with `follow`, goes to the slide
 * that was just edited.
 */
import type { PatchNode, SlideRef, SlidesPatch } from '../../render/deck-diff.ts';
import type { RevealDeck } from './main.ts';

/** Where the deck is, in reveal.js terms. */
export interface Position {
  h: number;
  v: number;
  f?: number;
}

/** What reveal.js keeps on a slide element and must carry over to its replacement. */
interface RevealSlide extends HTMLElement {
  slideBackgroundElement?: HTMLElement;
  slideBackgroundContentElement?: HTMLElement;
}

const STATE_CLASSES = ['present', 'past', 'future'];

/** The deck's slides in reading order (stacks flattened), as the patch counts them. */
function readingOrder(container: Element): HTMLElement[] {
  const slides: HTMLElement[] = [];
  for (const top of container.querySelectorAll<HTMLElement>(':scope > section')) {
    const inner = top.querySelectorAll<HTMLElement>(':scope > section');
    if (inner.length) slides.push(...inner);
    else slides.push(top);
  }
  return slides;
}

/** The position of the slide at `index` in reading order. */
function positionOf(nodes: PatchNode[], index: number): Position {
  let at = 0;
  for (let h = 0; h < nodes.length; h++) {
    const node = nodes[h]!;
    const size = 'stack' in node ? node.stack.length : 1;
    if (index < at + size) return { h, v: index - at };
    at += size;
  }
  return { h: Math.max(0, nodes.length - 1), v: 0 };
}

function refs(nodes: PatchNode[]): SlideRef[] {
  return nodes.flatMap((node) => ('stack' in node ? node.stack : [node.slide]));
}

/** Where the slide at `oldIndex` is in the new deck, or the nearest slide that is. */
function successor(list: SlideRef[], oldIndex: number): number {
  const origin = (ref: SlideRef) => ref.keep ?? ref.replaces;
  const same = list.findIndex((ref) => origin(ref) === oldIndex);
  if (same >= 0) return same;
  // Removed: the first slide that came after it, else the last one.
  const after = list.findIndex((ref) => (origin(ref) ?? -1) > oldIndex);
  return after >= 0 ? after : list.length - 1;
}

function parseSection(html: string): RevealSlide {
  const template = document.createElement('template');
  template.innerHTML = html;
  const section = template.content.firstElementChild;
  if (!(section instanceof HTMLElement) || section.localName !== 'section') throw new Error('slidewright: an update held no <section>');
  return section;
}

function setNotes(slide: HTMLElement, notes: string): void {
  for (const aside of slide.querySelectorAll(':scope > aside.notes')) aside.remove();
  if (!notes) return;
  const template = document.createElement('template');
  template.innerHTML = notes;
  slide.append(template.content);
}

/** The new slide takes over reveal.js's state of the one it replaces (visibility, background). */
function takeOver(next: RevealSlide, old: RevealSlide): void {
  for (const name of STATE_CLASSES) next.classList.toggle(name, old.classList.contains(name));
  for (const name of ['aria-hidden', 'hidden', 'style']) {
    const value = old.getAttribute(name);
    if (value === null) next.removeAttribute(name);
    else next.setAttribute(name, value);
  }
  next.slideBackgroundElement = old.slideBackgroundElement;
  next.slideBackgroundContentElement = old.slideBackgroundContentElement;
}

/** Puts `wanted` in `parent` in this order, moving only what is out of place. */
function arrange(parent: Element, wanted: Element[]): void {
  const current = () => [...parent.querySelectorAll(':scope > section')];
  let children = current();
  wanted.forEach((element, i) => {
    if (children[i] === element) return;
    parent.insertBefore(element, children[i] ?? null);
    children = current();
  });
  for (const extra of current().slice(wanted.length)) extra.remove();
}

export function applySlidesPatch(reveal: RevealDeck, patch: SlidesPatch, options: { follow?: boolean } = {}): void {
  const container = reveal.getSlidesElement();
  if (!container) throw new Error('slidewright: the deck has no .slides element');
  const before = readingOrder(container) as RevealSlide[];
  const currentIndex = before.indexOf(reveal.getCurrentSlide());
  const { f } = reveal.getIndices();
  const list = refs(patch.nodes);
  const build = (ref: SlideRef): RevealSlide => {
    if (ref.keep !== undefined) {
      const slide = before[ref.keep];
      if (!slide) throw new Error(`slidewright: the page has no slide ${ref.keep + 1} to keep`);
      if (ref.notes !== undefined) setNotes(slide, ref.notes);
      return slide;
    }
    const slide = parseSection(ref.html ?? '');
    const old = ref.replaces === undefined ? undefined : before[ref.replaces];
    if (old && patch.inPlace) takeOver(slide, old);
    return slide;
  };
  const after = list.map(build);
  if (patch.inPlace) {
    // The common edit: one slide's text. Swap the node, sync that slide only.
    list.forEach((ref, i) => {
      if (ref.html === undefined) return;
      before[i]!.replaceWith(after[i]!);
      reveal.syncSlide(after[i]!);
    });
  } else {
    let next = 0;
    const top = patch.nodes.map((node) => {
      if ('slide' in node) return after[next++]!;
      const children = after.slice(next, (next += node.stack.length));
      // The stack's wrapper is kept when one of its slides was, so that it is not moved for nothing.
      const kept = children.find((child) => child.parentElement?.parentElement === container);
      const wrapper = kept?.parentElement ?? document.createElement('section');
      arrange(wrapper, children);
      return wrapper;
    });
    arrange(container, top);
    reveal.sync();
  }
  after.forEach((slide, i) => {
    const line = String(patch.lines[i]);
    if (slide.getAttribute('data-source-line') !== line) slide.setAttribute('data-source-line', line);
  });

  const followed = options.follow ? patch.changed[0] : undefined;
  const target = followed ?? (currentIndex >= 0 ? successor(list, currentIndex) : 0);
  const position: Position = positionOf(patch.nodes, Math.max(0, target));
  // The same slide keeps its fragment; another slide starts at its beginning.
  const sameSlide = followed === undefined || successor(list, currentIndex) === target;
  if (sameSlide && f !== undefined) position.f = f;
  const shown = before[currentIndex];
  // reveal.js holds on to the current slide and lays slides out as they are shown: it is told
  // when the slide under the speaker changed or moved (6 ms on 200 slides, so not for notes).
  const newNode = patch.inPlace ? list[target]?.html !== undefined : true;
  if (newNode || target !== currentIndex) {
    reveal.slide(position.h, position.v, position.f);
    reveal.layout();
  }
  const now = reveal.getCurrentSlide();
  if (now === after[target] && patch.changed.includes(target)) {
    // reveal.js tells its plugins (the speaker view's notes) about a new slide only when the
    // indices change; here the slide under them did.
    reveal.dispatchEvent({ type: 'slidechanged', data: { indexh: position.h, indexv: position.v, previousSlide: shown ?? null, currentSlide: now } });
  }
}

/**
 * Reloads the media at these URL paths where the slides use them (images, video, backgrounds):
 * the URL gets a fresh query so the browser fetches the file again.
 */
export function refreshMedia(reveal: RevealDeck, paths: string[]): number {
  const container = reveal.getSlidesElement();
  if (!container || paths.length === 0) return 0;
  const wanted = new Set(paths);
  const stamp = `slidewright=${Date.now()}`;
  const attributes = ['src', 'data-src', 'poster', 'data-background-image', 'data-background-video', 'data-background'];
  const synced = new Set<HTMLElement>();
  let count = 0;
  for (const element of container.querySelectorAll<HTMLElement>(attributes.map((a) => `[${a}]`).join(','))) {
    for (const name of attributes) {
      const value = element.getAttribute(name);
      if (!value) continue;
      let url: URL;
      try {
        url = new URL(value, location.href);
      } catch {
        continue;
      }
      if (url.origin !== location.origin || !wanted.has(decodeURIComponent(url.pathname))) continue;
      url.searchParams.delete('slidewright');
      url.search = url.search ? `${url.search}&${stamp}` : `?${stamp}`;
      element.setAttribute(name, value.replace(/[?#].*$/, '') + url.search + url.hash);
      count++;
      if (name.startsWith('data-background')) synced.add(element);
      else if (element.localName === 'source') (element.parentElement as HTMLMediaElement | null)?.load?.();
    }
  }
  for (const slide of synced) reveal.syncSlide(slide);
  return count;
}
