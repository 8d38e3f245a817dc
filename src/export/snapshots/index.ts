/**
 * PNG snapshots of a deck's slides: one image per slide (or per fragment step), at the deck's
 * size times `scale`, plus `index.json`.
 *
 * How: reveal.js's print view lays out every slide at once in one page load; the doctor's page
 * code settles it so each slide sits exactly as in the normal view (see `doctor-print.ts`),
 * and each slide is shown alone in the window and photographed: at scale 1 as the frame
 * Chromium draws for it (its screencast, see `frame-stream.ts`), else, or when that stream
 * cannot be trusted, with Chromium's screenshot call. Large decks get a few pages side by side. Deterministic: no transitions, animations finished, fonts loaded, images decoded,
 * same browser and size each time.
 */
import { availableParallelism } from 'node:os';
import { mkdir, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright';
import type { CompiledDeck } from '../../pipeline.ts';
import { DeckStore } from '../../project/deck-store.ts';
import type { Project } from '../../project/project.ts';
import { writeFileAtomic } from '../../util/atomic-write.ts';
import { wallClock, type Phases } from '../../util/phases.ts';
import type { PrintLayout } from '../../client/doctor/doctor-print.ts';
import { openDoctorPage } from '../check/page-bundle.ts';
import { evaluateJson } from '../page-call.ts';
import { FrameStream } from './frame-stream.ts';
import { waitForDeckReady } from '../page-ready.ts';
import type { SiteDeck } from '../site.ts';
import {
  buildIndex,
  defaultJobs,
  deckPageUrl,
  planImages,
  printViewQuery,
  staleImages,
  type PlannedImage,
  type SnapshotIndex,
  type SnapshotSettings,
} from './plan.ts';

export interface SnapshotOptions extends SnapshotSettings {
  /** Images go to `<outDir>/<deck name>/`. */
  outDir: string;
  /** Browser pages photographing side by side (default: from the deck's size and the cores). */
  jobs?: number;
  timeoutMs: number;
  /** The project, to compile the deck when `compiled` is not given and to write its source path relative to the root in index.json. */
  project: Project;
  /** The deck as compiled for the site (default: compiled here). */
  compiled?: CompiledDeck;
  /** Where the time goes (`--profile`). */
  phases?: Phases;
}

export interface DeckSnapshots {
  deck: string;
  dir: string;
  index: SnapshotIndex;
  /** Images of an earlier run that this one removed (the deck got shorter). */
  removed: string[];
  jobs: number;
  /** How the images were taken: frames of the page's screencast, or screenshot calls (see `photograph`). */
  taken: TakenBy;
  ms: number;
}

export interface TakenBy {
  frames: number;
  screenshots: number;
}

interface Worker {
  context: BrowserContext;
  page: Page;
  layout: PrintLayout;
  scale: number;
  /** The page's title (the deck's, as built). */
  title: string;
}

async function loadWorker(
  context: BrowserContext,
  url: string,
  scale: number,
  viewport: { width: number; height: number },
  timeoutMs: number,
  phases: Phases | undefined,
): Promise<Worker> {
  let lap = wallClock();
  const mark = (name: string) => {
    phases?.add(name, lap);
    lap = wallClock();
  };
  // Not painted yet: the settled layout is painted below, in the same call as the settling.
  const page = await openDoctorPage(context, url, timeoutMs, undefined, false);
  mark('page: open, load, reveal ready (each page)');
  // Settled, then (when the window already has the deck's size) fonts, images decoded at their
  // final size, and two frames painted: one call to the page, which is busy drawing.
  // (The layout back as JSON text: see page-call.ts.)
  const settled = await evaluateJson(page, async () => {
    const layout = window.SlidewrightDoctor!.settlePrintLayout(document);
    const sized = window.innerWidth === layout.width && window.innerHeight === layout.height;
    if (sized) await window.SlidewrightDoctor!.assetsReady(document, true);
    return { layout, title: document.title, sized };
  }, undefined);
  const { layout, title } = settled;
  if (!settled.sized) {
    // reveal.js does not lay the print view out again on resize.
    await page.setViewportSize({ width: layout.width, height: layout.height });
    await waitForDeckReady(page, { print: true, timeoutMs });
  }
  mark('page: print layout settled, fonts, images (each page)');
  return { context, page, layout, scale, title };
}

/** How long a streamed frame may take before the page is photographed the slow way (one normally comes in 15-30 ms). */
const FRAME_WAIT_MS = 2000;
/** After the last streamed frame, how long to watch for a late one (see `FrameStream.settle`). */
const STREAM_QUIET_MS = 60;

/**
 * Takes images from the shared queue until it is empty; files are written while the next is
 * taken. At scale 1 the images are the frames the page draws anyway (`FrameStream`); when the
 * stream cannot be trusted (a frame nobody asked for, or none), the images it gave are taken
 * again with Chromium's screenshot call, which makes a frame of its own after the change.
 */
async function photograph(worker: Worker, queue: PlannedImage[], dir: string, written: Set<string>, taken: TakenBy, phases: Phases | undefined): Promise<void> {
  const cdp = await worker.context.newCDPSession(worker.page);
  const writes: Promise<void>[] = [];
  const write = (file: string, png: Buffer) => {
    const writing = wallClock();
    writes.push(
      writeFileAtomic(path.join(dir, file), png).then(() => {
        phases?.add('slide: file write (atomic, beside the next capture)', writing);
        written.add(file);
      }),
    );
  };
  const capture = async (image: PlannedImage) => {
    const showing = wallClock();
    const box = await worker.page.evaluate((index) => window.SlidewrightDoctor!.showOnlyPage(document, index), image.page);
    if (!box) throw new Error(`page ${image.page} of the print view has no box`);
    const capturing = wallClock();
    phases?.add('slide: show it alone', showing, capturing);
    const shot = (await cdp.send('Page.captureScreenshot', {
      format: 'png',
      // CSS pixels in; `scale` device pixels per CSS pixel out (the page renders at that density).
      clip: { x: box.x, y: box.y, width: worker.layout.width, height: worker.layout.height, scale: worker.scale },
      captureBeyondViewport: false,
      // Chromium's faster PNG encoder: files about a quarter larger, the same pixels, a good part of
      // each shot's CPU saved.
      optimizeForSpeed: true,
    })) as { data: string };
    phases?.add('slide: capture and PNG encode (Chromium)', capturing);
    taken.screenshots++;
    write(image.file, Buffer.from(shot.data, 'base64'));
  };
  const starting = wallClock();
  let stream = worker.scale === 1 ? await FrameStream.start(cdp, FRAME_WAIT_MS) : undefined;
  if (stream) phases?.add('page: screencast started, then quiet (each page)', starting);
  const streamed: PlannedImage[] = [];
  let lastFrame: Buffer | undefined;
  /** Stops the stream; what it gave is taken again. */
  const distrust = async () => {
    await stream?.stop();
    stream = undefined;
    await Promise.all(writes);
    taken.frames -= streamed.length;
    for (const image of streamed.splice(0)) await capture(image);
  };
  try {
    for (let image = queue.shift(); image; image = queue.shift()) {
      if (stream && !stream.accounted) await distrust();
      if (!stream) {
        await capture(image);
        continue;
      }
      const showing = wallClock();
      const frame = stream.next(FRAME_WAIT_MS);
      const box = await worker.page.evaluate((index) => window.SlidewrightDoctor!.showOnlyPageInFrame(document, index), image.page);
      if (!box) throw new Error(`page ${image.page} of the print view has no box`);
      const framing = wallClock();
      phases?.add('slide: show it alone (in a frame of its own)', showing, framing);
      const png = await frame;
      phases?.add('slide: its frame, PNG encoded (Chromium\'s screencast)', framing);
      streamed.push(image);
      taken.frames++;
      // The same bytes as the slide before: most likely that slide's frame, come late (the
      // stream is a frame behind); two slides alike cost only the slow way.
      if (!png || (lastFrame && png.equals(lastFrame))) {
        await distrust();
        continue;
      }
      lastFrame = png;
      write(image.file, png);
    }
    if (stream && !(await stream.settle(STREAM_QUIET_MS))) await distrust();
  } finally {
    await stream?.stop();
    await Promise.all(writes);
    await cdp.detach().catch(() => undefined);
  }
}

function sameLayout(a: PrintLayout, b: PrintLayout): boolean {
  return a.width === b.width && a.height === b.height && a.pages.length === b.pages.length && a.slides.length === b.slides.length;
}

/**
 * Photographs one deck of a running site (see `startSite`) with an already launched browser.
 * The first page plans the work and starts; the others load meanwhile and join as they become
 * ready, taking images from a shared queue.
 */
export async function snapshotDeck(browser: Browser, deck: SiteDeck, options: SnapshotOptions): Promise<DeckSnapshots> {
  const started = performance.now();
  // Only to decide how many pages to open and at which size; the page says what there is.
  const compiled = options.compiled ?? new DeckStore({ ...options.project, decks: [deck] }).load(deck);
  const expectedImages = options.range?.length ?? compiled.rendered.slideCount;
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(expectedImages, availableParallelism()), expectedImages || 1));
  const config = compiled.rendered.revealConfig;
  const guess = (value: unknown, fallback: number) => (Number.isFinite(Number(value)) && Number(value) > 0 ? Number(value) : fallback);
  const viewport = { width: guess(config.width, 960), height: guess(config.height, 700) };
  const url = deckPageUrl(deck.url, printViewQuery(options.fragments));
  const dir = path.join(options.outDir, deck.name);

  // The first page loads alone; the others start once it photographs. Loaded side by side,
  // pages slow each other down (two pages of 200 slides: 1.8 s each, against 1.0 s for one
  // alone), and the first image waits for the slowest of them.
  const contexts: Promise<BrowserContext>[] = [];
  const load = (): Promise<Worker> => {
    const opening = wallClock();
    const context = browser.newContext({ viewport, deviceScaleFactor: options.scale });
    contexts.push(context);
    return context.then((c) => {
      options.phases?.add('page: browser context', opening);
      return loadWorker(c, url, options.scale, viewport, options.timeoutMs, options.phases);
    });
  };
  try {
    const first = await load();
    const layout = first.layout;
    const planned = planImages(layout.pages, layout.slides, options, `"${deck.name}"`);
    const queue = [...planned];
    const written = new Set<string>();
    const taken: TakenBy = { frames: 0, screenshots: 0 };
    await mkdir(dir, { recursive: true });
    const failures: unknown[] = [];
    // Pages still loading when the queue runs dry are not waited for (closed below).
    let active = 0;
    let finish = () => {};
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const loading = [Promise.resolve(first), ...Array.from({ length: jobs - 1 }, load)];
    // Pages closed before they finished loading reject; that is handled where it matters.
    for (const page of loading) page.catch(() => undefined);
    const workers = loading.map(async (page) => {
      let worker: Worker;
      try {
        worker = await page;
      } catch (error) {
        if (queue.length) failures.push(error);
        return;
      }
      if (queue.length === 0) return;
      if (!sameLayout(worker.layout, layout)) {
        failures.push(new Error(`${deck.name}: the deck laid out differently in two pages of the same browser`));
        return;
      }
      active++;
      try {
        await photograph(worker, queue, dir, written, taken, options.phases);
      } finally {
        active--;
        if (queue.length === 0 && active === 0) finish();
      }
    });
    await Promise.race([finished, Promise.all(workers)]);
    const missing = planned.filter((p) => !written.has(p.file));
    if (missing.length) throw failures[0] ?? new Error(`${deck.name}: ${missing.length} images were not written`);

    const index = buildIndex({
      deck: deck.name,
      source: relativeSource(options.project.root, deck.file),
      title: first.title || null,
      width: layout.width,
      height: layout.height,
      scale: options.scale,
      fragments: options.fragments,
      slideCount: layout.slides.length,
      images: planned,
    });
    await writeFileAtomic(path.join(dir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
    const removed = staleImages(await readdir(dir), planned.map((p) => p.file));
    await Promise.all(removed.map((f) => unlink(path.join(dir, f))));
    return { deck: deck.name, dir, index, removed, jobs, taken, ms: performance.now() - started };
  } finally {
    await Promise.all(contexts.map((c) => c.then((context) => context.close()).catch(() => undefined)));
  }
}

function relativeSource(root: string | undefined, file: string): string {
  if (!root) return file;
  const relative = path.relative(root, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}
