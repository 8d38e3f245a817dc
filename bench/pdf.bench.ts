/**
 * `npm run bench -- pdf`: our PDF export against the floor, for the seed deck and generated
 * decks of 50 and 200 slides (written to a temporary directory, never into slides/).
 *
 * - ours (command): `npm run pdf -- <deck.md> --out <tmp>` wall time, markdown in → PDF out:
 *   process start, rendering the deck, browser launch, print, finishing, atomic write.
 * - floor (command): `node floor.mjs`: plain Node, Playwright, launch of the same browser
 *   binary with the same flags, load of the same deck PREBUILT by Vite as `npm run build` does
 *   (built and served before the timing) at `?print-pdf`, wait for reveal's `pdf-ready`, one `page.pdf` with the same options.
 * - the same two in this process (`exportPdfs()` vs launch + load + print), which leaves out
 *   process start and module loading, to show the cost of the export itself.
 * Runs are interleaved (ours, floor, ours, ...) so that load from other work on the machine
 * hits both alike.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromiumArgs, findBrowser } from '../src/export/browser/index.ts';
import { exportPdfs } from '../src/export/pdf/export.ts';
import { startBuiltSite } from './built-site.ts';
import { generateDeck } from './decks.ts';
import { summarize, type BenchRow, type BenchSuite, type Stats, type Target } from './harness.ts';
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

function timeCommand(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - start) : reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${stderr}`))));
  });
}

interface CaseResult {
  slides: number;
  ours: Stats;
  floor: Stats;
  oursInProcess: Stats;
  floorInProcess: Stats;
}

const ratio = (a: Stats, b: Stats) => a.median / b.median;

const suite: BenchSuite = {
  name: 'pdf',
  description: 'npm run pdf vs the floor (bare Playwright page.pdf of the prebuilt deck, same browser)',
  async run({ runs, log }) {
    const dir = await mkdtemp(path.join(tmpdir(), 'slidewright-bench-pdf-'));
    const found = findBrowser();
    const args = chromiumArgs();
    const floorScript = path.join(dir, 'floor.mjs');
    await writeFile(floorScript, FLOOR_SCRIPT);
    const { chromium } = await import('playwright');
    const cases: { name: string; file: string; slides: number }[] = [{ name: 'seed', file: SEED, slides: 16 }];
    for (const n of [50, 200]) {
      const file = path.join(dir, `generated-${n}.md`);
      await writeFile(file, generateDeck(n));
      cases.push({ name: `generated-${n}`, file, slides: n });
    }
    const results: CaseResult[] = [];
    try {
      for (const c of cases) {
        const deck = { name: path.basename(c.file, '.md'), file: c.file };
        const site = await startBuiltSite(ROOT, deck);
        const url = `${site.url}?print-pdf&showNotes=false&pdfSeparateFragments=false`;
        const out = path.join(dir, 'out');
        const floorOut = path.join(dir, `floor-${c.name}.pdf`);
        const samples = { ours: [] as number[], floor: [] as number[], oursIn: [] as number[], floorIn: [] as number[] };
        const oursCommand = () => timeCommand('npm', ['run', '-s', 'pdf', '--', c.file, '--out', out]);
        const floorCommand = () => timeCommand(process.execPath, [floorScript, url, floorOut, found.executablePath, JSON.stringify(args)]);
        const oursInProcess = async () => {
          const start = performance.now();
          const report = await exportPdfs({ project: resolveProject(ROOT, { decks: [deck] }), outDir: out, cli: {}, timeoutMs: 120_000 });
          if (!report.outcomes.every((o) => o.ok)) throw new Error(report.outcomes.map((o) => o.error).join('; '));
          return performance.now() - start;
        };
        const floorInProcess = async () => {
          const start = performance.now();
          const browser = await chromium.launch({ executablePath: found.executablePath, args, headless: true });
          const page = await browser.newPage();
          await page.addInitScript(() => window.addEventListener('pdf-ready', () => ((window as unknown as { __ready: boolean }).__ready = true)));
          await page.goto(url);
          await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
          await page.pdf({ path: floorOut, preferCSSPageSize: true, printBackground: true, tagged: true });
          await browser.close();
          return performance.now() - start;
        };
        try {
          // Warm-up (disk caches, tsx's transform cache), not timed.
          await oursCommand();
          await floorCommand();
          for (let i = 0; i < runs; i++) {
            samples.ours.push(await oursCommand());
            samples.floor.push(await floorCommand());
            samples.oursIn.push(await oursInProcess());
            samples.floorIn.push(await floorInProcess());
          }
        } finally {
          await site.close();
        }
        // Same output as the floor's print: check the page count before trusting the figures.
        const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
        const oursPages = pages(await readFile(path.join(out, `${deck.name}.pdf`)));
        const floorPages = pages(await readFile(floorOut));
        if (oursPages !== floorPages) log(`${c.name}: ours has ${oursPages} pages, the floor's ${floorPages}`);
        const result: CaseResult = {
          slides: c.slides,
          ours: summarize(samples.ours),
          floor: summarize(samples.floor),
          oursInProcess: summarize(samples.oursIn),
          floorInProcess: summarize(samples.floorIn),
        };
        log(`${c.name}: ${c.slides} slides, ${oursPages} pages, ours ${Math.round(result.ours.median)} ms, floor ${Math.round(result.floor.median)} ms`);
        results.push(result);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    const rows: BenchRow[] = [];
    results.forEach((r, i) => {
      const name = i === 0 ? `seed (${r.slides})` : `${r.slides} slides`;
      rows.push({ name: `${name} npm run pdf`, stats: r.ours, extra: { 'ratio to floor': `${ratio(r.ours, r.floor).toFixed(2)}×` } });
      rows.push({ name: `${name} floor: node + page.pdf`, stats: r.floor });
      rows.push({ name: `${name} exportPdfs() in process`, stats: r.oursInProcess, extra: { 'ratio to floor': `${ratio(r.oursInProcess, r.floorInProcess).toFixed(2)}×` } });
      rows.push({ name: `${name} floor in process`, stats: r.floorInProcess });
    });
    const [seed, fifty, twoHundred] = results as [CaseResult, CaseResult, CaseResult];
    const perSlide = (pick: (r: CaseResult) => Stats) => (pick(twoHundred).median - pick(fifty).median) / (twoHundred.slides - fifty.slides);
    const targets: Target[] = [
      {
        description: 'seed deck: npm run pdf ≤ 1.25× the floor',
        met: ratio(seed.ours, seed.floor) <= 1.25,
        detail: `${ratio(seed.ours, seed.floor).toFixed(2)}× (in process: ${ratio(seed.oursInProcess, seed.floorInProcess).toFixed(2)}×)`,
      },
      {
        description: '200 slides: npm run pdf ≤ 1.3× the floor',
        met: ratio(twoHundred.ours, twoHundred.floor) <= 1.3,
        detail: `${ratio(twoHundred.ours, twoHundred.floor).toFixed(2)}× (in process: ${ratio(twoHundred.oursInProcess, twoHundred.floorInProcess).toFixed(2)}×)`,
      },
      {
        description: 'cost per added slide (50 → 200) ≤ 15 ms',
        met: perSlide((r) => r.ours) <= 15,
        detail: `ours ${perSlide((r) => r.ours).toFixed(1)} ms, floor ${perSlide((r) => r.floor).toFixed(1)} ms (in process: ours ${perSlide((r) => r.oursInProcess).toFixed(1)} ms, floor ${perSlide((r) => r.floorInProcess).toFixed(1)} ms)`,
      },
    ];
    return { rows, targets };
  },
};

export default suite;
