/**
 * What an edit changed in a rendered deck, slide by slide, for the dev server's in-place
 * updates: which slides the open page keeps (the same DOM nodes), which get new notes, which
 * are new, and the new order. Pure data in, pure data out; the page applies it
 * (`src/client/deck/patch.ts`).
 */
import { sectionHtml, type RenderedNode, type RenderedSlide } from './deck.ts';

/** One slide of the new deck, said in terms of the page's current slides. */
export interface SlideRef {
  /** Keep the page's slide at this index (reading order, stacks flattened). */
  keep?: number;
  /** With `keep`: the slide's notes became this (`''`: none). */
  notes?: string;
  /** A new `<section>`: the slide's content changed, or it was added. */
  html?: string;
  /** With `html`: the page's slide it takes the place of (the slide that was edited). */
  replaces?: number;
}

export type PatchNode = { slide: SlideRef } | { stack: SlideRef[] };

export interface SlidesPatch {
  /** The new deck, top level in order: slides and vertical stacks. */
  nodes: PatchNode[];
  /** Each new slide's first source line (`data-source-line`), in reading order. */
  lines: number[];
  /** Reading-order indices of the new slides whose content or notes changed, or that are new. */
  changed: number[];
  /** No slide was added, removed or moved: every new slide is the page's slide at the same index. */
  inPlace: boolean;
}

/** A slide as the diff compares it: what it shows, its notes, where it starts. */
interface FlatSlide {
  look: string;
  notes: string;
  line: number;
  html: () => string;
}

function flatten(nodes: RenderedNode[]): { slides: FlatSlide[]; shape: number[] } {
  const slides: FlatSlide[] = [];
  const shape: number[] = [];
  const add = (slide: RenderedSlide) =>
    slides.push({ look: `${slide.attributes}\n${slide.body}`, notes: slide.notes, line: slide.line, html: () => sectionHtml(slide) });
  for (const node of nodes) {
    if (node.kind === 'slide') {
      add(node.slide);
      shape.push(0);
    } else {
      node.slides.forEach(add);
      shape.push(node.slides.length);
    }
  }
  return { slides, shape };
}

/**
 * The patch that turns the page's slides (`before`) into `after`. Slides that look the same are
 * kept (also when they moved); an edited slide replaces the one at its place, found by the
 * unchanged slides around it, so the speaker stays on the slide they were editing.
 */
export function diffSlides(before: RenderedNode[], after: RenderedNode[]): SlidesPatch {
  const old = flatten(before);
  const next = flatten(after);
  const refs: SlideRef[] = next.slides.map(() => ({}));
  let start = 0;
  while (start < old.slides.length && start < next.slides.length && old.slides[start]!.look === next.slides[start]!.look) {
    refs[start]!.keep = start;
    start++;
  }
  let oldEnd = old.slides.length;
  let newEnd = next.slides.length;
  while (oldEnd > start && newEnd > start && old.slides[oldEnd - 1]!.look === next.slides[newEnd - 1]!.look) {
    refs[--newEnd]!.keep = --oldEnd;
  }
  // In between: slides that moved are found by their look; the rest pair up in order, an
  // edited slide taking the place of the old one there; what is left was added or removed.
  const unused = new Map<string, number[]>();
  for (let i = start; i < oldEnd; i++) {
    const look = old.slides[i]!.look;
    const list = unused.get(look);
    if (list) list.push(i);
    else unused.set(look, [i]);
  }
  const taken = new Set<number>();
  for (let j = start; j < newEnd; j++) {
    const i = unused.get(next.slides[j]!.look)?.shift();
    if (i !== undefined) {
      refs[j]!.keep = i;
      taken.add(i);
    }
  }
  const replaceable: number[] = [];
  for (let i = start; i < oldEnd; i++) if (!taken.has(i)) replaceable.push(i);
  const changed: number[] = [];
  for (let j = 0; j < next.slides.length; j++) {
    const ref = refs[j]!;
    const slide = next.slides[j]!;
    if (ref.keep === undefined) {
      ref.html = slide.html();
      const replaces = replaceable.shift();
      if (replaces !== undefined) ref.replaces = replaces;
      changed.push(j);
    } else if (old.slides[ref.keep]!.notes !== slide.notes) {
      ref.notes = slide.notes;
      changed.push(j);
    }
  }
  const samePlaces = refs.every((ref, j) => (ref.keep ?? ref.replaces) === j);
  const inPlace = samePlaces && old.slides.length === next.slides.length && old.shape.join() === next.shape.join();
  let at = 0;
  const nodes: PatchNode[] = next.shape.map((size) => {
    if (size === 0) return { slide: refs[at++]! };
    const stack = refs.slice(at, at + size);
    at += size;
    return { stack };
  });
  return { nodes, lines: next.slides.map((s) => s.line), changed, inPlace };
}
