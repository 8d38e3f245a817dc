/**
 * Dropped bytes: slidewright's layer on top of ftfy.
 *
 * When UTF-8 goes through Windows-1252, the bytes 0x81 0x8D 0x8F 0x90 0x9D (undefined there)
 * are often dropped, the soft hyphen 0xAD is often stripped (it is invisible), and the no-break
 * space 0xA0 often becomes a plain space. What is left is a UTF-8 sequence with a hole:
 * "JoaquÃn" (í = C3 AD), "â€ " (” = E2 80 9D), "ðŸ‘ " (👍 = F0 9F 91 8D). ftfy leaves the
 * first broken and, where a space follows, guesses 0xA0 (giving "†" and "👠").
 *
 * Here we find each such "spot", try every lost byte that makes valid UTF-8, and score each
 * candidate by the surrounding text: script and case of the neighbouring letters, quote
 * pairing, words and characters the deck contains intact elsewhere, and a small prior of common
 * characters. A candidate is restored only when it clearly beats both the others and leaving the
 * text as it is; where ftfy would guess 0xA0 and another candidate clearly does better, the spot
 * is protected from that guess. Undecided spots are left as they are and reported.
 */
import {
  CP1252_CHAR,
  DROPPABLE_BYTES,
  NBSP_BYTE,
  cp1252ByteAt,
  decodeMixed,
  decodeUtf8Sequence,
  isContinuationByte,
  utf8ContinuationCount,
} from './cp1252.ts';
import {
  BOX_CLOSERS,
  CLOSING_QUOTES,
  COMMON_EMOJI,
  COMMON_NON_LETTERS,
  NBSP,
  OPENING_QUOTES,
  VS16,
  ZWJ,
  isFormat,
  isImpossible,
  isLetter,
  isLower,
  isMark,
  isNumber,
  isPictographic,
  isPunctuation,
  isRecommendedEmojiRun,
  isRareBlock,
  isSpaceSeparator,
  isSymbol,
  isUpper,
  isWhitespace,
  isWordCodePoint,
  scriptOf,
  scriptsCompatible,
  wordCharBefore,
} from './char-classes.ts';
import { ALTERED_UTF8_RE } from 'ftfy-js/chardata';
import { UNKNOWN_LETTER, commonWordRanks, languageLacksLetter, languagesDisagree, wordScores, writingScores, type LineContext, type Option, type WordOption } from './writing.ts';
import type { DeckEvidence } from './evidence.ts';
import { Found } from './evidence.ts';

/** A UTF-8 sequence, seen through Windows-1252, that lacks one or two continuation bytes. */
export interface Spot {
  /** Offset of the lead character. */
  start: number;
  /** Offset just after the continuation characters that are present. */
  end: number;
  /** The bytes present: lead first. */
  bytes: number[];
  missing: number;
  /** An ASCII space follows (it may be a no-break space 0xA0 that was turned into a space). */
  spaceAfter: boolean;
}

export interface Candidate {
  /** What the author wrote, if this candidate is right. */
  char: string;
  /** The complete UTF-8 sequence. */
  sequence: number[];
  /** The bytes put back. */
  restored: number[];
  /** The candidate ftfy itself would pick: the lost byte is 0xA0 next to a space. */
  ftfyGuess: boolean;
  /** The space after the spot is the 0xA0 byte itself, so restoring consumes it. */
  consumesSpace: boolean;
}

/** Characters that can start a UTF-8 sequence seen through Windows-1252 (bytes 0xC2–0xF4). */
export const LEAD_CHAR = /[\u00c2-\u00f4]/;
const LEAD_CHARS = /[\u00c2-\u00f4]/g;

/** Finds the spots in `text` (which may already be partly repaired: other characters pass). */
export function findSpots(text: string): Spot[] {
  const spots: Spot[] = [];
  scanSpots(text, (spot) => {
    spots.push(spot);
    return false;
  });
  return spots;
}

/**
 * Calls `visit` with each spot of `text` in order, until it returns true. (Most callers only ask
 * whether there is a spot of some kind: they stop at the first, and nothing is collected.)
 */
function scanSpots(text: string, visit: (spot: Spot) => boolean): void {
  let i = 0;
  while (i < text.length) {
    // Windows-1252 maps bytes 0xC2–0xF4 to U+00C2–U+00F4, so lead bytes are these characters:
    // on to the next one (test() leaves lastIndex just after it).
    LEAD_CHARS.lastIndex = i;
    if (!LEAD_CHARS.test(text)) return;
    i = LEAD_CHARS.lastIndex - 1;
    const code = text.charCodeAt(i);
    const need = utf8ContinuationCount(code);
    // The continuation bytes present (up to `need`) are text[i + 1 .. j).
    let j = i + 1;
    while (j - i <= need && j < text.length) {
      const b = cp1252ByteAt(text, j);
      if (b < 0 || !isContinuationByte(b)) break;
      j++;
    }
    const missing = need + 1 - (j - i);
    const next = text[j];
    const spaceInside = next === ' ' && missing >= 2 && isContinuationByte(cp1252ByteAt(text, j + 1));
    // A space inside a sequence is ftfy's restore_byte_a0 case, and "?" or U+001A where a byte
    // belongs is a byte replaced, not lost (ftfy's replace_lossy_sequences); more than two lost
    // bytes is guessing.
    const replaced = next === '?' || next === '\u001a';
    if (missing > 0 && missing <= 2 && !spaceInside && !replaced) {
      const bytes = [code];
      for (let k = i + 1; k < j; k++) bytes.push(cp1252ByteAt(text, k));
      if (visit({ start: i, end: j, bytes, missing, spaceAfter: next === ' ' })) return;
    }
    i = j;
  }
}

/** True when `text` has a spot in `scope` (see `spotsInScope`). */
export function hasSpotsInScope(text: string, scope: SpotScope, line?: () => string): boolean {
  // The same text is often asked about twice in a row (a piece ftfy left as it was).
  if (text === lastAsked.text && scope === lastAsked.scope) return lastAsked.found;
  let found = false;
  scanSpots(text, (spot) => (found = scope === 'cut' || (scope === 'all' ? looksBroken(text, spot) || foreignCapital(text, spot, line) : ftfyRestoresNbsp(spot))));
  lastAsked.text = text;
  lastAsked.scope = scope;
  lastAsked.found = found;
  return found;
}

const lastAsked: { text: string; scope: SpotScope | null; found: boolean } = { text: '', scope: null, found: false };

