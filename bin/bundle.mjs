/**
 * Bundles a command (`src/cli/<command>.ts` and its workers) into plain ES modules with esbuild,
 * packages left external. Used by the launcher (bundles into a cache, from the sources, when
 * slidewright runs from its repository) and by `npm pack` (prebuilt into `lib/cli/`).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SRC = path.join(ROOT, 'src');

/** Worker threads a command starts, bundled next to it (`<name>.mjs`). */
export const WORKERS = {
  pdf: { 'deck-worker': 'export/pdf/deck-worker.ts' },
};

/**
 * Keeps `import.meta.url` pointing at each source file, which modules use to find their
 * siblings (the browser runtime in src/client/): written relative to the bundle, so that a
 * bundle still finds them after the package is installed elsewhere.
 */
function keepImportMetaUrl(outdir) {
  return {
    name: 'keep-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const relative = path.relative(outdir, args.path).split(path.sep).join('/');
        const url = `new URL(${JSON.stringify(relative)}, import.meta.url).href`;
        return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
}

/** Writes `<outdir>/main.mjs` (and the command's workers and shared chunks) for `entry`. */
export async function bundleEntry(entries, outdir, { sourcemap = 'inline', finalDir = outdir } = {}) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: entries,
    bundle: true,
    splitting: true,
    outdir,
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap,
    logLevel: 'error',
    // Paths are computed for where the bundle ends up (a temporary folder is renamed there).
    plugins: [keepImportMetaUrl(finalDir)],
  });
}

/** The entry points of a command's bundle. */
export function commandEntries(command) {
  return {
    main: path.join(SRC, 'cli', `${command}.ts`),
    ...Object.fromEntries(Object.entries(WORKERS[command] ?? {}).map(([name, file]) => [name, path.join(SRC, file)])),
  };
}

export { pathToFileURL };
