/**
 * The browser half of the PDF export. One Chromium (found by the product's shared discovery)
 * is launched while the selected decks are rendered and served (src/export/site.ts); then each deck gets its own page, decks in
 * parallel up to the core count: reveal.js print view (`?print-pdf` plus the deck's settings as
 * config overrides), `pdf-ready`, fonts, images, the page plan (`--range`, notes after fragment
 * steps), one `page.pdf` in the size reveal sets, then metadata/outline/ActualText and an
 * atomic write. A deck that fails or times out is reported and the others go on.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, BrowserContext, Page, Request } from 'playwright';
import type { FoundBrowser } from '../browser/finders.ts';
import { chromium, findBrowser, launchOptions } from '../browser/index.ts';
import type { JsonValue } from '../../format/types.ts';
import { listDecks, type Project } from '../../project/project.ts';
import { writeFileAtomic } from '../../util/atomic-write.ts';
import { wallClock, type Phases } from '../../util/phases.ts';
import type { SiteDeck } from '../site.ts';
import { buildOutline, printQuery, type DeckOutcome, type PdfSettings } from './options.ts';
import { finishPdf } from './metadata.ts';
import { firstLine, startDeckSide, type DeckJob, type DeckSide } from './deck-side.ts';
import { INIT_SCRIPT, preparePrint } from './page-script.ts';
import { evaluateJson } from '../page-call.ts';
import { startFailure } from '../page-ready.ts';

export interface ExportOptions {
  /** The project, its `decks` those to export. */
  project: Project;
  /** Directory for `<deck>.pdf` (created when missing). */
  outDir: string;
  /** Settings from the command line; they win over each deck's own. */
  cli: Partial<PdfSettings>;
  /** Time limit per deck, from opening its page to writing its PDF. */
  timeoutMs: number;
  /** Decks exported at once (default: the number of cores). */
  concurrency?: number;
  /** A browser already starting (see `startBrowser`); default: one found by `findBrowser()`. */
  session?: BrowserSession;
  /**
   * The caller exits the process as soon as this returns: the browser and the site are then
   * closed without waiting for them (the PDFs are all written by then).
   */
  exitsAfter?: boolean;
  /** The browser stays open for the caller's next export (`pdf --watch`); the caller closes it. */
  keepBrowser?: boolean;
  /** The decks' half already started (see `startDeckSide`); default: started here. */
  deckSide?: Promise<DeckSide>;
  /** Called when a deck is done, in completion order. */
  onDeck?: (outcome: DeckOutcome) => void;
  /** Called once the decks are rendered and the browser started. */
  onStart?: (info: { browser: FoundBrowser; version: string; decks: number; ms: number }) => void;
  signal?: AbortSignal;
  /** Where the time goes, stage by stage (`--profile`). */
  phases?: Phases;
  /** Keep compiled decks on disk between runs (see src/project/compiled-cache.ts). */
  diskCache?: boolean;
}

export interface ExportReport {
  outcomes: DeckOutcome[];
  ms: number;
}

/** The browser could not be started (found, but it does not run). */
export class BrowserLaunchError extends Error {
  override name = 'BrowserLaunchError';
}

class DeckFailure extends Error {
  override name = 'DeckFailure';
}

const PACKAGE_VERSION = (() => {
  try {
    const file = new URL('../../../package.json', import.meta.url);
    return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '0';
  } catch {
    return '0';
  }
})();

function metaString(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const parts = value.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String);
    return parts.length ? parts.join(', ') : undefined;
  }
  if (value && typeof value === 'object' && typeof value.name === 'string') return value.name;
  return undefined;
}

function metaKeywords(value: JsonValue | undefined): string[] | undefined {
  if (typeof value === 'string') return value.split(',').map((k) => k.trim()).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
  return undefined;
}

export interface BrowserSession {
  found: FoundBrowser;
  browser: Promise<Browser>;
  /**
   * Pages opened ahead for the next export of a kept browser (`keepBrowser`): a new page costs
   * 130–190 ms, a third of a watched deck's rewrite.
   */
  spare?: Promise<OpenPage>[];
}

/**
 * Finds the browser (throws `BrowserNotFoundError` at once when there is none) and starts it;
 * callers start it before their other work so that it is up by the time the decks are rendered.
 */
