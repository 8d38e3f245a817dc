/**
 * Waiting for a deck page to be ready to print or photograph, without fixed sleeps:
 * reveal.js ready (and, in the print view, its `pdf-ready` event), web fonts loaded, every
 * image decoded. Exporters that skip these print fallback fonts or blank images.
 */
import type { Page } from 'playwright';
import '../client/deck/start-failed.ts'; // window.__slidewrightStartError
import { assetsReady } from '../client/doctor/doctor-print.ts';

declare global {
  interface Window {
    __slidewrightPdfReady?: boolean;
  }
}

/**
 * Page function: true once reveal is ready (and, in the print view, has laid the deck out), or
 * the reason it could not start, so that a waiter stops at once instead of at its time limit.
 */
export function deckReadyOrFailed(print: boolean): boolean | string {
  return window.__slidewrightStartError ?? (window.Reveal?.isReady() === true && (!print || window.__slidewrightPdfReady === true));
}

/** The message of a deck page that could not start (what `deckReadyOrFailed` returned). */
export function startFailure(reason: string): string {
  return `the deck did not start: ${reason}`;
}

/**
 * Init script that records reveal's `pdf-ready`, which may fire before we look; add it (with the
 * page's other init code, in one call) before `page.goto` of a print view.
 */
export const PDF_READY_SCRIPT = "window.addEventListener('pdf-ready', () => { window.__slidewrightPdfReady = true; });";

export interface ReadyOptions {
  /** The page is reveal's print view (`?print-pdf`): also wait for `pdf-ready`. */
  print: boolean;
  timeoutMs: number;
  /**
   * Also wait two frames, so that what the fonts and images changed is painted (default true:
   * screenshots need it; printing lays the page out anew and need not wait).
   */
  painted?: boolean;
}

export async function waitForDeckReady(page: Page, options: ReadyOptions): Promise<void> {
  const timeout = options.timeoutMs;
  // One wait for both (one round trip): reveal is ready and, in the print view, has laid it out.
  await page.waitForFunction(deckReadyOrFailed, options.print, { timeout });
  // The failure is read in the same call as the assets are waited for (one round trip).
  const failed = await page.evaluate<string | null>(
    `(async () => window.__slidewrightStartError ?? ((await (${assetsReady.toString()})(document, ${options.painted ?? true})), null))()`,
  );
  if (failed !== null) throw new Error(startFailure(failed));
}
