/**
 * Deck-wide evidence for the dropped-byte layer: which words and characters the deck contains
 * intact. "Joaquín" written correctly on another slide is strong evidence for reading a damaged
 * "JoaquÃn" as "Joaquín" rather than "JoaquÁn".
 *
 * Only whether a word or character occurs matters (elsewhere in the deck, or on the line), never
 * how often: so the deck keeps, for each, the one line it is on (or that it is on several), and a
 * line keeps sets. (Counting per line, to subtract a line from the deck's counts, was a third of
 * the evidence's cost.)
 */
import { isWordCodePoint, wordCharBefore } from './char-classes.ts';

/** What `scanText` reports. */
interface TextSink {
  char(ch: string): void;
  word(word: string): void;
}

/**
 * Reads the words and characters of `text` that can matter: a restored byte always makes a
 * non-ASCII character, so only non-ASCII characters, and words with one, are reported (each
 * time they occur).
 */
function scanText(text: string, sink: TextSink): void {
  // Visit only the non-ASCII characters (most of a line is ASCII), and the word around each: the
  // maximal run of word characters (letters, marks, digits), reported once.
  let wordEnd = -1; // the end of the last word reported
  const length = text.length;
  // (test() finds the next one without making a match object: it ends just after it.)
  NON_ASCII_G.lastIndex = 0;
  while (NON_ASCII_G.test(text)) {
    const at = NON_ASCII_G.lastIndex - 1;
    const code = text.charCodeAt(at);
    if (code >= 0xdc00 && code <= 0xdfff) continue; // second half of a character already seen
    const cp = text.codePointAt(at)!;
    sink.char(String.fromCodePoint(cp));
    if (at < wordEnd || !isWordCodePoint(cp)) continue;
    let start = at;
    for (let size = wordCharBefore(text, start); size > 0; size = wordCharBefore(text, start)) start -= size;
    let end = at;
    while (end < length) {
      const next = text.codePointAt(end)!;
      if (!isWordCodePoint(next)) break;
      end += next > 0xffff ? 2 : 1;
    }
    sink.word(text.slice(start, end));
    wordEnd = end;
  }
}

const NON_ASCII_G = /[^\x00-\x7f]/g;

/** The words (as written, and in lower case) and characters found in a text (see `scanText`). */
export class Found implements TextSink {
  readonly words = new Set<string>();
  readonly foldedWords = new Set<string>();
  readonly chars = new Set<string>();

  constructor(text: string) {
    scanText(text, this);
  }

  char(ch: string): void {
    this.chars.add(ch);
  }

  word(word: string): void {
    this.words.add(word);
    this.foldedWords.add(word.toLowerCase());
  }
}

/** Marks a word or character found on more than one line. */
const SEVERAL_LINES = -2;

/** Where each word and character is: on one line (its index), or on several. */
class LineIndex implements TextSink {
  readonly words = new Map<string, number>();
  readonly foldedWords = new Map<string, number>();
  readonly chars = new Map<string, number>();
  /** The line being read. */
  line = -1;

  char(ch: string): void {
    note(this.chars, ch, this.line);
  }

  word(word: string): void {
    note(this.words, word, this.line);
    note(this.foldedWords, word.toLowerCase(), this.line);
  }
}

function note(map: Map<string, number>, key: string, line: number): void {
  const seen = map.get(key);
  if (seen === undefined) map.set(key, line);
  else if (seen !== line && seen !== SEVERAL_LINES) map.set(key, SEVERAL_LINES);
}

/** Words and characters on every line of the deck but one, found once and lazily. */
export class DeckEvidence {
  private index: LineIndex | null = null;

  /**
   * `lineText(i)` gives line i as repaired by ftfy alone (the best text we have before this
   * layer); `nonAsciiLines` lists the lines that have anything to find.
   */
  constructor(
    private readonly nonAsciiLines: readonly number[],
    private readonly lineText: (index: number) => string,
  ) {}

  private all(): LineIndex {
    if (!this.index) {
      const index = new LineIndex();
      for (const i of this.nonAsciiLines) {
        index.line = i;
        scanText(this.lineText(i), index);
      }
      this.index = index;
    }
    return this.index;
  }

  /** Whether `word` (which has a non-ASCII character) occurs on a line other than `exceptLine`. */
  hasWord(word: string, exceptLine: number, folded: boolean): boolean {
    const line = folded ? this.all().foldedWords.get(word.toLowerCase()) : this.all().words.get(word);
    return line !== undefined && line !== exceptLine;
  }

  /** Whether the non-ASCII character `ch` occurs on a line other than `exceptLine`. */
  hasChar(ch: string, exceptLine: number): boolean {
    const line = this.all().chars.get(ch);
    return line !== undefined && line !== exceptLine;
  }
}
