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
 *
 * Then the commands, as issue #12 measures them, paired and interleaved: `npm run snapshots`
 * (markdown in, PNGs out: process start, compile, launch, capture, write) against the naive loop
 * as a plain-Node script (launch the same Chromium with the same flags, open the deck PREBUILT
 * by Vite and served before the timing, then `Reveal.slide` + `page.screenshot` per slide).
 * Targets: ≤ 0.5× the naive command for the seed deck, ≤ 0.3× at 200 slides (ratios of
 * medians); the in-process figures above are information. A figure that cannot run fails the
 * suite, named.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright';
import { chromiumArgs, findBrowser, launchBrowser } from '../src/export/browser/index.ts';
import { startBuiltSite, type BuiltSite } from './built-site.ts';
import { waitForDeckReady } from '../src/export/page-ready.ts';
import { startSite, type SiteDeck } from '../src/export/site.ts';
import { snapshotDeck } from '../src/export/snapshots/index.ts';
import { defaultJobs } from '../src/export/snapshots/plan.ts';
import { decodePng, diffPixels } from '../src/export/snapshots/png.ts';
import { generateDeck } from './decks.ts';
import { named as namedFor, summarize, timeCommand, type BenchRow, type BenchSuite, type Stats } from './harness.ts';
import { resolveProject } from '../src/project/project.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = path.join(ROOT, 'slides/lpw2025-cpansec-update.md');

const NORMAL_VIEW = '?transition=none&backgroundTransition=none&controls=false&progress=false&slideNumber=false&margin=0';

/** The naive loop as a command: what a speaker would write with Playwright alone. */
const NAIVE_SCRIPT = `
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'node_modules/playwright/index.mjs')).href)};
const [url, dir, executablePath, args] = process.argv.slice(2);
mkdirSync(dir, { recursive: true });
const browser = await chromium.launch({ executablePath, args: JSON.parse(args), headless: true });
const page = await browser.newPage({ viewport: { width: 960, height: 700 } });
await page.goto(url + ${JSON.stringify(NORMAL_VIEW)});
await page.waitForFunction(() => window.Reveal && window.Reveal.isReady());
await page.evaluate(() => document.fonts.ready);
const slides = await page.evaluate(() => window.Reveal.getSlides().map((s) => window.Reveal.getIndices(s)));
const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
for (const [i, { h, v }] of slides.entries()) {
  await page.evaluate(([h, v]) => window.Reveal.slide(h, v), [h, v ?? 0]);
  await frames();
  writeFileSync(dir + '/' + String(i + 1).padStart(3, '0') + '.png', await page.screenshot());
}
await browser.close();
if (slides.length === 0) process.exit(3);
`;


/** The PNG files under `dir` (any depth). */
async function pngs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((f) => f.endsWith('.png')).sort();
}

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


