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

/**
 * Flags for a browser whose pages are photographed: Chromium makes a frame when the page
 * changes instead of waiting for a 60 Hz tick. Each screenshot waits for a new frame, which
 * took one or two ticks (17 or 33 ms a slide, the largest part of a capture); with these, one
 * capture of a slide takes 16-22 ms instead of 25-30 ms on this project's machine, and the
 * pixels are the same (compared byte for byte).
 */
export const UNTHROTTLED_FRAMES = ['--disable-gpu-vsync', '--disable-frame-rate-limit'];

export function launchOptions(found: FoundBrowser = findBrowser(), extraArgs: readonly string[] = []): LaunchOptions {
  return { executablePath: found.executablePath, args: [...chromiumArgs(), ...extraArgs], headless: true };
}

export async function launchBrowser(found?: FoundBrowser, extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch(launchOptions(found, extraArgs));
}
