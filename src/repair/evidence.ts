/**
 * Deck-wide evidence for the dropped-byte layer: which words and characters the deck contains
 * intact. "Joaquín" written correctly on another slide is strong evidence for reading a damaged
 * "JoaquÃn" as "Joaquín" rather than "JoaquÁn".
 */

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

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
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    if (!NON_ASCII.test(word)) continue;
    bump(into.words, word);
    bump(into.foldedWords, word.toLowerCase());
  }
  for (const ch of text) if (ch.charCodeAt(0) >= 0x80) bump(into.chars, ch);
  return into;
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
