/**
 * V8's code cache for the big CommonJS files a command loads (Playwright's two bundles, 7 MB of
 * JavaScript): compiling them is half of Playwright's import (about 140 of 280 ms), which every
 * export pays before it can start Chromium.
 *
 * Node 22.1+ has this built in (`module.enableCompileCache`), and it is used when present. Node
 * 20 has no such switch, so the launcher compiles those files itself with `vm.Script` and V8's
 * cached data. The cache is written after the command ran, so it holds the functions that were
 * compiled lazily too: measured on this project's machine, Playwright's import drops from
 * 245-285 ms to 145-170 ms. The `v8-compile-cache` package was measured and not used: it saves
 * the cache before the code runs, which holds only the eagerly compiled top level (no gain,
 * 240-410 ms).
 *
 * A cache entry is keyed by the file's path, size and modification time and by Node's version and flags;
 * V8 also checks the source itself and rejects a stale entry, which is then rewritten. Any
 * failure (a read-only install, a full disk) only costs the next run a compile.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const hash = (text) => createHash('sha256').update(text).digest('hex');

/** Smaller files compile in a few milliseconds: not worth an entry each. */
const MIN_SIZE = 512 * 1024;

/** Compiles big CommonJS files through the code cache in `dir`, from now on, in this process. */
export function enableCompileCache(dir) {
  if (typeof Module.enableCompileCache === 'function') {
    Module.enableCompileCache(dir);
    return;
  }
  const toWrite = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileCached(content, filename) {
    if (content.length < MIN_SIZE) return compile.call(this, content, filename);
    let stats;
    try {
      stats = statSync(filename);
    } catch {
      return compile.call(this, content, filename);
    }
    // Node's flags are in the key: V8 rejects a cache made under other flags (a profiling run).
    const file = hash(filename).slice(0, 12);
    const version = hash(`${process.version}\0${process.execArgv.join(' ')}\0${stats.size}\0${stats.mtimeMs}`).slice(0, 20);
    const entry = path.join(dir, `${file}-${version}.v8`);
    let cachedData;
    try {
      cachedData = readFileSync(entry);
    } catch {
      // No entry yet.
    }
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    if (!cachedData || script.cachedDataRejected) toWrite.push({ script, entry, file });
    const module = this;
    const require = (id) => module.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
    require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
    require.main = process.mainModule;
    require.extensions = Module._extensions;
    require.cache = Module._cache;
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(module.exports, module.exports, require, module, filename, path.dirname(filename));
  };
  // Written when the command is done, so that the entry holds every function it compiled.
  process.once('exit', () => {
    for (const { script, entry, file } of toWrite) {
      try {
        mkdirSync(dir, { recursive: true });
        const temp = `${entry}.${process.pid}.tmp`;
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, entry);
        // The same file's entries for other versions of it (an updated Playwright) go.
        for (const old of readdirSync(dir)) {
          if (old.startsWith(`${file}-`) && old.endsWith('.v8') && path.join(dir, old) !== entry) rmSync(path.join(dir, old), { force: true });
        }
      } catch {
        // See above: the next run compiles again.
      }
    }
  });
}
