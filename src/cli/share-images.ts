/**
 * The share image of each built deck: its title slide as a PNG (the snapshot exporter's image,
 * as `npm run snapshots` takes it), published as `<deck>/card.png` and named in the page's
 * `og:image` and Twitter card, so a link to the deck shows its first slide. A build step of the
 * command, after Vite: it needs a browser, and a build without one still succeeds (with a
 * warning), only without the images.
 */
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { snapshotDeck } from '../export/snapshots/index.ts';
import { escapeHtml } from '../render/escape.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { listDecks, type Project } from '../project/project.ts';
import { progress } from './common.ts';
import { visitDecksInBrowser } from './deck-browser.ts';

export const CARD_FILE = 'card.png';

/** The page with its share image named (absolute with the site's address, as scrapers want). */
export function withShareImage(html: string, image: { url: string; width: number; height: number }): string {
  const tags = [
    `<meta property="og:image" content="${escapeHtml(image.url)}">`,
    `<meta property="og:image:width" content="${image.width}">`,
    `<meta property="og:image:height" content="${image.height}">`,
    `<meta name="twitter:image" content="${escapeHtml(image.url)}">`,
  ].join('\n');
  return html.replace('<meta name="twitter:card" content="summary">', '<meta name="twitter:card" content="summary_large_image">').replace('</head>', `${tags}\n</head>`);
}

/**
 * `pageDir`: the folder of a deck's built page (`<site>/<deck>/`, or the deck's own folder in
 * the mdslides layout); `address`: the deck's public address, when the site has one.
 */
export async function addShareImages(project: Project, pageDir: (name: string) => string, address?: (name: string) => string): Promise<void> {
  const decks = listDecks(project);
  const shots = await mkdtemp(path.join(tmpdir(), 'slidewright-cards-'));
  const skipped: string[] = [];
  try {
    const failures = await visitDecksInBrowser(
      project,
      async (browser, deck, loaded) => {
        // A deck with errors has no page worth sharing (one with an empty page does not get here).
        if (loaded.diagnostics.some((d) => d.severity === 'error')) {
          skipped.push(deck.name);
          return;
        }
        const result = await snapshotDeck(browser, deck, { outDir: shots, range: [1], fragments: false, scale: 1, timeoutMs: 60_000, compiled: loaded, project, jobs: 1 });
        const image = result.index.images[0];
        if (!image) return;
        await copyFile(path.join(result.dir, image.file), path.join(pageDir(deck.name), CARD_FILE));
        const page = path.join(pageDir(deck.name), 'index.html');
        const url = address ? `${address(deck.name)}${CARD_FILE}` : CARD_FILE;
        await writeFileAtomic(page, withShareImage(await readFile(page, 'utf8'), { url, width: result.index.width, height: result.index.height }));
      },
      { printWarnings: false, firstSlideOnly: true },
    );
    for (const { deck, error } of failures) progress(`warning: ${deck.name}: no share image: ${(error as Error)?.message?.split('\n')[0] ?? String(error)}`);
    const taken = decks.length - failures.length - skipped.length;
    progress(`share images: ${taken} title slide${taken === 1 ? '' : 's'} as <deck>/${CARD_FILE}${skipped.length ? ` (none for ${skipped.join(', ')}: errors)` : ''}`);
  } catch (error) {
    if ((error as Error).name !== 'BrowserNotFoundError') throw error;
    progress(`warning: no browser to take the decks' share images (og:image), so the pages have none: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    await rm(shots, { recursive: true, force: true });
  }
}
