/**
 * slidewright as a package, used from a talks repository it knows nothing about: `npm pack`, the
 * tarball installed into a folder outside this repository, and its `npx slidewright` commands
 * run there on a mdslides-style layout (`presentations/<talk>.md`, a sibling `media/`). Then
 * `slidewright init` in an empty folder, and its `npm run build`.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { notFound, sendFile } from '../../src/util/serve-file.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

test.describe.configure({ mode: 'serial' });
test.setTimeout(300_000);

let work: string;
let tarball: string;
let talks: string;

/** Runs a command in `cwd`, failing with its output when it fails. */
async function sh(cwd: string, command: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(command, args, { cwd, env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' }, maxBuffer: 32 * 1024 * 1024 });
  } catch (error) {
    const e = error as Error & { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} in ${cwd} failed:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

/** A static server for `dir` under the URL prefix `prefix` (`/repo/`), as GitHub Pages serves a repository. */
async function serveStatic(dir: string, prefix: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!pathname.startsWith(prefix)) return notFound(res);
    let file = path.join(dir, pathname.slice(prefix.length));
    if (!file.startsWith(dir)) return notFound(res);
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) return notFound(res);
    sendFile(res, file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`, server };
}

/** Opens a deck page and says what a visitor would notice: slides, images that did not load, failed requests. */
async function openDeck(page: Page, url: string) {
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
  const images = await page.$$eval('.slides img', (imgs) => imgs.map((img) => ({ src: img.getAttribute('src'), loaded: (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0 })));
  const slides = await page.evaluate(() => (globalThis as unknown as { Reveal: { getTotalSlides(): number } }).Reveal.getTotalSlides());
  return { failed, images, slides };
}

const picture = (colour: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100" fill="${colour}"/></svg>\n`;

test.beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'slidewright-package-'));
  // The tarball as users get it (npm pack runs the prepack build).
  const packed = await sh(ROOT, 'npm', ['pack', '--silent', '--pack-destination', work]);
  tarball = path.join(work, packed.stdout.trim().split('\n').pop()!);
  talks = path.join(work, 'talks');
  await mkdir(path.join(talks, 'presentations'), { recursive: true });
  await mkdir(path.join(talks, 'media', 'logos'), { recursive: true });
  await writeFile(path.join(talks, 'media', 'blue.svg'), picture('#2244aa'));
  await writeFile(path.join(talks, 'media', 'logos', 'red.svg'), picture('#aa2222'));
  // As a working group's talks are written for mdslides: media/… from the deck's point of view.
  await writeFile(
    path.join(talks, 'presentations', 'first-talk.md'),
    ['[comment]: # (THEME = solarized)', '', '# First talk', '', '![blue](media/blue.svg)', '', '[comment]: # (!!!)', '', '## Two', '', '![red](media/logos/red.svg)', ''].join('\n'),
  );
  await writeFile(path.join(talks, 'presentations', 'second-talk.md'), ['# Second talk', '', '---', '', '## Only text', ''].join('\n'));
  await writeFile(path.join(talks, 'presentations', 'README.md'), '# Our talks\n\nNot a deck.\n');
  await writeFile(path.join(talks, 'package.json'), '{ "name": "talks", "private": true }\n');
  await sh(talks, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball]);
});

test.afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test('the installed package builds, exports and checks a talks folder with a sibling media/', async ({ page }) => {
  const version = await sh(talks, 'npx', ['slidewright', '--version']);
  expect(version.stdout.trim()).toBe(JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')).version);

  await sh(talks, 'npx', ['slidewright', 'build', 'presentations', '--include', 'media', '--no-share-image']);
  expect(existsSync(path.join(talks, 'dist', 'first-talk', 'index.html'))).toBe(true);
  expect(existsSync(path.join(talks, 'dist', 'second-talk', 'index.html'))).toBe(true);
  expect(existsSync(path.join(talks, 'dist', 'README'))).toBe(false);

  await sh(talks, 'npx', ['slidewright', 'pdf', 'presentations', '--include', 'media']);
  for (const name of ['first-talk', 'second-talk']) {
    const pdf = await readFile(path.join(talks, 'exports', `${name}.pdf`));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  }
  const check = await sh(talks, 'npx', ['slidewright', 'check', 'presentations', '--include', 'media']);
  expect(check.stderr).toContain('checked 2 decks');

  const { url, server } = await serveStatic(path.join(talks, 'dist'), '/');
  try {
    const deck = await openDeck(page, `${url}first-talk/`);
    expect(deck.slides).toBe(2);
    expect(deck.failed).toEqual([]);
    expect(deck.images.length).toBe(2);
    expect(deck.images.every((i) => i.loaded)).toBe(true);
  } finally {
    server.close();
  }
});

test('--mdslides-layout writes talk/index.html beside each source, served under a sub-path with its images', async ({ page }) => {
  const presentations = path.join(talks, 'presentations');
  // The Makefile's line, one word changed: mdslides talk.md --include ../media
  await sh(presentations, 'npx', ['slidewright', 'build', 'first-talk.md', 'second-talk.md', '--include', '../media', '--mdslides-layout', '--no-share-image']);
  expect(readdirSync(presentations).sort()).toEqual(['README.md', 'first-talk', 'first-talk.md', 'second-talk', 'second-talk.md']);
  // Built again over its own output: replaced, nothing left behind.
  await sh(presentations, 'npx', ['slidewright', 'build', 'first-talk.md', '--include', '../media', '--mdslides-layout', '--no-share-image']);
  expect(readdirSync(presentations).filter((f) => f.startsWith('.'))).toEqual([]);

  // GitHub Pages serves the repository at https://<owner>.github.io/<repo>/.
  const { url, server } = await serveStatic(talks, '/repo/');
  try {
    const deck = await openDeck(page, `${url}presentations/first-talk/`);
    expect(deck.slides).toBe(2);
    expect(deck.failed).toEqual([]);
    expect(deck.images.map((i) => i.loaded)).toEqual([true, true]);
    const second = await openDeck(page, `${url}presentations/second-talk/`);
    expect(second.slides).toBe(2);
    expect(second.failed).toEqual([]);
  } finally {
    server.close();
  }
});

test('slidewright init makes a project whose npm run build works', async () => {
  const project = path.join(work, 'new-talks');
  await sh(talks, 'npx', ['slidewright', 'init', project, '--dependency', tarball]);
  for (const file of ['package.json', 'slides/example.md', 'media/example.svg', '.gitignore', '.github/workflows/slides.yml']) {
    expect(existsSync(path.join(project, file)), file).toBe(true);
  }
  await sh(project, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund']);
  await sh(project, 'npm', ['run', 'build', '--', '--no-share-image']);
  const html = await readFile(path.join(project, 'dist', 'example', 'index.html'), 'utf8');
  expect(html).toContain('My talk');
  // Run again, init keeps what is there.
  const again = await sh(project, 'npx', ['slidewright', 'init']);
  expect(again.stderr).toContain('kept package.json');
});
