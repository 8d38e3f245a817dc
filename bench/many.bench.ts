/**
 * `npm run bench -- many`: 16 decks at once, as a talks repository has them, exported to PDF
 * and checked by one command: serial (`--jobs 1`) against parallel (the default, one page per
 * core in one browser), paired in one run with the order alternating. The decks are the six
 * real mdslides decks of the corpus and the three seeds, read in place, plus seven generated
 * ones (10–40 slides, the sizes most talks have) in a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDeck } from './decks.ts';
import { formatMs, summarize, type BenchSuite } from './harness.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(ROOT, '../shared');
const LAUNCHER = path.join(ROOT, 'bin/slidewright.mjs');

function timed(args: string[], cwd: string): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, [LAUNCHER, ...args], { cwd, encoding: 'utf8' });
  const ms = performance.now() - start;
  // check exits 1 when a deck has errors (the long documents overflow): that is a result, not a failure.
  if (run.status !== 0 && !(args[0] === 'check' && run.status === 1)) throw new Error(`slidewright ${args.join(' ')} failed (${run.status}):\n${run.stderr}`);
  return ms;
}

const suite: BenchSuite = {
  name: 'many',
  description: '16 decks: pdf and check, serial (--jobs 1) vs parallel (default), one browser',
  async run({ runs, log }) {
    const dir = await mkdtemp(path.join(tmpdir(), 'slidewright-many-'));
    const real = [
      ...readdirSync(path.join(SHARED, 'corpus/decks')).map((f) => path.join(SHARED, 'corpus/decks', f)),
      ...readdirSync(path.join(SHARED, 'seeds')).map((f) => path.join(SHARED, 'seeds', f)),
    ].filter((f) => f.endsWith('.md'));
    const generated: string[] = [];
    for (let i = 0; generated.length + real.length < 16; i++) {
      const file = path.join(dir, `generated-${i + 1}.md`);
      await writeFile(file, generateDeck(10 + ((i * 5) % 31)));
      generated.push(file);
    }
    const decks = [...real, ...generated];
    const names = new Set(decks.map((f) => path.basename(f, '.md')));
    log(`${decks.length} deck files (${names.size} distinct names), ${availableParallelism()} cores`);
    const samples: Record<string, number[]> = { 'pdf serial': [], 'pdf parallel': [], 'check serial': [], 'check parallel': [] };
    try {
      const out = path.join(dir, 'out');
      const pdf = (jobs?: number) => timed(['pdf', ...decks, '--out', out, ...(jobs ? ['--jobs', String(jobs)] : [])], dir);
      const check = (jobs?: number) => timed(['check', ...decks, ...(jobs ? ['--jobs', String(jobs)] : [])], dir);
      pdf(); // warm-up: bundles, disk caches
      for (let i = 0; i < runs; i++) {
        const order = i % 2 ? ['parallel', 'serial'] : ['serial', 'parallel'];
        for (const mode of order) samples[`pdf ${mode}`]!.push(pdf(mode === 'serial' ? 1 : undefined));
        for (const mode of order) samples[`check ${mode}`]!.push(check(mode === 'serial' ? 1 : undefined));
        log(`run ${i + 1}: pdf ${formatMs(samples['pdf serial']!.at(-1)!)} serial, ${formatMs(samples['pdf parallel']!.at(-1)!)} parallel; check ${formatMs(samples['check serial']!.at(-1)!)} / ${formatMs(samples['check parallel']!.at(-1)!)}`);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const stats = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)]));
    const speedUp = (what: 'pdf' | 'check') => stats[`${what} serial`]!.median / stats[`${what} parallel`]!.median;
    return {
      rows: Object.entries(stats).map(([name, s]) => ({
        name: `${names.size} decks: ${name}`,
        stats: s,
        extra: name.endsWith('parallel') ? { 'speed-up': `${speedUp(name.startsWith('pdf') ? 'pdf' : 'check').toFixed(2)}×` } : undefined,
      })),
      targets: [
        { description: 'pdf: parallel faster than serial over 16 decks', met: speedUp('pdf') > 1, detail: `${speedUp('pdf').toFixed(2)}× (${formatMs(stats['pdf parallel']!.median)})` },
        { description: 'check: parallel faster than serial over 16 decks', met: speedUp('check') > 1, detail: `${speedUp('check').toFixed(2)}× (${formatMs(stats['check parallel']!.median)})` },
      ],
    };
  },
};

export default suite;
