/**
 * The run every browser command but `pdf` shares (the PDF export overlaps these steps for speed,
 * see src/export/pdf/export.ts): render and serve the decks, launch the browser, visit the decks
 * one by one, and close the browser and the site however the run ends.
 */
import type { Browser } from 'playwright';
import { launchBrowser } from '../export/browser/index.ts';
import { startSite, type SiteDeck } from '../export/site.ts';
import { DeckStore, type LoadedDeck } from '../project/deck-store.ts';
import { listDecks, type Project } from '../project/project.ts';
import { progress } from './common.ts';

export interface VisitOptions {
  /** Print the decks' pipeline warnings as they are rendered (off when the command reports them itself). */
  printWarnings: boolean;
}

/** `visit` gets each deck's page and the deck as compiled for it (compiled once, shared with the site). */
export async function visitDecksInBrowser(
  project: Project,
  visit: (browser: Browser, deck: SiteDeck, loaded: LoadedDeck) => Promise<void>,
  options: VisitOptions,
): Promise<void> {
  const decks = listDecks(project);
  progress(`rendering ${decks.length === 1 ? decks[0]!.name : `${decks.length} decks`}…`);
  const store = new DeckStore(project);
  const site = await startSite({ project, store, ...(options.printWarnings ? {} : { warn: () => undefined }) });
  try {
    const browser = await launchBrowser();
    try {
      for (const deck of site.decks) await visit(browser, deck, store.load(deck));
    } finally {
      await browser.close();
    }
  } finally {
    await site.close();
  }
}