const named = <T>(figure: string, fn: () => Promise<T>) => namedFor('snapshots', figure, fn);

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
          const naiveFiles = await named(`${c.name} naive loop (in process)`, () => naiveLoop(browser, deck, out('naive')));
          const result = await named(`${c.name} ours (in process)`, ours(jobs));
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
            // With one page already (a short deck), a second row would repeat the first.
            if (jobs !== 1) samples.oursOne.push(await timed(ours(1)));
          }
        } finally {
          await site.close();
        }
        const naive: Stats = summarize(samples.naive);
        const oursStats = summarize(samples.ours);
        const per = (s: Stats) => `${(s.median / c.slides).toFixed(1)} ms`;
        const speed = (s: Stats) => `${(naive.median / s.median).toFixed(2)}×`;
        rows.push({ name: `${c.name} naive loop`, stats: naive, extra: { 'per slide': per(naive), 'speed-up': '1.00×' } });
        rows.push({ name: `${c.name} ours, ${jobs} page${jobs === 1 ? '' : 's'}`, stats: oursStats, extra: { 'per slide': per(oursStats), 'speed-up': speed(oursStats) } });
        if (samples.oursOne.length) {
          const one = summarize(samples.oursOne);
          rows.push({ name: `${c.name} ours, 1 page`, stats: one, extra: { 'per slide': per(one), 'speed-up': speed(one) } });
        }
        speedUps.push({ slides: c.slides, speedUp: naive.median / oursStats.median, perSlide: oursStats.median / c.slides });
        log(`${c.name}: naive ${Math.round(naive.median)} ms, ours ${Math.round(oursStats.median)} ms (${speed(oursStats)})`);
      }
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
    const big = speedUps.find((s) => s.slides === 200)!;
    log(`in process (information): 200 slides, ours ${big.speedUp.toFixed(2)}× faster than the naive loop (${big.perSlide.toFixed(1)} ms per slide)`);

    // The commands (issue #12's figures), paired and interleaved.
    const commandDir = await mkdtemp(path.join(tmpdir(), 'slidewright-bench-snapshot-commands-'));
    const ratios: Array<{ slides: number; ratio: number }> = [];
    try {
      const naiveScript = path.join(commandDir, 'naive.mjs');
      await writeFile(naiveScript, NAIVE_SCRIPT);
      await mkdir(path.join(commandDir, 'slides'));
      const generated = path.join(commandDir, 'slides', 'generated-200.md');
      await writeFile(generated, generateDeck(200));
      const found = findBrowser();
      const args = JSON.stringify(chromiumArgs());
      const cases = [
        { name: 'seed (16)', root: ROOT, deck: { name: 'lpw2025-cpansec-update', file: SEED }, slides: 16 },
        { name: '200 slides', root: commandDir, deck: { name: 'generated-200', file: generated }, slides: 200 },
      ];
      for (const c of cases) {
        const oursFigure = `${c.name} command: npm run snapshots`;
        const naiveFigure = `${c.name} command: naive loop (node)`;
        let built: BuiltSite;
        try {
          built = await startBuiltSite(c.root, c.deck);
        } catch (error) {
          throw new Error(`snapshots bench: ${naiveFigure} cannot run: building the deck with Vite failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        const oursOut = path.join(commandDir, 'ours', c.deck.name);
        const naiveOut = path.join(commandDir, 'naive', c.deck.name);
        try {
          const ours = () => timeCommand('snapshots', oursFigure, 'npm', ['run', '-s', 'snapshots', '--', c.deck.file, '--out', oursOut], { cwd: ROOT });
          const naive = () => timeCommand('snapshots', naiveFigure, process.execPath, [naiveScript, built.url, naiveOut, found.executablePath, args], { cwd: ROOT });
          log(`commands, ${c.name}: warm-up…`);
          await ours();
          await naive();
          // The same images from both before trusting the figures.
          const oursImages = (await pngs(oursOut)).length;
          const naiveImages = (await pngs(naiveOut)).length;
          if (oursImages !== c.slides || naiveImages !== c.slides) {
            log(`commands, ${c.name}: npm run snapshots wrote ${oursImages} images, the naive loop ${naiveImages}, for ${c.slides} slides`);
          }
          const samples = { ours: [] as number[], naive: [] as number[] };
          for (let i = 0; i < runs; i++) {
            samples.ours.push(await ours());
            samples.naive.push(await naive());
          }
          const o = summarize(samples.ours);
          const n = summarize(samples.naive);
          const ratio = o.median / n.median;
          rows.push({ name: oursFigure, stats: o, extra: { 'per slide': `${(o.median / c.slides).toFixed(1)} ms`, 'ratio to naive command': `${ratio.toFixed(2)}×` } });
          rows.push({ name: naiveFigure, stats: n, extra: { 'per slide': `${(n.median / c.slides).toFixed(1)} ms` } });
          ratios.push({ slides: c.slides, ratio });
          log(`commands, ${c.name}: npm run snapshots ${Math.round(o.median)} ms, naive loop ${Math.round(n.median)} ms (${ratio.toFixed(2)}×)`);
        } finally {
          await built.close();
        }
      }
    } finally {
      await rm(commandDir, { recursive: true, force: true });
    }
    const seedRatio = ratios.find((r) => r.slides === 16)!.ratio;
    const bigRatio = ratios.find((r) => r.slides === 200)!.ratio;
    return {
      rows,
      targets: [
        { description: 'seed deck: npm run snapshots ≤ 0.5× the naive loop command', met: seedRatio <= 0.5, detail: `${seedRatio.toFixed(2)}×` },
        { description: '200 slides: npm run snapshots ≤ 0.3× the naive loop command', met: bigRatio <= 0.3, detail: `${bigRatio.toFixed(2)}×` },
      ],
    };
  },
};

export default suite;
