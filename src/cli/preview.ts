/**
 * `slidewright preview [--out DIR]`: serves a built site (`slidewright build`) as a static host
 * would, to try it before publishing: Vite's preview server on the output folder.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EXIT_OK, UsageError, parseCommandLine, parsePositive, runCommand, withOptionalValues } from './common.ts';

const NAME = 'preview';

const USAGE = `
Usage: slidewright preview [options]   (npm run preview -- ...)

Serves the site that slidewright build wrote, as a static host would (no rebuilding, no live
updates), at http://localhost:4173/.

Options:
  --out DIR        the built site (default: the config's out, else dist)
  --host [ADDR]    listen on every address (or on ADDR), e.g. to open it on a phone
  --port N         the port (default 4173; the next free one when it is taken)
  -h, --help       this text
`;

const COMMAND = { name: NAME, usage: USAGE, options: { out: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' } } } as const;

async function main(): Promise<number> {
  const { values, positionals } = parseCommandLine(COMMAND, withOptionalValues(process.argv.slice(2), ['--host']));
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}": give the site's folder with --out ${positionals[0]}`);
  const { loadConfig } = await import('../project/config.ts');
  const { config } = await loadConfig(process.cwd());
  const outDir = path.resolve(values.out ?? config.out ?? 'dist');
  if (!existsSync(path.join(outDir, 'index.html'))) {
    throw new UsageError(`${path.relative(process.cwd(), outDir) || outDir}/ has no built site: run slidewright build first (or give --out DIR)`);
  }
  const port = parsePositive('--port', values.port, { integer: true, max: 65535 });
  const host = values.host === undefined ? 'localhost' : values.host === '' ? true : values.host;
  const { preview } = await import('vite');
  const server = await preview({ configFile: false, root: outDir, base: './', logLevel: 'info', build: { outDir }, preview: { host, port, open: false } });
  server.printUrls();
  await new Promise<void>((resolve) => server.httpServer.once('close', () => resolve()));
  return EXIT_OK;
}

await runCommand(NAME, main);
