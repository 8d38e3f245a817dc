import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { ViteDevServer } from 'vite';
import { startDevServer } from './support/dev-server.ts';

// A throwaway project, so the test never edits the real slides/.
let dir: string;
let server: ViteDevServer;
let base: string;

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'slidewright-dev-'));
  await mkdir(path.join(dir, 'slides'));
  await mkdir(path.join(dir, 'media'));
  await writeFile(path.join(dir, 'media', 'dot.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle cx="5" cy="5" r="5"/></svg>');
  await writeFile(path.join(dir, 'slides', 'talk.md'), '# First version\n\n![dot](media/dot.svg)\n\n[comment]: # (!!!)\n\n## Two\n');
  ({ server, base } = await startDevServer(dir));
});

test.afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

test('the dev server serves the deck with its media and updates it on save', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(`${base}talk/`);
  await page.waitForFunction(() => window.Reveal?.isReady());
  await expect(page.locator('h1')).toHaveText('First version');
  expect(await page.evaluate(() => window.Reveal!.getTotalSlides())).toBe(2);
  const image = page.locator('img[alt="dot"]');
  await expect(image).toHaveAttribute('src', '../media/dot.svg');
  // Its own size, so the slide does not jump when it arrives.
  await expect(image).toHaveAttribute('width', '10');
  await expect(image).toHaveAttribute('height', '10');
  expect(await image.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth))).toBe(10);

  await writeFile(path.join(dir, 'slides', 'talk.md'), '# Second version\n\n[comment]: # (!!!)\n\n## Two\n\n[comment]: # (!!!)\n\n## Three\n');
  await expect(page.locator('h1')).toHaveText('Second version', { timeout: 15_000 });
  await page.waitForFunction(() => window.Reveal?.isReady() && window.Reveal.getTotalSlides() === 3);
  expect(errors).toEqual([]);
});

test('problems in a deck show in the dev overlay with file:line:column, and the deck still renders', async ({ page }) => {
  await writeFile(
    path.join(dir, 'slides', 'broken.md'),
    ['[comment]: # (THEME = solarised)', '# Still here', '', '[comment]: #  (!!!)', '', '![gone](media/missing.png)', ''].join('\n'),
  );
  await page.goto(`${base}broken/`);
  await page.waitForFunction(() => window.Reveal?.isReady());
  await expect(page.locator('.reveal h1')).toHaveText('Still here');
  const overlay = page.locator('vite-error-overlay');
  await expect(overlay.locator('.message-body')).toContainText('broken.md: 3 warnings');
  const stack = overlay.locator('.stack');
  await expect(stack).toContainText(`broken.md:1:15  warning: unknown theme "solarised"`);
  await expect(stack).toContainText('did you mean "solarized"?');
  await expect(stack).toContainText('broken.md:4:1  warning: this looks like a directive but is not one');
  await expect(stack).toContainText('broken.md:6:9  warning: "media/missing.png" (src) does not exist');
});
