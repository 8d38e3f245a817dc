import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DeckStore, type LoadedDeck } from '../../../src/project/deck-store.ts';
import { compiledCacheDir } from '../../../src/project/compiled-cache.ts';
import { resolveProject } from '../../../src/project/project.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'slidewright-compiled-cache-'));
const cache = path.join(dir, 'cache');
mkdirSync(path.join(dir, 'slides'));
mkdirSync(path.join(dir, 'media'));
const deckFile = path.join(dir, 'slides', 'talk.md');
const project = resolveProject(dir);
const entry = { name: 'talk', file: deckFile };
const svg = (w: number) => `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20"></svg>`;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const load = (options: ConstructorParameters<typeof DeckStore>[1] = {}): LoadedDeck => new DeckStore(project, { diskCache: cache, ...options }).load(entry);
const fresh = (options: ConstructorParameters<typeof DeckStore>[1] = {}): LoadedDeck => new DeckStore(project, options).load(entry);

/** The one entry on disk, changed so that a load that returns it shows it came from the cache. */
function markEntry(): void {
  const [name] = readdirSync(cache);
  const file = path.join(cache, name!);
  const entry = JSON.parse(readFileSync(file, 'utf8')) as { deck: LoadedDeck };
  entry.deck.title = 'from the cache';
  writeFileSync(file, JSON.stringify(entry));
}

function touch(file: string, content: string): void {
  writeFileSync(file, content);
  // A later time than any earlier write, whatever the filesystem's resolution.
  const later = new Date(Date.now() + 5000);
  utimesSync(file, later, later);
}

beforeEach(() => {
  rmSync(cache, { recursive: true, force: true });
  rmSync(path.join(dir, 'media', 'missing.svg'), { force: true });
  writeFileSync(path.join(dir, 'media', 'wide.svg'), svg(40));
  touch(deckFile, '# Talk\n\n![a](media/wide.svg)\n\n---\n\n![b](media/missing.svg)\n\n```js\nlet x = 1;\n```\n\nNote: said aloud\n');
});

describe('the compiled-deck cache', () => {
  it('gives back the deck exactly as a compile does, and reads it instead of compiling', () => {
    const compiled = load();
    expect(compiled).toEqual(fresh());
    expect(load()).toEqual(compiled);
    markEntry();
    expect(load().title).toBe('from the cache');
  });

  it('compiles again when the deck changes', () => {
    load();
    markEntry();
    touch(deckFile, '# Changed\n');
    expect(load().title).toBe('Changed');
  });

  it('compiles again when a missing media file appears (its warning goes) or a found one changes', () => {
    expect(load().diagnostics.map((d) => d.code)).toContain('missing-media');
    markEntry();
    writeFileSync(path.join(dir, 'media', 'missing.svg'), svg(10));
    const withFile = load();
    expect(withFile.title).toBe('Talk');
    expect(withFile.diagnostics.map((d) => d.code)).not.toContain('missing-media');

    markEntry();
    touch(path.join(dir, 'media', 'wide.svg'), svg(400));
    const resized = load();
    expect(resized.title).toBe('Talk');
    expect(resized.rendered.slidesHtml).toContain('width="400"');
  });

  it('keeps compiles with other options apart (no notes is not the deck with notes)', () => {
    load();
    markEntry();
    const withoutNotes = load({ notes: false });
    expect(withoutNotes.title).toBe('Talk');
    expect(withoutNotes).toEqual(fresh({ notes: false }));
  });

  it('compiles when the entry is damaged, and when the cache cannot be written', () => {
    load();
    const [name] = readdirSync(cache);
    writeFileSync(path.join(cache, name!), '{"format": 1, "key": ');
    expect(load()).toEqual(fresh());

    // A file where the folder should be: no entry can be written (even as root).
    rmSync(cache, { recursive: true, force: true });
    writeFileSync(cache, '');
    expect(load()).toEqual(fresh());
    expect(readFileSync(cache, 'utf8')).toBe('');
    rmSync(cache);
  });

  it('lives in the nearest node_modules/.cache, else in the project', () => {
    expect(compiledCacheDir(project)).toBe(path.join(dir, '.slidewright-cache', 'decks'));
    mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
    try {
      expect(compiledCacheDir(project)).toBe(path.join(dir, 'node_modules', '.cache', 'slidewright', 'decks'));
    } finally {
      rmSync(path.join(dir, 'node_modules'), { recursive: true });
    }
  });
});
