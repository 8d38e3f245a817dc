/**
 * The rehearsal loop (`npm run dev`): saving a deck changes the open slides in place. Each test
 * writes its own deck in a throwaway project, so the tests can run side by side.
 */
import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { ViteDevServer } from 'vite';
import { startDevServer } from './support/dev-server.ts';

let dir: string;
let server: ViteDevServer;
let base: string;

const DOT = (size: number) => `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><circle cx="5" cy="5" r="5"/></svg>`;

/** Title, a horizontal slide, a three-slide stack (the third with a fragment and notes), the end. */
const DECK = [
  '# A rehearsed talk',
  '',
  'Note:',
  'Welcome notes.',
  '',
  '[comment]: # (!!!)',
  '',
  '## Before the stack',
  '',
  '[comment]: # (!!!)',
  '',
  '## Stack top',
  '',
  '[comment]: # (|||)',
  '',
  '## Second in the stack',
  '',
  '[comment]: # (|||)',
  '',
  '## Third in the stack',
  '',
  'The first wording.',
  '',
  '* A point <!-- .element: class="fragment" -->',
  '* Another point <!-- .element: class="fragment" -->',
  '',
  'Note:',
  'The third slide notes.',
  '',
  '[comment]: # (!!!)',
  '',
  '## The end',
  '',
  '![dot](media/dot.svg)',
  '',
].join('\n');

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'slidewright-hmr-'));
  await mkdir(path.join(dir, 'slides'));
  await mkdir(path.join(dir, 'media'));
  await writeFile(path.join(dir, 'media', 'dot.svg'), DOT(10));
  ({ server, base } = await startDevServer(dir));
});

test.afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function openDeck(page: Page, name: string, source: string, hash = ''): Promise<string> {
  const file = path.join(dir, 'slides', `${name}.md`);
  await writeFile(file, source);
  await page.goto(`${base}${name}/${hash}`);
  await page.waitForFunction(() => window.Reveal?.isReady());
  // A page reload would lose this.
  await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'still here'));
  return file;
}

const marker = (page: Page) => page.evaluate(() => (window as unknown as { marker?: string }).marker);
const indices = (page: Page) => page.evaluate(() => window.Reveal!.getIndices());

async function edit(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`"${from}" is not in ${file}`);
  await writeFile(file, text.replace(from, to));
}

test('editing the third slide of a stack changes it in place: no reload, same slide and fragment', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const file = await openDeck(page, 'text', DECK, '#/2/2');
  await page.keyboard.press('ArrowRight'); // shows the first fragment
  expect(await indices(page)).toEqual({ h: 2, v: 2, f: 0 });

  await edit(file, 'The first wording.', 'The second wording.');
  await expect(page.locator('.reveal .slides section.present:not(.stack)')).toContainText('The second wording.');
  expect(await marker(page)).toBe('still here');
  expect(await indices(page)).toEqual({ h: 2, v: 2, f: 0 });
  await expect(page.locator('section.present:not(.stack) .fragment.visible')).toHaveText('A point');
  // reveal.js knows the new slide: moving on shows its next fragment.
  await page.keyboard.press('ArrowRight');
  expect(await indices(page)).toEqual({ h: 2, v: 2, f: 1 });
  expect(await page.evaluate(() => window.Reveal!.getTotalSlides())).toBe(6);
  expect(errors).toEqual([]);
});

