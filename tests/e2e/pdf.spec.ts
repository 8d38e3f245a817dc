/**
 * `npm run pdf` end to end: the CLI as users run it, into a temporary --out directory, and the
 * PDFs read back with poppler's tools (pdfinfo, pdftotext, pdftohtml, pdffonts, pdftoppm),
 * which share no code with the exporter.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SEED = 'lpw2025-cpansec-update';
const run = promisify(execFile);

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function pdfCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // As `npm run pdf` runs it: through the launcher, whose bundle runs the decks in a worker.
    const child = spawn(process.execPath, ['bin/slidewright.mjs', 'pdf', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function pdfinfo(file: string): Promise<Record<string, string>> {
  const { stdout } = await run('pdfinfo', [file]);
  return Object.fromEntries(stdout.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
}

async function pageText(file: string, page: number): Promise<string> {
  const { stdout } = await run('pdftotext', ['-f', String(page), '-l', String(page), file, '-']);
  return stdout;
}

async function allText(file: string): Promise<string> {
  return (await run('pdftotext', [file, '-'])).stdout;
}

/** The outline as poppler reads it: [depth, page, title]. */
async function outline(file: string): Promise<[number, number, string][]> {
  const { stdout } = await run('pdftohtml', ['-xml', '-i', '-stdout', file], { maxBuffer: 64 * 1024 * 1024 });
  const part = stdout.slice(stdout.indexOf('<outline>'));
  const items: [number, number, string][] = [];
  let depth = 0;
  for (const m of part.matchAll(/<(\/?)outline>|<item page="(\d+)">([^<]*)<\/item>/g)) {
    if (m[1] === '/') depth--;
    else if (m[2] === undefined) depth++;
    else items.push([depth, Number(m[2]), m[3]!.replace(/&amp;/g, '&')]);
  }
  return items;
}

/**
 * Warnings other than the seed deck's expected ones: its mojibake-repair report, its `<NAME>`
 * placeholder and its `controlsBackArrows: "true"` (not one of reveal's values).
 */
function exportWarnings(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line.includes('warning:') && !line.includes('repaired mojibake') && !line.includes('<NAME> is not an HTML tag') && !line.includes(':15:15: warning: "controlsBackArrows"'));
}

async function outDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'slidewright-pdf-test-'));
}

test.describe.configure({ timeout: 90_000 });

