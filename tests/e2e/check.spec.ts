/**
 * `npm run check`, the deck doctor, on decks written to a temporary directory: one with an
 * overflowing slide, a missing image and a dead `#/9/9` link (errors, exit 1, each at its
 * file:line), one with warnings only (exit 0, or 1 with --strict), and the same findings in the
 * dev server's panel and terminal.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { createLogger, type ViteDevServer } from 'vite';
import type { JsonReport } from '../../src/export/check/report.ts';
import { startDevServer } from './support/dev-server.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

async function runCheck(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(TSX, ['src/cli/check.ts', ...args], { cwd: ROOT, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(error) };
  }
}

const items = Array.from({ length: 16 }, (_, i) => `* point number ${i + 1} of a slide that says far too much`);
const BROKEN = [
  '# The doctor will see you now',
  '',
  'A slide that fits.',
  '',
  '[comment]: # (!!!)',
  '',
  '## Far too much',
  '',
  ...items,
  '',
  '[comment]: # (!!!)',
  '',
  '## A missing picture',
  '',
  'Here it is:',
  '',
  '![the architecture](media/not-there.png)',
  '',
  '[comment]: # (!!!)',
  '',
  '## Links',
  '',
  '[Back to the start](#/0) and [down the stack](#/3/1) work.',
  '',
  '[This one goes nowhere](#/9/9)',
  '',
  '[comment]: # (|||)',
  '',
  '### Below',
  '',
  'The end.',
  '',
].join('\n');

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l === needle) + 1;

const WARNINGS = [
  '# Only warnings',
  '',
  '[comment]: # (!!!)',
  '',
  '## An image nobody described',
  '',
  '![](data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIxMDAiIGhlaWdodD0iNTAiPjxyZWN0IHdpZHRoPSIxMDAiIGhlaWdodD0iNTAiIGZpbGw9InRlYWwiLz48L3N2Zz4=)',
  '',
  '[comment]: # (!!!)',
  '',
  '## A heading',
  '',
  '#### Two levels down',
  '',
  '[comment]: # (!!!)',
  '',
  '## Small print',
  '',
  '<p style="font-size: 14px">The fine print nobody at the back can read.</p>',
  '',
  '[comment]: # (!!!)',
  '',
  '## Long code',
  '',
  '```js',
  ...Array.from({ length: 30 }, (_, i) => `console.log(${i + 1});`),
  '```',
  '',
].join('\n');

let dir: string;
test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'slidewright-check-'));
  await mkdir(path.join(dir, 'slides'));
  await writeFile(path.join(dir, 'slides', 'broken.md'), BROKEN);
  await writeFile(path.join(dir, 'slides', 'warnings.md'), WARNINGS);
});
test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('an overflowing slide, a missing image and a dead link are errors at their file:line', async () => {
  test.setTimeout(120_000);
  const file = path.join(dir, 'slides', 'broken.md');
  const result = await runCheck([file, '--json']);
  expect(result.code, result.stderr).toBe(1);
  const report = JSON.parse(result.stdout) as JsonReport;
  expect(report).toMatchObject({ ok: false, errors: 3, warnings: 0 });
  const deck = report.decks[0]!;
  expect(deck).toMatchObject({ name: 'broken', file, slideCount: 5, width: 960, height: 700 });
  const errors = deck.findings.filter((f) => f.severity === 'error').map((f) => ({ code: f.code, line: f.line, slide: f.slide }));
  expect(errors).toEqual([
    { code: 'overflow', line: lineOf(BROKEN, '## Far too much'), slide: { h: 1, v: 0, number: 2 } },
    { code: 'broken-media', line: lineOf(BROKEN, '![the architecture](media/not-there.png)'), slide: { h: 2, v: 0, number: 3 } },
    { code: 'dead-link', line: lineOf(BROKEN, '## Links'), slide: { h: 3, v: 0, number: 4 } },
  ]);
  const [overflow, media, link] = deck.findings;
  expect(overflow!.message).toMatch(/^content runs \d+ px past the bottom edge of the slide \(960×700\): the list item "point number 16/);
  expect(media!.message).toBe('image "media/not-there.png" does not load (HTTP 404)');
  expect(link!.message).toContain('link "This one goes nowhere" goes to #/9/9, which is not a slide');
  // The good links (#/0, #/3/1) and the slides that fit are not reported.
  expect(deck.findings).toHaveLength(3);
});

test('the text report: file:line: severity: message, with hints', async () => {
  test.setTimeout(120_000);
  // Outside the working directory, files are shown by their absolute path.
  const file = path.join(dir, 'slides', 'broken.md');
  const result = await runCheck([file]);
  expect(result.code).toBe(1);
  const lines = result.stdout.split('\n');
  expect(lines).toContain(
    `${file}:${lineOf(BROKEN, '![the architecture](media/not-there.png)')}:${'![the architecture]('.length + 1}: error: image "media/not-there.png" does not load (HTTP 404) (slide 3, #/2) [broken-media]`,
  );
  expect(lines.some((l) => l.startsWith(`${file}:${lineOf(BROKEN, '## Far too much')}: error: content runs `))).toBe(true);
  expect(lines.some((l) => l.startsWith('    hint: '))).toBe(true);
  expect(lines).toContain(`${file}: 3 errors, 0 warnings (5 slides at 960×700, text under 21 px counted as too small)`);
});

test('warnings alone pass, unless --strict; the seed deck has no errors', async () => {
  test.setTimeout(120_000);
  const file = path.join(dir, 'slides', 'warnings.md');
  const lenient = await runCheck([file, 'lpw2025-cpansec-update', '--json']);
  expect(lenient.code, lenient.stderr).toBe(0);
  const report = JSON.parse(lenient.stdout) as JsonReport;
  expect(report.ok).toBe(true);
  const [warnings, seed] = report.decks;
  expect(seed).toMatchObject({ name: 'lpw2025-cpansec-update', errors: 0, slideCount: 16 });
  expect(warnings!.findings.map((f) => [f.severity, f.code, f.line])).toEqual([
    ['warning', 'missing-alt', lineOf(WARNINGS, '## An image nobody described')],
    ['warning', 'skipped-heading', lineOf(WARNINGS, '## A heading')],
    ['warning', 'small-text', lineOf(WARNINGS, '## Small print')],
    ['warning', 'clipped-content', lineOf(WARNINGS, '## Long code')],
  ]);
  expect(warnings!.findings[2]!.message).toContain('text at 14 px is too small');

  const strict = await runCheck([file, '--strict', '--min-font-size', '12']);
  expect(strict.code).toBe(1);
  // With a lower threshold the 14 px text passes.
  expect(strict.stdout).not.toContain('[small-text]');
  expect(strict.stdout).toContain('[missing-alt]');
});

test.describe('the dev server', () => {
  let server: ViteDevServer;
  let base: string;
  const logged: string[] = [];
  test.beforeAll(async () => {
    const logger = createLogger('info');
    logger.info = (msg) => void logged.push(msg);
    logger.warn = (msg) => void logged.push(msg);
    logger.error = (msg) => void logged.push(msg);
    ({ server, base } = await startDevServer(dir, logger));
  });
  test.afterAll(async () => {
    await server?.close();
  });

  test('shows the same findings in a panel on the deck and in the terminal', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(`${base}broken/`);
    const panel = page.locator('#slidewright-doctor');
    await expect(panel).toBeVisible({ timeout: 60_000 });
    await expect(panel.locator('header')).toContainText('Deck doctor: 3 errors, 0 warnings');
    const entries = panel.locator('li');
    await expect(entries).toHaveCount(3);
    await expect(entries.nth(0)).toContainText(`slides/broken.md:${lineOf(BROKEN, '## Far too much')} content runs`);
    await expect(entries.nth(1)).toContainText(`slides/broken.md:${lineOf(BROKEN, '![the architecture](media/not-there.png)')}:`);
    await expect(entries.nth(2)).toContainText('goes to #/9/9');

    // A finding takes you to its slide; the panel closes.
    await entries.nth(2).locator('button').click();
    await expect.poll(() => page.evaluate(() => window.Reveal!.getIndices())).toMatchObject({ h: 3, v: 0 });
    await panel.getByRole('button', { name: 'Close the deck doctor' }).click();
    await expect(panel).toHaveCount(0);

    // The terminal: the page's findings as file:line (the pipeline's warning about the missing
    // file is printed by the pages plugin already).
    await expect.poll(() => logged.some((l) => l.includes('[dead-link]')), { timeout: 15_000 }).toBe(true);
    expect(logged.some((l) => l.includes(`broken.md:${lineOf(BROKEN, '## Far too much')}: error: content runs`) && l.includes('[overflow]'))).toBe(true);
    expect(logged.some((l) => l.includes(`broken.md:${lineOf(BROKEN, '![the architecture](media/not-there.png)')}:`) && l.includes('[broken-media]'))).toBe(true);
    expect(logged.some((l) => l.includes(`broken.md:${lineOf(BROKEN, '## Links')}: error: link "This one goes nowhere"`))).toBe(true);
  });

  test('stays out of the way of a deck without problems', async ({ page }) => {
    await writeFile(path.join(dir, 'slides', 'fine.md'), '# All good\n\n[comment]: # (!!!)\n\n## Still good\n\n[to the start](#/0)\n');
    const messages: string[] = [];
    page.on('console', (m) => messages.push(m.text()));
    await page.goto(`${base}fine/`);
    // The new file may reach the dev server's watcher after the page opened: it then reloads the
    // page, and an evaluate running at that moment fails; the poll asks again.
    await expect.poll(() => page.evaluate(() => window.__slidewrightDoctor?.findings.length).catch(() => 'reloading'), { timeout: 60_000 }).toBe(0);
    expect(await page.evaluate(() => window.__slidewrightDoctor?.error)).toBeUndefined();
    await expect(page.locator('#slidewright-doctor')).toHaveCount(0);
    expect(messages.some((m) => m.includes('deck doctor: no problems in slides/fine.md'))).toBe(true);
  });
});
