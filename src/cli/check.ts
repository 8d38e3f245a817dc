/**
 * `npm run check -- [DECK...] [options]`: the deck doctor. Loads each deck in the browser and
 * reports what a speaker would otherwise find out on stage, with the slide's file:line.
 */
import { checkDeck, checkFailed, type DeckCheck } from '../export/check/index.ts';
import { jsonReport, textReport } from '../export/check/report.ts';
import { EXIT_FAILED, EXIT_OK, PROJECT_OPTIONS, PROJECT_USAGE, formatSeconds, openCommandProject, parseCommandLine, parsePositive, parseTimeoutMs, progress, runCommand } from './common.ts';
import { visitDecksInBrowser } from './deck-browser.ts';
import { listDecks } from '../project/project.ts';

const NAME = 'check';

const USAGE = `
Usage: slidewright check [options] [DIR|FILE|DECK...]   (npm run check -- ...)

The deck doctor: loads each deck in the browser at its own size and reports, as
file:line: severity: message (the line of the slide in the markdown):

  errors    content that runs past the slide's edges (cut off on the projector), media that
            do not load, #/h/v or #id links to slides that do not exist, a page that throws
  warnings  code boxes hiding part of their content, images without alt text, skipped
            heading levels, text too small to read from the back of the room, media on
            other hosts that could not be loaded, and the deck's parse and repair warnings

${PROJECT_USAGE}

Options:
  --json               one JSON document on stdout (progress stays on stderr)
  --strict             warnings fail the check too
  --min-font-size PX   smallest readable text at the deck's size (default: 3 % of the slide
                       height, 21 px on 960×700)
  --timeout SEC        how long a deck may take to load (default: 60)
  --jobs N             decks checked at once, each in its own page of one browser
                       (default: the number of cores)
  --no-cache           compile every deck afresh (default: an unchanged deck's compile is
                       reused from node_modules/.cache/slidewright/decks)
  -h, --help           this text

Exit codes: 0 no errors (warnings alone pass unless --strict), 1 errors found (or warnings
with --strict, or a deck could not be checked), 2 wrong usage or no browser.
`;

const COMMAND = {
  name: NAME,
  usage: USAGE,
  options: {
    json: { type: 'boolean' },
    strict: { type: 'boolean' },
    'min-font-size': { type: 'string' },
    timeout: { type: 'string' },
    jobs: { type: 'string' },
    'no-cache': { type: 'boolean' },
    ...PROJECT_OPTIONS,
  },
} as const;

async function main(): Promise<number> {
  const parsed = parseCommandLine(COMMAND);
  const { values } = parsed;
  const { project } = await openCommandProject(COMMAND, parsed);
  const minFontSize = parsePositive('--min-font-size', values['min-font-size']);
  const timeoutMs = parseTimeoutMs(values.timeout);
  const strict = values.strict ?? false;

  const started = performance.now();
  const decks = listDecks(project);
  const byDeck = new Map<string, DeckCheck>();
  // The report lists the pipeline's warnings with the page's findings: not printed twice.
  const failures = await visitDecksInBrowser(
    project,
    async (browser, deck, loaded) => {
      const check = await checkDeck(browser, deck, loaded, { project, minFontSize, timeoutMs });
      byDeck.set(deck.name, check);
      progress(`[${byDeck.size}/${decks.length}] checked ${deck.name}`);
    },
    { printWarnings: false, decksAtOnce: parsePositive('--jobs', values.jobs, { integer: true, max: 16 }), diskCache: !values['no-cache'] },
  );
  // In deck order, whichever finished first.
  const checks = decks.flatMap((d) => byDeck.get(d.name) ?? []);
  for (const { deck, error } of failures) progress(`${deck.name}: could not be checked: ${(error as Error)?.message?.split('\n')[0] ?? String(error)}`);
  if (values.json) process.stdout.write(`${JSON.stringify(jsonReport(checks, strict), null, 2)}\n`);
  else process.stdout.write(textReport(checks));
  const failed = checkFailed(checks, strict);
  progress(`checked ${checks.length} deck${checks.length === 1 ? '' : 's'} in ${formatSeconds(performance.now() - started)}${failed ? '' : ': passed'}`);
  return failed || failures.length ? EXIT_FAILED : EXIT_OK;
}

await runCommand(NAME, main);