test('editing only notes keeps the slide node and updates the speaker view, whose timer keeps running', async ({ page }) => {
  const file = await openDeck(page, 'notes', DECK, '#/2/2');
  const popupPromise = page.waitForEvent('popup');
  await page.keyboard.press('s');
  const speaker = await popupPromise;
  const notes = speaker.locator('.speaker-controls-notes .value');
  await expect(notes).toContainText('The third slide notes.');
  const timer = speaker.locator('.speaker-controls-time .timer');
  await expect(timer).not.toHaveText('00:00:00', { timeout: 5_000 });
  const seconds = async () => {
    const [h, m, s] = (await timer.innerText()).split(':').map(Number);
    return h! * 3600 + m! * 60 + s!;
  };
  const before = await seconds();
  await page.evaluate(() => ((window as unknown as { slide: Element }).slide = window.Reveal!.getCurrentSlide()));

  await edit(file, 'The third slide notes.', 'Notes rewritten while rehearsing.');
  await expect(notes).toContainText('Notes rewritten while rehearsing.');
  expect(await page.evaluate(() => (window as unknown as { slide: Element }).slide === window.Reveal!.getCurrentSlide())).toBe(true);
  expect(await page.locator('section.present:not(.stack) aside.notes').textContent()).toContain('Notes rewritten while rehearsing.');
  expect(await marker(page)).toBe('still here');
  expect(await seconds()).toBeGreaterThanOrEqual(before);
  // The speaker view's preview of the current slide follows its edits too.
  await edit(file, 'The first wording.', 'Changed under the speaker view.');
  await expect(speaker.frameLocator('#current-slide iframe').locator('section.present:not(.stack)')).toContainText('Changed under the speaker view.');
  expect(await seconds()).toBeGreaterThanOrEqual(before);
});

test('adding and removing slides before the current one keeps the speaker on it', async ({ page }) => {
  const file = await openDeck(page, 'structure', DECK, '#/2/2');
  await edit(file, '## Before the stack\n', '## Before the stack\n\n[comment]: # (!!!)\n\n## A new slide\n');
  await expect(page.locator('.reveal .slides > section')).toHaveCount(5);
  expect(await indices(page)).toMatchObject({ h: 3, v: 2 });
  await expect(page.locator('section.present:not(.stack) h2')).toHaveText('Third in the stack');
  expect(await marker(page)).toBe('still here');

  await edit(file, '## Stack top\n\n[comment]: # (|||)\n\n', '');
  await expect(page.locator('.reveal .slides > section')).toHaveCount(5);
  expect(await indices(page)).toMatchObject({ h: 3, v: 1 });
  await expect(page.locator('section.present:not(.stack) h2')).toHaveText('Third in the stack');
  expect(await page.evaluate(() => window.Reveal!.getTotalSlides())).toBe(6);
  expect(await marker(page)).toBe('still here');
});

test('a bad directive shows in the overlay at its line while the deck stays; fixing it clears the overlay', async ({ page }) => {
  const file = await openDeck(page, 'directive', DECK, '#/1');
  await expect(page.locator('vite-error-overlay')).toHaveCount(0);
  await edit(file, '## Before the stack\n', '## Before the stack\n\n[comment]: #  (!!!)\n');
  const overlay = page.locator('vite-error-overlay');
  await expect(overlay.locator('.stack')).toContainText('directive.md:10:1  warning: this looks like a directive but is not one');
  await expect(page.locator('section.present:not(.stack) h2')).toHaveText('Before the stack');
  expect(await marker(page)).toBe('still here');

  await edit(file, '[comment]: #  (!!!)\n', '');
  await expect(overlay).toHaveCount(0);
  await expect(page.locator('section.present:not(.stack) h2')).toHaveText('Before the stack');
  expect(await marker(page)).toBe('still here');
});

test('a save that leaves the file empty for a moment never blanks the deck', async ({ page }) => {
  const file = await openDeck(page, 'empty', DECK, '#/1');
  await writeFile(file, '');
  // The server looks at the file again shortly after each change; give it time to (wrongly) act.
  await page.waitForTimeout(600);
  await expect(page.locator('.reveal .slides section')).toHaveCount(7); // 6 slides, one stack
  await expect(page.locator('section.present:not(.stack) h2')).toHaveText('Before the stack');
  await writeFile(file, DECK.replace('## Before the stack', '## Before the stack, saved'));
  await expect(page.locator('section.present:not(.stack) h2')).toHaveText('Before the stack, saved');
  expect(await marker(page)).toBe('still here');
});

test('a deck begun empty starts on one empty slide, says so, and its first slide comes in place', async ({ page }) => {
  const file = await openDeck(page, 'begun', '');
  await expect(page.locator('.reveal .slides section')).toHaveCount(1);
  await expect(page.locator('vite-error-overlay .stack')).toContainText('begun.md:1:1  warning: the deck has no slides yet');
  await writeFile(file, '# The first slide\n');
  await expect(page.locator('section.present h1')).toHaveText('The first slide');
  await expect(page.locator('vite-error-overlay')).toHaveCount(0);
  expect(await marker(page)).toBe('still here');
});

