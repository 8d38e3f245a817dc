/**
 * `npm run bench -- hosting`: what a visitor downloads on the first load of each built deck.
 * The site is built as `npm run build` builds it (into a temporary folder), served under a
 * sub-path (`/talks/`) by a plain static server, and opened in Chromium with an empty cache;
 * every request is recorded (off-origin ones blocked and counted), every response gzipped
 * (level 6, what static hosts use) and listed file by file.
 *
 * Anchors (issue #11, same decks): before this work the seed deck's first load was 180 KB gzip
 * over 8 files and a default-theme deck about 450 KB (a 432 KB stylesheet of inlined fonts);
 * Marp's single HTML of the seed deck is 26 KB (no navigation runtime, system fonts); reveal-md's
 * 373 KB plus Google Fonts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchBrowser } from '../src/export/browser/index.ts';
import { slidewrightViteConfig } from '../src/vite/index.ts';
import { listDecks, resolveProject } from '../src/project/project.ts';
import { firstLoad, serveSite, type FirstLoad } from '../tests/e2e/support/first-load.ts';
import { summarize, type BenchRow, type BenchSuite, type Target } from './harness.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUB_PATH = '/talks/';
/** First-load targets in KB gzip: the seed deck (solarized) and the default-theme decks (white). */
const TARGET_KB: Record<string, number> = { 'lpw2025-cpansec-update': 100 };
const DEFAULT_THEME_TARGET_KB = 120;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const suite: BenchSuite = {
  name: 'hosting',
  description: 'npm run build: first-load bytes (gzip) per deck, file by file, under a sub-path, against the anchors',
  async run({ runs, log }) {
    const outDir = await mkdtemp(path.join(tmpdir(), 'slidewright-bench-hosting-'));
    const config = slidewrightViteConfig({ root: ROOT });
    log('building the site…');
    await build({ ...config, configFile: false, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    const server = await serveSite(outDir, SUB_PATH);
    const { origin } = server;
    const browser = await launchBrowser();
    const rows: BenchRow[] = [];
    const targets: Target[] = [];
    try {
      const project = resolveProject(ROOT);
      for (const deck of listDecks(project)) {
        const times: number[] = [];
        let load: FirstLoad | undefined;
        for (let run = 0; run < runs; run++) {
          load = await firstLoad(browser, origin, `${SUB_PATH}${encodeURIComponent(deck.name)}/`);
          times.push(load.ms);
        }
        const { files, offOrigin } = load!;
        const theme = files.map((f) => f.url).find((url) => /\/assets\/(white|black|solarized|beige|league|moon|night|serif|simple|sky|blood|dracula)[^/]*\.css/.test(url)) ?? '';
        const total = files.reduce((sum, f) => sum + f.gzip, 0);
        const failed = files.filter((f) => f.status >= 400);
        log(`${deck.name}: ${files.length} files, ${kb(total)} gzip${offOrigin.length ? `, ${offOrigin.length} off-origin requests blocked` : ''}`);
        for (const f of [...files].sort((a, b) => b.gzip - a.gzip)) log(`  ${kb(f.gzip).padStart(9)} gzip ${kb(f.raw).padStart(9)} raw  ${f.status}  ${f.url}`);
        const isDefaultTheme = /\/white[^/]*\.css/.test(theme);
        const limit = TARGET_KB[deck.name] ?? (isDefaultTheme ? DEFAULT_THEME_TARGET_KB : undefined);
        rows.push({
          name: `${deck.name} (first load to fonts ready)`,
          stats: summarize(times),
          extra: { files: files.length, gzip: kb(total), raw: kb(files.reduce((s, f) => s + f.raw, 0)), 'off-origin': offOrigin.length, 'HTTP ≥ 400': failed.length },
        });
        if (limit !== undefined) {
          targets.push({
            description: `${deck.name}${isDefaultTheme ? ' (default theme)' : ''}: first load ≤ ${limit} KB gzip, 0 off-origin, no 404`,
            met: total <= limit * 1024 && offOrigin.length === 0 && failed.length === 0,
            detail: `${kb(total)} over ${files.length} files, ${offOrigin.length} off-origin, ${failed.length} failed; before: ${isDefaultTheme ? '~450 KB' : '180 KB'}; Marp 26 KB (no runtime), reveal-md 373 KB + Google Fonts`,
          });
        }
      }
    } finally {
      await browser.close();
      server.close();
      await rm(outDir, { recursive: true, force: true });
    }
    return { rows, targets };
  },
};

export default suite;
