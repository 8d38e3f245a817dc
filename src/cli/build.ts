/**
 * `npm run build -- [options]`: the static site to host. Vite with slidewright's plugin (the
 * configuration `vite.config.ts` and `npm run dev` use), written to `dist/` (or `--out`).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { listDecks, resolveProject } from '../vite/project.ts';
import { EXIT_OK, UsageError, parseCommandLine, progress, runCommand } from './common.ts';

const NAME = 'build';

const USAGE = `
Usage: npm run build -- [options]

Builds every deck in slides/ into a static site: DIR/index.html lists the decks and
DIR/<name>/index.html is a deck, with its media, theme fonts (cut to the characters the decks
use) and no request to any other host. URLs are relative, so the folder works on any static host
and under any sub-path. See docs/hosting.md.

Options:
  --out DIR      where the site goes (default: dist); its old content is replaced
  --base PATH    absolute URLs under PATH (/talks/) instead of relative ones
  --no-notes     publish without speaker notes: none in the pages, and S says so instead of
                 opening the speaker view
  --single-file  instead of a site, one self-contained DIR/<name>.html per deck (scripts, styles,
                 fonts and images inside it) that works from a USB stick or an e-mail, with no
                 server and no network; the speaker view (S) works from it too
  --url URL      where the site will be (https://example.org/talks/): each deck page gets its
                 canonical and share (Open Graph) address

Each deck page gets a share image: its title slide as <name>/card.png (og:image), taken in
the browser that npm run pdf uses; without a browser the build warns and goes on without them.
  --no-share-image  skip that (no browser started)

A deck's PDF handout (exports/<deck>.pdf, from npm run pdf) is published beside it when it
exists, and the index links to it.
  -h, --help     this text
`;

async function main(): Promise<number> {
  const { values, positionals } = parseCommandLine({
    name: `npm run ${NAME}`,
    usage: USAGE,
    options: {
      out: { type: 'string' },
      base: { type: 'string' },
      'no-notes': { type: 'boolean' },
      url: { type: 'string' },
      'single-file': { type: 'boolean' },
      'no-share-image': { type: 'boolean' },
    },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}": the build takes every deck in slides/`);
  if (values.base !== undefined && !values.base.startsWith('/')) throw new UsageError(`--base "${values.base}" must start with /, e.g. --base /talks/`);
  if (values.url !== undefined && !/^https?:\/\/[^/]+/.test(values.url)) throw new UsageError(`--url "${values.url}" must be an http(s) address, e.g. --url https://example.org/talks/`);
  const root = process.cwd();
  const outDir = path.resolve(root, values.out ?? 'dist');
  if (outDir === root || !path.relative(outDir, root).startsWith('..')) {
    throw new UsageError(`--out ${values.out}: the project (or a folder above it) would be emptied; give a folder of its own, e.g. --out dist`);
  }
  const { build } = await import('vite');
  const { slidewrightViteConfig } = await import('../vite/index.ts');
  const config = slidewrightViteConfig({ root, notes: values['no-notes'] ? false : undefined, url: values.url });
  const started = performance.now();
  const singleFile = values['single-file'] === true;
  if (singleFile && values.base !== undefined) throw new UsageError('--single-file makes files that need no server: --base does not apply');
  // A single-file build is made from a site built aside, with the same subset fonts.
  const siteDir = singleFile ? await mkdtemp(path.join(tmpdir(), 'slidewright-site-')) : outDir;
  try {
    await build({
      ...config,
      configFile: false,
      base: values.base ?? config.base,
      logLevel: singleFile ? 'warn' : undefined,
      build: { outDir: siteDir, emptyOutDir: true },
    });
    const notes = values['no-notes'] ? ', without speaker notes' : '';
    if (!singleFile && !values['no-share-image']) {
      const { addShareImages } = await import('./share-images.ts');
      await addShareImages(root, listDecks(resolveProject(root)), siteDir, values.url);
    }
    if (!singleFile) {
      progress(`built ${path.relative(root, outDir) || outDir}/ in ${((performance.now() - started) / 1000).toFixed(1)} s${notes}`);
      return EXIT_OK;
    }
    const { singleFileDeck } = await import('../vite/single-file.ts');
    await mkdir(outDir, { recursive: true });
    for (const deck of listDecks(resolveProject(root))) {
      const html = await singleFileDeck(siteDir, deck.name);
      const file = path.join(outDir, `${deck.name}.html`);
      await writeFileAtomic(file, html);
      progress(`${path.relative(root, file)}: ${(Buffer.byteLength(html) / 1024).toFixed(0)} KB (${(gzipSync(html).length / 1024).toFixed(0)} KB gzip)`);
    }
    progress(`built the single-file decks in ${((performance.now() - started) / 1000).toFixed(1)} s${notes}`);
    return EXIT_OK;
  } finally {
    if (singleFile) await rm(siteDir, { recursive: true, force: true });
  }
}

await runCommand(NAME, main);
