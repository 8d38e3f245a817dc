/**
 * `npm run build` options: `--no-notes` (a public copy of the decks with no speaker notes
 * anywhere in the output, and a speaker view that says why it is not there), `--url` and the
 * published handout, in a project of its own.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import jsQR from 'jsqr';
import { decodePng } from '../../src/export/snapshots/png.ts';
import { compileDeck } from '../../src/pipeline.ts';
import { serveSite } from './support/first-load.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const SEED = path.join(ROOT, 'slides/lpw2025-cpansec-update.md');

let out: string;
let server: { origin: string; close(): void };
let base: string;

test.beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'slidewright-no-notes-'));
  await run(process.execPath, ['bin/slidewright.mjs', 'build', '--no-notes', '--out', out], { cwd: ROOT });
  server = await serveSite(out);
  base = `${server.origin}/`;
});

test.afterAll(async () => {
  server?.close();
  await rm(out, { recursive: true, force: true });
});

/** Pieces of every slide's notes as the page would show them (after repair, smart quotes). */
async function notesPhrases(): Promise<string[]> {
  const { rendered } = compileDeck(await readFile(SEED, 'utf8'));
  return [...rendered.slidesHtml.matchAll(/<aside class="notes">([\s\S]*?)<\/aside>/g)]
    .map((m) => m[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim())
    .filter((text) => text.length >= 24)
    .map((text) => text.slice(Math.floor(text.length / 2) - 12, Math.floor(text.length / 2) + 12));
}

async function allText(dir: string): Promise<string> {
  const files = await readdir(dir, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(files.filter((f) => f.isFile()).map((f) => readFile(path.join(f.parentPath, f.name), 'utf8')));
  return texts.join('\n');
}

test('no notes text is anywhere in the output', async () => {
  const phrases = await notesPhrases();
  expect(phrases.length).toBeGreaterThan(10);
  const text = await allText(out);
  expect(text).toContain('An update on CPANSec'); // the slides are there
  expect(phrases.filter((phrase) => text.includes(phrase))).toEqual([]);
  expect(text).not.toContain('class="notes"');
  // The phrases are found where notes are kept: the check can fail.
  const { rendered } = compileDeck(await readFile(SEED, 'utf8'));
  expect(phrases.every((phrase) => rendered.slidesHtml.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').includes(phrase))).toBe(true);
});

test('S says the copy has no speaker view instead of opening one', async ({ page }) => {
  let popups = 0;
  page.on('popup', () => popups++);
  await page.goto(`${base}lpw2025-cpansec-update/`);
  await page.waitForFunction(() => window.Reveal?.isReady());
  expect(await page.evaluate(() => window.Reveal!.getTotalSlides())).toBe(16);
  await page.keyboard.press('s');
  await expect(page.getByRole('status')).toContainText('published without speaker notes');
  expect(popups).toBe(0);
});

test('a talks folder elsewhere builds with --url share addresses, a QR code of the address, and its PDF handout', async ({ page }) => {
  const project = await mkdtemp(path.join(tmpdir(), 'slidewright-share-'));
  try {
    await mkdir(path.join(project, 'slides'));
    await mkdir(path.join(project, 'exports'));
    await writeFile(path.join(project, 'slides', 'talk.md'), '---\nqr: true\n---\n# My talk\n\nJane Doe, PerlCon 2026\n\n[comment]: # (!!!)\n\n## Two\n');
    await writeFile(path.join(project, 'exports', 'talk.pdf'), '%PDF-1.4 handout');
    await run(process.execPath, [path.join(ROOT, 'bin/slidewright.mjs'), 'build', '--url', 'https://example.org/talks/'], { cwd: project });
    const deckHtml = await readFile(path.join(project, 'dist', 'talk', 'index.html'), 'utf8');
    expect(deckHtml).toContain('<meta property="og:url" content="https://example.org/talks/talk/">');
    expect(deckHtml).toContain('<meta property="og:description" content="Jane Doe, PerlCon 2026">');
    expect(await readFile(path.join(project, 'dist', 'talk', 'talk.pdf'), 'utf8')).toBe('%PDF-1.4 handout');
    // The share image is the title slide at the deck's size.
    expect(deckHtml).toContain('<meta property="og:image" content="https://example.org/talks/talk/card.png">');
    expect(deckHtml).toContain('<meta name="twitter:card" content="summary_large_image">');
    const card = decodePng(await readFile(path.join(project, 'dist', 'talk', 'card.png')));
    expect([card.width, card.height]).toEqual([960, 700]);
    expect(new Set(card.data).size).toBeGreaterThan(2); // not a blank image
    expect(await readFile(path.join(project, 'dist', 'index.html'), 'utf8')).toContain('href="./talk/talk.pdf">PDF handout</a>');
    // The title slide's QR code reads back as the deck's address.
    await page.setViewportSize({ width: 960, height: 700 });
    await page.goto(`file://${path.join(project, 'dist', 'talk', 'index.html')}`);
    const code = page.locator('.slidewright-qr svg');
    await expect(code).toHaveCount(1);
    await code.evaluate((svg) => Object.assign((svg as SVGElement).style, { width: '300px', height: '300px' }));
    const image = decodePng(await code.screenshot());
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe('https://example.org/talks/talk/');
    const usage = await run(process.execPath, [path.join(ROOT, 'bin/slidewright.mjs'), 'build', '--url', 'example.org'], { cwd: project }).catch((e: { code: number; stderr: string }) => e);
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringContaining('must be an http(s) address') });
  } finally {
    await rm(project, { recursive: true, force: true });
  }
});

test.describe('--single-file', () => {
  let single: string;
  test.beforeAll(async () => {
    single = await mkdtemp(path.join(tmpdir(), 'slidewright-single-'));
    await run(process.execPath, ['bin/slidewright.mjs', 'build', '--single-file', '--out', single], { cwd: ROOT });
  });
  test.afterAll(async () => {
    await rm(single, { recursive: true, force: true });
  });

  test('the seed deck is one HTML file that shows all its slides in its fonts from file:// with the network blocked, speaker view included', async ({ context, page }) => {
    const requests: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file://') || url.startsWith('data:') || url === 'about:blank') return route.continue();
      requests.push(url);
      return route.abort();
    });
    expect((await readdir(single)).sort()).toEqual(['cpansec-charter.html', 'cpansec-minutes-2025-06-04.html', 'lpw2025-cpansec-update.html']);
    await page.goto(`file://${path.join(single, 'lpw2025-cpansec-update.html')}`);
    await page.waitForFunction(() => window.Reveal?.isReady());
    expect(await page.evaluate(() => window.Reveal!.getTotalSlides())).toBe(16);
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('42px Lato'))).toBe(true);
    expect(await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').length)).toBeGreaterThan(0);
    await expect(page.locator('.reveal h1').first()).toContainText('An update on CPANSec');
    const popup = page.waitForEvent('popup');
    await page.keyboard.press('s');
    const speaker = await popup;
    await expect(speaker.locator('.speaker-controls-notes .value')).not.toBeEmpty({ timeout: 10_000 });
    expect(requests).toEqual([]);
  });
});