test('the seed deck: 16 pages of reveal print size, text, outline, metadata, tags', async () => {
  const out = await outDir();
  try {
    const result = await pdfCli([SEED, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const file = path.join(out, `${SEED}.pdf`);
    expect(result.stderr).toMatch(new RegExp(`✓ ${SEED} → .*\\(16 pages, \\d+\\.\\d\\d s\\)`));
    expect(result.stderr).toMatch(/pdf: 1 deck exported \(16 pages\) in \d+\.\d\d s/);
    expect(exportWarnings(result.stderr)).toEqual([]);

    const info = await pdfinfo(file);
    expect(Number(info.Pages)).toBe(16);
    // reveal: 960×700 with margin 0.04 → 998×728 px = 748.5×546 pt (Chromium rounds the width).
    const [w, h] = info['Page size']!.match(/[\d.]+/g)!.map(Number);
    expect(Math.abs(w! - 748.5)).toBeLessThan(1);
    expect(Math.abs(h! - 546)).toBeLessThan(1);
    expect(info.Title).toBe('An update on CPANSec');
    expect(info.Tagged).toBe('yes');
    expect(info.Creator).toMatch(/^slidewright /);

    // The theme shows headings in capitals; the text layer has the author's words.
    const text = await allText(file);
    expect(text).toContain('An update on CPANSec');
    expect(text).toContain('In-Scope Security Topics');
    expect(text).toContain('We work on & care for Security on CPAN');
    expect(text).toContain('José Joaquín Atria'); // repaired from the file's mojibake

    const items = await outline(file);
    expect(items).toHaveLength(16);
    expect(items[0]).toEqual([1, 1, 'An update on CPANSec']);
    expect(items[1]).toEqual([1, 2, 'What?']);
    expect(items[2]).toEqual([1, 3, 'In-Scope Security Topics']);
    expect(items[3]).toEqual([2, 4, 'Security Outreach & Information']); // a vertical slide, nested
    expect(items[15]).toEqual([1, 16, 'Thanks!']);

    // Links stay links.
    const { stdout: xml } = await run('pdftohtml', ['-xml', '-i', '-stdout', '-f', '2', '-l', '2', file]);
    expect(xml).toMatch(/<a href="https:\/\/security\.metacpan\.org\//);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('--notes page: a notes page after each slide', async () => {
  const out = await outDir();
  try {
    const result = await pdfCli([SEED, '--out', out, '--notes', 'page']);
    expect(result.code, result.stderr).toBe(0);
    expect(exportWarnings(result.stderr)).toEqual([]); // headings of notes pages matched to the tags too
    const file = path.join(out, `${SEED}.pdf`);
    expect(Number((await pdfinfo(file)).Pages)).toBe(32);
    expect(await pageText(file, 1)).toContain('An update on CPANSec');
    expect(await pageText(file, 1)).not.toContain('Working Group');
    expect(await pageText(file, 2)).toContain('introduce the CPAN Security Working Group');
    expect(await pageText(file, 3)).toContain('What?');
    expect(await pageText(file, 4)).toContain('Established in April 2023');
    // Bookmarks skip the notes pages.
    expect((await outline(file)).slice(0, 3).map((i) => i[1])).toEqual([1, 3, 5]);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

/** Mean RGB of a page rendered by pdftoppm at a low resolution. */
async function meanColour(file: string, page: number): Promise<[number, number, number]> {
  const { stdout: ppm } = await run('pdftoppm', ['-f', String(page), '-l', String(page), '-r', '20', file], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  const header = ppm.subarray(0, 20).toString('latin1').match(/^P6\s+(\d+)\s+(\d+)\s+255\s/)!;
  const sum = [0, 0, 0];
  let n = 0;
  for (let i = header[0].length; i + 2 < ppm.length; i += 3, n++) for (let c = 0; c < 3; c++) sum[c]! += ppm[i + c]!;
  return sum.map((v) => v / n) as [number, number, number];
}

test('--range 2-3 --theme black --size 1280x720: those slides, that theme, that size (and --profile)', async () => {
  const out = await outDir();
  try {
    const result = await pdfCli([SEED, '--out', out, '--range', '2-3', '--theme', 'black', '--size', '1280x720', '--profile']);
    expect(result.code, result.stderr).toBe(0);
    // The phase table, each stage once: where the time goes (docs/performance.md).
    for (const phase of ['browser launch', 'compile deck', 'page ready', "print: Chromium's PDF writer", 'file write']) {
      // (the names hold no regex syntax; times print as "740 ms" or, past a second, "1.34 s")
      expect(result.stderr).toMatch(new RegExp(`^${phase}.*\\d(?: ms| s)`, 'm'));
    }
    const file = path.join(out, `${SEED}.pdf`);
    const info = await pdfinfo(file);
    expect(Number(info.Pages)).toBe(2);
    // 1280×720 + 4 % margin = 1331×748 px = 998.25×561 pt.
    const [w, h] = info['Page size']!.match(/[\d.]+/g)!.map(Number);
    expect(Math.abs(w! - 998.25)).toBeLessThan(1);
    expect(Math.abs(h! - 561)).toBeLessThan(1);
    // black theme (#191919) instead of the deck's solarized (#fdf6e3).
    expect(Math.max(...(await meanColour(file, 1)))).toBeLessThan(90);
    expect(await pageText(file, 1)).toContain('What?');
    expect(await pageText(file, 2)).toContain('In-Scope Security Topics');
    expect(await outline(file)).toEqual([
      [1, 1, 'What?'],
      [1, 2, 'In-Scope Security Topics'],
    ]);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

const STEPS_DECK = `---
author: Test Author
description: A deck for the PDF tests
keywords: [pdf, test]
---
# Steps 🎉

<p class="fragment">one</p>
<p class="fragment">two</p>
<p class="fragment">three</p>

[comment]: # (!!!)

## Plain ✅ 👉

no fragments
`;

/** A server that accepts connections and never answers: a resource that hangs. */
async function hangingServer(): Promise<{ url: string; close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slow.png`,
    close() {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

test('--fragments, emoji and front matter metadata; a hanging deck fails alone and leaves its old PDF', async () => {
  const dir = await outDir();
  const out = path.join(dir, 'out');
  const hang = await hangingServer();
  try {
    await writeFile(path.join(dir, 'steps.md'), STEPS_DECK);
    await writeFile(path.join(dir, 'hangs.md'), `# Hangs\n\n![never](${hang.url})\n`);
    await rm(out, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(out));
    await writeFile(path.join(out, 'hangs.pdf'), 'the good PDF of an earlier export');

    const result = await pdfCli([path.join(dir, 'steps.md'), path.join(dir, 'hangs.md'), '--out', out, '--fragments', '--timeout', '10']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/✗ hangs: timed out after 10 s \(--timeout\) waiting for .*still loading: http:\/\/127\.0\.0\.1:\d+\/slow\.png/);
    expect(result.stderr).toMatch(/pdf: 1 of 2 decks exported \(5 pages\) in [\d.]+ s; 1 failed: hangs/);
    // Nothing half-written over the earlier PDF.
    expect(await readFile(path.join(out, 'hangs.pdf'), 'utf8')).toBe('the good PDF of an earlier export');

    const file = path.join(out, 'steps.pdf');
    const info = await pdfinfo(file);
    // Slide 1: its start and one page per fragment step; slide 2: one page.
    expect(Number(info.Pages)).toBe(5);
    expect(await pageText(file, 1)).not.toMatch(/\bone\b/);
    expect(await pageText(file, 2)).toMatch(/\bone\b/);
    expect(await pageText(file, 2)).not.toMatch(/\btwo\b/);
    expect(await pageText(file, 4)).toMatch(/one\s+two\s+three/);
    expect(await pageText(file, 5)).toContain('no fragments');
    expect((await outline(file)).map((i) => [i[1], i[2]])).toEqual([
      [1, 'Steps 🎉'],
      [5, 'Plain ✅ 👉'],
    ]);
    expect(info.Author).toBe('Test Author');
    expect(info.Subject).toBe('A deck for the PDF tests');
    expect(info.Keywords).toBe('pdf, test');

    // Emoji: embedded (Type 3 bitmap fonts with a ToUnicode map) and in colour.
    const { stdout: fonts } = await run('pdffonts', [file]);
    expect(fonts).toMatch(/Type 3\s+Custom\s+yes/);
    expect(await pageText(file, 5)).toContain('✅');
    const { stdout: ppm } = await run('pdftoppm', ['-f', '5', '-l', '5', '-r', '40', file], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
    const header = ppm.subarray(0, 20).toString('latin1').match(/^P6\s+(\d+)\s+(\d+)\s+255\s/)!;
    let coloured = 0;
    for (let i = header[0].length; i + 2 < ppm.length; i += 3) {
      const [r, g, b] = [ppm[i]!, ppm[i + 1]!, ppm[i + 2]!];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 100) coloured++;
    }
    expect(coloured).toBeGreaterThan(20); // the white theme is black on white: colour comes from the emoji
  } finally {
    hang.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('without --fragments the same deck prints one page per slide, every fragment shown; a missing image is a warning; an empty deck prints one page', async () => {
  const dir = await outDir();
  try {
    await writeFile(path.join(dir, 'steps.md'), `${STEPS_DECK}\n![gone](media/gone.png)\n`);
    await writeFile(path.join(dir, 'empty.md'), '');
    const result = await pdfCli([path.join(dir, 'steps.md'), path.join(dir, 'empty.md'), '--out', dir, '--timeout', '20']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/warning: http:\/\/127\.0\.0\.1:\d+\/[^ ]*gone\.png did not load \(HTTP 404\)/);
    const file = path.join(dir, 'steps.pdf');
    expect(Number((await pdfinfo(file)).Pages)).toBe(2);
    expect(await pageText(file, 1)).toMatch(/one\s+two\s+three/);
    // reveal.js cannot start on no slides: the deck gets one empty slide, and the speaker a warning.
    expect(result.stderr).toMatch(/empty\.md:1:1: warning: the deck has no slides yet/);
    expect(Number((await pdfinfo(path.join(dir, 'empty.pdf'))).Pages)).toBe(1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('no browser: a clear message and a non-zero exit code, before any build', async () => {
  const out = await outDir();
  try {
    const wrongPath = await pdfCli([SEED, '--out', out], { ...process.env, CHROME_PATH: '/nonexistent/chrome' });
    expect(wrongPath.code).not.toBe(0);
    expect(wrongPath.stderr).toContain('CHROME_PATH is set to "/nonexistent/chrome", which is not an executable file');
    expect(existsSync(path.join(out, `${SEED}.pdf`))).toBe(false);

    const env: NodeJS.ProcessEnv = { ...process.env, SLIDEWRIGHT_BROWSER_SEARCH: 'env' };
    delete env.CHROME_PATH;
    delete env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH;
    const none = await pdfCli([SEED, '--out', out], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No Chromium-family browser found.');
    expect(none.stderr).toContain('CHROME_PATH=/path/to/chrome');
    expect(existsSync(path.join(out, `${SEED}.pdf`))).toBe(false);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('usage errors say what to write', async () => {
  const result = await pdfCli(['--notes', 'sometimes']);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/--notes "sometimes": use none .*page .*below/);
  const help = await pdfCli(['--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('Precedence');
});
