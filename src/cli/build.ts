/**
 * `slidewright build [options] [DIR|FILE…]`: the static site to host. Vite with slidewright's
 * plugin (the configuration `vite.config.ts` and `slidewright dev` use), written to `dist/`
 * (or `--out`); or, with `--mdslides-layout`, each deck into a folder beside its source.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { InlineConfig } from 'vite';
import type { PagesApi } from '../vite/pages.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { listDecks, type DeckEntry, type Project } from '../project/project.ts';
import { deckAddress } from '../render/page.ts';
import { EXIT_FAILED, EXIT_OK, PROJECT_OPTIONS, PROJECT_USAGE, UsageError, openCommandProject, parseCommandLine, progress, runCommand } from './common.ts';

const NAME = 'build';

const USAGE = `
Usage: slidewright build [options] [DIR|FILE...]   (npm run build -- ...)

Builds the decks into a static site: DIR/index.html lists the decks and DIR/<name>/index.html
is a deck, with its media, theme fonts (cut to the characters the decks use) and no request to
any other host. URLs are relative, so the folder works on any static host and under any
sub-path. See docs/hosting.md.

${PROJECT_USAGE}

Options:
  --out DIR          where the site goes (default: dist); its old content is replaced
  --base PATH        absolute URLs under PATH (/talks/) instead of relative ones
  --no-notes         publish without speaker notes: none in the pages, and S says so instead
                     of opening the speaker view
  --single-file      instead of a site, one self-contained DIR/<name>.html per deck (scripts,
                     styles, fonts and images inside it) that works from a USB stick or an
                     e-mail, with no server and no network; the speaker view (S) works from it too
  --mdslides-layout  as mdslides writes them: talk.md → talk/index.html beside the source, with
                     its assets and the media it uses inside talk/ (relative URLs: GitHub Pages
                     serves the repository as it is). See docs/migrating-from-mdslides.md.
  --url URL          where the site will be (https://example.org/talks/): each deck page gets
                     its canonical and share (Open Graph) address

Each deck page gets a share image: its title slide as <name>/card.png (og:image), taken in
the browser that slidewright pdf uses; without a browser the build warns and goes on without them.
  --no-share-image   skip that (no browser started)

A deck's PDF handout (exports/<deck>.pdf, from slidewright pdf) is published beside it when
it exists, and the index links to it.
  -h, --help         this text
`;

const COMMAND = {
  name: NAME,
  usage: USAGE,
  options: {
    out: { type: 'string' },
    base: { type: 'string' },
    'no-notes': { type: 'boolean' },
    url: { type: 'string' },
    'single-file': { type: 'boolean' },
    'mdslides-layout': { type: 'boolean' },
    'no-share-image': { type: 'boolean' },
    ...PROJECT_OPTIONS,
  },
} as const;

async function main(): Promise<number> {
  const parsed = parseCommandLine(COMMAND);
  const { values } = parsed;
  const opened = await openCommandProject(COMMAND, parsed, { layout: parsed.values['mdslides-layout'] ? 'mdslides' : undefined });
  const { project } = opened;
  if (values.base !== undefined && !values.base.startsWith('/')) throw new UsageError(`--base "${values.base}" must start with /, e.g. --base /talks/`);
  if (values.url !== undefined && !/^https?:\/\/[^/]+/.test(values.url)) throw new UsageError(`--url "${values.url}" must be an http(s) address, e.g. --url https://example.org/talks/`);
  const singleFile = values['single-file'] === true;
  const mdslides = project.layout === 'mdslides';
  if (singleFile && values.base !== undefined) throw new UsageError('--single-file makes files that need no server: --base does not apply');
  if (mdslides && (singleFile || values.out !== undefined || values.base !== undefined)) {
    throw new UsageError('--mdslides-layout writes each deck beside its source with relative URLs: --out, --base and --single-file do not apply');
  }
  const { build } = await import('vite');
  const { slidewrightViteConfig } = await import('../vite/index.ts');
  const notes = values['no-notes'] ? false : undefined;
  const noteText = values['no-notes'] ? ', without speaker notes' : '';
  const started = performance.now();
  const failedDecks = new Set<string>();
  const viteBuild = async (of: Project, outDir: string, extra: InlineConfig = {}) => {
    const config = slidewrightViteConfig({ project: of, notes, url: values.url });
    await build({ ...config, configFile: false, base: values.base ?? config.base, ...extra, build: { outDir, emptyOutDir: true } });
    // Every deck is written; one with errors (reported above at file:line) fails the command at the end.
    const pages = config.plugins?.flat().find((p) => p && typeof p === 'object' && 'name' in p && p.name === 'slidewright:pages') as { api?: PagesApi } | undefined;
    for (const deck of pages?.api?.decksWithErrors() ?? []) failedDecks.add(deck.file);
  };
  const outcome = (code: number) => {
    if (failedDecks.size === 0) return code;
    progress(`${failedDecks.size} deck${failedDecks.size === 1 ? '' : 's'} with errors (see above): ${[...failedDecks].map((f) => path.relative(process.cwd(), f)).join(', ')}`);
    return EXIT_FAILED;
  };
  const shareImages = async (of: Project, pageDir: (name: string) => string) => {
    if (values['no-share-image']) return;
    const { addShareImages } = await import('./share-images.ts');
    await addShareImages(of, pageDir, values.url ? (name) => deckAddress(values.url!, name) : undefined);
  };

  if (mdslides) return outcome(await buildBesideSources(project, listDecks(project), viteBuild, shareImages, started, noteText));

  const outDir = path.resolve(values.out ?? 'dist');
  if (!path.relative(outDir, project.root).startsWith('..') || !path.relative(outDir, process.cwd()).startsWith('..')) {
    throw new UsageError(`--out ${values.out ?? 'dist'}: the project (or a folder above it) would be emptied; give a folder of its own, e.g. --out dist`);
  }
  // A single-file build is made from a site built aside, with the same subset fonts.
  const siteDir = singleFile ? await mkdtemp(path.join(tmpdir(), 'slidewright-site-')) : outDir;
  try {
    await viteBuild(project, siteDir, { logLevel: singleFile ? 'warn' : undefined });
    if (!singleFile) {
      await shareImages(project, (name) => path.join(siteDir, name));
      progress(`built ${path.relative(process.cwd(), outDir) || outDir}/ in ${((performance.now() - started) / 1000).toFixed(1)} s${noteText}`);
      return outcome(EXIT_OK);
    }
    const { singleFileDeck } = await import('../vite/single-file.ts');
    await mkdir(outDir, { recursive: true });
    for (const deck of listDecks(project)) {
      const html = await singleFileDeck(siteDir, deck.name);
      const file = path.join(outDir, `${deck.name}.html`);
      await writeFileAtomic(file, html);
      progress(`${path.relative(process.cwd(), file)}: ${(Buffer.byteLength(html) / 1024).toFixed(0)} KB (${(gzipSync(html).length / 1024).toFixed(0)} KB gzip)`);
    }
    progress(`built the single-file decks in ${((performance.now() - started) / 1000).toFixed(1)} s${noteText}`);
    return outcome(EXIT_OK);
  } finally {
    if (singleFile) await rm(siteDir, { recursive: true, force: true });
  }
}

/** The folder a deck is built into in the mdslides layout: `talk.md` → `talk/`. */
export function besideSource(deck: DeckEntry): string {
  return path.join(path.dirname(deck.file), deck.name);
}

