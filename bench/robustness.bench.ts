/**
 * `npm run bench -- robustness`: hostile decks against the limits of issue #16.
 * - The pipeline on a 1 MB and a 5 MB deck (200,000 list items, as slides and as one document)
 *   and on a list 3000 levels deep: time linear in size, the deep list stopped at the limit.
 * - `build` of the seed deck alone, and with the 5 MB deck beside it (share images off in both,
 *   so the difference is the deck's own cost in the build), paired in one run.
 * - Peak memory (the Node process's max RSS; the browser's processes are apart) of `build` with
 *   the three hostile files (deep list, 5 MB deck, 200 KB of binary) and the seed deck.
 * The seed deck is read in place; the generated decks live in a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileDeck } from '../src/pipeline.ts';
import { formatMs, measure, summarize, type BenchRow, type BenchSuite } from './harness.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = path.resolve(ROOT, '../shared/seeds/lpw2025-cpansec-update.md');
const LAUNCHER = path.join(ROOT, 'bin/slidewright.mjs');

/** A deck of `items` list items, 1000 to a slide (`slides`), or all in one document. */
function listDeck(items: number, slides: boolean): string {
  const lines = ['# A long list', ''];
  for (let i = 0; i < items; i++) {
    lines.push(`- item ${i} of the list`);
    if (slides && i % 1000 === 999) lines.push('', '[comment]: # (!!!)', '');
  }
  return `${lines.join('\n')}\n`;
}

function deepList(levels: number): string {
  return `# Deep\n\n${Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n')}\n`;
}

function binary(bytes: number): Buffer {
  const data = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) data[i] = (i * 2654435761) >>> 24;
  return data;
}

/** Runs a slidewright command; returns its wall time and the Node process's peak RSS. */
function run(args: string[], cwd: string, allowExit1 = false): { ms: number; peakMb: number } {
  const rssFile = path.join(cwd, `.rss-${process.pid}`);
  const hook = `data:text/javascript,${encodeURIComponent(
    `import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));`,
  )}`;
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--import', hook, LAUNCHER, ...args], { cwd, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (child.status !== 0 && !(allowExit1 && child.status === 1)) {
    // A baseline that cannot run is a failed benchmark, not a missing row.
    throw new Error(`slidewright ${args.join(' ')} failed (${child.status}):\n${child.stderr.slice(-2000)}`);
  }
  return { ms, peakMb: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

const suite: BenchSuite = {
  name: 'robustness',
  description: 'hostile decks: pipeline time vs size, 3000-level list, build with a 5 MB deck, peak memory',
  async run({ runs, log }) {
    const dir = await mkdtemp(path.join(tmpdir(), 'slidewright-robust-'));
    try {
      const decks = {
        '1 MB, slides': listDeck(40_000, true),
        '5 MB, slides': listDeck(200_000, true),
        '5 MB, one document': listDeck(200_000, false),
        '3000-level list': deepList(3000),
      };
      const rows: BenchRow[] = [];
      const medians: Record<string, number> = {};
      for (const [name, text] of Object.entries(decks)) {
        log(`pipeline: ${name} (${(text.length / 1e6).toFixed(1)} MB)…`);
        const stats = await measure(() => compileDeck(text, { renderBudgetMs: 60_000 }), runs, 1);
        medians[name] = stats.median;
        rows.push({ name: `pipeline: ${name}`, stats, extra: { 'ms per MB': (stats.median / (text.length / 1e6)).toFixed(0) } });
      }

      // Builds, paired: the seed alone, and the seed with the 5 MB deck.
      const alone = path.join(dir, 'alone');
      const withBig = path.join(dir, 'with-big');
      mkdirSync(path.join(withBig, 'slides'), { recursive: true });
      mkdirSync(alone, { recursive: true });
      writeFileSync(path.join(withBig, 'slides/big.md'), decks['5 MB, slides']);
      const buildSamples = { alone: [] as number[], withBig: [] as number[] };
      for (let i = 0; i < runs; i++) {
        log(`build ${i + 1}/${runs}…`);
        buildSamples.alone.push(run(['build', SEED, '--no-share-image', '--out', path.join(dir, 'out-alone')], alone).ms);
        buildSamples.withBig.push(run(['build', path.join(withBig, 'slides'), SEED, '--no-share-image', '--out', path.join(dir, 'out-big')], withBig).ms);
      }
      const deckCost = buildSamples.withBig.map((ms, i) => ms - buildSamples.alone[i]!);
      rows.push({ name: 'build: seed deck alone', stats: summarize(buildSamples.alone) });
      rows.push({ name: 'build: seed + 5 MB deck', stats: summarize(buildSamples.withBig) });
      rows.push({ name: 'build: the 5 MB deck’s share', stats: summarize(deckCost) });

      // Peak memory with everything hostile at once (share images on, as `npm run build` runs).
      const hostile = path.join(dir, 'hostile');
      mkdirSync(path.join(hostile, 'slides'), { recursive: true });
      writeFileSync(path.join(hostile, 'slides/deep.md'), decks['3000-level list']);
      writeFileSync(path.join(hostile, 'slides/big.md'), decks['5 MB, slides']);
      writeFileSync(path.join(hostile, 'slides/binary.md'), binary(200 * 1024));
      log('build with the three hostile files and the seed deck…');
      const peaks: number[] = [];
      const hostileTimes: number[] = [];
      for (let i = 0; i < Math.min(runs, 2); i++) {
        // Exit 1 is expected: the binary file is a deck with an error.
        const result = run(['build', path.join(hostile, 'slides'), SEED, '--out', path.join(dir, 'out-hostile')], hostile, true);
        peaks.push(result.peakMb);
        hostileTimes.push(result.ms);
      }
      const peak = summarize(peaks);
      rows.push({ name: 'build: 3 hostile + seed', stats: summarize(hostileTimes), extra: { 'peak MB (min/median/max)': `${peak.min.toFixed(0)}/${peak.median.toFixed(0)}/${peak.max.toFixed(0)}` } });

      const linear = medians['5 MB, slides']! / medians['1 MB, slides']!;
      const share = summarize(deckCost).median;
      return {
        rows,
        targets: [
          { description: '5 MB deck through the pipeline ≤ 3 s (as slides)', met: medians['5 MB, slides']! <= 3000, detail: formatMs(medians['5 MB, slides']!) },
          { description: '5 MB deck through the pipeline ≤ 3 s (one document)', met: medians['5 MB, one document']! <= 3000, detail: formatMs(medians['5 MB, one document']!) },
          { description: '5 MB deck’s share of a build ≤ 3 s', met: share <= 3000, detail: formatMs(share) },
          { description: 'time linear in size (5 MB / 1 MB ≤ 6×)', met: linear <= 6, detail: `${linear.toFixed(2)}×` },
          { description: '3000-level list ≤ 1 s', met: medians['3000-level list']! <= 1000, detail: formatMs(medians['3000-level list']!) },
          { description: 'peak memory of the hostile build ≤ 1 GB', met: peak.max <= 1024, detail: `${peak.max.toFixed(0)} MB (Node; the browser apart)` },
        ],
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