/** True when ftfy's restore_byte_a0 would read the space after this spot as a lost 0xA0. */
function ftfyRestoresNbsp(spot: Spot): boolean {
  if (!spot.spaceAfter || spot.missing !== 1) return false;
  ALTERED_UTF8_RE.lastIndex = 0;
  const hit = ALTERED_UTF8_RE.test(String.fromCharCode(...spot.bytes, 0x20));
  ALTERED_UTF8_RE.lastIndex = 0;
  return hit;
}

// ftfy reads "Ã " as the word "à" followed by a space, except before these (Portuguese "àquele",
// "às"), where the space itself is the lost byte.
const A_GRAVE_SPACE_IS_BYTE = /^ (?: |quele|quela|quilo|s )/;

// Candidates depend only on the bytes present and on the space after: worked out once each.
const candidateCache = new Map<string, Candidate[]>();

export function candidatesFor(spot: Spot, text: string): Candidate[] {
  const consumes = spot.bytes[0] !== 0xc3 || A_GRAVE_SPACE_IS_BYTE.test(text.slice(spot.end, spot.end + 8));
  const key = `${spot.bytes.join(',')}/${spot.missing}/${spot.spaceAfter ? (consumes ? 'c' : 'k') : '-'}`;
  let cached = candidateCache.get(key);
  if (!cached) {
    cached = computeCandidates(spot, consumes);
    if (candidateCache.size > 4096) candidateCache.clear();
    candidateCache.set(key, cached);
  }
  return cached;
}

function computeCandidates(spot: Spot, consumes: boolean): Candidate[] {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  const add = (sequence: number[], restored: number[], ftfyGuess: boolean, consumesSpace: boolean) => {
    const char = decodeUtf8Sequence(sequence);
    if (char === null || seen.has(char) || isImpossible(char)) return;
    seen.add(char);
    out.push({ char, sequence, restored, ftfyGuess, consumesSpace });
  };
  const [lead, ...present] = spot.bytes as [number, ...number[]];
  const total = present.length + spot.missing; // continuation slots
  // Choose which slots hold the lost bytes; the present bytes keep their order.
  for (const slots of choose(total, spot.missing)) {
    for (const fill of product(DROPPABLE_BYTES, spot.missing)) {
      const seq = [lead];
      let p = 0;
      let f = 0;
      for (let s = 0; s < total; s++) seq.push(slots.includes(s) ? fill[f++]! : present[p++]!);
      add(seq, fill, false, false);
    }
  }
  if (spot.spaceAfter && spot.missing === 1) add([...spot.bytes, NBSP_BYTE], [NBSP_BYTE], ftfyRestoresNbsp(spot), consumes);
  return out;
}

function choose(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (let first = 0; first < n; first++) for (const rest of choose(n - first - 1, k - 1)) out.push([first, ...rest.map((r) => r + first + 1)]);
  return out;
}

function product(values: readonly number[], k: number): number[][] {
  if (k === 0) return [[]];
  return values.flatMap((v) => product(values, k - 1).map((rest) => [v, ...rest]));
}

// ---------------------------------------------------------------------------------------------
// Scoring

export interface DroppedByteOptions {
  /**
   * Added to the score of leaving a spot as it is: negative when the deck is known to be
   * damaged (more so when it is damaged throughout, where no intact non-ASCII text survives).
   */
  keepPenalty: number;
  /** Words and characters found intact elsewhere in the deck. */
  evidence?: DeckEvidence;
  /** 0-based line, to leave the line itself out of the deck evidence. */
  lineIndex?: number;
  /** The whole line, decoded as far as it goes (its language, where a piece is looked at). */
  line?: () => string;
  /** The whole deck went through the wrong decoding (no intact non-ASCII text to learn from). */
  throughout?: boolean;
  /**
   * How many layers of damage the deck has (most lines'). Text peeled that many times is as
   * its author wrote it, so deeper layers are not looked at: a lead character there is intended.
   */
  layers?: number;
  /**
   * What the deck shows about its lost bytes, as a score per restored byte: see
   * `byteHintsFor`.
   */
  byteHints?: ReadonlyMap<number, number>;
}

/**
 * Which bytes this deck keeps: a no-break space or soft hyphen found in its text (as written or
 * as ftfy reads it) says the deck's damage did not take those away, so restoring one is less
 * likely (-1). (Evidence that stays after repair, so that repairing twice gives the same.)
 */
export function byteHintsFor(texts: Iterable<string>): Map<number, number> {
  const hints = new Map<number, number>();
  for (const t of texts) {
    if (t.includes('\u00a0')) hints.set(NBSP_BYTE, -1);
    if (t.includes('\u00ad')) hints.set(0xad, -1);
  }
  return hints;
}

interface Context extends LineContext {
  lineScripts: Set<string>;
  lineCaps: boolean;
  /** The words and characters of the line (without its spots). */
  local: Found;
}

/**
 * What is on either side of a spot, read once per spot (scoring a candidate is then cheap). The
 * parts only some candidates need are worked out when first asked for (see the functions below).
 */
interface Sides {
  left: string;
  right: string;
  /** The letters, marks and digits touching the spot on each side (parts of its word). */
  lw: string;
  rw: string;
  lc: string | undefined;
  rc: string | undefined;
  /** Last character of `lw` and first of `rw`. */
  lwLast: string | undefined;
  rwFirst: string | undefined;
  /** Emoji characters touching the spot on each side (for emoji sequences): see `emojiBefore`. */
  emojiBefore?: string;
  emojiAfter?: string;
  /** The cased letters of `lw` and `rw` (see `caseScore`). */
  lwCased?: string[];
  rwCased?: string[];
  /** A sentence starts just before the word (see `caseScore`). */
  sentenceStart?: boolean;
}

function lastChar(s: string): string | undefined {
  if (!s) return undefined;
  const low = s.charCodeAt(s.length - 1);
  return low >= 0xdc00 && low <= 0xdfff && s.length >= 2 ? s.slice(-2) : s.slice(-1);
}

function firstChar(s: string): string | undefined {
  return s ? String.fromCodePoint(s.codePointAt(0)!) : undefined;
}

