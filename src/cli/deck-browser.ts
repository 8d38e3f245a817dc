/**
 * The run every browser command but `pdf` shares (the PDF export overlaps these steps for speed,
 * see src/export/pdf/export.ts): render and serve the decks, launch one browser, visit several
 * decks at once (each in its own page), and close the browser and the site however the run ends.
 */
import type { Browser } from 'playwright';
import { launchBrowser } from '../export/browser/index.ts';
import { startSite, type SiteDeck } from '../export/site.ts';
import { DeckStore, emptyPageError, type LoadedDeck } from '../project/deck-store.ts';
import { listDecks, type Project } from '../project/project.ts';
import { availableParallelism } from 'node:os';
import { mapPool } from '../util/pool.ts';
import { formatDiagnostic } from '../shared/diagnostics.ts';
import path from 'node:path';
import { progress } from './common.ts';
import type { Phases } from '../util/phases.ts';

export interface VisitOptions {
  /** Print the decks' pipeline warnings as they are rendered (off when the command reports them itself). */
  printWarnings: boolean;
  /** Decks visited at once (default: the number of cores). */
  decksAtOnce?: number;
  /** Each page holds the deck's first slide alone (see DeckStore). */
  firstSlideOnly?: boolean;
  /** Where the time goes (`--profile`). */
  phases?: Phases;
  /** Keep compiled decks on disk between runs (see src/project/compiled-cache.ts). */
  diskCache?: boolean;
  /** A browser the command started already (before it loaded this module); default: one launched here. */
  browser?: Promise<Browser>;
  /**
   * The process exits right after (`process.exit`): Chromium's shutdown (about 0.1 s) is not
   * waited for; Playwright kills it and removes its profile when the process exits.
   */
  exitsAfter?: boolean;
}

/** A deck whose visit failed; the others were still visited. */
export interface VisitFailure {
  deck: SiteDeck;
  error: unknown;
}

/** `visit` gets each deck's page and the deck as compiled for it (compiled once, shared with the site). */
export async function visitDecksInBrowser(
  project: Project,
  visit: (browser: Browser, deck: SiteDeck, loaded: LoadedDeck) => Promise<void>,
  options: VisitOptions,
): Promise<VisitFailure[]> {
  const decks = listDecks(project);
  progress(`rendering ${decks.length === 1 ? decks[0]!.name : `${decks.length} decks`}…`);
  const store = new DeckStore(project, { firstSlideOnly: options.firstSlideOnly, diskCache: options.diskCache });
  // Chromium starts (a child process, about 0.2 s) while the decks compile on this thread.
  const launching = options.browser ?? options.phases?.time('browser launch', () => launchBrowser()) ?? launchBrowser();
  launching.catch(() => undefined); // awaited below, or closed if the site fails
  const serve = () => startSite({ project, store, ...(options.printWarnings ? {} : { warn: () => undefined }) });
  let site: Awaited<ReturnType<typeof startSite>>;
  try {
    site = await (options.phases?.time('compile and serve the decks', serve) ?? serve());
  } catch (error) {
    void launching.then((b) => b.close()).catch(() => undefined);
    throw error;
  }
  try {
    const browser = await launching;
    try {
      const outcomes = await mapPool(site.decks, options.decksAtOnce ?? availableParallelism(), async (deck) => {
        const loaded = store.load(deck);
        const error = emptyPageError(loaded);
        if (error) throw new Error(formatDiagnostic(path.relative(process.cwd(), loaded.file) || loaded.file, error));
        await visit(browser, deck, loaded);
      });
      return outcomes.flatMap((outcome, i) => (outcome.ok ? [] : [{ deck: site.decks[i]!, error: outcome.error }]));
    } finally {
      const closing = browser.close();
      if (options.exitsAfter) closing.catch(() => undefined);
      else await closing;
    }
  } finally {
    await site.close();
  }
}
