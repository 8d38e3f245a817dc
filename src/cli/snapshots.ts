/**
 * `npm run snapshots -- [DECK...] [options]`: a PNG of every slide of each deck, in
 * `exports/<deck>/NNN.png`, with `index.json` saying which file is which slide.
 */
import path from 'node:path';
import { UNTHROTTLED_FRAMES, launchBrowser } from '../export/browser/index.ts';
import { EXIT_FAILED, EXIT_OK, PROJECT_OPTIONS, PROJECT_USAGE, asUsage, formatSeconds, openCommandProject, parseCommandLine, parsePositive, parseTimeoutMs, progress, runCommand } from './common.ts';
import { parseRangeSpec } from '../export/settings.ts';
import { Phases, formatPhaseTable, profileRequested, wallClock } from '../util/phases.ts';

const NAME = 'snapshots';

const USAGE = `
Usage: slidewright snapshots [options] [DIR|FILE|DECK...]   (npm run snapshots -- ...)

A PNG of every slide: exports/<deck>/001.png, 002.png, ... in reading order (vertical slides
counted), at the deck's size (960×700 unless the deck sets width/height), and
exports/<deck>/index.json mapping each file to its slide (h/v index, markdown line, title,
notes). Transitions, controls, progress bar, slide numbers and notes are left out; fonts and
images are loaded first, so the same deck gives the same pixels every time. Images of an
earlier run that this run did not make (numbered NNN.png files) are removed.

${PROJECT_USAGE}

Options:
  --out DIR        where the deck folders go (default: exports)
  --scale N        pixels per CSS pixel, e.g. 2 for high-DPI images (default: 1)
  --range SPEC     only these slides, e.g. 1,3-5 (numbers as in the file names)
  --fragments      one image per fragment step: NNN-00.png before the first fragment,
                   NNN-01.png after it, ... (default: one image per slide, every fragment shown)
  --jobs N         browser pages photographing side by side (default: from the deck size
                   and the CPU count, at most 4)
  --timeout SEC    how long a deck may take to load (default: 60)
  --no-cache       compile every deck afresh (default: an unchanged deck's compile is
                   reused from node_modules/.cache/slidewright/decks)
  --profile        print where the time went, phase by phase (also DEBUG=slidewright:time);
                   docs/performance.md explains the table
  -h, --help       this text

Exit codes: 0 done, 1 a deck failed, 2 wrong usage or no browser.
`;


const COMMAND = {
  name: NAME,
  usage: USAGE,
  options: {
    out: { type: 'string' },
    scale: { type: 'string' },
    range: { type: 'string' },
    fragments: { type: 'boolean' },
    jobs: { type: 'string' },
    timeout: { type: 'string' },
    profile: { type: 'boolean' },
    'no-cache': { type: 'boolean' },
    ...PROJECT_OPTIONS,
  },
} as const;

async function main(): Promise<number> {
  const parsed = parseCommandLine(COMMAND);
  const { values } = parsed;
  const { project } = await openCommandProject(COMMAND, parsed);
  const root = process.cwd();
  const scale = parsePositive('--scale', values.scale, { max: 4 }) ?? 1;
  const jobs = parsePositive('--jobs', values.jobs, { integer: true, max: 16 });
  const timeoutMs = parseTimeoutMs(values.timeout);
  const range = values.range === undefined ? null : asUsage(() => parseRangeSpec(values.range!));
  const outDir = path.resolve(root, values.out ?? 'exports');

  const phases = profileRequested(values.profile) ? new Phases() : undefined;
  // Node's start, the launcher and the options: before this command's own work.
  phases?.add('node start, launcher, options', performance.timeOrigin);
  const started = performance.now();
  // Chromium starts (a child process) while this command loads the rest of its code (the deck
  // compiler and the site: about 0.2 s of module loading).
  const launch = () => launchBrowser(undefined, UNTHROTTLED_FRAMES);
  const browser = phases?.time('browser launch', launch) ?? launch();
  browser.catch(() => undefined); // awaited (and reported) by visitDecksInBrowser
  const loading = Promise.all([import('./deck-browser.ts'), import('../export/snapshots/index.ts')]);
  const [{ visitDecksInBrowser }, { snapshotDeck }] = await (phases?.time('load the compiler and the site', loading) ?? loading);
  const failures = await visitDecksInBrowser(project, async (browser, deck, loaded) => {
    const result = await snapshotDeck(browser, deck, {
      compiled: loaded,
      outDir,
      scale,
      range,
      fragments: values.fragments ?? false,
      jobs,
      timeoutMs,
      project,
      phases,
    });
    const { index } = result;
    const where = path.relative(root, result.dir) || '.';
    progress(
      `${deck.name}: ${index.images.length} image${index.images.length === 1 ? '' : 's'} of ${Math.round(index.width * scale)}×${Math.round(index.height * scale)} px → ${where}/ ` +
        `(${formatSeconds(result.ms)}, ${result.jobs} page${result.jobs === 1 ? '' : 's'})` +
        (result.removed.length ? `; removed ${result.removed.length} old image${result.removed.length === 1 ? '' : 's'}` : ''),
    );
  // One deck at a time: each already photographs with several pages (--jobs).
  }, { printWarnings: true, decksAtOnce: 1, phases, diskCache: !values['no-cache'], browser, exitsAfter: true });
  for (const { deck, error } of failures) progress(`${deck.name}: failed: ${(error as Error)?.message?.split('\n')[0] ?? String(error)}`);
  progress(`done in ${formatSeconds(performance.now() - started)}${failures.length ? `; ${failures.length} deck${failures.length === 1 ? '' : 's'} failed` : ''}`);
  if (phases) progress(formatPhaseTable(phases.list, performance.timeOrigin, wallClock()));
  // Exit now: the browser is still shutting down (exitsAfter).
  process.exit(failures.length ? EXIT_FAILED : EXIT_OK);
}

await runCommand(NAME, main);