const EMOJI_PART = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d\ufe0f\u20e3\u{e0020}-\u{e007f}]$/u;
const KEYCAP_BASE = /[0-9#*]/;
const KEYCAP_BASES_BEFORE_LAST = /^[0-9#*]+(?=[0-9#*])/;

function isEmojiPart(ch: string): boolean {
  return EMOJI_PART.test(ch);
}

// A keycap starts with a digit, # or *: "1" + VS16 + U+20E3.
function isEmojiPartOrKeycapBase(ch: string): boolean {
  return EMOJI_PART.test(ch) || KEYCAP_BASE.test(ch);
}

/** The longest end of `s` whose characters all pass `test` (scanned backwards, no regex). */
function trailing(s: string, test: (ch: string) => boolean): string {
  let i = s.length;
  while (i > 0) {
    // The character before i: a surrogate pair is read whole (as two code units, whatever the first).
    const low = s.charCodeAt(i - 1);
    const size = low >= 0xdc00 && low <= 0xdfff && i >= 2 ? 2 : 1;
    if (!test(s.slice(i - size, i))) break;
    i -= size;
  }
  return s.slice(i);
}

function leading(s: string, test: (ch: string) => boolean): string {
  let i = 0;
  while (i < s.length) {
    const ch = String.fromCodePoint(s.codePointAt(i)!);
    if (!test(ch)) break;
    i += ch.length;
  }
  return s.slice(0, i);
}

/** `trailing(s, isWordChar)`, without making a string per character. */
function trailingWord(s: string): string {
  let i = s.length;
  for (let size = wordCharBefore(s, i); size > 0; size = wordCharBefore(s, i)) i -= size;
  return s.slice(i);
}

/** `leading(s, isWordChar)`, without making a string per character. */
function leadingWord(s: string): string {
  let i = 0;
  while (i < s.length) {
    const cp = s.codePointAt(i)!;
    if (!isWordCodePoint(cp)) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return s.slice(0, i);
}

function sides(left: string, right: string): Sides {
  const lw = trailingWord(left);
  const rw = leadingWord(right);
  return { left, right, lw, rw, lc: lastChar(left), rc: firstChar(right), lwLast: lastChar(lw), rwFirst: firstChar(rw) };
}

function emojiBefore(side: Sides): string {
  return (side.emojiBefore ??= trailing(side.left, isEmojiPartOrKeycapBase).replace(KEYCAP_BASES_BEFORE_LAST, ''));
}

function emojiAfter(side: Sides): string {
  return (side.emojiAfter ??= leading(side.right, isEmojiPart));
}

const SENTENCE_START_LEFT = /(?:^[\s>#*+|-]*(?:\d+[.)]\s*)?|[.!?:;¡¿"“«(\[]\s*)$/u;

function wordShapeScore(x: string, side: Sides, ctx: Context): number {
  const lc = side.lwLast;
  const rc = side.rwFirst;
  if (isMark(x) && !lc) return -3; // a combining mark with nothing to combine with
  const sx = scriptOf(x);
  let s = isRareBlock(x) ? -2 : 0;
  let scripted = false;
  let same = true;
  let compatible = true;
  let kindMismatch = false;
  for (let k = 0; k < 2; k++) {
    const n = k === 0 ? lc : rc;
    if (n === undefined) continue;
    const sn = scriptOf(n);
    if (sn === null || sx === null) continue;
    scripted = true;
    if (sn !== sx) same = false;
    if (!scriptsCompatible(sn, sx)) compatible = false;
    if (isNumber(n) !== isNumber(x)) kindMismatch = true;
  }
  // The same script as the neighbouring letters (and letters beside letters, digits beside digits).
  if (scripted) s += !compatible ? -3 : kindMismatch ? 0 : same ? 3 : 1;
  else if (!lc && !rc && sx !== null && !anyCompatible(ctx.lineScripts, sx)) s -= 2;
  // Letter case only means something for letters of a script (not for ℝ or ℏ).
  if (sx !== null && (isUpper(x) || isLower(x))) s += caseScore(x, side, ctx);
  return s;
}

function anyCompatible(scripts: ReadonlySet<string>, script: string): boolean {
  for (const l of scripts) if (scriptsCompatible(l, script)) return true;
  return false;
}

/** The letters of `w` that have a case. */
function casedLetters(w: string): string[] {
  const out: string[] = [];
  for (const c of w) if (isUpper(c) || isLower(c)) out.push(c);
  return out;
}

function caseScore(x: string, side: Sides, ctx: Context): number {
  const before = (side.lwCased ??= casedLetters(side.lw));
  const after = (side.rwCased ??= casedLetters(side.rw));
  const upper = isUpper(x);
  if (before.length + after.length === 0) {
    // A one-letter word: either case at a sentence start, else it follows the line.
    side.sentenceStart ??= SENTENCE_START_LEFT.test(side.left.slice(Math.max(0, side.left.length - side.lw.length - 16), side.left.length - side.lw.length));
    if (side.sentenceStart) return 0;
    return upper === ctx.lineCaps ? 1 : -1;
  }
  if (before.length === 0) {
    // x starts the word: capitalised or not, unless the rest is in capitals.
    return after.every(isUpper) && after.length > 1 ? (upper ? 1 : -2) : 0;
  }
  // `others` is before + after; its first is the word's initial, the rest its tail.
  const initial = before[0]!;
  const tailLength = before.length - 1 + after.length;
  if (tailLength === 0) {
    // Only the initial besides x: "HÁ" (capitals) or "Há" (capitalised); the line decides.
    if (!isUpper(initial)) return upper ? -2 : 1;
    return upper === ctx.lineCaps ? 1 : -2;
  }
  if (isUpper(initial) && everyInTail(before, after, isUpper)) return upper ? 1 : -2;
  if (everyInTail(before, after, isLower)) return upper ? -2 : 1;
  return 0;
}

/** Whether every letter of before[1..] and after passes `test`. */
function everyInTail(before: readonly string[], after: readonly string[], test: (c: string) => boolean): boolean {
  for (let k = 1; k < before.length; k++) if (!test(before[k]!)) return false;
  for (const c of after) if (!test(c)) return false;
  return true;
}

/** How often `q` (not empty) occurs in `s`, as `s.split(q).length - 1` counts. */
function occurrences(s: string, q: string): number {
  let n = 0;
  for (let i = s.indexOf(q); i >= 0; i = s.indexOf(q, i + q.length)) n++;
  return n;
}

function quoteScore(x: string, side: Sides): number {
  const { lc, rc, left, right } = side;
  let s = 0;
  const opener = CLOSING_QUOTES.get(x);
  if (opener !== undefined) {
    if (lc && !isWhitespace(lc) && (!rc || isWhitespace(rc) || isPunctuation(rc))) s += 1;
    else if (x === '\u2019' && lc && rc && isLetter(lc) && isLetter(rc)) s += 1; // apostrophe
    if (occurrences(left, opener) > occurrences(left, x)) s += 2;
  }
  const closer = OPENING_QUOTES.get(x);
  if (closer !== undefined) {
    if ((!lc || isWhitespace(lc) || isPunctuation(lc)) && rc && !isWhitespace(rc)) s += 1;
    if (occurrences(right, closer) > occurrences(right, x)) s += 2;
  }
  return s;
}

const SEQUENCE_JOINERS = /[\u200d\ufe0f\u20e3]/u;

/**
 * A restored character that completes a recommended emoji sequence with its neighbours
 * ("🏳" in 🏳️‍🌈, the ZWJ in 👨‍👩‍👧) is as good as a letter that matches its word.
 */
function emojiSequenceScore(x: string, side: Sides): number {
  const before = emojiBefore(side);
  const after = emojiAfter(side);
  if (!before && !after) return 0;
  const run = before + x + after;
  if (!SEQUENCE_JOINERS.test(run)) return 0;
  return isRecommendedEmojiRun(run) ? 3 : 0;
}

const OTHER_VARIATION_SELECTORS = /[\ufe00-\ufe0e]/;

/** How plausible `x` is between the two sides of a spot, or null when no author types it. */
function scoreChar(x: string, side: Sides, ctx: Context): number | null {
  if (isImpossible(x)) return null;
  const { lc, rc } = side;
  if (x === ZWJ) {
    // Joins two pictographs (the left one may carry a variation selector or a skin tone).
    const base = lastChar(side.left.replace(EMOJI_MODIFIERS_AT_END, ''));
    return (base && rc && isPictographic(base) && isPictographic(rc) ? 3 : -3) + emojiSequenceScore(x, side);
  }
  if (x === VS16) return (lc && (isPictographic(lc) || KEYCAP_BASE.test(lc)) ? 3 : -3) + emojiSequenceScore(x, side);
  if (OTHER_VARIATION_SELECTORS.test(x)) return -3; // other variation selectors
  if (isLetter(x) || isMark(x) || isNumber(x)) return wordShapeScore(x, side, ctx);
  if (isFormat(x)) return -3;
  if (isSpaceSeparator(x)) return x === NBSP ? 0 : -2;
  const common = COMMON_NON_LETTERS.has(x) || COMMON_EMOJI.has(x) ? 1 : 0;
  if (isPunctuation(x)) {
    // A closing bracket after a space, or an opening one before it, closes or opens nothing.
    const stray = (lc && isWhitespace(lc) && CLOSING_BRACKET.test(x)) || (rc && isWhitespace(rc) && OPENING_BRACKET.test(x)) ? -1 : 0;
    return common + quoteScore(x, side) + stray;
  }
  if (isPictographic(x)) return common + emojiSequenceScore(x, side);
  if (common && ARROW.test(x) && lc && rc && isWhitespace(lc) && isWhitespace(rc)) {
    // A common arrow stands between the things it links: "input ← output".
    return common + 1;
  }
  if (isSymbol(x)) {
    // Typographic pairs among symbols too: the box corner that closes one opened on the line.
    const opener = BOX_CLOSERS.get(x);
    if (opener !== undefined && occurrences(side.left, opener) > occurrences(side.left, x)) return (common || -1) + 3;
    return common || -1;
  }
  return -1;
}

const CLOSING_BRACKET = /^\p{Pe}$/u;
const OPENING_BRACKET = /^\p{Ps}$/u;
const ARROW = /^[\u2190-\u21ff\u27f0-\u27ff\u2900-\u297f]$/u;

const EMOJI_MODIFIERS_AT_END = /[\ufe0f\u{1f3fb}-\u{1f3ff}]+$/u;

export interface Scored {
  candidate: Candidate;
  score: number;
  /** The part of `score` that comes from trigram statistics (see ./writing.ts). */
  statistical?: number;
  /** The part that comes from the words of the line's language (step 5 of ./writing.ts). */
  words?: number;
  /** Whether its word is one the line's language knows (step 5). */
  known?: boolean;
}

/**
 * The margin by which `best` must beat `second`. Where only the statistics set them apart (the
 * other evidence alone would not), it must be wider: one declaration's trigrams and a detector's
 * n-grams are a hint, and a wrong letter is worse than a visible gap.
 */
function marginOver(best: Scored, second: Scored): number {
  const otherwise = best.score - statisticsOf(best) - (second.score - statisticsOf(second));
  return otherwise >= MARGIN ? MARGIN : STATISTICAL_MARGIN;
}

const STATISTICAL_MARGIN = 3.5;

/** Candidates whose other evidence is this close to the best's are level for the statistics. */
const PLAIN_TIE = 0.5;

/** The part of a score that comes from statistics (trigrams, words of the language). */
function statisticsOf(s: Scored): number {
  return (s.statistical ?? 0) + (s.words ?? 0);
}

/** Words and characters found intact elsewhere (in the deck or on the same line). */
function evidenceScore(x: string, found: boolean, alone: boolean, side: Sides, ctx: Context, options: DroppedByteOptions): number {
  const { evidence, lineIndex = -1 } = options;
  let s = 0;
  const wordLike = isLetter(x) || isMark(x);
  if (wordLike) {
    const word = side.lw + x + side.rw;
    if (word.length > x.length) {
      // (A word found as it is holds x: where x is not found, neither is the word.)
      const exact = found && ((evidence?.hasWord(word, lineIndex, false) ?? false) || ctx.local.words.has(word));
      const folded = !exact && ((evidence?.hasWord(word, lineIndex, true) ?? false) || ctx.local.foldedWords.has(word.toLowerCase()));
      if (exact) s += 4;
      else if (folded) s += 3;
    }
  }
  // A character found elsewhere: for symbols and emoji a fair hint; for letters only a
  // tie-breaker, since a language's accented letters all tend to appear, and not at all in a
  // deck damaged throughout, where the letters that lose a byte (í, Á…) never appear intact.
  if (wordLike || isNumber(x)) s += alone && !options.throughout ? 1 : 0;
  else s += (found ? 1 : 0) + (alone ? 1 : 0);
  return s;
}

export type SpotDecision =
  /**
   * `doubtful`: reported too: another candidate scored as well (ftfy's guess was kept), or only
   * the trigrams of the line's language decided.
   */
  | { action: 'restore'; spot: Spot; candidate: Candidate; scores: Scored[]; keep: number; doubtful?: boolean }
  /** Left as it is; `report` when it looks broken but the evidence does not decide. */
  | { action: 'protect'; spot: Spot; report: boolean; scores: Scored[]; keep: number }
  | { action: 'none'; spot: Spot; scores: Scored[]; keep: number };

const MARGIN = 2;

/** What a candidate gains when the word it makes is one of a language's common words. */
const COMMON_WORD = 4;
/** How many times rarer than the best listed word a listed word may be and still count as much. */
const RARER = 10;

function decideSpot(spot: Spot, text: string, fills: ReadonlyMap<Spot, Candidate>, info: LineInfo, options: DroppedByteOptions): SpotDecision {
  let candidates = info.candidates.get(spot);
  if (!candidates) info.candidates.set(spot, (candidates = candidatesFor(spot, text)));
  const left = renderDecoded(text, Math.max(0, spot.start - 64), spot.start, fills, info);
  const right = renderDecoded(text, spot.end, Math.min(text.length, spot.end + 64), fills, info);
  const ctx = info.ctx;
  const keepSpace = sides(left, right);
  let consumeSpace: Sides | undefined;
  const { evidence, lineIndex = -1, byteHints } = options;
  let founds = info.found.get(spot);
  if (!founds) {
    founds = [];
    for (const c of candidates) founds.push((evidence?.hasChar(c.char, lineIndex) ?? false) || ctx.local.chars.has(c.char));
    info.found.set(spot, founds);
  }
  const scores: Scored[] = [];
  const written: Option[] = [];
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k]!;
    const side = c.consumesSpace ? (consumeSpace ??= sides(left, right.slice(1))) : keepSpace;
    const shape = scoreChar(c.char, side, ctx);
    if (shape === null) continue;
    const found = founds[k]!;
    const alone = found && onlyFound(founds, k);
    let hint = 0;
    if (byteHints) for (const b of c.restored) hint += byteHints.get(b) ?? 0;
    scores.push({ candidate: c, score: shape + evidenceScore(c.char, found, alone, side, ctx, options) + hint });
    written.push({ char: c.char, left: side.left, right: side.right });
  }

  // Leaving it: the lead character read as it is, next to what follows it in the text.
  const rawRest = text.slice(spot.start + 1, spot.end) + right;
  const lead = text[spot.start]!;
  written.push({ char: lead, left, right: rawRest });
  // How each is written in its script (place in the word, the language's trigrams, dictionaries).
  const writing = scores.length > 0 ? writingScores(written, ctx) : { scores: [], statistical: [] };
  for (let k = 0; k < scores.length; k++) {
    scores[k]!.score += writing.scores[k]!;
    scores[k]!.statistical = writing.statistical[k]!;
  }
  const keep =
    (wordShapeScore(lead, sides(left, rawRest), ctx) || 0) +
    (writing.scores[scores.length] ?? 0) +
    options.keepPenalty +
    (spot.bytes.length > 1 ? -3 : 0) + // "â€", "ðŸ‘": a lead with continuations is never intended
    (foreignCapital(text, spot, options.line) ? -3 : 0); // "Åatwa" in Polish: a letter its language never writes
  const unsorted = scores.slice();
  sortByScore(scores);
  const first = decideFrom(spot, scores, keep);
  if (first.action === 'restore' && !first.doubtful && !first.candidate.ftfyGuess && !onlyStatistics(first)) return first;
  // (The word statistics only lower candidates below the best: they cannot make a spot look
  // broken that does not already.)
  if (!(scores[0] && scores[0].score >= keep + MARGIN)) return first;
  // Undecided: how the words read in the line's language (loaded only now, see ./word-grams.ts).
  // The words are read with every spot not yet decided as any of its candidates.
  const leftUnknown: string[][] = [];
  const rightUnknown: string[][] = [];
  const leftW = renderDecoded(text, Math.max(0, spot.start - 64), spot.start, fills, info, leftUnknown);
  const rightW = renderDecoded(text, spot.end, Math.min(text.length, spot.end + 64), fills, info, rightUnknown);
  const wordOptions: WordOption[] = unsorted.map(({ candidate: c }) => ({
    char: c.char,
    left: leftW,
    right: c.consumesSpace ? rightW.slice(1) : rightW,
    leftUnknown,
    rightUnknown,
  }));
  wordOptions.push({ char: lead, left: leftW, right: rightW, leftUnknown, rightUnknown });
  // A language's common words (step 6 of ./writing.ts) come first: a word that a large corpus
  // holds is evidence like a word the deck holds intact elsewhere, not a statistic. Each option
  // whose word is listed gains COMMON_WORD, so that one listed word clearly beats the others and
  // two listed words stay level (and the spot is reported).
  const ranks = commonWordRanks(wordOptions);
  // The lead left as it is makes a word only where it stands alone: with continuations beside
  // it ("má»m") its word is cut at them ("má"), and such a lead is never intended anyway.
  if (spot.bytes.length > 1) ranks[unsorted.length] = null;
  let bestRank = Infinity;
  for (const r of ranks) if (r !== null) bestRank = Math.min(bestRank, r);
  if (bestRank !== Infinity) {
    // A word far rarer than the best listed one ("hời" beside "hỏi", 17 times as common) counts
    // for less: the two are not level.
    const bonus = (r: number | null) => (r === null ? 0 : r <= bestRank * RARER ? COMMON_WORD : 1);
    for (let k = 0; k < unsorted.length; k++) unsorted[k]!.score += bonus(ranks[k]!);
    const keepListed = ranks[unsorted.length] !== null;
    const keepNow = keep + bonus(ranks[unsorted.length]!);
    sortByScore(scores);
    // Decided without the trigram statistics: a word of the language's corpus says more about
    // the word than the trigrams of one declaration do ("hỏi", not "họi").
    const plain = scores.map((sc) => ({ ...sc, score: sc.score - (sc.statistical ?? 0), statistical: 0 }));
    sortByScore(plain);
    const listed = decideFrom(spot, plain, keepNow);
    if (listed.action === 'restore' && !listed.doubtful) return { ...listed, scores };
    if (keepListed) return { action: 'protect', spot, report: true, scores, keep: keepNow };
  }
  const read = wordScores(wordOptions, ctx);
  if (!read || read.scores.every((w) => w === 0)) return checkStatistics(first, ctx, left, right);
  const words = read.scores;
  // Frequencies come last among the evidence: they choose among the candidates that the rest
  // leaves level (within PLAIN_TIE), and cannot lift one the rest puts behind: those get the
  // least the statistics give any.
  let bestPlain = -Infinity;
  for (const sc of unsorted) bestPlain = Math.max(bestPlain, sc.score - statisticsOf(sc));
  const least = Math.min(...words);
  for (let k = 0; k < unsorted.length; k++) {
    const sc = unsorted[k]!;
    const w = sc.score - statisticsOf(sc) < bestPlain - PLAIN_TIE ? least : words[k]!;
    sc.score += w;
    sc.words = w;
    sc.known = read.known[k]!;
  }
  sortByScore(scores);
  return checkStatistics(decideFrom(spot, scores, keep), ctx, left, right);
}

/** True when a restoration is chosen by the statistics alone (the rest leaves it level). */
function onlyStatistics(d: SpotDecision & { action: 'restore' }): boolean {
  // (ftfy's own guess, kept on a tie, is weighed by its own rule in `decideFrom`.)
  if (d.candidate.ftfyGuess) return false;
  let chosen = 0;
  let bestOther = -Infinity;
  for (const sc of d.scores) {
    if (sc.candidate === d.candidate) chosen = sc.score - statisticsOf(sc);
    else bestOther = Math.max(bestOther, sc.score - statisticsOf(sc));
  }
  return chosen < bestOther + MARGIN;
}

/**
 * A restoration that only the statistics decide stands only where the line's likely languages
 * agree about the letter (see `languagesDisagree`), and, where the word statistics know one of
 * the candidates' words, only if they know its word; otherwise the spot is left and reported.
 * One that the word statistics do not confirm is reported as well.
 */
function checkStatistics(d: SpotDecision, ctx: Context, left: string, right: string): SpotDecision {
  if (d.action !== 'restore' || !onlyStatistics(d)) return d;
  const chosen = d.scores.find((sc) => sc.candidate === d.candidate);
  // The trigrams must speak for the letter itself, not only against the others: at 0 or less the
  // language's text shows no trigram through it, and the others are behind only by the doubt
  // given to letters that text never shows ("Câu há»i" read as "họi", not "hỏi": eld's
  // n-grams like "họ", and the Vietnamese declaration has no "ỏ i").
  if ((chosen?.statistical ?? 0) <= 0) return { action: 'protect', spot: d.spot, report: true, scores: d.scores, keep: d.keep };
  const others = d.scores.filter((sc) => sc !== chosen).map((sc) => sc.candidate.char);
  const wordsKnowOne = d.scores.some((sc) => sc.known);
  if ((chosen?.known || !wordsKnowOne) && !languagesDisagree(d.candidate.char, others, ctx, left, right)) {
    // Where the word statistics know none of the words (names, rare words), the trigrams
    // decide, and the author is told.
    return chosen?.known ? d : { ...d, doubtful: true };
  }
  return { action: 'protect', spot: d.spot, report: true, scores: d.scores, keep: d.keep };
}

function decideFrom(spot: Spot, scores: Scored[], keep: number): SpotDecision {
  const best = scores[0];
  if (!best) return { action: 'none', spot, scores, keep };
  const ftfyGuess = scores.find((sc) => sc.candidate.ftfyGuess);
  // ftfy's guess is weighed against the others without the trigram statistics: they depend on
  // the language detected from the rest of the line, which repairing the line changes, and a
  // choice that flipped with them would not be idempotent. The words of the line's language do
  // count where ftfy's guess keeps the space ("čtenà dat": à, or í?), not where it joins two
  // words into one ("Ð уский": Р), which no word statistics weigh fairly against the others.
  const wordsCount = ftfyGuess !== undefined && !ftfyGuess.candidate.consumesSpace;
  const plain = (sc: Scored) => sc.score - (sc.statistical ?? 0) - (wordsCount ? 0 : (sc.words ?? 0));
  let bestOther = -Infinity; // scores are sorted: the first that is not ftfy's guess
  let bestOtherPlain = -Infinity;
  for (const sc of scores) {
    if (sc === ftfyGuess) continue;
    if (bestOther === -Infinity) bestOther = sc.score;
    bestOtherPlain = Math.max(bestOtherPlain, plain(sc));
  }
  // On a tie, ftfy's own choice stands where it is ftfy's designed case, a letter of two bytes
  // before a space ("voilÃ le": à, or í?), and the author is told; in longer sequences (Georgian
  // "დáƒ ": ა, ო, or ftfy's რ?) nothing is guessed: the spot is left as it is and reported.
  const guessPlain = ftfyGuess ? plain(ftfyGuess) : -Infinity;
  const ftfyTies = spot.bytes.length === 1 ? ftfyGuess && guessPlain >= bestOtherPlain : ftfyGuess && ftfyGuess.score > bestOther;
  if (ftfyGuess && ftfyTies) {
    // Nothing does better than ftfy's own guess: take it (also where ftfy would not see it).
    if (ftfyGuess.score > keep) {
      return { action: 'restore', spot, candidate: ftfyGuess.candidate, scores, keep, doubtful: ftfyGuess.score < bestOther + MARGIN };
    }
    return { action: 'protect', spot, report: false, scores, keep };
  }
  const second = scores[1];
  if (best.score >= keep + MARGIN && (!second || best.score >= second.score + marginOver(best, second))) {
    return { action: 'restore', spot, candidate: best.candidate, scores, keep };
  }
  const looksBroken = best.score >= keep + MARGIN;
  // Where ftfy would guess (and something else does better), stop it guessing.
  if (ftfyGuess || looksBroken) return { action: 'protect', spot, report: looksBroken, scores, keep };
  return { action: 'none', spot, scores, keep };
}

/**
 * Sorts by score, best first, keeping the order of equal scores (as a stable sort does): an
 * insertion sort, quicker than Array.prototype.sort with a comparator on these few items.
 */
function sortByScore(scores: Scored[]): void {
  for (let i = 1; i < scores.length; i++) {
    const x = scores[i]!;
    let j = i - 1;
    while (j >= 0 && scores[j]!.score < x.score) {
      scores[j + 1] = scores[j]!;
      j--;
    }
    scores[j + 1] = x;
  }
}

/** True when no candidate but the k-th was found elsewhere. */
function onlyFound(founds: readonly boolean[], k: number): boolean {
  for (let j = 0; j < founds.length; j++) if (j !== k && founds[j]) return false;
  return true;
}

interface LineInfo {
  spots: readonly Spot[];
  /**
   * The best candidate of each spot not decided yet: it stands in for the spot when its
   * neighbours are scored, so that an undecided "ãŒ" reads as kana beside "ãª", not as "Œ".
   */
  guesses: Map<Spot, Candidate>;
  /** Whether each candidate's character occurs elsewhere (the same in every sweep). */
  found: Map<Spot, boolean[]>;
  /** Each spot's candidates (the same in every sweep). */
  candidates: Map<Spot, Candidate[]>;
  scripts: Set<string>;
  caps: boolean;
  local: Found;
  ctx: Context;
}

/**
 * Decoded text of [from, to), with restorations decided (or guessed) put in. With `unknown`,
 * guesses are left out too, and the candidates of each spot left unknown are listed there, in
 * order (for scoring words whole, see `wordScores`).
 */
function renderDecoded(text: string, from: number, to: number, fills: ReadonlyMap<Spot, Candidate>, info: LineInfo, unknown?: string[][]): string {
  const spots = info.spots;
  // Never start or end inside a spot.
  for (const s of spots) {
    if (from > s.start && from < s.end) from = s.start;
    if (to > s.start && to < s.end) to = s.end;
  }
  let raw = '';
  let at = from;
  for (const s of spots) {
    if (s.start < from || s.end > to) continue;
    const c = fills.get(s) ?? (unknown ? undefined : info.guesses.get(s));
    if (!c) {
      if (unknown) {
        let cs = info.candidates.get(s);
        if (!cs) info.candidates.set(s, (cs = candidatesFor(s, text)));
        unknown.push(cs.map((x) => x.char));
      }
      // Not known yet: a letter of no case and no script stands in (the lead itself would read
      // as a capital, "Ã", and tell its neighbours the wrong case).
      raw += text.slice(at, s.start) + UNKNOWN_LETTER;
      at = s.end;
      continue;
    }
    raw += text.slice(at, s.start) + sequenceText(c);
    at = s.end + (c.consumesSpace ? 1 : 0);
  }
  raw += text.slice(at, to);
  return decodeMixed(raw);
}


// A candidate's sequence as Windows-1252 characters (candidates are cached, so are these).
const sequenceTexts = new WeakMap<Candidate, string>();

function sequenceText(c: Candidate): string {
  let t = sequenceTexts.get(c);
  if (t === undefined) {
    t = '';
    for (const b of c.sequence) t += CP1252_CHAR[b]!;
    sequenceTexts.set(c, t);
  }
  return t;
}

function lineInfo(text: string, spots: readonly Spot[]): LineInfo {
  // The line as far as it can be read, without the spots themselves.
  let rest = '';
  let at = 0;
  for (const s of spots) {
    rest += text.slice(at, s.start) + ' ';
    at = s.end;
  }
  const decoded = decodeMixed(rest + text.slice(at));
  // The scripts of its letters, and its words of two letters or more (/\p{L}{2,}/gu), in one
  // pass over the characters.
  const scripts = new Set<string>();
  let words = 0;
  let capsWords = 0;
  let wordStart = -1;
  let wordLetters = 0;
  for (let i = 0; i <= decoded.length; ) {
    const cp = i < decoded.length ? decoded.codePointAt(i)! : -1;
    const size = cp > 0xffff ? 2 : 1;
    let letter = false;
    if (cp >= 0x41 && cp < 0x80) {
      letter = (cp >= 0x61 && cp <= 0x7a) || cp <= 0x5a;
      if (letter) scripts.add('Latin');
    } else if (cp >= 0x80) {
      const ch = String.fromCodePoint(cp);
      letter = isLetter(ch);
      if (letter) {
        const sc = scriptOf(ch);
        if (sc) scripts.add(sc);
      }
    }
    if (letter) {
      if (wordStart < 0) wordStart = i;
      wordLetters++;
    } else if (wordStart >= 0) {
      if (wordLetters >= 2) {
        const w = decoded.slice(wordStart, i);
        words++;
        if (w === w.toUpperCase() && w !== w.toLowerCase()) capsWords++;
      }
      wordStart = -1;
      wordLetters = 0;
    }
    i += size;
  }
  const caps = capsWords > 0 && capsWords * 2 > words;
  const local = new Found(decoded);
  return { spots, guesses: new Map(), found: new Map(), candidates: new Map(), scripts, caps, local, ctx: { lineScripts: scripts, lineCaps: caps, local, lineText: decoded, languages: new Map() } };
}

export interface SpotPlan {
  /** `text` with the restored bytes put in (as their Windows-1252 characters). */
  text: string;
  /** Ranges of the planned text to leave exactly as they are. */
  protectedRanges: [number, number][];
  /** Where the restored sequences are in the planned text, and what they decode to. */
  restoredRanges: { start: number; end: number; char: string; inserted: number }[];
  decisions: SpotDecision[];
}

/**
 * Which spots to decide: `ftfy-guesses`, those where ftfy would guess a lost 0xA0 (before ftfy's
 * next round: the rest may still be completed by later rounds); `all`, every spot that looks
 * broken (once ftfy is done); `cut`, every spot, those not restored being cut out of the line
 * so that ftfy can decode the rest of it whole.
 */
export type SpotScope = 'ftfy-guesses' | 'all' | 'cut';

function spotsInScope(text: string, scope: SpotScope, line?: () => string): Spot[] {
  const spots = findSpots(text);
  if (scope === 'cut') return spots;
  return spots.filter((s) => (scope === 'all' ? looksBroken(text, s) || foreignCapital(text, s, line) : ftfyRestoresNbsp(s)));
}

/**
 * Decides the spots of `text` in `scope`. Up to four sweeps, so that a restoration (or the best
 * guess for an undecided spot) can serve as context for its neighbours ("Ù Ù Ù¡" → "٠٠١").
 */
export function planSpots(text: string, options: DroppedByteOptions, scope: SpotScope = 'all'): SpotPlan {
  const spots = spotsInScope(text, scope, options.line);
  if (spots.length === 0) return { text, protectedRanges: [], restoredRanges: [], decisions: [] };
  const info = lineInfo(text, spots);
  const fills = new Map<Spot, Candidate>();
  const decisions = new Map<Spot, SpotDecision>();
  // When cutting, a spot that does not look broken and that ftfy would not guess at is only cut
  // out (left as it is), without scoring: "é" at the end of "café".
  let scored = spots;
  if (scope === 'cut') {
    scored = [];
    for (const spot of spots) {
      if (looksBroken(text, spot) || ftfyRestoresNbsp(spot) || foreignCapital(text, spot, options.line)) scored.push(spot);
      else decisions.set(spot, { action: 'none', spot, scores: [], keep: 0 });
    }
  }
  // Later sweeps look again only at spots near one that changed (its neighbours' context).
  let changed: Spot[] = scored;
  for (let sweep = 0; sweep < 4 && changed.length > 0; sweep++) {
    const nowChanged: Spot[] = [];
    for (const spot of scored) {
      if (fills.has(spot) || (sweep > 0 && !nearAnother(spot, changed))) continue;
      const d = decideSpot(spot, text, fills, info, options);
      decisions.set(spot, d);
      if (d.action === 'restore') {
        fills.set(spot, d.candidate);
        info.guesses.delete(spot);
        nowChanged.push(spot);
      } else {
        // The best guess stands in for the spot when its neighbours are scored.
        const top = d.scores[0];
        // (Nor is a tie between the cases of one letter, Í or í, which would tell its
        // neighbours a case.)
        const second = d.scores[1];
        const caseTie = second && second.score === top?.score && second.candidate.char.toLowerCase() === top.candidate.char.toLowerCase();
        const guess = top && !caseTie ? top.candidate : undefined;
        if (info.guesses.get(spot)?.char !== guess?.char) {
          if (guess) info.guesses.set(spot, guess);
          else info.guesses.delete(spot);
          nowChanged.push(spot);
        }
      }
    }
    changed = nowChanged;
  }

  let out = '';
  let at = 0;
  const protectedRanges: [number, number][] = [];
  const restoredRanges: SpotPlan['restoredRanges'] = [];
  for (const spot of spots) {
    const d = decisions.get(spot)!;
    if (d.action === 'restore') {
      out += text.slice(at, spot.start);
      const start = out.length;
      out += sequenceText(d.candidate);
      restoredRanges.push({ start, end: out.length, char: d.candidate.char, inserted: d.candidate.restored.length });
      at = spot.end + (d.candidate.consumesSpace ? 1 : 0);
    } else if (d.action === 'protect' || scope === 'cut') {
      out += text.slice(at, spot.start);
      protectedRanges.push([out.length, out.length + spot.end - spot.start]);
      out += text.slice(spot.start, spot.end);
      at = spot.end;
    }
  }
  out += text.slice(at);
  return { text: out, protectedRanges, restoredRanges, decisions: spots.map((s) => decisions.get(s)!) };
}

/** True when another of `spots` is within 16 characters of `spot`. */
function nearAnother(spot: Spot, spots: readonly Spot[]): boolean {
  for (const c of spots) if (c !== spot && c.start < spot.end + 16 && c.end > spot.start - 16) return true;
  return false;
}

/** True when `text` has at least one spot (cheap enough to run on every repaired line). */
export function hasSpots(text: string): boolean {
  return hasSpotsInScope(text, 'cut');
}

/**
 * Whether a spot looks broken rather than intended: a lead with some of its continuations
 * ("â€", "ðŸ‘"), a capital inside a lower-case word ("JoaquÃn"), a Latin capital glued to a
 * letter of another script ("Ðто"), or one of the leads that mojibake is made of (Â Ã â ð)
 * anywhere but inside a word in capitals ("NÃO" is Portuguese). Cheap: run before scoring.
 */
function looksBroken(text: string, spot: Spot): boolean {
  if (spot.bytes.length > 1) return true;
  const lead = text[spot.start]!;
  if (looksBrokenBetween(lead, text[spot.start - 1], text[spot.end])) return true;
  // The neighbours may be mojibake themselves ("Î¿Ï" is "οÏ", "××‘" is "×ב"): read them
  // decoded too (a few characters either side hold any sequence).
  if (!LEAD_OR_CONTINUATION.test(text.slice(Math.max(0, spot.start - 4), spot.end + 4).replace(lead, ''))) return false;
  const before = lastChar(decodeMixed(text.slice(Math.max(0, spot.start - 4), spot.start)));
  const after = firstChar(decodeMixed(text.slice(spot.end, spot.end + 4)));
  return looksBrokenBetween(lead, before, after);
}

/**
 * A capital starting a word that the line's language never writes ("Åatwa" in Polish, "Ätení"
 * in Czech): asked only of lines of a damaged deck, since it reads the line's language (from
 * `line`, the whole line decoded, where `text` is a piece of it).
 */
function foreignCapital(text: string, spot: Spot, line?: () => string): boolean {
  const lead = text[spot.start]!;
  if (spot.bytes.length > 1 || !isUpper(lead)) return false;
  const before = text[spot.start - 1];
  const after = text[spot.end];
  if ((before !== undefined && isLetter(before)) || after === undefined || !isLower(after)) return false;
  if (!line && lastDecoded.text !== text) {
    lastDecoded.text = text;
    lastDecoded.decoded = decodeMixed(text);
  }
  return languageLacksLetter(line ? line() : lastDecoded.decoded, lead);
}

// The spots of one text are asked about one after another: its decoding is kept for the next.
const lastDecoded = { text: '', decoded: '' };

const LEAD_OR_CONTINUATION = /[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2026\u2030\u2039\u203a\u20ac\u2122]/;

function looksBrokenBetween(lead: string, before: string | undefined, after: string | undefined): boolean {
  if (before !== undefined && isUpper(lead) && isLower(before)) return true;
  // Glued to a letter of another script ("Ø¹" in Arabic, "ברוכי×" in Hebrew).
  if (isNonLatinLetter(after) || isNonLatinLetter(before)) return true;
  // Another lead right after, one of them a capital ("ÑÐ" in Cyrillic mojibake; not the
  // Finnish "ää").
  if (after !== undefined && LEAD_CHAR.test(after) && (isUpper(lead) || isUpper(after))) return true;
  return 'ÂÃâð'.includes(lead) && !(after !== undefined && isUpper(after));
}

function isNonLatinLetter(ch: string | undefined): boolean {
  if (ch === undefined || !isLetter(ch)) return false;
  const script = scriptOf(ch);
  return script !== null && script !== 'Latin';
}

/** True when `text` shows damage ftfy does not see (a spot that looks broken). */
export function looksDamaged(text: string): boolean {
  return hasSpotsInScope(text, 'all');
}

/** Where the complete UTF-8 sequences (seen through Windows-1252) are, as [start, end). */
export function decodableSequences(text: string): [number, number][] {
  const out: [number, number][] = [];
  if (!LEAD_CHAR.test(text)) return out;
  for (let i = 0; i < text.length; i++) {
    const lead = text.charCodeAt(i);
    const need = lead >= 0xc2 && lead <= 0xf4 ? utf8ContinuationCount(lead) : -1;
    if (need < 0) continue;
    const bytes = [lead];
    for (let k = 1; k <= need; k++) {
      const b = cp1252ByteAt(text, i + k);
      if (b < 0 || !isContinuationByte(b)) break;
      bytes.push(b);
    }
    if (bytes.length === need + 1 && decodeUtf8Sequence(bytes) !== null) {
      out.push([i, i + need + 1]);
      i += need;
    }
  }
  return out;
}
