/**
 * Talking to a deck page: a deck whose reveal.js cannot start (the runtime records why,
 * src/client/deck/main.ts) fails the wait at once with the reason, not at the time limit; a
 * large result comes back as JSON text, equal to what Playwright would send.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startSite } from '../../src/export/site.ts';
import { resolveProject } from '../../src/project/project.ts';
import { evaluateJson } from '../../src/export/page-call.ts';
import { INIT_SCRIPT, preparePrint } from '../../src/export/pdf/page-script.ts';
import { PDF_READY_SCRIPT, waitForDeckReady } from '../../src/export/page-ready.ts';

test('a deck whose reveal.js cannot start is reported with the reason, not waited for (the snapshots\' wait and the PDF\'s call)', async ({ page }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'slidewright-start-'));
  await writeFile(path.join(dir, 'talk.md'), '# Talk\n');
  const site = await startSite({ project: resolveProject(dir, { decks: [{ name: 'talk', file: path.join(dir, 'talk.md') }] }), warn: () => {} });
  try {
    // The real page and runtime, with its slides taken out: reveal.js throws on a deck of none.
    await page.route(/\/talk\/(\?|$)/, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(/<div class="slides">[\s\S]*?<\/div>/, '<div class="slides"></div>');
      await route.fulfill({ response, body: html });
    });
    const url = `${site.decks[0]!.url}?print-pdf`;
    await page.goto(url);
    await expect(waitForDeckReady(page, { print: true, timeoutMs: 10_000 })).rejects.toThrow(/the deck did not start: \S/);

    await page.addInitScript(INIT_SCRIPT);
    await page.goto(url, { waitUntil: 'commit' });
    expect(await evaluateJson(page, preparePrint, null)).toEqual({ startError: expect.stringMatching(/\S/) });
  } finally {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  }
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