/**
 * The mdslides layout: each deck built on its own into a temporary folder beside its source,
 * then swapped in for `talk/` (the old one renamed away first, and removed only once the new
 * one is in place). A `talk/` that does not look like a built deck (no index.html) is left
 * alone: it may be the speaker's own folder.
 */
async function buildBesideSources(
  project: Project,
  decks: DeckEntry[],
  viteBuild: (of: Project, outDir: string, extra?: InlineConfig) => Promise<unknown>,
  shareImages: (of: Project, pageDir: (name: string) => string) => Promise<void>,
  started: number,
  noteText: string,
): Promise<number> {
  let failed = 0;
  const built: DeckEntry[] = [];
  for (const [i, deck] of decks.entries()) {
    const target = besideSource(deck);
    const shown = path.relative(process.cwd(), target) || target;
    if (existsSync(target) && !existsSync(path.join(target, 'index.html'))) {
      progress(`${deck.name}: ${shown}/ exists and is not a built deck (no index.html); move it away or rename the deck. Skipped.`);
      failed++;
      continue;
    }
    const temp = path.join(path.dirname(target), `.${deck.name}.slidewright-${process.pid}`);
    try {
      await viteBuild({ ...project, decks: [deck] }, temp, { logLevel: 'warn' });
      if (existsSync(target)) {
        const old = `${temp}.old`;
        await rename(target, old);
        await rename(temp, target);
        await rm(old, { recursive: true, force: true });
      } else {
        await rename(temp, target);
      }
      built.push(deck);
      progress(`[${i + 1}/${decks.length}] ${path.relative(process.cwd(), deck.file)} → ${shown}/index.html`);
    } catch (error) {
      failed++;
      progress(`${deck.name}: not built: ${(error as Error).message.split('\n')[0]}`);
      if (process.env.SLIDEWRIGHT_DEBUG) progress(String((error as Error).stack));
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }
  if (built.length) await shareImages({ ...project, decks: built }, (name) => besideSource(built.find((d) => d.name === name)!));
  progress(`built ${built.length} deck${built.length === 1 ? '' : 's'} beside their sources in ${((performance.now() - started) / 1000).toFixed(1)} s${noteText}`);
  return failed ? EXIT_FAILED : EXIT_OK;
}

await runCommand(NAME, main);
