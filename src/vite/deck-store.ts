/**
 * Reads and compiles decks on demand, caching each by its file's modification time and size,
 * so the dev server and the build share one code path and unchanged decks cost nothing.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../format/diagnostics.ts';
import { compileDeck, type CompiledDeck } from '../pipeline.ts';
import { decodeUtf8 } from '../util/utf8.ts';
import { createMediaResolver } from './media.ts';
import { listDecks, type DeckEntry, type Project } from './project.ts';

export interface LoadedDeck extends CompiledDeck {
  name: string;
  file: string;
  /** The deck's title for pages and the index: its first heading, else its name. */
  title: string;
}

export class DeckStore {
  readonly #cache = new Map<string, { stamp: string; deck: LoadedDeck }>();

  constructor(readonly project: Project) {}

  list(): DeckEntry[] {
    return listDecks(this.project);
  }

  find(name: string): DeckEntry | undefined {
    return this.list().find((d) => d.name === name);
  }

  load(entry: DeckEntry): LoadedDeck {
    const stats = statSync(entry.file);
    const stamp = `${stats.mtimeMs}:${stats.size}`;
    const cached = this.#cache.get(entry.file);
    if (cached && cached.stamp === stamp) return cached.deck;
    const deck = this.#compile(entry);
    this.#cache.set(entry.file, { stamp, deck });
    return deck;
  }

  invalidate(file: string): void {
    this.#cache.delete(file);
  }

  #compile(entry: DeckEntry): LoadedDeck {
    const decoded = decodeUtf8(readFileSync(entry.file));
    const extra: Diagnostic[] = [];
    if (decoded.invalid) {
      extra.push({
        severity: 'error',
        code: 'invalid-utf8',
        message: `byte ${decoded.invalid.offset} is not valid UTF-8; shown as �`,
        line: decoded.invalid.line,
        column: decoded.invalid.column,
        hint: 're-save the file as UTF-8 in your editor',
      });
    }
    const compiled = compileDeck(decoded.text, {
      file: path.relative(process.cwd(), entry.file) || entry.file,
      resolveUrl: createMediaResolver(this.project, entry.file, (d) => extra.push(d)),
    });
    const diagnostics = [...compiled.diagnostics, ...extra].sort((a, b) => a.line - b.line || a.column - b.column);
    return { ...compiled, diagnostics, name: entry.name, file: entry.file, title: compiled.deck.title ?? entry.name };
  }
}
