/**
 * `npm run snapshots`: the seed deck's 16 PNGs at its size, identical run to run, with one page
 * or several photographing side by side, and identical to the slides as the normal view shows
 * them; fragment steps, --scale, --range, and a run replacing the images of an earlier one.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { startSite, type Site } from '../../src/export/site.ts';
import { snapshotDeck } from '../../src/export/snapshots/index.ts';
import { decodePng, diffPixels, pngSize } from '../../src/export/snapshots/png.ts';
import type { SnapshotIndex } from '../../src/export/snapshots/plan.ts';
import { resolveProject } from '../../src/project/project.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SEED = 'lpw2025-cpansec-update';

async function runSnapshots(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await promisify(execFile)(TSX, ['src/cli/snapshots.ts', ...args], { cwd: ROOT, timeout: 120_000 });
    return { code: 0, stderr };
  } catch (error) {
    const e = error as { code?: number; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stderr: e.stderr ?? String(error) };
  }
}

const pngs = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith('.png')).sort();

test.describe('the seed deck', () => {
  let out: string;
  test.beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'slidewright-snapshots-'));
  });
  test.afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  test('16 PNGs at the deck size, the same bytes twice and with 3 pages, the same pixels as the normal view', async ({ page }) => {
    test.setTimeout(180_000);
    const first = await runSnapshots([SEED, '--out', path.join(out, 'a')]);
    expect(first.stderr).toContain(`${SEED}: 16 images of 960×700 px`);
    expect(first.code).toBe(0);
    const second = await runSnapshots([`slides/${SEED}.md`, '--out', path.join(out, 'b'), '--profile']);
    expect(second.code).toBe(0);
    // --profile: one row per stage, the per-slide ones counted (docs/performance.md).
    // (Times print as "740 ms" or, past a second, "1.34 s": a slow machine may take either.)
    expect(second.stderr).toMatch(/^browser launch\s.*\d(?: ms| s)/m);
    expect(second.stderr).toMatch(/^slide: its frame, PNG encoded \(Chromium's screencast\)\s.*16× \(median \d+(?:\.\d+)? m?s\)/m);

    // Three pages photographing side by side (16 slides get one page by default).
    const parallel = await runSnapshots([SEED, '--out', path.join(out, 'c'), '--jobs', '3']);
    expect(parallel.code, parallel.stderr).toBe(0);
    expect(parallel.stderr).toContain('3 pages)');

    const a = path.join(out, 'a', SEED);
    const b = path.join(out, 'b', SEED);
    const c = path.join(out, 'c', SEED);
    const files = await pngs(a);
    expect(files).toEqual(Array.from({ length: 16 }, (_, i) => `${String(i + 1).padStart(3, '0')}.png`));
    expect(await pngs(b)).toEqual(files);
    expect(await pngs(c)).toEqual(files);
    for (const f of files) {
      const bytes = await readFile(path.join(a, f));
      expect(pngSize(bytes), f).toEqual({ width: 960, height: 700 });
      expect(bytes.equals(await readFile(path.join(b, f))), `${f} differs between two runs`).toBe(true);
      expect(bytes.equals(await readFile(path.join(c, f))), `${f} differs between one page and three`).toBe(true);
    }

    const index = JSON.parse(await readFile(path.join(a, 'index.json'), 'utf8')) as SnapshotIndex;
    expect(index).toMatchObject({ deck: SEED, source: `slides/${SEED}.md`, width: 960, height: 700, scale: 1, fragments: false, slideCount: 16 });
    expect(index.images.map((i) => i.file)).toEqual(files);
    expect(index.images.map((i) => [i.h, i.v])).toEqual([[0, 0], [1, 0], ...Array.from({ length: 12 }, (_, v) => [2, v]), [3, 0], [4, 0]]);
    expect(index.images[6]).toMatchObject({ slide: 7, h: 2, v: 4, title: 'Metadata & Software Bills of Materials' });
    expect(index.images[6]!.notes).toContain('CycloneDX');
    const source = (await readFile(path.join(ROOT, 'slides', `${SEED}.md`), 'utf8')).split('\n');
    expect(source[index.images[6]!.line - 1]).toBe('### Metadata & Software Bills of Materials');
    expect(await readFile(path.join(b, 'index.json'), 'utf8')).toBe(await readFile(path.join(a, 'index.json'), 'utf8'));

    // Photographed from the print view, the slides must look exactly as on screen: compare with
    // the normal view of the built site at the same size (no margin, so scale 1).
    await page.setViewportSize({ width: 960, height: 700 });
    await page.goto(`${SEED}/?transition=none&backgroundTransition=none&controls=false&progress=false&margin=0`);
    await page.waitForFunction(() => window.Reveal?.isReady() === true);
    await page.evaluate(() => document.fonts.ready);
    for (const image of index.images) {
      await page.evaluate(([h, v]) => window.Reveal!.slide(h, v), [image.h, image.v] as const);
      const onScreen = decodePng(await page.screenshot({ animations: 'disabled', caret: 'hide' }));
      const diff = diffPixels(decodePng(await readFile(path.join(a, image.file))), onScreen);
      expect(diff.differing, `${image.file} differs from slide #/${image.h}/${image.v} on screen`).toBe(0);
    }
  });
});

test.describe('fragments, scale, range', () => {
  let dir: string;
  let site: Site;
  test.beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'slidewright-snapshots-deck-'));
    await mkdir(path.join(dir, 'slides'));
    await writeFile(
      path.join(dir, 'slides', 'steps.md'),
      [
        '# Steps',
        '',
        '[comment]: # (!!!)',
        '',
        '## Two fragments',
        '',
        'always here',
        '',
        '<p class="fragment">then this</p>',
        '',
        '<p class="fragment">and then this</p>',
        '',
        '[comment]: # (|||)',
        '',
        '## Below',
        '',
        'Note:',
        'notes of the last slide',
        '',
      ].join('\n'),
    );
    site = await startSite({ project: resolveProject(dir, { decks: [{ name: 'steps', file: path.join(dir, 'slides', 'steps.md') }] }) });
  });
  test.afterAll(async () => {
    await site?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('one image per fragment step, the last one equal to the slide with every fragment shown', async ({ browser }) => {
    const out = path.join(dir, 'out');
    const base = { outDir: out, scale: 1, range: null, timeoutMs: 30_000, project: resolveProject(dir) };
    const plain = await snapshotDeck(browser, site.decks[0]!, { ...base, fragments: false });
    expect(plain.index.images.map((i) => i.file)).toEqual(['001.png', '002.png', '003.png']);
    expect(plain.index.images[2]).toMatchObject({ h: 1, v: 1, title: 'Below', notes: 'notes of the last slide', fragment: null });
    const allShown = await readFile(path.join(out, 'steps', '002.png'));

    const steps = await snapshotDeck(browser, site.decks[0]!, { ...base, fragments: true, jobs: 2 });
    expect(steps.index.images.map((i) => [i.file, i.slide, i.fragment])).toEqual([
      ['001-00.png', 1, 0],
      ['002-00.png', 2, 0],
      ['002-01.png', 2, 1],
      ['002-02.png', 2, 2],
      ['003-00.png', 3, 0],
    ]);
    // The earlier run's one-per-slide images are replaced.
    expect(steps.removed).toEqual(['001.png', '002.png', '003.png']);
    expect(await pngs(path.join(out, 'steps'))).toEqual(steps.index.images.map((i) => i.file));
    const step = async (n: number) => decodePng(await readFile(path.join(out, 'steps', `002-0${n}.png`)));
    expect(diffPixels(await step(0), await step(1)).differing).toBeGreaterThan(100);
    expect(diffPixels(await step(1), await step(2)).differing).toBeGreaterThan(100);
    expect(diffPixels(await step(2), decodePng(allShown)).differing).toBe(0);
  });

  test('--scale 2 doubles the pixels; --range keeps the slide numbers', async ({ browser }) => {
    const out = path.join(dir, 'scaled');
    const result = await snapshotDeck(browser, site.decks[0]!, { outDir: out, scale: 2, range: [3], fragments: false, timeoutMs: 30_000, project: resolveProject(dir) });
    expect(result.index.images.map((i) => i.file)).toEqual(['003.png']);
    expect(result.index).toMatchObject({ width: 960, height: 700, scale: 2 });
    expect(pngSize(await readFile(path.join(out, 'steps', '003.png')))).toEqual({ width: 1920, height: 1400 });
    await expect(snapshotDeck(browser, site.decks[0]!, { outDir: out, scale: 1, range: [4], fragments: false, timeoutMs: 30_000, project: resolveProject(dir) })).rejects.toThrow(
      '--range asks for slide 4 but "steps" has 3 slides',
    );
  });
});

test.describe('a slide that animates', () => {
  let dir: string;
  let site: Site;
  const circle = '<svg width="200" height="200"><circle cx="100" cy="100" r="40" fill="red"><animate attributeName="r" values="20;90;20" dur="0.5s" repeatCount="indefinite"/></circle></svg>';
  const decks = {
    // Drawn on its own while shown, after the last image (its frames may or may not be seen).
    last: ['# One', '', 'still', '', '---', '', '# Two', '', 'still too', '', '---', '', '# Three', '', circle, ''],
    // The slide after it must not get one of its frames.
    middle: ['# One', '', 'still', '', '---', '', '# Two', '', circle, '', '---', '', '# Three', '', 'still again', ''],
  };
  test.beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'slidewright-snapshots-animated-'));
    await mkdir(path.join(dir, 'slides'));
    for (const [name, lines] of Object.entries(decks)) await writeFile(path.join(dir, 'slides', `${name}.md`), lines.join('\n'));
    site = await startSite({ project: resolveProject(dir, { decks: Object.keys(decks).map((name) => ({ name, file: path.join(dir, 'slides', `${name}.md`) })) }) });
  });
  test.afterAll(async () => {
    await site?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Each still slide's image equals the one taken of it alone (`--range`). */
  async function expectStillSlidesRight(browser: import('@playwright/test').Browser, deckName: string, still: number[]) {
    const deck = site.decks.find((d) => d.name === deckName)!;
    const options = { scale: 1, range: null, fragments: false, timeoutMs: 30_000, project: resolveProject(dir) };
    const all = await snapshotDeck(browser, deck, { ...options, outDir: path.join(dir, 'all') });
    expect(all.index.images).toHaveLength(3);
    for (const n of still) {
      await snapshotDeck(browser, deck, { ...options, range: [n], outDir: path.join(dir, `alone-${n}`) });
      const file = `${String(n).padStart(3, '0')}.png`;
      const together = await readFile(path.join(dir, 'all', deckName, file));
      const alone = await readFile(path.join(dir, `alone-${n}`, deckName, file));
      expect(together.equals(alone), `${deckName}: slide ${n} differs from the slide photographed alone`).toBe(true);
    }
    return all;
  }

  test('an animated last slide: the slides before it are right, each image taken once or again', async ({ browser }) => {
    const all = await expectStillSlidesRight(browser, 'last', [1, 2]);
    expect(all.taken.frames + all.taken.screenshots).toBe(3);
  });

  test('an animated slide in the middle: the next slide gets its own image', async ({ browser }) => {
    const all = await expectStillSlidesRight(browser, 'middle', [1, 3]);
    expect(all.taken.frames + all.taken.screenshots).toBe(3);
  });
});

test('a still deck is photographed from its frames', async ({ browser }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'slidewright-snapshots-still-'));
  try {
    await mkdir(path.join(dir, 'slides'));
    await writeFile(path.join(dir, 'slides', 'still.md'), '# One\n\n---\n\n# Two\n');
    const site = await startSite({ project: resolveProject(dir, { decks: [{ name: 'still', file: path.join(dir, 'slides', 'still.md') }] }) });
    try {
      const result = await snapshotDeck(browser, site.decks[0]!, { outDir: path.join(dir, 'out'), scale: 1, range: null, fragments: false, timeoutMs: 30_000, project: resolveProject(dir) });
      expect(result.taken).toEqual({ frames: 2, screenshots: 0 });
    } finally {
      await site.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
