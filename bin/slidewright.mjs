#!/usr/bin/env node
/**
 * slidewright's command launcher: `slidewright <command> [options]` (`npx slidewright`, and the
 * npm scripts). It runs `src/cli/<command>.ts` bundled with esbuild (prebuilt in the package,
 * or bundled into a cache when a source file changed) with plain Node: TypeScript loaders slow
 * down the start of every command by about a second, which matters for a PDF export that takes two.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { ROOT, SRC, bundleEntry, commandEntries } from './bundle.mjs';
import { enableCompileCache } from './compile-cache.mjs';

const CACHE = path.join(ROOT, 'node_modules', '.cache', 'slidewright');
const COMMANDS = {
  dev: 'the rehearsal server: every deck, updated in place as you save',
  build: 'the static site to host (dist/), or each deck beside its source (--mdslides-layout)',
  preview: 'serve the built site as a static host would',
  pdf: 'PDF handouts of decks (exports/<deck>.pdf)',
  snapshots: 'a PNG of every slide (exports/<deck>/NNN.png)',
  check: 'the deck doctor: overflow, broken media and links, unreadable text',
  'fix-encoding': 'find and repair mojibake in deck files',
  init: 'start a talks project in a folder (package.json, slides/, media/, CI)',
};

function usage() {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'Usage: slidewright <command> [options] [DIR|FILE...]   (or: npm run <command> -- ...)',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, text]) => `  ${name.padEnd(width)}  ${text}`),
    '',
    'Run `slidewright <command> --help` for a command\'s options; `slidewright --version` for the version.',
    'Docs: README.md and docs/ in the slidewright package.',
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

/**
 * The bundle of one command. Installed from a package: prebuilt in `lib/cli/<command>/`. From
 * the repository: `node_modules/.cache/slidewright/<command>-<stamp>/main.mjs`, where the stamp
 * is the newest source time. Code splitting keeps dynamic `import()`s lazy, so a command can
 * start the browser before it loads Vite. Built into a temporary directory and renamed:
 * commands started in parallel never read a half-written bundle.
 */
async function bundle(command) {
  const prebuilt = path.join(ROOT, 'lib', 'cli', command, 'main.mjs');
  if (!existsSync(path.join(ROOT, '.git')) && existsSync(prebuilt)) return prebuilt;
  mkdirSync(CACHE, { recursive: true });
  const stamp = Math.floor(newestSource(SRC)).toString(36);
  const dir = path.join(CACHE, `${command}-${stamp}`);
  const main = path.join(dir, 'main.mjs');
  if (existsSync(main)) return main;
  const temp = `${dir}.${process.pid}.tmp`;
  await bundleEntry(commandEntries(command), temp, { finalDir: dir });
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
if (command === '--version' || command === '-v' || command === 'version') {
  const { readFileSync } = await import('node:fs');
  console.log(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
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
enableCompileCache(path.join(CACHE, 'v8'));
await import(pathToFileURL(main).href);