export function startBrowser(found: FoundBrowser = findBrowser()): BrowserSession {
  const browser = launch(found);
  browser.catch(() => undefined); // awaited (and reported) by exportPdfs
  return { found, browser };
}

async function launch(found: FoundBrowser): Promise<Browser> {
  try {
    // The shared launch options (../browser/index.ts), plus: the command handles Ctrl-C itself
    // (it closes the browser and removes temporary files).
    return await chromium.launch({
      ...launchOptions(found),
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (error) {
    const detail = (error as Error).message.split('\n').find((l) => l.trim() && !/^browserType\.launch/.test(l)) ?? (error as Error).message;
    throw new BrowserLaunchError(
      `cannot start the browser ${found.executablePath} (found via ${found.source}): ${detail.trim()}\n` +
        'Install Chromium (Debian/Ubuntu: sudo apt-get install -y chromium fonts-noto-color-emoji) or set CHROME_PATH to a working Chrome/Chromium.',
    );
  }
}

export async function exportPdfs(options: ExportOptions): Promise<ExportReport> {
  const started = performance.now();
  // Fail fast and clearly when there is no browser, before building anything.
  const session = options.session ?? startBrowser();
  const found = session.found;
  const browserPromise = session.browser;
  const decks = listDecks(options.project);
  const deckSide = options.deckSide ?? startDeckSide({ project: options.project, cli: options.cli, diskCache: options.diskCache });
  deckSide.catch(() => undefined);
  const concurrency = Math.max(1, Math.min(options.concurrency ?? availableParallelism(), decks.length));
  // While the decks are rendered, open the first pages (Chromium's first renderer takes a while to start).
  const warmPages: Promise<OpenPage>[] = session.spare?.splice(0) ?? [];
  void browserPromise.then((b) => {
    for (let i = warmPages.length; i < concurrency; i++) {
      const opening = openPage(b);
      opening.catch(() => undefined);
      warmPages.push(opening);
    }
  }, () => undefined);
  let browser: Browser;
  let side: DeckSide;
  try {
    [browser, side] = await Promise.all([browserPromise, deckSide]);
  } catch (error) {
    await deckSide.then((d) => d.close()).catch(() => undefined);
    await browserPromise.then((b) => b.close()).catch(() => undefined);
    throw error;
  }
  for (const phase of side.phases) options.phases?.add(phase.name, phase.start, phase.end);
  const outcomes: DeckOutcome[] = [...side.failed];
  side.failed.forEach((o) => options.onDeck?.(o));
  const onAbort = () => void browser.close().catch(() => undefined);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    options.onStart?.({ browser: found, version: browser.version(), decks: side.jobs.length, ms: performance.now() - started });
    await mkdir(options.outDir, { recursive: true });
    const queue = [...side.jobs];
    const creator = `slidewright ${PACKAGE_VERSION} (reveal.js print view, Chromium ${browser.version()})`;
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        if (options.signal?.aborted) return;
        const renderError = side.unrendered.get(job.entry.name);
        const siteDeck = side.pages.get(job.entry.name);
        const outcome: DeckOutcome =
          renderError || !siteDeck
            ? { name: job.entry.name, ok: false, ms: 0, error: renderError ?? 'the deck has no page', warnings: job.warnings }
            : await exportDeck(warmPages.shift() ?? openPage(browser), siteDeck, job, options, creator);
        outcomes.push(outcome);
        options.onDeck?.(outcome);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    if (options.keepBrowser && !options.signal?.aborted) {
      session.spare = warmPages.splice(0);
      while (session.spare.length < concurrency) {
        const opening = openPage(browser);
        opening.catch(() => undefined);
        session.spare.push(opening);
      }
    }
    for (const left of warmPages) void left.then((p) => p.context.close()).catch(() => undefined);
    const closing = Promise.all([options.keepBrowser ? undefined : browser.close().catch(() => undefined), side.close()]);
    if (options.signal?.aborted) await removeTemporaryFiles(options.outDir);
    // A command about to exit need not wait for Chromium's shutdown (about 0.1 s): Playwright
    // kills the browser and removes its profile when the process exits.
    if (!options.exitsAfter || options.signal?.aborted) await closing;
  }
  const order = new Map(decks.map((d, i) => [d.name, i]));
  outcomes.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  return { outcomes, ms: performance.now() - started };
}

/** `writeFileAtomic`'s temporary files of this process, left when it was interrupted mid-write. */
async function removeTemporaryFiles(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.filter((n) => n.startsWith('.') && n.endsWith('.tmp') && n.includes(`.pdf.${process.pid}.`)).map((n) => unlink(path.join(dir, n)).catch(() => undefined)),
  );
}

class Deadline {
  readonly #end: number;
  #timer: NodeJS.Timeout | undefined;
  constructor(
    readonly ms: number,
    private readonly describe: (stage: string) => string,
  ) {
    this.#end = performance.now() + ms;
  }
  remaining(): number {
    return Math.max(1, this.#end - performance.now());
  }
  /** Resolves as `work` does, or rejects when the deck's time is up or `fatal` rejects first. */
  race<T>(work: Promise<T>, stage: string, fatal: Promise<never>): Promise<T> {
    const timeout = new Promise<never>((_, reject) => {
      this.#timer = setTimeout(() => reject(new DeckFailure(this.describe(stage))), this.remaining());
    });
    return Promise.race([work, timeout, fatal]).finally(() => clearTimeout(this.#timer));
  }
}

/** Resources whose failure means the deck cannot be laid out: fail at once, not at the time limit. */
const ESSENTIAL = new Set(['document', 'script', 'stylesheet']);

/** The deck's own page, script or styles; an embedded frame's page (a video offline) is not. */
function isEssential(request: Request, page: Page): boolean {
  if (!ESSENTIAL.has(request.resourceType())) return false;
  if (request.resourceType() !== 'document') return true;
  try {
    return request.frame() === page.mainFrame();
  } catch {
    return false; // a request without a frame (a worker's) is not the page
  }
}

export interface OpenPage {
  context: BrowserContext;
  page: Page;
}

/** A fresh page with the scripts that must run before the deck's own. */
async function openPage(browser: Browser): Promise<OpenPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(INIT_SCRIPT);
  return { context, page };
}

async function exportDeck(
  opening: Promise<OpenPage>,
  siteDeck: SiteDeck,
  job: DeckJob,
  options: ExportOptions,
  creator: string,
): Promise<DeckOutcome> {
  const started = performance.now();
  const warnings = [...job.warnings];
  const settings = job.resolved.settings;
  const pending = new Map<Request, string>();
  const pageErrors: string[] = [];
  let failFatal: (error: Error) => void = () => undefined;
  const fatal = new Promise<never>((_, reject) => {
    failFatal = reject;
  });
  fatal.catch(() => undefined);
  const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  let lap = wallClock();
  const mark = (stage: string) => {
    const now = wallClock();
    options.phases?.add(stage, lap, now);
    lap = now;
  };
  const deadline = new Deadline(options.timeoutMs, (stage) => {
    const still = [...pending.values()].filter((u) => !u.startsWith('data:'));
    const hints = [
      still.length ? `still loading: ${still.slice(0, 3).join(', ')}${still.length > 3 ? ` and ${still.length - 3} more` : ''}` : '',
      pageErrors.length ? `page error: ${pageErrors.slice(0, 2).join('; ')}` : '',
    ].filter(Boolean);
    return `timed out after ${seconds(options.timeoutMs)} (--timeout) waiting for ${stage}${hints.length ? `; ${hints.join('; ')}` : ''}`;
  });
  let context: BrowserContext | undefined;
  try {
    const opened = await opening;
    context = opened.context;
    const page = opened.page;
    page.on('request', (r) => pending.set(r, r.url()));
    // The status comes with the response event (asking each finished request for its
    // response would cost a round trip to the browser per file).
    page.on('response', (response) => {
      if (response.status() < 400) return;
      const r = response.request();
      if (isEssential(r, page)) failFatal(new DeckFailure(`the deck page could not load ${r.url()} (HTTP ${response.status()})`));
      else warnings.push(`${r.url()} did not load (HTTP ${response.status()})`);
    });
    page.on('requestfinished', (r) => pending.delete(r));
    page.on('requestfailed', (r) => {
      pending.delete(r);
      const reason = r.failure()?.errorText ?? 'failed';
      if (isEssential(r, page)) failFatal(new DeckFailure(`the deck page could not load ${r.url()} (${reason})`));
      else warnings.push(`${r.url()} did not load (${reason})`);
    });
    page.on('pageerror', (e) => pageErrors.push(e.message.split('\n')[0]!));
    const url = siteDeck.url + printQuery(settings);
    mark('page: context and listeners');
    await deadline.race(page.goto(url, { waitUntil: 'commit', timeout: 0 }), 'the deck page', fatal);
    mark('page: navigation (response)');
    // One call, which waits in the page (see preparePrint). Sent right after the commit, it can
    // still reach the blank page a spare page was opened on (pdf --watch): it then says so, or
    // fails as that page goes, and the deck's document (the one with the init script) is waited
    // for with waitForFunction, which follows the page across the navigation, before calling again.
    const prepare = () => evaluateJson(page, preparePrint, settings.range);
    const prepared = await deadline.race(
      prepare()
        .catch((error: Error) => {
          if (/Execution context was destroyed|Cannot find context/.test(error.message)) return null;
          throw error;
        })
        .then((first) => first ?? page.waitForFunction(() => window.__slidewrightPrint !== undefined, undefined, { timeout: 0 }).then(prepare))
        .then((result) => {
          if (result === null) throw new Error('the deck page has no print helpers (its init script did not run)');
          return result;
        })
        .catch((error: Error) => {
          throw pageErrors.length && !/Target (page|closed)/.test(error.message) ? new DeckFailure(startFailure(pageErrors[0]!)) : error;
        }),
      "reveal.js's print layout (pdf-ready), fonts and images",
      fatal,
    );
    if ('startError' in prepared) throw new DeckFailure(startFailure(prepared.startError));
    const { layout, headings } = prepared;
    const plan = { ...prepared.plan, firstPage: new Map(prepared.plan.firstPage) };
    if (plan.missing.length) {
      warnings.push(`--range: the deck has ${layout.slideCount} slides; ${plan.missing.join(', ')} ${plan.missing.length === 1 ? 'does' : 'do'} not exist`);
    }
    if (plan.keep.length === 0) {
      throw new DeckFailure(`the range selects no slide: the deck has ${layout.slideCount} slide${layout.slideCount === 1 ? '' : 's'}`);
    }
    mark('page ready and plan: print layout, fonts, images, range, headings');
    const printed = await deadline.race(
      page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: false }),
      'Chromium to print the PDF',
      fatal,
    );
    mark("print: Chromium's PDF writer");
    // Closed while the PDF is finished: nothing more is needed from the page.
    const closing = context.close().catch(() => undefined);
    context = undefined;
    let bytes: Uint8Array = printed;
    let pages = plan.pageCount;
    try {
      const finished = finishPdf(printed, {
        info: {
          title: job.title,
          author: metaString(job.meta.author),
          subject: metaString(job.meta.subject) ?? metaString(job.meta.description),
          keywords: metaKeywords(job.meta.keywords),
          creator,
        },
        outline: buildOutline(layout.slides, plan),
        headings,
      });
      bytes = finished.bytes;
      pages = finished.pageCount;
      warnings.push(...finished.warnings);
      if (finished.pageCount !== plan.pageCount) {
        warnings.push(`the PDF has ${finished.pageCount} pages where ${plan.pageCount} were planned; bookmarks may point a page off`);
      }
    } catch (error) {
      warnings.push(`the PDF is written as Chromium printed it, without bookmarks or metadata: ${firstLine(error)}`);
    }
    mark('finish: outline, metadata, tags');
    const target = path.join(options.outDir, `${job.entry.name}.pdf`);
    await writeFileAtomic(target, bytes);
    mark('file write (atomic)');
    await closing;
    return {
      name: job.entry.name,
      ok: true,
      file: path.relative(process.cwd(), target) || target,
      pages,
      ms: performance.now() - started,
      warnings,
    };
  } catch (error) {
    const message =
      options.signal?.aborted ? 'interrupted' : error instanceof DeckFailure ? error.message : `${firstLine(error)}`;
    return { name: job.entry.name, ok: false, ms: performance.now() - started, error: message, warnings };
  } finally {
    await context?.close().catch(() => undefined);
  }
}
