/**
 * Browser code for the exporters, compiled from `src/client/` with esbuild in memory, once per
 * process: the deck runtime as an ES module (reveal.js left as bare imports, which the page's
 * import map points at reveal.js's own ES build) and the deck doctor as a classic script for
 * Playwright's `addInitScript`. esbuild takes a few milliseconds here, where loading Vite and
 * letting it bundle took most of a second of every export.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLIENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../client');

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
    code = compile(request);
    // A failed compile is not cached: the next call tries again.
    code.catch(() => bundles.delete(key));
    bundles.set(key, code);
  }
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

/** `src/client/main.ts` (`startDeck`) as an ES module importing reveal.js by bare specifier. */
export function deckRuntimeModule(): Promise<string> {
  return bundle({ entry: path.join(CLIENT_DIR, 'main.ts'), format: 'esm', external: REVEAL_MODULES });
}

/** `src/client/doctor.ts` as a classic script defining `globalName`. */
export function doctorScript(globalName: string): Promise<string> {
  return bundle({ entry: path.join(CLIENT_DIR, 'doctor.ts'), format: 'iife', globalName });
}
