/**
 * `slidewright pdf --watch`: a save rewrites the deck's PDF; a save that cannot be exported
 * leaves the last good PDF in place, and the next good save is exported again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const LAUNCHER = path.resolve(import.meta.dirname, '../../bin/slidewright.mjs');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const deckText = (title: string, front = '') => `${front}# ${title}\n\n---\n\n## Second\n`;

let dir: string;
let watcher: ChildProcess | undefined;
let stderr = '';

async function waitFor(what: () => Promise<boolean> | boolean, label: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await what()) return;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${label}; the watcher said:\n${stderr}`);
}

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'slidewright-watch-'));
});
test.afterAll(async () => {
  if (watcher && watcher.exitCode === null) {
    watcher.kill('SIGINT');
    await new Promise((resolve) => watcher!.once('exit', resolve));
  }
  await rm(dir, { recursive: true, force: true });
});

test('a save rewrites the PDF; a failing save keeps the last good one', async () => {
  test.setTimeout(90_000);
  const deck = path.join(dir, 'talk.md');
  const pdf = path.join(dir, 'out', 'talk.pdf');
  await writeFile(deck, deckText('First version'));
  watcher = spawn(process.execPath, [LAUNCHER, 'pdf', '--watch', deck, '--out', path.join(dir, 'out')], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  watcher.stderr!.on('data', (chunk) => (stderr += chunk));
  await waitFor(() => stderr.includes('watching 1 deck'), 'the first export');
  const first = await readFile(pdf);
  expect(first.includes('First version')).toBe(true); // the title, in the PDF's metadata
  const firstTime = (await stat(pdf)).mtimeMs;

  await writeFile(deck, deckText('Second version'));
  await waitFor(async () => (await stat(pdf)).mtimeMs > firstTime, 'the rewrite after a save');
  const second = await readFile(pdf);
  expect(second.includes('Second version')).toBe(true);
  const secondTime = (await stat(pdf)).mtimeMs;

  // A range past the end: this save cannot be exported.
  await waitFor(() => stderr.includes('rewritten in'), 'the report of the rewrite'); // the file is in place before the line is printed
  const rounds = (stderr.match(/after the save/g) ?? []).length;
  await writeFile(deck, deckText('Broken', '---\npdf: { range: "9" }\n---\n'));
  await waitFor(() => (stderr.match(/after the save/g) ?? []).length > rounds, 'the failed round');
  expect(stderr).toMatch(/✗ talk/);
  expect(stderr).toContain('1 of 1 not rewritten after the save (their last PDF stays)');
  expect((await stat(pdf)).mtimeMs).toBe(secondTime);
  expect((await readFile(pdf)).equals(second)).toBe(true);

  await writeFile(deck, deckText('Fixed'));
  await waitFor(async () => (await stat(pdf)).mtimeMs > secondTime, 'the rewrite after the fix');
  expect((await readFile(pdf)).includes('Fixed')).toBe(true);

  watcher.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => watcher!.once('exit', resolve));
  expect(code).toBe(0);
  expect(stderr).toContain('stopped watching');
});
