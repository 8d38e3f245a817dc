/**
 * `npm run bench [-- [--runs N] [suite...]]`: runs every `bench/*.bench.ts` (or the named ones)
 * and prints a table per suite plus whether each target was met.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { formatTable, type BenchSuite } from './harness.ts';

const HELP = `Usage: npm run bench -- [--runs N] [SUITE...]

Runs the benchmark suites in bench/*.bench.ts (all of them, or those named) and prints
min/median/max per case and whether each target is met. Exit code 0 even when a target is
missed: targets are information, not a gate.

  --runs N   timed runs per case (default 5)
  --list     list the suites and exit
  --help     this text`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  let runs = 5;
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--runs') {
      runs = Number(argv[++i]);
      if (!Number.isInteger(runs) || runs < 1) {
        console.error('bench: --runs takes a whole number ≥ 1, e.g. --runs 5');
        return 2;
      }
    } else if (arg !== '--list') names.push(arg);
  }
  const dir = path.dirname(fileURLToPath(import.meta.url));
  const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts')).sort();
  const suites: BenchSuite[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { default: BenchSuite };
    suites.push(mod.default);
  }
  if (argv.includes('--list')) {
    for (const s of suites) console.log(`${s.name}\t${s.description}`);
    return 0;
  }
  const unknown = names.filter((n) => !suites.some((s) => s.name === n));
  if (unknown.length) {
    console.error(`bench: no suite named ${unknown.join(', ')}; run with --list to see them`);
    return 2;
  }
  for (const suite of suites.filter((s) => names.length === 0 || names.includes(s.name))) {
    console.log(`\n## ${suite.name}: ${suite.description}`);
    const result = await suite.run({ runs, log: (line) => console.log(`  ${line}`) });
    console.log(formatTable(result.rows));
    for (const t of result.targets ?? []) {
      console.log(`${t.met ? 'MET   ' : 'MISSED'} ${t.description}: ${t.detail}`);
    }
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
