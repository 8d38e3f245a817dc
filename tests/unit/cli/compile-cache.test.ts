import { execFileSync } from 'node:child_process';
import Module from 'node:module';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const LAUNCHER_CACHE = pathToFileURL(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/compile-cache.mjs')).href;

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs Node with the launcher's code cache on, requiring `module`, and prints what it exports. */
function run(cache: string, module: string): string {
  const script = `import { enableCompileCache } from ${JSON.stringify(LAUNCHER_CACHE)};
import { createRequire } from 'node:module';
enableCompileCache(${JSON.stringify(cache)});
const loaded = createRequire(import.meta.url)(${JSON.stringify(module)});
console.log(JSON.stringify({ value: loaded.value, resolved: loaded.resolved, dirname: loaded.dirname }));`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim();
}

/** A CommonJS file big enough for the cache (the launcher skips small ones). */
function bigModule(file: string, value: number): void {
  const filler = `// ${'x'.repeat(1000)}\n`.repeat(600);
  writeFileSync(
    file,
    `${filler}
const path = require('node:path');
exports.value = ${value} + require('./small.js').one;
exports.resolved = path.basename(require.resolve('./small.js'));
exports.dirname = path.basename(__dirname);
`,
  );
}

describe('the launcher\'s code cache (Node 20 has no built-in one)', () => {
  // Node 22+ uses its own cache, which this test does not look into.
  it.skipIf(typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === 'function')(
    'writes an entry for a big CommonJS file, reuses it unchanged, and replaces it when the file changes',
    () => {
      dir = mkdtempSync(path.join(tmpdir(), 'slidewright-v8-'));
      const cache = path.join(dir, 'cache');
      const module = path.join(dir, 'lib', 'big.js');
      mkdirSync(path.dirname(module), { recursive: true });
      writeFileSync(path.join(dir, 'lib', 'small.js'), 'exports.one = 1;\n');
      bigModule(module, 41);

      const expected = JSON.stringify({ value: 42, resolved: 'small.js', dirname: 'lib' });
      expect(run(cache, module)).toBe(expected);
      const entries = readdirSync(cache);
      expect(entries).toHaveLength(1); // the big file only
      const written = statSync(path.join(cache, entries[0]!)).mtimeMs;

      // Accepted by V8: the same answer, and the entry is not written again.
      expect(run(cache, module)).toBe(expected);
      expect(readdirSync(cache)).toEqual(entries);
      expect(statSync(path.join(cache, entries[0]!)).mtimeMs).toBe(written);

      // A changed file runs its new code, and its entry replaces the old one.
      bigModule(module, 99);
      expect(run(cache, module)).toBe(JSON.stringify({ value: 100, resolved: 'small.js', dirname: 'lib' }));
      const after = readdirSync(cache);
      expect(after).toHaveLength(1);
      expect(after).not.toEqual(entries);
    },
  );
});
