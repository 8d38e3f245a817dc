/**
 * `npm pack` / `npm publish` step: what the package runs without building anything.
 * - lib/cli/<command>/: every command bundled (the launcher uses these when installed);
 * - lib/vite.mjs + lib/types/: the Vite plugin (`slidewright/vite`) and its declarations.
 * The TypeScript sources stay in the package: Vite serves the browser runtime (src/client/)
 * from them, and the bundles find it relative to themselves.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, SRC, bundleEntry, commandEntries } from '../bin/bundle.mjs';

const LIB = path.join(ROOT, 'lib');
rmSync(LIB, { recursive: true, force: true });
const commands = readdirSync(path.join(SRC, 'cli'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .filter((name) => /^(dev|build|preview|pdf|snapshots|check|fix-encoding|init)$/.test(name));
for (const command of commands) {
  await bundleEntry(commandEntries(command), path.join(LIB, 'cli', command), { sourcemap: false });
}
await bundleEntry({ vite: path.join(SRC, 'vite', 'index.ts') }, LIB, { sourcemap: false });

execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
// Declarations import each other as `./x.ts` (the sources' style): `./x.js` is what resolves
// to `x.d.ts` in every consumer's module resolution.
for (const entry of readdirSync(path.join(LIB, 'types'), { recursive: true, withFileTypes: true })) {
  if (!entry.name.endsWith('.d.ts')) continue;
  const file = path.join(entry.parentPath, entry.name);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/((?:from|import)\s*\(?\s*['"]\.{1,2}\/[^'"]*)\.ts(['"])/g, '$1.js$2'));
}
console.log(`prepack: ${commands.length} commands and the Vite plugin in lib/`);
