/**
 * Talking to a deck page: a deck whose reveal.js could not start (the runtime records why,
 * src/client/deck/main.ts) fails the wait at once with the reason, not at the time limit; a
 * large result comes back as JSON text, equal to what Playwright would send.
 */
import { expect, test } from '@playwright/test';
import { evaluateJson } from '../../src/export/page-call.ts';
import { preparePrint } from '../../src/export/pdf/page-script.ts';
import { PDF_READY_SCRIPT, waitForDeckReady } from '../../src/export/page-ready.ts';

test('a deck that could not start is reported with its reason, not waited for', async ({ page }) => {
  await page.setContent('<script>window.__slidewrightStartError = "Cannot read properties of undefined";</script>');
  await expect(waitForDeckReady(page, { print: true, timeoutMs: 5_000 })).rejects.toThrow('the deck did not start: Cannot read properties of undefined');
});

test('a deck that starts late is waited for', async ({ page }) => {
  // The pdf-ready watch first (as the exporters' init script is), then the wait, then the start.
  await page.setContent(`<p>loading</p><script>${PDF_READY_SCRIPT}</script>`);
  const ready = waitForDeckReady(page, { print: true, timeoutMs: 20_000 });
  await page.evaluate(() => {
    setTimeout(() => {
      (window as unknown as { Reveal: { isReady(): boolean } }).Reveal = { isReady: () => true };
      window.dispatchEvent(new Event('pdf-ready'));
    }, 200);
  });
  await expect(ready).resolves.toBeUndefined();
});

test('evaluateJson returns what page.evaluate returns, for plain data', async ({ page }) => {
  await page.setContent('<title>Größe “quoted”</title>');
  const read = async (n: number) => ({ title: document.title, list: [n, n / 2, 'ü\u2028', null, { nested: true }], none: null });
  expect(await evaluateJson(page, read, 3)).toEqual(await page.evaluate(read, 3));
  expect(await evaluateJson(page, () => undefined, undefined)).toBeUndefined();
});

test('the PDF page call says so when it reaches a document without its init script (a spare page still blank)', async ({ page }) => {
  await page.goto('about:blank');
  expect(await evaluateJson(page, preparePrint, null)).toBeNull();
});
