/**
 * GitHub-style heading ids, unique across a deck's slides (which share one page): the ids
 * marked-gfm-heading-id gives with `globalSlugs`, from the same slugger (github-slugger's
 * `slug`). Kept here rather than through that extension because its slug state is a module
 * global: the dev server re-renders only the slides an edit changed (`slide-cache.ts`) and must
 * replay the ids of the slides it did not render, which needs the state in hand. A unit test
 * checks the ids against marked-gfm-heading-id's on real decks.
 */
import { slug } from 'github-slugger';
import type { MarkedExtension, Tokens } from 'marked';

/** The headings one render gave: their texts as slugged, and the ids they got. */
export interface HeadingRun {
  texts: string[];
  ids: string[];
}

/** HTML entities back to text, as marked-gfm-heading-id reads a heading before slugging it. */
function unescapeEntities(html: string): string {
  return html.replace(/&(#(?:\d+)|(?:#x[0-9A-Fa-f]+)|(?:\w+));?/gi, (_whole, entity: string) => {
    const name = entity.toLowerCase();
    if (name === 'colon') return ':';
    if (name.startsWith('#')) return String.fromCharCode(name[1] === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return '';
  });
}

export class HeadingIds {
  /** github-slugger's occurrence counts: slug → how many times a suffix was needed. */
  #occurrences = new Map<string, number>();
  #run: HeadingRun = { texts: [], ids: [] };

  reset(): void {
    this.#occurrences.clear();
    this.#run = { texts: [], ids: [] };
  }

  /** The headings rendered since the last call. */
  takeRun(): HeadingRun {
    const run = this.#run;
    this.#run = { texts: [], ids: [] };
    return run;
  }

  /**
   * Gives these heading texts their ids as a render would now, if those are `run.ids` (then a
   * cached render of the slide is still right); otherwise changes nothing and says false.
   */
  replay(run: HeadingRun): boolean {
    const { ids, commit } = this.#assign(run.texts);
    if (ids.some((id, i) => id !== run.ids[i])) return false;
    commit();
    return true;
  }

  /** github-slugger's `BananaSlug.slug`, on counts that are written only on `commit`. */
  #assign(texts: string[]): { ids: string[]; commit: () => void } {
    const written = new Map<string, number>();
    const has = (key: string) => written.has(key) || this.#occurrences.has(key);
    const count = (key: string) => written.get(key) ?? this.#occurrences.get(key) ?? 0;
    const ids = texts.map((text) => {
      const original = slug(text);
      let result = original;
      while (has(result)) {
        written.set(original, count(original) + 1);
        result = `${original}-${count(original)}`;
      }
      written.set(result, 0);
      return result;
    });
    return { ids, commit: () => written.forEach((value, key) => this.#occurrences.set(key, value)) };
  }

  extension(): MarkedExtension {
    const self = this;
    return {
      renderer: {
        heading(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, { tokens, depth }: Tokens.Heading) {
          const text = this.parser.parseInline(tokens);
          const plain = unescapeEntities(text)
            .trim()
            .replace(/<[!/a-z].*?>/gi, '')
            .toLowerCase();
          const { ids, commit } = self.#assign([plain]);
          commit();
          self.#run.texts.push(plain);
          self.#run.ids.push(ids[0]!);
          return `<h${depth} id="${ids[0]}">${text}</h${depth}>\n`;
        },
      },
    };
  }
}
