/**
 * Compiled decks kept on disk between exports, so a second `pdf`, `snapshots` or `check` of an
 * unchanged deck skips the compile (repair, markdown, highlighting: 1.8 s for a 5 MB deck).
 *
 * An entry is used only when everything the compile read is as it was: the deck's bytes (a
 * SHA-256), the compile's options and the project's settings, slidewright's own code and the
 * installed packages it renders with (an `npm install` or update compiles again), and every
 * file the compile looked for (media found or missing: each with its real path, size and
 * modification time). One entry per deck file, replaced atomically; a cache that cannot be read
 * or written only costs a compile. `--no-cache` leaves it alone.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomicSync } from '../util/atomic-write.ts';
import type { FileExists } from './media.ts';
import type { Project } from './project.ts';

/** Bump when the entry's shape changes. */
const FORMAT = 1;

/** Where the entries go: the nearest `node_modules/.cache/slidewright/decks`, else `<root>/.slidewright-cache/decks`. */
export function compiledCacheDir(project: Project): string {
  for (let dir = project.root; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules'))) return path.join(dir, 'node_modules', '.cache', 'slidewright', 'decks');
    if (dir === path.dirname(dir)) return path.join(project.root, '.slidewright-cache', 'decks');
  }
}

/** A file as the compile saw it: gone, or its real path, size and modification time. */
function fileStamp(file: string): string {
  const stats = statSync(file, { throwIfNoEntry: false });
  if (!stats) return '-';
  let real = file;
  try {
    real = realpathSync(file);
  } catch {
    // a link that went away between the two calls: its stats still tell it apart
  }
  return `${real}:${stats.size}:${stats.mtimeMs}`;
}

/** The files a compile looked for, and what each was. */
export class FileLookups {
  readonly seen = new Map<string, string>();
  readonly exists: FileExists = (file) => {
    const stamp = fileStamp(file);
    this.seen.set(file, stamp);
    return stamp !== '-';
  };
}

/**
 * slidewright's own code: the running bundle (its path holds the sources' stamp, see
 * bin/slidewright.mjs) or, run from the TypeScript sources, their newest modification time.
 */
function ownCodeStamp(): string {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) return fileStamp(here);
  const src = path.resolve(path.dirname(here), '..');
  let newest = 0;
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return `${src}:${newest}`;
}

/**
 * The packages the compile uses (marked, highlight.js, KaTeX… are not bundled): npm rewrites
 * `node_modules/.package-lock.json` on every install or update; without it (another package
 * manager), the folder's own time, which changes as packages come and go.
 */
function packagesStamp(): string {
  const marked = fileURLToPath(import.meta.resolve('marked'));
  const at = marked.lastIndexOf(`${path.sep}node_modules${path.sep}`);
  if (at < 0) return '';
  const modules = marked.slice(0, at + '/node_modules'.length);
  const lock = path.join(modules, '.package-lock.json');
  return existsSync(lock) ? fileStamp(lock) : fileStamp(modules);
}

let code: string | undefined;

interface Entry<T> {
  format: number;
  key: string;
  files: Record<string, string>;
  deck: T;
}

export class CompiledDeckCache<T> {
  constructor(readonly dir: string) {}

  /** The key of one compile: its inputs other than the files it looks for. */
  key(file: string, bytes: Uint8Array, settings: unknown): string {
    code ??= `${ownCodeStamp()}|${packagesStamp()}`;
    return createHash('sha256').update(JSON.stringify([FORMAT, code, file, process.cwd(), settings])).update(bytes).digest('hex');
  }

  #entryFile(file: string): string {
    return path.join(this.dir, `${createHash('sha256').update(file).digest('hex').slice(0, 32)}.json`);
  }

  /** The deck compiled earlier with this key, if every file it looked for is unchanged. */
  read(file: string, key: string): T | undefined {
    let entry: Entry<T>;
    try {
      entry = JSON.parse(readFileSync(this.#entryFile(file), 'utf8')) as Entry<T>;
    } catch {
      return undefined;
    }
    if (entry.format !== FORMAT || entry.key !== key) return undefined;
    for (const [looked, stamp] of Object.entries(entry.files)) if (fileStamp(looked) !== stamp) return undefined;
    return entry.deck;
  }

  write(file: string, key: string, lookups: FileLookups, deck: T): void {
    const entry: Entry<T> = { format: FORMAT, key, files: Object.fromEntries(lookups.seen), deck };
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileAtomicSync(this.#entryFile(file), JSON.stringify(entry));
    } catch {
      // read-only or full: the next export compiles again
    }
  }
}
