/**
 * `npm run bench -- snapshots`: PNG snapshots of every slide, ours against the naive loop,
 * for a generated deck of 200 slides (written to a temporary directory, never into slides/)
 * and for the seed deck.
 *
 * - naive loop: one page at the deck's size, the normal view with transitions, controls and
 *   progress off; per slide `Reveal.slide(h, v)`, wait (fonts, images, two frames), Playwright
 *   `page.screenshot`, write the file.
 * - ours: `snapshotDeck()` (what `npm run snapshots` runs per deck): reveal's print view laid
 *   out once per page, each slide photographed alone with Chromium's screenshot call, a few
 *   pages side by side; plus the same with one page, to show what parallel pages add.
 * All against the same built site and the same launched browser (building and launching are
 * the same for both and left out). Runs are interleaved so that other load hits all alike.
 * Before trusting the figures, a sample of images from both is compared pixel by pixel.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright';
import { launchBrowser } from '../src/export/browser/index.ts';
import { waitForDeckReady } from '../src/export/page-ready.ts';
import { startSite, type SiteDeck } from '../src/export/site.ts';
import { snapshotDeck } from '../src/export/snapshots/index.ts';
import { defaultJobs } from '../src/export/snapshots/plan.ts';
import { decodePng, diffPixels } from '../src/export/snapshots/png.ts';
import { generateDeck } from './decks.ts';
import { summarize, type BenchRow, type BenchSuite, type Stats } from './harness.ts';
import { resolveProject } from '../src/project/project.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = path.join(ROOT, 'slides/lpw2025-cpansec-update.md');

const NORMAL_VIEW = '?transition=none&backgroundTransition=none&controls=false&progress=false&slideNumber=false&margin=0';

/** The naive loop: navigate with Reveal.slide, wait, screenshot. Returns the files written. */
async function naiveLoop(browser: Browser, deck: SiteDeck, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 960, height: 700 } });
  try {
    const page = await context.newPage();
    await page.goto(`${deck.url}${NORMAL_VIEW}`);
    await waitForDeckReady(page, { print: false, timeoutMs: 60_000 });
    const slides = await page.evaluate(() => window.Reveal!.getSlides().map((s) => window.Reveal!.getIndices(s)));
    const files: string[] = [];
    for (const [i, { h, v }] of slides.entries()) {
      await page.evaluate(([h, v]) => window.Reveal!.slide(h, v), [h, v ?? 0] as const);
      await waitForDeckReady(page, { print: false, timeoutMs: 60_000 });
      const file = path.join(dir, `${String(i + 1).padStart(3, '0')}.png`);
      await writeFile(file, await page.screenshot());
      files.push(file);
    }
    return files;
  } finally {
    await context.close();
  }
}

const timed = async (fn: () => Promise<unknown>) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

const suite: BenchSuite = {
  name: 'snapshots',
  description: 'npm run snapshots (print view, parallel pages) vs a naive Reveal.slide + screenshot loop',
  async run({ runs, log }) {
    const dir = await mkdtemp(path.join(tmpdir(), 'slidewright-bench-snapshots-'));
    const rows: BenchRow[] = [];
    const speedUps: Array<{ slides: number; speedUp: number; perSlide: number }> = [];
    const browser = await launchBrowser();
    try {
      await mkdir(path.join(dir, 'slides'));
      const generated = path.join(dir, 'slides', 'generated-200.md');
      await writeFile(generated, generateDeck(200));
      const cases = [
        { name: '200 slides', root: dir, deck: { name: 'generated-200', file: generated }, slides: 200 },
        { name: 'seed (16)', root: ROOT, deck: { name: 'lpw2025-cpansec-update', file: SEED }, slides: 16 },
      ];
      for (const c of cases) {
        const site = await startSite({ project: resolveProject(c.root, { decks: [c.deck] }) });
        const deck = site.decks[0]!;
        const out = (what: string) => path.join(dir, 'out', c.deck.name, what);
        const jobs = defaultJobs(c.slides, availableParallelism());
        const ours = (n: number) => () =>
          snapshotDeck(browser, deck, { project: resolveProject(c.root, { decks: [c.deck] }), outDir: out(`ours-${n}`), scale: 1, range: null, fragments: false, jobs: n, timeoutMs: 120_000 });
        const samples = { naive: [] as number[], ours: [] as number[], oursOne: [] as number[] };
        try {
          // Warm-up (disk caches, the doctor bundle, Chromium's caches), not timed.
          const naiveFiles = await naiveLoop(browser, deck, out('naive'));
          const result = await ours(jobs)();
          if (result.index.images.length !== naiveFiles.length) {
            throw new Error(`${c.name}: ours made ${result.index.images.length} images, the naive loop ${naiveFiles.length}`);
          }
          let differing = 0;
          const sample = result.index.images.filter((_, i) => i % Math.max(1, Math.floor(naiveFiles.length / 10)) === 0);
          for (const image of sample) {
            const a = decodePng(await readFile(path.join(result.dir, image.file)));
            const b = decodePng(await readFile(naiveFiles[image.slide - 1]!));
            if (diffPixels(a, b).differing > 0) differing++;
          }
          log(`${c.name}: ${naiveFiles.length} images each; ${sample.length} compared pixel by pixel, ${differing} differ`);
          for (let i = 0; i < runs; i++) {
            samples.naive.push(await timed(() => naiveLoop(browser, deck, out('naive'))));
            samples.ours.push(await timed(ours(jobs)));
            samples.oursOne.push(await timed(ours(1)));
          }
        } finally {
          await site.close();
        }
        const naive: Stats = summarize(samples.naive);
        const oursStats = summarize(samples.ours);
        const one = summarize(samples.oursOne);
        const per = (s: Stats) => `${(s.median / c.slides).toFixed(1)} ms`;
        const speed = (s: Stats) => `${(naive.median / s.median).toFixed(2)}×`;
        rows.push({ name: `${c.name} naive loop`, stats: naive, extra: { 'per slide': per(naive), 'speed-up': '1.00×' } });
        rows.push({ name: `${c.name} ours, ${jobs} page${jobs === 1 ? '' : 's'}`, stats: oursStats, extra: { 'per slide': per(oursStats), 'speed-up': speed(oursStats) } });
        rows.push({ name: `${c.name} ours, 1 page`, stats: one, extra: { 'per slide': per(one), 'speed-up': speed(one) } });
        speedUps.push({ slides: c.slides, speedUp: naive.median / oursStats.median, perSlide: oursStats.median / c.slides });
        log(`${c.name}: naive ${Math.round(naive.median)} ms, ours ${Math.round(oursStats.median)} ms (${speed(oursStats)})`);
      }
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
    const big = speedUps.find((s) => s.slides === 200)!;
    return {
      rows,
      targets: [
        {
          description: '200 slides: ours ≥ 2× faster than the naive loop (medians)',
          met: big.speedUp >= 2,
          detail: `${big.speedUp.toFixed(2)}× (${big.perSlide.toFixed(1)} ms per slide)`,
        },
      ],
    };
  },
};

export default suite;
