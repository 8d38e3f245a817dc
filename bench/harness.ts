/**
 * A small benchmark harness: each `bench/*.bench.ts` file default-exports a `BenchSuite`.
 * Figures are wall-clock milliseconds with min/median/max over repeated runs, printed as a
 * table; targets are checked and reported, never asserted in tests.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface Stats {
  runs: number;
  min: number;
  median: number;
  max: number;
}

export interface BenchRow {
  name: string;
  stats: Stats;
  /** Free-form extra columns (ratio, per-slide cost, ...). */
  extra?: Record<string, string | number>;
}

export interface Target {
  description: string;
  met: boolean;
  detail: string;
}

export interface BenchResult {
  rows: BenchRow[];
  targets?: Target[];
}

export interface BenchSuite {
  name: string;
  description: string;
  run(options: { runs: number; log: (line: string) => void }): Promise<BenchResult>;
}

export function summarize(samples: number[]): Stats {
  if (samples.length === 0) throw new Error('summarize: no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { runs: sorted.length, min: sorted[0]!, median, max: sorted[sorted.length - 1]! };
}

/** Times `fn` `runs` times (after `warmup` untimed calls) and returns the summary. */
export async function measure(fn: () => unknown, runs: number, warmup = 1): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

export function formatTable(rows: BenchRow[]): string {
  const extraKeys = [...new Set(rows.flatMap((r) => Object.keys(r.extra ?? {})))];
  const header = ['case', 'runs', 'min', 'median', 'max', ...extraKeys];
  const body = rows.map((r) => [
    r.name,
    String(r.stats.runs),
    formatMs(r.stats.min),
    formatMs(r.stats.median),
    formatMs(r.stats.max),
    ...extraKeys.map((k) => String(r.extra?.[k] ?? '')),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/**
 * Wall time of a command (stdout ignored). A baseline that cannot run is a failed benchmark,
 * not a missing row: a non-zero exit rejects, naming the suite, the figure and the end of stderr.
 */
export function timeCommand(
  suite: string,
  figure: string,
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const fail = (why: string) => new Error(`${suite} bench: ${figure} cannot run: ${command} ${args.join(' ')} ${why}\n${stderr.slice(-2000)}`);
    child.on('error', (error) => reject(fail(error.message)));
    child.on('close', (code, signal) => (code === 0 ? resolve(performance.now() - start) : reject(fail(`exited ${code ?? signal}`))));
  });
}

/** `fn`, whose failure names the suite and the figure it was for. */
export async function named<T>(suite: string, figure: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw new Error(`${suite} bench: ${figure} cannot run: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
