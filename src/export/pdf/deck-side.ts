/**
 * The deck half of the PDF export: read and compile the decks, settle each deck's PDF
 * settings, render and serve the pages (src/export/site.ts). It runs in a worker thread when
 * the command was started through `bin/slidewright.mjs`: compiling decks is a few hundred
 * milliseconds of JavaScript, and on the main thread it would hold up Playwright's talk with
 * the starting browser by as much (measured: a 150 ms block delayed the first page by
 * 140 ms, the same work in a worker by 40 ms). Everything that crosses to the browser half is
 * plain data.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker, isMainThread } from 'node:worker_threads';
import { wallClock, type Phase } from '../../util/phases.ts';
import { chooseTheme } from '../../format/themes.ts';
import { DEFAULT_THEME, type JsonValue } from '../../format/types.ts';
import type { DeckStore } from '../../project/deck-store.ts';
import { isInside } from '../../project/paths.ts';
import { listDecks, type DeckEntry, type Project } from '../../project/project.ts';
import type { Site, SiteDeck } from '../site.ts';
import { resolveSettings, type DeckOutcome, type PdfSettings, type ResolvedSettings } from './options.ts';

export interface DeckSideInput {
  /** The project, its `decks` those to export. */
  project: Project;
  /** Settings from the command line; they win over each deck's own. */
  cli: Partial<PdfSettings>;
  /** Keep compiled decks on disk between runs (see src/project/compiled-cache.ts); `--no-cache` turns it off. */
  diskCache?: boolean;
  /** Set for a worker: when it was started (`wallClock()`), for the profile. */
  spawnedAt?: number;
}

export interface DeckJob {
  entry: DeckEntry;
  title: string;
  meta: Record<string, JsonValue>;
  resolved: ResolvedSettings;
  warnings: string[];
}

/** What the browser half needs: plain data, so that it can come from a worker. */
export interface DeckSideResult {
  jobs: DeckJob[];
  /** Decks that could not be read. */
  failed: DeckOutcome[];
  /** Each served deck's page. */
  pages: Map<string, SiteDeck>;
  /** Decks that could not be rendered, with why. */
  unrendered: Map<string, string>;
  /** Where this half's time went (`--profile`). */
  phases: Phase[];
}

export interface DeckSide extends DeckSideResult {
  close(): Promise<void>;
}

/** Set by `bin/slidewright.mjs` to the folder of the command's bundle, which has `deck-worker.mjs`. */
export const BUNDLE_DIR = Symbol.for('slidewright.bundleDir');

/** A theme the export can use: a reveal.js theme or a CSS file inside the project; else null. */
export function findTheme(name: string, project: Project, deckFile?: string): string | null {
  const findFile = (candidate: string): string | null => {
    const places = [path.resolve(candidate), ...(deckFile ? [path.resolve(path.dirname(deckFile), candidate)] : []), path.resolve(project.root, candidate)];
    for (const file of places) if (existsSync(file) && isInside(project.root, file)) return file;
    return null;
  };
  const choice = chooseTheme(name, findFile, DEFAULT_THEME);
  return choice.kind === 'reveal' ? choice.name : choice.kind === 'file' ? choice.path : null;
}

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').find((l) => l.trim())?.trim() ?? message;
}

async function prepareDecks(input: DeckSideInput, phases: Phase[]): Promise<{ jobs: DeckJob[]; failed: DeckOutcome[]; store: DeckStore }> {
  const { DeckStore, emptyPageError } = await import('../../project/deck-store.ts');
  const store = new DeckStore(input.project, { diskCache: input.diskCache });
  const jobs: DeckJob[] = [];
  const failed: DeckOutcome[] = [];
  for (const entry of listDecks(input.project)) {
    const start = wallClock();
    try {
      const loaded = store.load(entry);
      phases.push({ name: 'compile deck (repair, markdown, highlight)', start, end: wallClock() });
      const refusal = emptyPageError(loaded);
      if (refusal) {
        failed.push({ name: entry.name, ok: false, ms: wallClock() - start, error: `not exported: ${refusal.message} (line ${refusal.line})`, warnings: [] });
        continue;
      }
      const resolved = resolveSettings({ cli: input.cli, frontMatter: loaded.deck.meta.pdf, deckOptions: loaded.deck.options });
      const warnings = [...resolved.warnings];
      if (resolved.settings.theme && resolved.sources.theme !== 'command line') {
        const theme = findTheme(resolved.settings.theme, input.project, entry.file);
        if (theme) resolved.settings.theme = theme;
        else {
          warnings.push(`front matter pdf.theme "${resolved.settings.theme}" is neither a reveal.js theme nor a CSS file in the project; using the deck's own`);
          resolved.settings.theme = null;
        }
      }
      jobs.push({ entry, title: loaded.title, meta: loaded.deck.meta, resolved, warnings });
    } catch (error) {
      failed.push({ name: entry.name, ok: false, ms: wallClock() - start, error: `cannot read ${entry.file}: ${(error as Error).message}`, warnings: [] });
    }
  }
  return { jobs, failed, store };
}

