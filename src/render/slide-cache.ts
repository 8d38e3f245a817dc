/**
 * Rendered slides kept between renders of the same deck, so that the dev server re-renders only
 * the slides an edit changed: rendering (marked, highlight.js, KaTeX) is most of a compile, about
 * 24 ms of a 200-slide deck's 30 ms, and an edit touches one slide. A slide's render depends on
 * its text, its place relative to its first line, the deck's shared link definitions, the
 * markdown options and the heading ids before it; the key holds all but the last, which is
 * checked on use (`HeadingIds.replay`). Entries not used by the last render are dropped.
 */
import type { Diagnostic } from '../shared/diagnostics.ts';
import type { HeadingRun } from './heading-ids.ts';

export interface CachedSlide {
  attributes: string;
  body: string;
  notes: string;
  headings: HeadingRun;
  /** The slide's diagnostics, lines counted from the slide's first line (0 = that line). */
  diagnostics: Diagnostic[];
}

export class SlideCache {
  #current = new Map<string, CachedSlide>();
  #previous = new Map<string, CachedSlide>();

  get(key: string): CachedSlide | undefined {
    const hit = this.#current.get(key) ?? this.#previous.get(key);
    if (hit) this.#current.set(key, hit);
    return hit;
  }

  set(key: string, slide: CachedSlide): void {
    this.#current.set(key, slide);
  }

  /** Called after each render of the deck: what that render did not use goes at the next. */
  endRender(): void {
    this.#previous = this.#current;
    this.#current = new Map();
  }

  get size(): number {
    return new Set([...this.#current.keys(), ...this.#previous.keys()]).size;
  }
}
