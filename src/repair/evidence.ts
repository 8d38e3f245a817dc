/**
 * Deck-wide evidence for the dropped-byte layer: which words and characters the deck contains
 * intact. "Joaquín" written correctly on another slide is strong evidence for reading a damaged
 * "JoaquÃn" as "Joaquín" rather than "JoaquÁn".
 */
import { isWordChar } from './char-classes.ts';

export interface Tally {
  words: Map<string, number>;
  foldedWords: Map<string, number>;
  chars: Map<string, number>;
}

export function emptyTally(): Tally {
  return { words: new Map(), foldedWords: new Map(), chars: new Map() };
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Counts the words and characters of `text` that can matter: a restored byte always makes a
 * non-ASCII character, so only words with one (and non-ASCII characters) are counted.
 */
export function tallyText(text: string, into: Tally = emptyTally()): Tally {
  if (!NON_ASCII.test(text)) return into;
  // Visit only the non-ASCII characters (most of a line is ASCII), and the word around each.
  let wordEnd = -1; // the end of the last word counted
  NON_ASCII_G.lastIndex = 0;
  for (let m = NON_ASCII_G.exec(text); m; m = NON_ASCII_G.exec(text)) {
    const at = m.index;
    const code = text.charCodeAt(at);
    if (code >= 0xdc00 && code <= 0xdfff) continue; // second half of a character already seen
    const ch = String.fromCodePoint(text.codePointAt(at)!);
    bump(into.chars, ch);
    if (at < wordEnd || !isWordChar(ch)) continue;
    let start = at;
    while (start > 0) {
      const prev = charBefore(text, start);
      if (!isWordChar(prev)) break;
      start -= prev.length;
    }
    let end = at;
    while (end < text.length) {
      const next = String.fromCodePoint(text.codePointAt(end)!);
      if (!isWordChar(next)) break;
      end += next.length;
    }
    const word = text.slice(start, end);
    bump(into.words, word);
    bump(into.foldedWords, word.toLowerCase());
    wordEnd = end;
  }
  return into;
}

const NON_ASCII_G = /[^\x00-\x7f]/g;

function charBefore(text: string, i: number): string {
  const low = text.charCodeAt(i - 1);
  return low >= 0xdc00 && low <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : text.slice(i - 1, i);
}

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Counts over every line of the deck but one, built once and lazily. */
export class DeckEvidence {
  private tally: Tally | null = null;
  private readonly perLine = new Map<number, Tally>();

  /**
   * `lineText(i)` gives line i as repaired by ftfy alone (the best text we have before this
   * layer); `nonAsciiLines` lists the lines that have anything to count.
   */
  constructor(
    private readonly nonAsciiLines: readonly number[],
    private readonly lineText: (index: number) => string,
  ) {}

  private all(): Tally {
    if (!this.tally) {
      const t = emptyTally();
      for (const i of this.nonAsciiLines) tallyText(this.lineText(i), t);
      this.tally = t;
    }
    return this.tally;
  }

  private line(index: number): Tally {
    let t = this.perLine.get(index);
    if (!t) {
      t = tallyText(this.lineText(index));
      this.perLine.set(index, t);
    }
    return t;
  }

  /** How often `word` (which has a non-ASCII character) occurs on lines other than `exceptLine`. */
  wordCount(word: string, exceptLine: number, folded: boolean): number {
    const key = folded ? word.toLowerCase() : word;
    const pick = (t: Tally) => (folded ? t.foldedWords : t.words).get(key) ?? 0;
    return pick(this.all()) - pick(this.line(exceptLine));
  }

  /** How often the non-ASCII character `ch` occurs on lines other than `exceptLine`. */
  charCount(ch: string, exceptLine: number): number {
    return (this.all().chars.get(ch) ?? 0) - (this.line(exceptLine).chars.get(ch) ?? 0);
  }
}
