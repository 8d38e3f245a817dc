/**
 * `npm run bench -- dev`: the rehearsal loop. A dev server (the configuration `npm run dev`
 * starts with) on a temporary copy of the seed deck and a generated 200-slide deck; Chromium on
 * a slide in the middle of each. Per edit: write the file, and time until the page's DOM shows
 * the new text (a MutationObserver in the page stamps the moment; the page and this process read
 * the same clock). Every edit is checked: no reload (a `window` marker survives), the same
 * indices, and for notes-only edits the same slide node. A failed check fails the bench.
 *
 * Anchor: Slidev 52 makes the same one-word edit of the seed deck in 63 ms median, in place
 * (measured when issue #13 was filed); slidewright took 402 ms with a full reload then.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright';
import { launchBrowser } from '../src/export/browser/index.ts';
import { startDevServer } from '../tests/e2e/support/dev-server.ts';
import { generateDeck } from './decks.ts';
import { formatMs, summarize, type BenchRow, type BenchSuite, type Target } from './harness.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = path.join(ROOT, 'slides/lpw2025-cpansec-update.md');
const SLIDEV_MS = 63;
/** Time between edits, for the page to settle as it would between two saves. */
const PAUSE_MS = 150;

type Kind = 'text' | 'notes';

interface EditCase {
  name: string;
  deck: string;
  /** Where the speaker is (`#/h/v`). */
  hash: string;
  target: number;
}

/** The source line to change: the current slide's first heading, or its first line of notes. */
function editableLine(lines: string[], slideLine: number, kind: Kind): number {
  let i = slideLine - 1;
  const end = lines.findIndex((line, j) => j > i && /^\[comment\]: # \((!!!|\|\|\|)/.test(line));
  const stop = end < 0 ? lines.length : end;
  if (kind === 'text') {
    for (; i < stop; i++) if (/^#{1,6} /.test(lines[i]!)) return i;
  } else {
    for (; i < stop; i++) if (/^Note:/.test(lines[i]!)) break;
    for (i++; i < stop; i++) if (lines[i]!.trim()) return i;
  }
  throw new Error(`bench dev: the slide at line ${slideLine} has no ${kind === 'text' ? 'heading' : 'notes'} to edit`);
}

/** Arms the page to stamp when the current slide (or its notes) shows `word`. */
function armWatch(page: Page, word: string, kind: Kind): Promise<void> {
  return page.evaluate(
    ([word, kind]) => {
      // No named inner functions: tsx would wrap them in a helper the page does not have.
      const slides = document.querySelector('.reveal .slides')!;
      const w = window as unknown as { benchSeen: Promise<number>; benchSlide: Element };
      w.benchSlide = window.Reveal!.getCurrentSlide();
      w.benchSeen = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          const slide = window.Reveal!.getCurrentSlide();
          const text = kind === 'notes' ? slide.querySelector('aside.notes')?.textContent : slide.textContent;
          if (!text?.includes(word)) return;
          observer.disconnect();
          resolve(performance.timeOrigin + performance.now());
        });
        observer.observe(slides, { subtree: true, childList: true, characterData: true, attributes: false });
      });
    },
    [word, kind] as const,
  );
}

async function measureEdits(page: Page, file: string, kind: Kind, edits: number): Promise<number[]> {
  const original = await readFile(file, 'utf8');
  const lines = original.split('\n');
  const slideLine = Number(await page.evaluate(() => window.Reveal!.getCurrentSlide().getAttribute('data-source-line')));
  const at = editableLine(lines, slideLine, kind);
  const indices = await page.evaluate(() => JSON.stringify(window.Reveal!.getIndices()));
  const samples: number[] = [];
  try {
    for (let i = 0; i < edits; i++) {
      const word = `rehearsed${kind}${i}`;
      await armWatch(page, word, kind);
      const changed = [...lines];
      changed[at] = `${lines[at]} ${word}`;
      const start = performance.timeOrigin + performance.now();
      await writeFile(file, changed.join('\n'));
      const seen = await page.evaluate(() => (window as unknown as { benchSeen: Promise<number> }).benchSeen);
      samples.push(seen - start);
      const check = await page.evaluate(() => {
        const w = window as unknown as { benchMarker?: string; benchSlide: Element };
        return { marker: w.benchMarker, indices: JSON.stringify(window.Reveal!.getIndices()), sameNode: w.benchSlide === window.Reveal!.getCurrentSlide() };
      });
      if (check.marker !== 'kept') throw new Error(`bench dev: the page reloaded on ${kind} edit ${i + 1} of ${path.basename(file)}`);
      if (check.indices !== indices) throw new Error(`bench dev: the deck moved from ${indices} to ${check.indices} on ${kind} edit ${i + 1}`);
      if (kind === 'notes' && !check.sameNode) throw new Error(`bench dev: a notes-only edit replaced the slide node (edit ${i + 1})`);
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
  } finally {
    // Back to the original, applied before the next case starts (or its first edit would
    // carry this change too).
    await writeFile(file, original);
    const last = `rehearsed${kind}${samples.length - 1}`;
    await page.waitForFunction((word) => !window.Reveal!.getCurrentSlide().textContent?.includes(word), last, { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  }
  return samples;
}

const suite: BenchSuite = {
  name: 'dev',
  description: 'npm run dev: save → updated slide in the open page (in place), seed and 200 slides, against Slidev 52',
  async run({ runs, log }) {
    const edits = Math.max(20, runs);
    const dir = await mkdtemp(path.join(tmpdir(), 'slidewright-bench-dev-'));
    await mkdir(path.join(dir, 'slides'));
    await copyFile(SEED, path.join(dir, 'slides', 'seed.md'));
    await writeFile(path.join(dir, 'slides', 'generated-200.md'), generateDeck(200));
    const { server, base } = await startDevServer(dir);
    const browser = await launchBrowser();
    const rows: BenchRow[] = [];
    const targets: Target[] = [];
    try {
      const cases: EditCase[] = [
        { name: 'seed (16 slides)', deck: 'seed', hash: '#/2/2', target: 45 },
        { name: '200 slides', deck: 'generated-200', hash: '#/80/0', target: 60 },
      ];
      for (const c of cases) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await page.goto(`${base}${c.deck}/${c.hash}`);
        await page.waitForFunction(() => window.Reveal?.isReady());
        await page.evaluate(() => ((window as unknown as { benchMarker: string }).benchMarker = 'kept'));
        const file = path.join(dir, 'slides', `${c.deck}.md`);
        for (const kind of ['text', 'notes'] as const) {
          log(`${c.name}: ${edits} ${kind} edits…`);
          const stats = summarize(await measureEdits(page, file, kind, edits));
          const limit = kind === 'notes' ? 30 : c.target;
          rows.push({
            name: `${c.name}, ${kind === 'text' ? 'slide text' : 'notes only'}`,
            stats,
            extra: { 'vs Slidev 63 ms': `${(stats.median / SLIDEV_MS).toFixed(2)}×`, reload: 'none' },
          });
          targets.push({
            description: `${c.name}: ${kind === 'text' ? 'save → updated slide' : 'notes-only save → updated notes, same node'} median ≤ ${limit} ms`,
            met: stats.median <= limit,
            detail: `${formatMs(stats.median)} median (min ${formatMs(stats.min)}, max ${formatMs(stats.max)}); Slidev 52: ${SLIDEV_MS} ms`,
          });
        }
        await page.close();
      }
    } finally {
      await browser.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
    return { rows, targets };
  },
};

export default suite;
