/**
 * The hosted deck as visitors get it: the site built by `npm run build`, served under a
 * sub-path, every request recorded. Bytes are counted, not timed (the timings are in
 * `npm run bench -- hosting`).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { firstLoad, serveSite } from './support/first-load.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const SUB_PATH = '/talks/';
/** First-load budgets in KB gzip (issue #11): the seed deck, and decks on the default theme. */
const BUDGET_KB: Record<string, number> = { 'lpw2025-cpansec-update': 100, 'cpansec-charter': 120, 'cpansec-minutes-2025-06-04': 120 };

let out: string;
let site: { origin: string; close(): void };

test.beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'slidewright-hosted-'));
  await run(process.execPath, ['bin/slidewright.mjs', 'build', '--out', out], { cwd: ROOT });
  site = await serveSite(out, SUB_PATH);
});

test.afterAll(async () => {
  site?.close();
  await rm(out, { recursive: true, force: true });
});

for (const [deck, budget] of Object.entries(BUDGET_KB)) {
  test(`${deck}: nothing from other hosts, its fonts load, within ${budget} KB gzip`, async ({ browser }) => {
    const load = await firstLoad(browser, site.origin, `${SUB_PATH}${deck}/`);
    const listing = load.files.map((f) => `${(f.gzip / 1024).toFixed(1)} KB ${f.status} ${f.url}`).join('\n');
    expect(load.offOrigin).toEqual([]);
    expect(load.fontsNotLoaded).toEqual([]);
    expect(load.files.some((f) => f.url.endsWith('.woff2'))).toBe(true);
    // The only acceptable 404: a media file the deck names and the project lacks (a build warning).
    const failed = load.files.filter((f) => f.status >= 400 && !(f.url.startsWith(`${SUB_PATH}media/`) && !existsSync(path.join(ROOT, decodeURIComponent(f.url.slice(SUB_PATH.length))))));
    expect(failed, listing).toEqual([]);
    expect(load.gzip / 1024, listing).toBeLessThanOrEqual(budget);
  });
}

test('on a phone (360×740) the seed deck becomes a page to scroll, slides scaled to the screen, and a swipe moves on', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(`${site.origin}${SUB_PATH}lpw2025-cpansec-update/`);
  await page.waitForFunction(() => window.Reveal?.isReady());
  // reveal.js 6 turns a deck on a narrow screen into its scroll view: slides one under another.
  await expect(page.locator('.reveal-viewport.reveal-scroll')).toHaveCount(1);
  const widths = await page.evaluate(() => window.Reveal!.getSlides().map((s) => s.getBoundingClientRect().width));
  expect(widths.length).toBeGreaterThanOrEqual(16);
  expect(Math.max(...widths)).toBeLessThanOrEqual(360);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // The doctor's overflow rule at this size: no slide's content runs past its own box.
  const { checked, overflowing } = await page.evaluate(() => {
    let checked = 0;
    const overflowing = window.Reveal!.getSlides()
      .filter((slide) => !slide.classList.contains('stack'))
      .filter((slide) => {
        const box = slide.getBoundingClientRect();
        return [...slide.querySelectorAll<HTMLElement>(':scope > *:not(aside)')].some((child) => {
          const r = child.getBoundingClientRect();
          if (r.width > 0) checked++;
          return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1);
        });
      })
      .map((slide) => slide.getAttribute('data-source-line'));
    return { checked, overflowing };
  });
  expect(checked).toBeGreaterThan(16);
  expect(overflowing).toEqual([]);
  const cdp = await context.newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', y: number) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: 180, y }] });
  for (let swipe = 0; swipe < 3; swipe++) {
    await touch('touchStart', 650);
    for (const y of [550, 400, 250, 100]) await touch('touchMove', y);
    await touch('touchEnd', 100);
  }
  await expect.poll(() => page.evaluate(() => window.Reveal!.getSlidePastCount())).toBeGreaterThan(0);
  await context.close();
});
