/**
 * `npm run bench -- pdf`: our PDF export against the floor and Marp CLI, for the seed deck and
 * generated decks of 50 and 200 slides (written to a temporary directory, never into slides/).
 *
 * - ours (command): `npm run pdf -- <deck.md> --out <tmp>` wall time, markdown in → PDF out:
 *   process start, rendering the deck, browser launch, print, finishing, atomic write.
 * - floor (command): `node floor.mjs`: plain Node, Playwright, launch of the same browser
 *   binary with the same flags, load of the same deck PREBUILT by Vite as `npm run build` does
 *   (built and served before the timing) at `?print-pdf`, wait for reveal's `pdf-ready`, one `page.pdf` with the same options.
 * - Marp CLI (command): `node marp-cli.js --pdf --allow-local-files --no-stdin -o <out.pdf>
 *   <deck.marp.md>`, markdown in → PDF out, on the same deck in Marp's format (see marp.ts), with
 *   the same browser binary (CHROME_PATH) and native emoji (Marp's default fetches Twemoji
 *   images from a CDN). Installed by the bench (cached); when it cannot be installed its rows and
 *   target are skipped, with a message.
 * - the same ours/floor in this process (`exportPdfs()` vs launch + load + print), which leaves out
 *   process start and module loading, to show the cost of the export itself.
 * Runs are interleaved (ours, floor, Marp, ours, ...) so that load from other work on the machine
 * hits all alike. Targets (issue #12): seed ≤ 1.05× the floor, 200 slides ≤ 1.1× the floor,
 * seed ≤ 0.85× Marp CLI. A baseline that cannot run fails the suite with the figure named.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { chromiumArgs, findBrowser } from '../src/export/browser/index.ts';
import { exportPdfs } from '../src/export/pdf/export.ts';
import { startBuiltSite } from './built-site.ts';
import { generateDeck } from './decks.ts';
import { named as namedFor, summarize, timeCommand as timeCommandFor, type BenchRow, type BenchSuite, type Stats, type Target } from './harness.ts';
import { installMarp, marpEnv, writeMarpDeck, type MarpInstall } from './marp.ts';
import { resolveProject } from '../src/project/project.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = path.join(ROOT, 'slides/lpw2025-cpansec-update.md');

const FLOOR_SCRIPT = `
import { chromium } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'node_modules/playwright/index.mjs')).href)};
const [url, out, executablePath, args] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath, args: JSON.parse(args), headless: true });
const page = await browser.newPage();
await page.addInitScript(() => window.addEventListener('pdf-ready', () => { window.__ready = true; }));
await page.goto(url);
await page.waitForFunction(() => window.__ready === true);
await page.pdf({ path: out, preferCSSPageSize: true, printBackground: true, tagged: true });
await browser.close();
`;



const pageCount = async (file: string) => (await PDFDocument.load(await readFile(file), { updateMetadata: false })).getPageCount();

interface CaseResult {
  name: string;
  slides: number;
  ours: Stats;
  floor: Stats;
  marp: Stats | null;
  oursInProcess: Stats;
  floorInProcess: Stats;
}

const named = <T>(figure: string, fn: () => Promise<T>) => namedFor('pdf', figure, fn);
const timeCommand = (figure: string, command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv } = { cwd: ROOT }) =>
  timeCommandFor('pdf', figure, command, args, options);

const ratio = (a: Stats, b: Stats) => a.median / b.median;
const times = (x: number) => `${x.toFixed(2)}×`;

const suite: BenchSuite = {
  name: 'pdf',
  description: 'npm run pdf vs the floor (bare Playwright page.pdf of the prebuilt deck, same browser) and Marp CLI',
  async run({ runs, log }) {
    const dir = await mkdtemp(path.join(tmpdir(), 'slidewright-bench-pdf-'));
    const found = findBrowser();
    const args = chromiumArgs();
    const floorScript = path.join(dir, 'floor.mjs');
    await writeFile(floorScript, FLOOR_SCRIPT);
    const { chromium } = await import('playwright');

    // Marp CLI: installed for the bench only (never a dependency); skipped when it cannot be.
    let marp: MarpInstall | null = null;
    const marpConfig = path.join(dir, 'marp.config.json');
    const installed = await installMarp(ROOT, log);
    if (typeof installed === 'string') {
      log(`Marp CLI could not be installed, so its rows and target are SKIPPED: ${installed}`);
    } else {
      marp = installed;
      log(`Marp CLI ${marp.version} (${marp.installed ? 'installed now' : 'from the cache'}), browser ${found.executablePath}${process.getuid?.() === 0 ? ', as root: CHROME_NO_SANDBOX=1' : ''}`);
      // Native emoji, as ours: Marp's default turns each into a Twemoji image from a CDN.
      await writeFile(marpConfig, JSON.stringify({ options: { emoji: { shortcode: false, unicode: false } } }));
    }

    const cases: { name: string; file: string; slides: number }[] = [{ name: 'seed', file: SEED, slides: 16 }];
    for (const n of [50, 200]) {
      const file = path.join(dir, `generated-${n}.md`);
      await writeFile(file, generateDeck(n));
      cases.push({ name: `generated-${n}`, file, slides: n });
    }
    const results: CaseResult[] = [];
    try {
      for (const c of cases) {
        const label = c.name === 'seed' ? `seed (${c.slides})` : `${c.slides} slides`;
        const deck = { name: path.basename(c.file, '.md'), file: c.file };
        const site = await named(`${label} floor (building the deck with Vite)`, () => startBuiltSite(ROOT, deck));
        const url = `${site.url}?print-pdf&showNotes=false&pdfSeparateFragments=false`;
        const out = path.join(dir, 'out');
        const floorOut = path.join(dir, `floor-${c.name}.pdf`);
        const marpOut = path.join(dir, `marp-${c.name}.pdf`);
        const marpDeck = marp ? await writeMarpDeck(c.file, dir, c.name) : null;
        if (marpDeck && marpDeck.slides !== c.slides) log(`${label}: the Marp deck has ${marpDeck.slides} slides, ours ${c.slides}`);
        const samples = { ours: [] as number[], floor: [] as number[], marp: [] as number[], oursIn: [] as number[], floorIn: [] as number[] };
        const oursCommand = () => timeCommand(`${label} npm run pdf`, 'npm', ['run', '-s', 'pdf', '--', c.file, '--out', out]);
        const floorCommand = () =>
          timeCommand(`${label} floor: node + page.pdf`, process.execPath, [floorScript, url, floorOut, found.executablePath, JSON.stringify(args)]);
        const marpCommand = (m: MarpInstall, file: string) => () =>
          timeCommand(
            `${label} Marp CLI ${m.version}`,
            process.execPath,
            [m.bin, '--pdf', '--allow-local-files', '--no-stdin', '--config-file', marpConfig, '-o', marpOut, file],
            { cwd: dir, env: marpEnv(found.executablePath) },
          );
        const marpRun = marp && marpDeck ? marpCommand(marp, marpDeck.file) : null;
        const oursInProcess = () =>
          named(`${label} exportPdfs() in process`, async () => {
            const start = performance.now();
            const report = await exportPdfs({ project: resolveProject(ROOT, { decks: [deck] }), outDir: out, cli: {}, timeoutMs: 120_000 });
            if (!report.outcomes.every((o) => o.ok)) throw new Error(report.outcomes.map((o) => o.error).join('; '));
            return performance.now() - start;
          });
        const floorInProcess = () =>
          named(`${label} floor in process`, async () => {
            const start = performance.now();
            const browser = await chromium.launch({ executablePath: found.executablePath, args, headless: true });
            try {
              const page = await browser.newPage();
              await page.addInitScript(() => window.addEventListener('pdf-ready', () => ((window as unknown as { __ready: boolean }).__ready = true)));
              await page.goto(url);
              await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
              await page.pdf({ path: floorOut, preferCSSPageSize: true, printBackground: true, tagged: true });
            } finally {
              await browser.close();
            }
            return performance.now() - start;
          });
        let oursPages: number;
        try {
          // Warm-up (disk caches, tsx's transform cache), not timed.
          await oursCommand();
          await floorCommand();
          if (marpRun) await marpRun();
          // Same output as the floor's print (and Marp's): check the page counts before trusting the figures.
          oursPages = await pageCount(path.join(out, `${deck.name}.pdf`));
          const floorPages = await pageCount(floorOut);
          if (oursPages !== floorPages) log(`${label}: ours has ${oursPages} pages, the floor's ${floorPages}`);
          if (marpRun) {
            const marpPages = await pageCount(marpOut);
            if (marpPages !== c.slides) log(`${label}: Marp's PDF has ${marpPages} pages for ${c.slides} slides: its figures are not for the same output`);
          }
          for (let i = 0; i < runs; i++) {
            samples.ours.push(await oursCommand());
            samples.floor.push(await floorCommand());
            if (marpRun) samples.marp.push(await marpRun());
            samples.oursIn.push(await oursInProcess());
            samples.floorIn.push(await floorInProcess());
          }
        } finally {
          await site.close();
        }
        const result: CaseResult = {
          name: label,
          slides: c.slides,
          ours: summarize(samples.ours),
          floor: summarize(samples.floor),
          marp: samples.marp.length ? summarize(samples.marp) : null,
          oursInProcess: summarize(samples.oursIn),
          floorInProcess: summarize(samples.floorIn),
        };
        log(
          `${label}: ${oursPages} pages, ours ${Math.round(result.ours.median)} ms, floor ${Math.round(result.floor.median)} ms` +
            (result.marp ? `, Marp CLI ${Math.round(result.marp.median)} ms` : ''),
        );
        results.push(result);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    const [seed, fifty, twoHundred] = results as [CaseResult, CaseResult, CaseResult];
    const perSlide = (pick: (r: CaseResult) => Stats) => (pick(twoHundred).median - pick(fifty).median) / (twoHundred.slides - fifty.slides);
    const rows: BenchRow[] = [];
    for (const r of results) {
      // The cost per added slide (information) on the 200-slide rows.
      const perAdded = (pick: (x: CaseResult) => Stats): Record<string, string> =>
        r === twoHundred ? { 'per added slide (50→200)': `${perSlide(pick).toFixed(1)} ms` } : {};
      const oursExtra: Record<string, string> = { 'ratio to floor': times(ratio(r.ours, r.floor)) };
      if (r.marp) oursExtra['ratio to Marp'] = times(ratio(r.ours, r.marp));
      rows.push({ name: `${r.name} npm run pdf`, stats: r.ours, extra: { ...oursExtra, ...perAdded((x) => x.ours) } });
      rows.push({ name: `${r.name} floor: node + page.pdf`, stats: r.floor, extra: perAdded((x) => x.floor) });
      if (r.marp) {
        rows.push({ name: `${r.name} Marp CLI ${marp!.version}`, stats: r.marp, extra: { 'ratio to floor': times(ratio(r.marp, r.floor)), ...perAdded((x) => x.marp!) } });
      }
      rows.push({ name: `${r.name} exportPdfs() in process`, stats: r.oursInProcess, extra: { 'ratio to floor': times(ratio(r.oursInProcess, r.floorInProcess)) } });
      rows.push({ name: `${r.name} floor in process`, stats: r.floorInProcess });
    }
    log(
      `cost per added slide (50 → 200, information): ours ${perSlide((r) => r.ours).toFixed(1)} ms, floor ${perSlide((r) => r.floor).toFixed(1)} ms` +
        (seed.marp ? `, Marp CLI ${perSlide((r) => r.marp!).toFixed(1)} ms` : '') +
        ` (in process: ours ${perSlide((r) => r.oursInProcess).toFixed(1)} ms, floor ${perSlide((r) => r.floorInProcess).toFixed(1)} ms)`,
    );
    const targets: Target[] = [
      {
        description: 'seed deck: npm run pdf ≤ 1.05× the floor',
        met: ratio(seed.ours, seed.floor) <= 1.05,
        detail: `${times(ratio(seed.ours, seed.floor))} (in process: ${times(ratio(seed.oursInProcess, seed.floorInProcess))})`,
      },
      {
        description: '200 slides: npm run pdf ≤ 1.1× the floor',
        met: ratio(twoHundred.ours, twoHundred.floor) <= 1.1,
        detail: `${times(ratio(twoHundred.ours, twoHundred.floor))} (in process: ${times(ratio(twoHundred.oursInProcess, twoHundred.floorInProcess))}; 50 slides: ${times(ratio(fifty.ours, fifty.floor))})`,
      },
    ];
    if (seed.marp && fifty.marp && twoHundred.marp) {
      targets.push({
        description: 'seed deck: npm run pdf ≤ 0.85× Marp CLI',
        met: ratio(seed.ours, seed.marp) <= 0.85,
        detail: `${times(ratio(seed.ours, seed.marp))} (50 slides: ${times(ratio(fifty.ours, fifty.marp))}, 200 slides: ${times(ratio(twoHundred.ours, twoHundred.marp))})`,
      });
    } else {
      log('Marp CLI target skipped: Marp CLI could not be installed (see above)');
    }
    return { rows, targets };
  },
};

export default suite;