test('a theme change reloads the page at the same slide, also without a position in the URL', async ({ page }) => {
  const file = await openDeck(page, 'theme', `[comment]: # (hash: false)\n${DECK}`, '');
  await page.evaluate(() => window.Reveal!.slide(2, 1));
  const reloaded = page.waitForEvent('load');
  await edit(file, '[comment]: # (hash: false)\n', '[comment]: # (hash: false)\n[comment]: # (THEME = black)\n');
  await reloaded;
  await page.waitForFunction(() => window.Reveal?.isReady());
  expect(await marker(page)).toBeUndefined();
  await expect.poll(() => indices(page)).toMatchObject({ h: 2, v: 1 });
  expect(await page.evaluate(() => getComputedStyle(document.querySelector('.reveal-viewport') ?? document.body).backgroundColor)).toBe('rgb(25, 25, 25)');
});

test('a changed image is fetched again where the slides show it', async ({ page }) => {
  await openDeck(page, 'media', DECK, '#/3');
  const image = page.locator('img[alt="dot"]');
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(10);
  await writeFile(path.join(dir, 'media', 'dot.svg'), DOT(20));
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(20);
  expect(await marker(page)).toBe('still here');
  await writeFile(path.join(dir, 'media', 'dot.svg'), DOT(10));
});

test('an image added to media/ shows on the slide that was missing it, and its warning goes', async ({ page }) => {
  await openDeck(page, 'added', DECK.replace('## The end', '## The end\n\n![later](media/later.svg)'), '#/3');
  const overlay = page.locator('vite-error-overlay');
  await expect(overlay.locator('.stack')).toContainText('"media/later.svg" (src) does not exist');
  await writeFile(path.join(dir, 'media', 'later.svg'), DOT(30));
  const image = page.locator('img[alt="later"]');
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(30);
  await expect(overlay).toHaveCount(0);
  expect(await marker(page)).toBe('still here');
});

test('media/ serves only what is really inside it', async ({ request }) => {
  await writeFile(path.join(dir, 'media', '.secret'), 'hidden');
  await symlink('/etc/passwd', path.join(dir, 'media', 'leak.txt'));
  expect((await request.get(`${base}media/dot.svg`)).status()).toBe(200);
  expect((await request.get(`${base}media/.secret`)).status()).toBe(404);
  expect((await request.get(`${base}media/leak.txt`)).status()).toBe(404);
  expect((await request.get(`${base}media/..%2Fslides%2Ftext.md`)).status()).toBe(404);
});

test('the index shows a new deck without a restart', async ({ page }) => {
  await page.goto(base);
  await expect(page.locator('h1')).toHaveText('Decks');
  await writeFile(path.join(dir, 'slides', 'brand-new.md'), '# A brand new talk\n');
  await expect(page.locator('a[href="./brand-new/"]')).toHaveText('A brand new talk');
});

test.describe('with --follow', () => {
  let followDir: string;
  let followServer: ViteDevServer;
  let followBase: string;

  test.beforeAll(async () => {
    followDir = await mkdtemp(path.join(tmpdir(), 'slidewright-follow-'));
    await mkdir(path.join(followDir, 'slides'));
    await writeFile(path.join(followDir, 'slides', 'talk.md'), DECK);
    ({ server: followServer, base: followBase } = await startDevServer(followDir, undefined, { follow: true }));
  });

  test.afterAll(async () => {
    await followServer?.close();
    await rm(followDir, { recursive: true, force: true });
  });

  test('the deck goes to the slide that was just edited', async ({ page }) => {
    await page.goto(`${followBase}talk/`);
    await page.waitForFunction(() => window.Reveal?.isReady());
    expect(await indices(page)).toMatchObject({ h: 0, v: 0 });
    await edit(path.join(followDir, 'slides', 'talk.md'), 'The first wording.', 'Edited from the editor.');
    await expect.poll(() => indices(page)).toMatchObject({ h: 2, v: 2 });
    await expect(page.locator('section.present:not(.stack)')).toContainText('Edited from the editor.');
  });
});
