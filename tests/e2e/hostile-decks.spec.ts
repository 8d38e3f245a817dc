/**
 * One healthy deck among hostile ones (#16): a binary file, a file over the size limit, a list
 * 3000 levels deep and a deck full of control characters. `build` writes the healthy deck and
 * every page it can, names each hostile deck at file:line, and exits 1 at the end.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { serveSite } from './support/first-load.ts';

const LAUNCHER = path.resolve(import.meta.dirname, '../../bin/slidewright.mjs');

let dir: string;
test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'slidewright-hostile-'));
  const slides = path.join(dir, 'slides');
  await mkdir(slides);
  await writeFile(path.join(dir, 'slidewright.config.json'), JSON.stringify({ limits: { deckMegabytes: 10 } }));
  await writeFile(path.join(slides, 'healthy.md'), '# A healthy talk\n\n[comment]: # (!!!)\n\n## Second slide\n\n* one\n* two\n');
  const noise = Buffer.alloc(50_000);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  await writeFile(path.join(slides, 'binary.md'), noise);
  await writeFile(path.join(slides, 'huge.md'), `# Huge\n\n${'- an item of a generated list\n'.repeat(400_000)}`);
  await writeFile(path.join(slides, 'deep.md'), `# Deep\n\n${Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n')}\n`);
  await writeFile(path.join(slides, 'pasted.md'), '# Pasted\n\nText from a terminal: \x1b[31mred\x1b[0m\n');
});
test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('the healthy deck is built, each hostile one reported at file:line, exit 1', async ({ page }) => {
  test.setTimeout(180_000);
  const build = spawnSync(process.execPath, [LAUNCHER, 'build'], { cwd: dir, encoding: 'utf8', timeout: 150_000 });
  const output = `${build.stdout}\n${build.stderr}`;
  expect(build.status, output).toBe(1);
  expect(output).toMatch(/slides\/binary\.md:1:1: error: this is not a text file/);
  expect(output).toMatch(/slides\/huge\.md:1:1: error: the file is 11\.4 MB, above the 10 MB/);
  expect(output).toMatch(/slides\/deep\.md:103:1: warning: lists or quotes are nested more than 100 levels deep/);
  expect(output).toMatch(/slides\/pasted\.md:3:23: warning: 2 control characters \(first U\+001B\)/);
  expect(output).toMatch(/2 decks with errors .*slides\/binary\.md.*slides\/huge\.md/s);
  // No message without a place: parse5's about the generated page, or a stack trace.
  expect(output).not.toMatch(/parse5|Unable to parse HTML|\n\s+at /);

  for (const name of ['healthy', 'deep', 'pasted', 'binary', 'huge']) expect(existsSync(path.join(dir, 'dist', name, 'index.html')), name).toBe(true);
  expect(existsSync(path.join(dir, 'dist/healthy/card.png'))).toBe(true);
  expect(await readFile(path.join(dir, 'dist/deep/index.html'), 'utf8')).toContain('level 3000');

  const site = await serveSite(path.join(dir, 'dist'));
  try {
    await page.goto(`${site.origin}/healthy/`);
    await expect(page.locator('.reveal .slides section').first()).toContainText('A healthy talk');
    await page.goto(`${site.origin}/deep/`);
    await expect(page.locator('.reveal .slides section').first()).toContainText('level 100');
  } finally {
    site.close();
  }
});
