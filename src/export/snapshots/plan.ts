/**
 * The pure half of `npm run snapshots`: the print-view URL, which page of the print view
 * becomes which file, how the work is shared between browser pages, what `index.json` says,
 * and which old images a run replaces. No browser, no file system: unit-tested.
 */
import type { PageInfo, SlideInfo } from '../../client/doctor/doctor-print.ts';

export interface SnapshotSettings {
  /** One image per fragment step instead of one per slide (with every fragment shown). */
  fragments: boolean;
  /** 1-based slide numbers (reading order, vertical slides counted); null: all. */
  range: number[] | null;
  /** Device pixels per CSS pixel (`--scale 2` for high-DPI images). */
  scale: number;
}

/**
 * reveal.js options through the URL (reveal 6 reads `location.search` over the deck's config):
 * the print view lays out every slide at once; notes and slide numbers stay off the images;
 * fragment steps become separate pages only when asked for.
 */
export function printViewQuery(fragments: boolean): string {
  const params = [
    'print-pdf',
    `pdfSeparateFragments=${fragments}`,
    'showNotes=false',
    'slideNumber=false',
    'transition=none',
    'backgroundTransition=none',
    'controls=false',
    'progress=false',
  ];
  return `?${params.join('&')}`;
}

export function deckPageUrl(deckUrl: string, query: string): string {
  const url = new URL(deckUrl);
  url.hash = '';
  url.search = query;
  return url.href;
}

/** Width of the number in file names: 3 digits, more for decks past 999 slides. */
export function numberWidth(slideCount: number): number {
  return Math.max(3, String(slideCount).length);
}

/** `007.png`, or with fragment steps `007-02.png` (step 0: before the first fragment). */
export function imageFileName(slide: number, step: number | null, width: number): string {
  const n = String(slide).padStart(width, '0');
  return step === null ? `${n}.png` : `${n}-${String(step).padStart(2, '0')}.png`;
}

/** Files a run of `npm run snapshots` writes and may therefore replace: `NNN.png`, `NNN-SS.png`. */
export const IMAGE_FILE_PATTERN = /^\d{3,}(-\d{2,})?\.png$/;

export interface SnapshotImage {
  file: string;
  /** 1-based slide number in reading order. */
  slide: number;
  h: number;
  v: number;
  /** Fragment step (with --fragments), else null. */
  fragment: number | null;
  /** The slide's line in the markdown file. */
  line: number;
  title: string | null;
  notes: string | null;
}

export interface PlannedImage extends SnapshotImage {
  /** Index of the print-view page to photograph. */
  page: number;
}

export class RangeOutsideDeckError extends Error {
  override name = 'RangeOutsideDeckError';
}

/** Which print-view page becomes which file, in reading order. */
export function planImages(pages: ReadonlyArray<PageInfo>, slides: ReadonlyArray<SlideInfo>, settings: Pick<SnapshotSettings, 'fragments' | 'range'>, deckName = 'the deck'): PlannedImage[] {
  const bySlide = new Map(slides.map((s) => [s.number, s]));
  if (settings.range) {
    const missing = settings.range.filter((n) => !bySlide.has(n));
    if (missing.length) {
      throw new RangeOutsideDeckError(`--range asks for slide${missing.length > 1 ? 's' : ''} ${missing.join(', ')} but ${deckName} has ${slides.length} slide${slides.length === 1 ? '' : 's'}`);
    }
  }
  const wanted = settings.range ? new Set(settings.range) : null;
  const width = numberWidth(slides.length);
  const planned: PlannedImage[] = [];
  for (const page of pages) {
    if (wanted && !wanted.has(page.slide)) continue;
    const slide = bySlide.get(page.slide);
    if (!slide) continue;
    // Without --fragments the print view makes one page per slide (every fragment shown).
    if (!settings.fragments && page.step > 0) continue;
    const fragment = settings.fragments ? page.step : null;
    planned.push({
      page: page.index,
      file: imageFileName(slide.number, fragment, width),
      slide: slide.number,
      h: slide.h,
      v: slide.v,
      fragment,
      line: slide.line,
      title: slide.title,
      notes: slide.notes,
    });
  }
  return planned;
}

/**
 * Browser pages to photograph with. Pages working side by side overlap their captures; but
 * each page loads the whole deck first, which costs CPU. One page up to 40 images, one more per
 * 40 after that, never more than the cores, nor 4. (With frames on demand, a capture is mostly
 * CPU: at 200 slides on 2 cores, 3 pages took 6.2-7.0 s, 2 pages 5.7-6.1 s.)
 */
export function defaultJobs(images: number, cores: number): number {
  const byCores = Math.max(1, Math.min(4, cores));
  const byWork = 1 + Math.floor(Math.max(0, images - 1) / 40);
  return Math.min(byCores, byWork);
}

/** Images from an earlier run that this run did not write (a deck that got shorter). */
export function staleImages(existing: ReadonlyArray<string>, written: ReadonlyArray<string>): string[] {
  const keep = new Set(written);
  return existing.filter((f) => IMAGE_FILE_PATTERN.test(f) && !keep.has(f)).sort();
}

export interface SnapshotIndex {
  deck: string;
  /** The deck's markdown file, relative to the project root when inside it. */
  source: string;
  title: string | null;
  /** Slide size in CSS pixels; the images are `scale` times larger. */
  width: number;
  height: number;
  scale: number;
  fragments: boolean;
  slideCount: number;
  images: SnapshotImage[];
}

export function buildIndex(input: Omit<SnapshotIndex, 'images'> & { images: ReadonlyArray<PlannedImage> }): SnapshotIndex {
  return {
    ...input,
    images: input.images.map(({ page: _page, ...image }) => image),
  };
}
