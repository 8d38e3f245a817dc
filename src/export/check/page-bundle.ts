/**
 * The deck doctor's page code (`src/client/doctor/doctor.ts` and what it imports) as an init script
 * for Playwright's `addInitScript`: it defines `window.SlidewrightDoctor` and numbers the
 * slides as soon as the document is parsed, before reveal.js's print view moves them. Shared
 * by `npm run check` and `npm run snapshots`.
 */
import type { BrowserContext, Page } from 'playwright';
import type * as Doctor from '../../client/doctor/doctor.ts';
import { doctorScript } from '../client-code.ts';
import { PDF_READY_SCRIPT, waitForDeckReady } from '../page-ready.ts';

declare global {
  interface Window {
    SlidewrightDoctor?: typeof Doctor;
  }
}

export const DOCTOR_GLOBAL = 'SlidewrightDoctor';

/**
 * The init script: the bundle (made a global explicitly: Playwright may wrap init scripts in
 * a function), then slide numbering at parse time. (`__name` is defined for
 * functions that tsx compiled with esbuild's keepNames and Playwright sends to the page.)
 */
export async function doctorInitScript(): Promise<string> {
  const code = await doctorScript(DOCTOR_GLOBAL);
  return `if (typeof globalThis.__name !== 'function') globalThis.__name = (target) => target;
${code}
globalThis.${DOCTOR_GLOBAL} = ${DOCTOR_GLOBAL};
${DOCTOR_GLOBAL}.stampWhenParsed(document);
`;
}

/**
 * A page of `context` with the doctor's code, loaded at `url` (a print view) and ready (reveal,
 * `pdf-ready`, fonts, images, and unless `painted` is false, painted): how both the deck doctor
 * and the snapshots open a deck. `onPageError` is attached before the page loads, so that
 * errors thrown while it starts count.
 */
export async function openDoctorPage(
  context: BrowserContext,
  url: string,
  timeoutMs: number,
  onPageError?: (error: Error) => void,
  painted = true,
): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  if (onPageError) page.on('pageerror', onPageError);
  // One init script (one round trip) for the doctor's code and the `pdf-ready` watch.
  await page.addInitScript({ content: `${await doctorInitScript()}\n${PDF_READY_SCRIPT}` });
  await page.goto(url, { timeout: timeoutMs });
  await waitForDeckReady(page, { print: true, timeoutMs, painted });
  return page;
}
