/**
 * `npm run pdf [-- [options] [deck...]]`: PDF handouts of the decks, through reveal.js's print
 * view in Chromium. Thin: argument parsing and terminal output; the work is in src/export/pdf/.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  EXIT_FAILED,
  EXIT_OK,
  PROJECT_OPTIONS,
  PROJECT_USAGE,
  UsageError,
  asUsage,
  formatSeconds,
  openCommandProject,
  parseCommandLine,
  parsePositive,
  parseTimeoutMs,
  progress,
  runCommand,
} from './common.ts';
import {
  formatDeckLine,
  formatSummary,
  parseNotes,
  parseRangeSpec,
  parseSize,
  type DeckOutcome,
  type PdfSettings,
} from '../export/pdf/options.ts';
import type { ExportOptions } from '../export/pdf/export.ts';
import type { Project } from '../project/project.ts';
import { Phases, formatPhaseTable, profileRequested, wallClock } from '../util/phases.ts';

const USAGE = `
Usage: slidewright pdf [options] [DIR|FILE|DECK...]   (npm run pdf -- ...)

Exports decks to PDF through reveal.js's print view in Chromium, several decks at once.
No prior \`slidewright build\` is needed: only the decks asked for are rendered.

${PROJECT_USAGE}

Options (each also settable per deck, see below):
  --out DIR          where <deck>.pdf goes (default: exports/)
  --notes MODE       speaker notes: none (default), page (a page after each slide),
                     below (in a box on the slide)
  --fragments        one page per fragment step (default: fragments all shown, one page)
  --no-fragments     one page per slide even when the deck asks for steps
  --range LIST       slides by number in reading order, vertical ones counted: 1,3-5
  --theme NAME       a reveal.js theme (white, black, solarized, ...) or a project CSS file
  --size WxH         slide size in pixels, e.g. 1280x720 (page = size + reveal's margin)
  --timeout SECONDS  time limit per deck (default 60)
  --jobs N           decks exported at once (default: the number of cores)
  --watch            keep running: each PDF is rewritten as its deck is saved (the browser
                     stays up, so a save takes well under a second); Ctrl-C to stop
  --no-cache         compile every deck afresh (default: an unchanged deck's compile is
                     reused from node_modules/.cache/slidewright/decks)
  --profile          print where the time went, phase by phase (also DEBUG=slidewright:time;
                     with --watch, a table per rewrite); docs/performance.md explains it
  -h, --help         this text

Per deck, in the deck's front matter:
  pdf: { notes: page, fragments: true, range: "1-5", size: 1280x720, theme: white }
A deck's reveal.js options showNotes (true: below, separate-page: page),
pdfSeparateFragments, width and height apply too.
Precedence, setting by setting: command line > front matter pdf: > reveal.js options > defaults.

Exit code: 0 when every deck was exported, 1 when one failed (the others are still
written), 2 for a usage error or when no browser is found (set CHROME_PATH to one).
`;

const command = {
  name: 'pdf',
  usage: USAGE,
  options: {
    out: { type: 'string' },
    notes: { type: 'string' },
    fragments: { type: 'boolean' },
    'no-fragments': { type: 'boolean' },
    range: { type: 'string' },
    theme: { type: 'string' },
    size: { type: 'string' },
    timeout: { type: 'string' },
    jobs: { type: 'string' },
    watch: { type: 'boolean' },
    profile: { type: 'boolean' },
    'no-cache': { type: 'boolean' },
    ...PROJECT_OPTIONS,
  },
} as const;


async function main(): Promise<number> {
  const started = performance.now();
  const parsed = parseCommandLine(command);
  const { values } = parsed;
  const phases = profileRequested(values.profile) ? new Phases() : undefined;
  // Node's start and the launcher (finding or bundling this command's code).
  phases?.add('node start, launcher', performance.timeOrigin, performance.timeOrigin + started);
  const root = process.cwd();
  const { project, decks } = await openCommandProject(command, parsed);
  const cli: Partial<PdfSettings> = {};
  asUsage(() => {
    if (values.notes !== undefined) cli.notes = parseNotes(values.notes);
    if (values.fragments && values['no-fragments']) throw new UsageError('--fragments and --no-fragments contradict each other; give one');
    if (values.fragments) cli.fragments = true;
    if (values['no-fragments']) cli.fragments = false;
    if (values.range !== undefined) cli.range = parseRangeSpec(values.range);
    if (values.size !== undefined) cli.size = parseSize(values.size);
  });
  const timeoutMs = parseTimeoutMs(values.timeout);
  const concurrency = parsePositive('--jobs', values.jobs, { integer: true });
  const outDir = path.resolve(values.out ?? path.join(root, 'exports'));

  // The decks are chosen and their half of the work (compile, settings, pages) starts first, in
  // a worker thread, while this thread loads Playwright; then the browser starts.
  const { findTheme, startDeckSide } = await import('../export/pdf/deck-side.ts');
  if (values.theme !== undefined) {
    const theme = findTheme(values.theme, project);
    if (!theme) {
      const { REVEAL_THEMES } = await import('../format/themes.ts');
      throw new UsageError(`--theme "${values.theme}": not a reveal.js theme (${REVEAL_THEMES.join(', ')}) nor a CSS file in the project`);
    }
    cli.theme = theme;
  }
  const diskCache = !values['no-cache'];
  if (values.watch) return watch(project, { outDir, cli, timeoutMs, concurrency, phases, diskCache });
  phases?.add('options, project, decks chosen', performance.timeOrigin + started);
  const deckSide = startDeckSide({ project, cli, diskCache });
  deckSide.catch(() => undefined); // awaited by exportPdfs
  phases?.time('deck side: compile and serve (all)', deckSide).catch(() => undefined);
  let exporter: typeof import('../export/pdf/export.ts');
  let session: import('../export/pdf/export.ts').BrowserSession;
  try {
    const importing = import('../export/pdf/export.ts');
    exporter = await (phases?.time('load the exporter (Playwright)', importing) ?? importing);
    session = exporter.startBrowser();
    phases?.time('browser launch', session.browser).catch(() => undefined);
  } catch (error) {
    await deckSide.then((side) => side.close()).catch(() => undefined);
    throw error;
  }

  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    progress(`pdf: ${signal}: stopping (the PDFs already written stay; none is left half-written)`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const report = await exporter.exportPdfs({
    project,
    outDir,
    cli,
    diskCache,
    timeoutMs,
    concurrency,
    session,
    deckSide,
    exitsAfter: true,
    signal: controller.signal,
    phases,
    onStart: ({ browser, version, decks: count, ms }) =>
      progress(`pdf: ${count} deck${count === 1 ? '' : 's'} rendered, Chromium ${version} (${browser.source}: ${browser.executablePath}) ready in ${formatSeconds(ms)}`),
    onDeck: reportDeck,
  });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  if (controller.signal.aborted) {
    const written = report.outcomes.filter((o) => o.ok).length;
    progress(`pdf: interrupted after ${formatSeconds(performance.now() - started)}; ${written} of ${decks.length} deck${decks.length === 1 ? '' : 's'} exported`);
    return 130;
  }
  progress(formatSummary(report.outcomes, performance.now() - started));
  if (phases) progress(formatPhaseTable(phases.list, performance.timeOrigin, wallClock()));
  // Exit now: the browser is still shutting down, and Playwright kills it on exit (exitsAfter).
  process.exit(report.outcomes.every((o) => o.ok) ? EXIT_OK : EXIT_FAILED);
}

function reportDeck(outcome: DeckOutcome): void {
  progress(formatDeckLine(outcome));
  for (const warning of outcome.warnings) progress(`      warning: ${warning}`);
}

/** `--watch`: export, then export each deck again when it is saved, until Ctrl-C. */
async function watch(project: Project, options: Pick<ExportOptions, 'outDir' | 'cli' | 'timeoutMs' | 'concurrency' | 'phases' | 'diskCache'>): Promise<number> {
  const { startBrowser } = await import('../export/pdf/export.ts');
  const { watchPdfs } = await import('../export/pdf/watch.ts');
  const { firstLine } = await import('../export/pdf/deck-side.ts');
  const session = startBrowser();
  const watcher = await watchPdfs({
    project,
    session,
    ...options,
    onDeck: reportDeck,
    onEmpty: (deck) => progress(`pdf: ${path.relative(process.cwd(), deck.file) || deck.file} is empty: its last PDF stays; save it with its slides to rewrite it`),
    onRoundError: (error, decks, trigger) =>
      progress(
        `pdf: ${trigger === 'start' ? 'the first export' : 'the export after the save'} failed: ${firstLine(error)}; ` +
          `the PDFs stay as they were; save a deck to try again (watching ${decks.length} deck${decks.length === 1 ? '' : 's'})`,
      ),
    onRound: (report, decks, trigger) => {
      if (trigger === 'start') progress(`pdf: watching ${decks.length} deck${decks.length === 1 ? '' : 's'}; save one to rewrite its PDF (Ctrl-C to stop)`);
      else {
        const failed = report.outcomes.filter((o) => !o.ok).length;
        progress(failed ? `pdf: ${failed} of ${decks.length} not rewritten after the save (their last PDF stays); save again once fixed` : `pdf: rewritten in ${formatSeconds(report.ms)} after the save`);
      }
      // --profile: each round's own table, the first from the process's start, a save's from its
      // round's (its decks' compile starts just before the export does).
      if (options.phases) {
        const end = wallClock();
        const phases = options.phases.list.splice(0);
        if (trigger === 'start') progress(formatPhaseTable(phases, performance.timeOrigin, end));
        else progress(formatPhaseTable(phases, Math.min(end - report.ms, ...phases.map((p) => p.start)), end, "the rewrite's start"));
      }
    },
  });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  progress('pdf: stopped watching (the PDFs written stay)');
  await watcher.close();
  return EXIT_OK;
}

await runCommand('pdf', main);
