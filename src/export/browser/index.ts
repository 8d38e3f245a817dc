/**
 * Browser discovery and launch, shared by every command that needs a browser (PDF,
 * snapshots, the deck doctor) and by the end-to-end tests.
 */
import { createRequire } from 'node:module';
import type { Browser, LaunchOptions } from 'playwright';
import { envFinder, playwrightFinder, systemFinder, type BrowserFinder, type FoundBrowser } from './finders.ts';

/**
 * Playwright, loaded with `require`: it is CommonJS, and an ES `import` of it first scans its
 * several megabytes of source for export names (about 0.1 s of every command's start).
 */
export const { chromium } = createRequire(import.meta.url)('playwright') as typeof import('playwright');

export class BrowserNotFoundError extends Error {
  override name = 'BrowserNotFoundError';
  constructor() {
    super(
      [
        'No Chromium-family browser found.',
        'Install one, e.g. on Debian/Ubuntu: sudo apt-get install -y chromium fonts-noto-color-emoji',
        'or point slidewright at one: CHROME_PATH=/path/to/chrome npm run pdf',
      ].join('\n'),
    );
  }
}

/**
 * The finders in order. `SLIDEWRIGHT_BROWSER_SEARCH` (comma-separated `env`, `playwright`,
 * `system`) limits the search, e.g. to check what happens on a machine without a browser.
 */
export function defaultFinders(env: NodeJS.ProcessEnv = process.env): BrowserFinder[] {
  const all: Record<string, () => BrowserFinder> = {
    env: () => envFinder(env),
    playwright: () => playwrightFinder(() => chromium.executablePath()),
    system: () => systemFinder(),
  };
  const only = env.SLIDEWRIGHT_BROWSER_SEARCH?.split(',').map((s) => s.trim()).filter(Boolean);
  return (only ?? Object.keys(all)).flatMap((name) => (all[name] ? [all[name]()] : []));
}

export function findBrowser(finders: BrowserFinder[] = defaultFinders()): FoundBrowser {
  for (const find of finders) {
    const found = find();
    if (found) return found;
  }
  throw new BrowserNotFoundError();
}

/**
 * Flags for headless runs here: no sandbox as root (Chromium refuses otherwise), and no
 * background traffic to Google's hosts, which a closed network answers with errors.
 */
export function chromiumArgs(): string[] {
  const args = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}

export function launchOptions(found: FoundBrowser = findBrowser()): LaunchOptions {
  return { executablePath: found.executablePath, args: chromiumArgs(), headless: true };
}

export async function launchBrowser(found?: FoundBrowser): Promise<Browser> {
  return chromium.launch(launchOptions(found));
}
