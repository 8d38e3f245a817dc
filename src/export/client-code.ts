/**
 * Browser code for the exporters, compiled from `src/client/` with esbuild in memory, once per
 * process: the deck runtime as an ES module (reveal.js left as bare imports, which the page's
 * import map points at reveal.js's own ES build) and the deck doctor as a classic script for
 * Playwright's `addInitScript`. esbuild takes a few milliseconds here, where loading Vite and
 * letting it bundle took most of a second of every export; the result is also kept in
 * `node_modules/.cache/slidewright/client/`, keyed by the sources' times and sizes, so that an
 * export does not even start esbuild while the browser starts.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../util/atomic-write.ts';

export const CLIENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../client');
const CACHE_DIR = path.resolve(CLIENT_DIR, '../../node_modules/.cache/slidewright/client');

/** The module specifiers the deck runtime imports from reveal.js (resolved by the page's import map). */
export const REVEAL_MODULES = ['reveal.js', 'reveal.js/plugin/notes'] as const;

interface BundleRequest {
  entry: string;
  format: 'esm' | 'iife';
  globalName?: string;
  external?: readonly string[];
}

const bundles = new Map<string, Promise<string>>();

function bundle(request: BundleRequest): Promise<string> {
  const key = JSON.stringify(request);
  let code = bundles.get(key);
  if (!code) {
    code = cachedCompile(request);
    // A failed compile is not cached: the next call tries again.
    code.catch(() => bundles.delete(key));
    bundles.set(key, code);
  }
  return code;
}

/** The client sources' names, times and sizes: any edit changes it. */
function sourcesStamp(): string {
  return readdirSync(CLIENT_DIR, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
    .map((file) => {
      const stats = statSync(file);
      return `${path.relative(CLIENT_DIR, file)}:${stats.mtimeMs}:${stats.size}`;
    })
    .join('|');
}

async function cachedCompile(request: BundleRequest): Promise<string> {
  const key = createHash('sha256').update(JSON.stringify(request)).update(sourcesStamp()).digest('hex').slice(0, 24);
  const file = path.join(CACHE_DIR, `${key}.js`);
  const cached = await readFile(file, 'utf8').catch(() => null);
  if (cached !== null) return cached;
  const code = await compile(request);
  // A cache that cannot be written (a read-only install) only costs the next run a compile.
  await mkdir(CACHE_DIR, { recursive: true })
    .then(() => writeFileAtomic(file, code))
    .catch(() => undefined);
  return code;
}

async function compile(request: BundleRequest): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [request.entry],
    bundle: true,
    write: false,
    format: request.format,
    globalName: request.globalName,
    external: request.external ? [...request.external] : undefined,
    platform: 'browser',
    target: 'es2022',
    charset: 'utf8',
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`compiling ${path.relative(process.cwd(), request.entry)} for the browser produced no code`);
  return file.text;
}

/** `src/client/deck/main.ts` (`startDeck`) as an ES module importing reveal.js by bare specifier. */
export function deckRuntimeModule(): Promise<string> {
  return bundle({ entry: path.join(CLIENT_DIR, 'deck', 'main.ts'), format: 'esm', external: REVEAL_MODULES });
}

/** `src/client/doctor/doctor.ts` as a classic script defining `globalName`. */
export function doctorScript(globalName: string): Promise<string> {
  return bundle({ entry: path.join(CLIENT_DIR, 'doctor', 'doctor.ts'), format: 'iife', globalName });
}
