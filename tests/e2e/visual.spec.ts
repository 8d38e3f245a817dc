/**
 * Visual regression: every slide of every deck in slides/, as the audience sees it (the normal
 * view of the built site, at the deck's own size with no margin), against the baselines in
 * tests/e2e/__screenshots__/visual.spec.ts/<deck>/NNN.png.
 *
 * A deck without baselines fails until they exist; a change meant to alter slides needs new
 * ones. Either way: `npm run test:update-snapshots` (see docs/snapshots-and-check.md), look at
 * the new images, commit them.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const SLIDES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../slides');
const decks = readdirSync(SLIDES_DIR)
  .filter((f) => f.endsWith('.md') && !f.startsWith('.'))
  .map((f) => f.slice(0, -'.md'.length))
  .sort();

// Deterministic: no transitions, controls, progress bar or slide number, and no margin, so the
// window is exactly the slide box at scale 1.
const QUERY = '?transition=none&backgroundTransition=none&controls=false&progress=false&slideNumber=false&margin=0';

test('there are decks to compare', () => {
  expect(decks.length).toBeGreaterThan(0);
});

for (const deck of decks) {
  test(`${deck}: every slide looks as in its baseline`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`${encodeURIComponent(deck)}/${QUERY}`);
    await page.waitForFunction(() => window.Reveal?.isReady() === true);
    const size = await page.evaluate(() => {
      const s = window.Reveal!.getComputedSlideSize();
      return { width: Math.round(Number(s.width)), height: Math.round(Number(s.height)) };
    });
    await page.setViewportSize(size);
    await page.evaluate(() => document.fonts.ready);
    const slides = await page.evaluate(() => window.Reveal!.getSlides().map((s) => window.Reveal!.getIndices(s)));
    expect(slides.length).toBe(await page.evaluate(() => window.Reveal!.getTotalSlides()));
    const width = Math.max(3, String(slides.length).length);
    for (const [i, { h, v }] of slides.entries()) {
      await page.evaluate(([h, v]) => window.Reveal!.slide(h, v), [h, v ?? 0] as const);
      await page.evaluate(async () => {
        // The slide's own images: later slides' images load lazily, when the visitor gets there.
        const images = [...window.Reveal!.getCurrentSlide().querySelectorAll('img')];
        await Promise.all(images.map((img) => (img.complete ? undefined : img.decode().catch(() => undefined))));
      });
      await expect.soft(page, `slide ${i + 1} (#/${h}/${v ?? 0})`).toHaveScreenshot([deck, `${String(i + 1).padStart(width, '0')}.png`]);
    }
  });
}
