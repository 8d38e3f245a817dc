/**
 * Waiting for a deck page to be ready to print or photograph, without fixed sleeps:
 * reveal.js ready (and, in the print view, its `pdf-ready` event), web fonts loaded, every
 * image decoded. Exporters that skip these print fallback fonts or blank images.
 */
import type { Page } from 'playwright';
import { assetsReady } from '../client/doctor/doctor-print.ts';

declare global {
  interface Window {
    __slidewrightPdfReady?: boolean;
  }
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
  await page.waitForFunction((print) => window.Reveal?.isReady() === true && (!print || window.__slidewrightPdfReady === true), options.print, { timeout });
  await page.evaluate(`(${assetsReady.toString()})(document, ${options.painted ?? true})`);
}
