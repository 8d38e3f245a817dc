/**
 * `npm run dev -- [options]`: the rehearsal server. Vite with slidewright's plugin on this
 * folder (the same configuration as `vite.config.ts`): every deck at `/<name>/`, and saving a
 * deck updates the open slides in place (see docs/dev-loop.md).
 */
import { listDecks } from '../project/project.ts';
import { selectDecks } from '../project/select-decks.ts';
import { EXIT_OK, PROJECT_OPTIONS, withOptionalValues, PROJECT_USAGE, UsageError, asUsage, openCommandProject, parseCommandLine, parsePositive, runCommand } from './common.ts';

const NAME = 'dev';

const USAGE = `
Usage: slidewright dev [options] [DIR|FILE...]   (npm run dev -- ...)

Serves the decks at http://localhost:5173/<name>/ for rehearsing (new files in a deck folder
show up as you add them). Saving a deck
changes the open slides in place: the page keeps its slide and fragment, the speaker view (S)
its timer. A change of theme, code theme or reveal.js options reloads the page at the same slide.

${PROJECT_USAGE}

Options:
  --open [DECK]    open the browser on the list of decks, or on DECK (a deck name or slides/x.md)
  --follow         the deck jumps to the slide you just edited (off: it stays where it is)
  --host [ADDR]    listen on every address (or on ADDR), to open the deck on another device;
                   without it the server listens on localhost only
  --port N         the port (default 5173; the next free one when it is taken)
  -h, --help       this text

Keys while it runs: h shows Vite's shortcuts (r restart, u show the URLs, o open, q quit).
`;


const COMMAND = {
  name: NAME,
  usage: USAGE,
  options: {
    open: { type: 'string' },
    follow: { type: 'boolean' },
    host: { type: 'string' },
    port: { type: 'string' },
    ...PROJECT_OPTIONS,
  },
} as const;

async function main(): Promise<number> {
  const parsed = parseCommandLine(COMMAND, withOptionalValues(process.argv.slice(2), ['--open', '--host']));
  const { values } = parsed;
  const { all: project, decks } = await openCommandProject(COMMAND, parsed);
  if (decks.length !== listDecks(project).length) {
    throw new UsageError(`dev serves folders and files; to open one deck, use --open ${parsed.positionals.find((p) => !p.endsWith('.md')) ?? 'DECK'}`);
  }
  const port = parsePositive('--port', values.port, { integer: true, max: 65535 });
  let open: string | boolean = false;
  if (values.open !== undefined) {
    open = '/';
    if (values.open !== '') {
      const [deck] = asUsage(() => selectDecks(project, [values.open!]));
      open = `/${encodeURIComponent(deck!.name)}/`;
    }
  }
  const host = values.host === undefined ? 'localhost' : values.host === '' ? true : values.host;

  const { createServer } = await import('vite');
  const { slidewrightViteConfig } = await import('../vite/index.ts');
  const config = slidewrightViteConfig({ project, follow: values.follow === true });
  const server = await createServer({ ...config, configFile: false, server: { ...config.server, host, port, open } });
  await server.listen();
  server.printUrls();
  if (values.follow) server.config.logger.info('  following edits: the deck goes to the slide you change\n');
  server.bindCLIShortcuts({ print: true });
  // Runs until Ctrl-C or q.
  await new Promise<void>((resolve) => server.httpServer?.once('close', () => resolve()));
  return EXIT_OK;
}

await runCommand(NAME, main);
