import { expect, test, type Page } from '@playwright/test';

const DECK = 'lpw2025-cpansec-update/';

async function openDeck(page: Page, errors: string[], url = DECK) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(url);
  await page.waitForFunction(() => window.Reveal?.isReady());
}

test('the seed deck is a reveal.js presentation with its shape, options, theme and notes', async ({ page }) => {
  const errors: string[] = [];
  await openDeck(page, errors);

  expect(await page.evaluate(() => window.Reveal!.getTotalSlides())).toBe(16);
  const shape = await page.evaluate(() =>
    [...document.querySelectorAll('.reveal .slides > section')].map((s) => s.querySelectorAll(':scope > section').length),
  );
  expect(shape).toEqual([0, 0, 12, 0, 0]);

  const config = await page.evaluate(() => {
    const c = window.Reveal!.getConfig();
    return { width: c.width, height: c.height, controls: c.controls, progress: c.progress, hash: c.hash };
  });
  expect(Number(config.width)).toBe(960);
  expect(Number(config.height)).toBe(700);
  expect(config).toMatchObject({ controls: true, progress: true, hash: true });

  // solarized: its background colour and its (self-hosted) Lato.
  const background = await page.evaluate(() => getComputedStyle(document.querySelector('.reveal-viewport') ?? document.body).backgroundColor);
  expect(background).toBe('rgb(253, 246, 227)');
  const font = await page.evaluate(() => getComputedStyle(document.querySelector('.reveal')!).fontFamily);
  expect(font).toContain('Lato');
  await page.evaluate(() => document.fonts.ready);
  expect(await page.evaluate(() => document.fonts.check('42px Lato'))).toBe(true);

  const notes = await page.evaluate(() =>
    [...document.querySelectorAll('.reveal .slides section')]
      .filter((s) => !s.querySelector(':scope > section'))
      .map((s) => s.querySelector(':scope > aside.notes')?.textContent?.trim() ?? ''),
  );
  expect(notes).toHaveLength(16);
  for (const n of notes) expect(n.length).toBeGreaterThan(0);
  expect(notes[0]).toContain("I’m here to introduce the CPAN Security Working Group");

  expect(await page.title()).toBe('An update on CPANSec');
  // The mojibake of the file is repaired on the way (the file itself is left as it is).
  await expect(page.locator('.reveal .slides > section').first()).toContainText('José Joaquín Atria');
  await expect(page.locator('.reveal .slides > section').nth(1)).toContainText('Lyon 🇫🇷');
  expect(errors).toEqual([]);
});

test('the vertical stack navigates down and the hash follows', async ({ page }) => {
  const errors: string[] = [];
  await openDeck(page, errors, `${DECK}#/2/3`);
  const state = await page.evaluate(() => window.Reveal!.getIndices());
  expect(state).toMatchObject({ h: 2, v: 3 });
  await expect(page.locator('.reveal .slides section.present:not(.stack) h3')).toHaveText('Provenance & Supply Chain Security');
  await page.keyboard.press('ArrowDown');
  await expect(page).toHaveURL(/#\/2\/4$/);
  expect(errors).toEqual([]);
});

test('the index lists every deck with its title and slide count', async ({ page }) => {
  await page.goto('./');
  const item = page.locator('li', { has: page.locator(`a[href="./${DECK}"]`) });
  await expect(item.locator('a')).toHaveText('An update on CPANSec');
  await expect(item).toContainText('16 slides');
  await item.locator('a').click();
  await page.waitForFunction(() => window.Reveal?.isReady());
  expect(await page.evaluate(() => window.Reveal!.getTotalSlides())).toBe(16);
});

test('pressing S opens the speaker view with the current slide and its notes', async ({ page, context }) => {
  const errors: string[] = [];
  await openDeck(page, errors);
  const [speaker] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('s')]);
  await speaker.waitForLoadState();
  await expect(speaker.locator('.speaker-controls-notes .value')).toContainText('introduce the CPAN Security Working Group');
  expect(errors).toEqual([]);
});

test('a default-theme deck gets Source Sans Pro as WOFF2 files, not a stylesheet of inlined fonts', async ({ page }) => {
  const fonts: string[] = [];
  const failed: string[] = [];
  page.on('response', (r) => {
    if (/\.(woff2?|ttf)(\?|$)/.test(r.url())) fonts.push(r.url());
    if (r.status() >= 400 && !r.url().includes('/media/')) failed.push(r.url());
  });
  await page.goto('cpansec-minutes-2025-06-04/');
  await page.waitForFunction(() => window.Reveal?.isReady());
  await page.evaluate(() => document.fonts.ready);
  expect(await page.evaluate(() => document.fonts.check('42px "Source Sans Pro"'))).toBe(true);
  expect(await page.evaluate(() => getComputedStyle(document.querySelector('.reveal')!).fontFamily)).toContain('Source Sans Pro');
  expect(fonts.length).toBeGreaterThan(0);
  expect(fonts.every((url) => url.endsWith('.woff2'))).toBe(true);
  const css = await page.evaluate(() => Promise.all([...document.styleSheets].map((s) => (s.href ? fetch(s.href).then((r) => r.text()) : ''))));
  expect(css.join('').includes('data:font/')).toBe(false);
  expect(failed).toEqual([]);
});
