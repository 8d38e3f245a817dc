/**
 * Waiting for a deck page to be ready to print or photograph, without fixed sleeps:
 * reveal.js ready (and, in the print view, its `pdf-ready` event), web fonts loaded, every
 * image decoded. Exporters that skip these print fallback fonts or blank images.
 */
import type { Page } from 'playwright';

declare global {
  interface Window {
    __slidewrightPdfReady?: boolean;
  }
}

/** Call before `page.goto`: records reveal's `pdf-ready`, which may fire before we look. */
export async function watchPdfReady(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.addEventListener('pdf-ready', () => {
      window.__slidewrightPdfReady = true;
    });
  });
}

export interface ReadyOptions {
  /** The page is reveal's print view (`?print-pdf`): also wait for `pdf-ready`. */
  print: boolean;
  timeoutMs: number;
}

export async function waitForDeckReady(page: Page, options: ReadyOptions): Promise<void> {
  const timeout = options.timeoutMs;
  await page.waitForFunction(() => window.Reveal?.isReady() === true, undefined, { timeout });
  if (options.print) await page.waitForFunction(() => window.__slidewrightPdfReady === true, undefined, { timeout });
  await page.evaluate(async () => {
    await document.fonts.ready;
    const images = [...document.images];
    // A broken image must not hang the export; the deck doctor reports it.
    await Promise.all(images.map((img) => (img.complete && img.naturalWidth > 0 ? undefined : img.decode().catch(() => undefined))));
    await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
  });
}
