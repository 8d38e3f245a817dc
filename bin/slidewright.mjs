#!/usr/bin/env node
/**
 * slidewright's command launcher: `slidewright <command> [options]` (and the npm scripts
 * `dev`, `pdf`, `snapshots`, `check`, `fix-encoding`). It bundles `src/cli/<command>.ts` with
 * esbuild (packages stay external) into a cache, rebuilding only when a source file changed,
 * and runs it with plain Node: TypeScript loaders slow down the start of every command by
 * about a second, which matters for a PDF export that takes two.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'slidewright');
mkdirSync(CACHE, { recursive: true });
/** Worker threads a command starts, bundled next to it (`<name>.mjs`). */
const WORKERS = {
  pdf: { 'deck-worker': 'export/pdf/deck-worker.ts' },
};
const COMMANDS = {
  dev: 'the rehearsal server: every deck, updated in place as you save',
  build: 'the static site to host (dist/)',
  pdf: 'PDF handouts of decks (exports/<deck>.pdf)',
  snapshots: 'a PNG of every slide (exports/<deck>/NNN.png)',
  check: 'the deck doctor: overflow, broken media and links, unreadable text',
  'fix-encoding': 'find and repair mojibake in deck files',
};

function usage() {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'Usage: slidewright <command> [options]   (or: npm run <command> -- [options])',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, text]) => `  ${name.padEnd(width)}  ${text}`),
    '',
    'Run `slidewright <command> --help` for a command\'s options.',
    'To serve a built site as a host would: npm run preview.',
  ].join('\n');
}

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Keeps `import.meta.url` pointing at each source file, which modules use to find their siblings. */
const keepImportMetaUrl = {
  name: 'keep-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

/**
 * The bundle of one command: `node_modules/.cache/slidewright/<command>-<stamp>/main.mjs`, where
 * the stamp is the newest source time. Code splitting keeps dynamic `import()`s lazy, so a
 * command can start the browser before it loads Vite. Built into a temporary directory and
 * renamed: commands started in parallel never read a half-written bundle.
 */
async function bundle(command) {
  const stamp = Math.floor(newestSource(SRC)).toString(36);
  const dir = path.join(CACHE, `${command}-${stamp}`);
  const main = path.join(dir, 'main.mjs');
  if (existsSync(main)) return main;
  const { build } = await import('esbuild');
  const temp = `${dir}.${process.pid}.tmp`;
  await build({
    entryPoints: {
      main: path.join(SRC, 'cli', `${command}.ts`),
      ...Object.fromEntries(Object.entries(WORKERS[command] ?? {}).map(([name, file]) => [name, path.join(SRC, file)])),
    },
    bundle: true,
    splitting: true,
    outdir: temp,
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'error',
    plugins: [keepImportMetaUrl],
  });
  try {
    renameSync(temp, dir);
  } catch {
    rmSync(temp, { recursive: true, force: true }); // another run got there first
  }
  for (const old of readdirSync(CACHE)) {
    if (old.startsWith(`${command}-`) && old !== path.basename(dir) && !old.endsWith('.tmp')) {
      rmSync(path.join(CACHE, old), { recursive: true, force: true });
    }
  }
  return main;
}

// `slidewright ... | head` closes the pipe early: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const [command, ...args] = process.argv.slice(2);
if (!command || command === '--help' || command === '-h' || command === 'help') {
  console.log(usage());
  process.exit(0);
}
if (!Object.hasOwn(COMMANDS, command)) {
  console.error(`slidewright: unknown command "${command}"\n\n${usage()}`);
  process.exit(2);
}
process.argv = [process.argv[0], path.join(SRC, 'cli', `${command}.ts`), ...args];
const main = await bundle(command);
// Where the command finds its bundled workers (see src/export/pdf/deck-side.ts).
globalThis[Symbol.for('slidewright.bundleDir')] = path.dirname(main);
await import(pathToFileURL(main).href);
