/**
 * `npm run bench -- watch`: `slidewright pdf --watch` on the seed deck, the time from saving the
 * deck to its PDF being rewritten (the file's new version in place), against a one-shot
 * `slidewright pdf` of the same deck in the same run. Target (issue #12): median ≤ 500 ms.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatMs, summarize, type BenchSuite } from './harness.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = path.join(ROOT, 'slides/lpw2025-cpansec-update.md');
const LAUNCHER = path.join(ROOT, 'bin/slidewright.mjs');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the time at which `file`'s modification time passes `after`. */
async function rewrittenAfter(file: string, after: number, timeoutMs = 20_000): Promise<number> {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    const mtime = (await stat(file).catch(() => undefined))?.mtimeMs ?? 0;
    if (mtime > after) return performance.now();
    await sleep(5);
  }
  throw new Error(`${file} was not rewritten within ${timeoutMs} ms`);
}

const suite: BenchSuite = {
  name: 'watch',
  description: 'pdf --watch: save → PDF rewritten, seed deck, vs a one-shot pdf run',
  async run({ runs, log }) {
    const dir = await mkdtemp(path.join(tmpdir(), 'slidewright-watch-bench-'));
    const deck = path.join(dir, 'talk.md');
    const out = path.join(dir, 'out');
    const pdf = path.join(out, 'talk.pdf');
    await copyFile(SEED, deck);
    const original = await readFile(deck, 'utf8');
    const watcher = spawn(process.execPath, [LAUNCHER, 'pdf', '--watch', deck, '--out', out], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    watcher.stderr.on('data', (chunk) => (stderr += chunk));
    const saves: number[] = [];
    const oneShot: number[] = [];
    try {
      const startEnd = performance.now() + 60_000;
      while (!stderr.includes('watching') && performance.now() < startEnd) await sleep(20);
      if (!stderr.includes('watching')) throw new Error(`pdf --watch did not start:\n${stderr}`);
      for (let i = 0; i < runs + 1; i++) {
        const before = (await stat(pdf)).mtimeMs;
        const saved = performance.now();
        await writeFile(deck, i % 2 ? original : original.replace('An update on CPANSec', 'An update on CPANSec!'));
        const done = await rewrittenAfter(pdf, before);
        if (i > 0) saves.push(done - saved); // the first save warms the page
        await sleep(300); // the watcher opens its next page ahead
        // Paired: a one-shot export of the same deck, while the watcher waits.
        const t0 = performance.now();
        const once = spawnSync(process.execPath, [LAUNCHER, 'pdf', deck, '--out', path.join(dir, 'once')], { cwd: dir, encoding: 'utf8' });
        if (once.status !== 0) throw new Error(`slidewright pdf failed: ${once.stderr}`);
        if (i > 0) oneShot.push(performance.now() - t0);
        log(`run ${i}: save → PDF ${i > 0 ? formatMs(saves.at(-1)!) : '(warm-up)'}, one-shot pdf ${formatMs(performance.now() - t0)}`);
      }
    } finally {
      watcher.kill('SIGINT');
      await new Promise((resolve) => watcher.once('exit', resolve));
      await rm(dir, { recursive: true, force: true });
    }
    const watch = summarize(saves);
    const once = summarize(oneShot);
    return {
      rows: [
        { name: 'seed: save → PDF rewritten (pdf --watch)', stats: watch, extra: { 'vs one-shot': `${(watch.median / once.median).toFixed(2)}×` } },
        { name: 'seed: one-shot slidewright pdf', stats: once },
      ],
      targets: [{ description: 'pdf --watch: save → PDF median ≤ 500 ms (seed)', met: watch.median <= 500, detail: formatMs(watch.median) }],
    };
  },
};

export default suite;