/** Serves the decks together; if that fails, one by one, so one broken deck does not stop the rest. */
async function serveDecks(project: Project, jobs: DeckJob[], store: DeckStore): Promise<{ sites: Site[]; pages: Map<string, SiteDeck>; unrendered: Map<string, string> }> {
  const { startSite } = await import('../site.ts');
  const themes = new Map(jobs.filter((j) => j.resolved.settings.theme).map((j) => [j.entry.name, j.resolved.settings.theme!]));
  const theme = themes.size ? (name: string) => themes.get(name) : undefined;
  const pages = new Map<string, SiteDeck>();
  const unrendered = new Map<string, string>();
  if (jobs.length === 0) return { sites: [], pages, unrendered };
  try {
    const site = await startSite({ project: { ...project, decks: jobs.map((j) => j.entry) }, theme, store });
    for (const d of site.decks) pages.set(d.name, d);
    return { sites: [site], pages, unrendered };
  } catch (error) {
    if (jobs.length === 1) {
      unrendered.set(jobs[0]!.entry.name, `the deck could not be rendered: ${firstLine(error)}`);
      return { sites: [], pages, unrendered };
    }
  }
  const sites: Site[] = [];
  for (const job of jobs) {
    try {
      const site = await startSite({ project: { ...project, decks: [job.entry] }, theme, store });
      sites.push(site);
      pages.set(job.entry.name, site.decks[0]!);
    } catch (error) {
      unrendered.set(job.entry.name, `the deck could not be rendered: ${firstLine(error)}`);
    }
  }
  return { sites, pages, unrendered };
}

/** The deck half in this thread. */
export async function prepareDeckSide(input: DeckSideInput): Promise<DeckSide> {
  // In a worker, its own start (the thread and its modules) comes first.
  const phases: Phase[] = !isMainThread && input.spawnedAt ? [{ name: 'deck side: worker start, modules', start: input.spawnedAt, end: wallClock() }] : [];
  const { jobs, failed, store } = await prepareDecks(input, phases);
  const serving = wallClock();
  const { sites, pages, unrendered } = await serveDecks(input.project, jobs, store);
  phases.push({ name: 'deck side: site (pages, client code, server)', start: serving, end: wallClock() });
  return {
    jobs,
    failed,
    pages,
    unrendered,
    phases,
    async close() {
      await Promise.all(sites.map((s) => s.close().catch(() => undefined)));
    },
  };
}

/** The deck half in a worker thread when the command's bundle has one, else in this thread. */
export function startDeckSide(input: DeckSideInput): Promise<DeckSide> {
  const bundleDir = (globalThis as Record<symbol, unknown>)[BUNDLE_DIR];
  if (typeof bundleDir !== 'string') return prepareDeckSide(input);
  return new Promise<DeckSide>((resolve, reject) => {
    const worker = new Worker(path.join(bundleDir, 'deck-worker.mjs'), { workerData: { ...input, spawnedAt: wallClock() } satisfies DeckSideInput });
    const exited = new Promise<void>((done) => worker.once('exit', () => done()));
    worker.once('error', reject);
    void exited.then(() => reject(new Error('the deck worker stopped before the decks were ready')));
    worker.once('message', (result: DeckSideResult) =>
      resolve({
        ...result,
        close() {
          worker.postMessage('close');
          return exited;
        },
      }),
    );
  });
}
