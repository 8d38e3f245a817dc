/** Path containment checks: nothing outside the project, or hidden, is read or served. */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** Whether `target` is `dir` or inside it, after resolving symlinks where the path exists. */
export function isInside(dir: string, target: string): boolean {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : path.resolve(p));
  const relative = path.relative(real(dir), real(target));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** `file` inside `dir` with no hidden file or folder on the way (`.env`, `.git/`). */
export function isVisibleInside(dir: string, file: string): boolean {
  return isInside(dir, file) && !path.relative(dir, file).split(path.sep).some((segment) => segment.startsWith('.'));
}
