/**
 * Fast pre-check: which lines could ftfy change at all? ftfy's `fix_encoding` leaves a line
 * alone unless its badness regex (`BADNESS_RE`, from ftfy-js) matches, so we only need to look
 * for that regex. Running it over a whole deck is slow (every position tries ~40
 * alternatives), so we run it only where it can match. Every alternative of `BADNESS_RE` needs
 * two adjacent non-ASCII characters, or one of Ã Â Œ œ or a C1 control, and starts at most two
 * characters before them: we scan for those (one fast scan) and try the regex there.
 *
 * Lines where two UTF-8 sequences stand in a row as Windows-1252 shows them count too (see
 * `suspiciousAt`): mojibake the regex does not see, which the dropped-byte layer then decodes.
 *
 * The result is a superset of the lines ftfy would change; tests check that against ftfy's own
 * `is_bad` on its corpus and on random text, so a change in ftfy-js's heuristic would show.
 */
import { BADNESS_RE } from 'ftfy-js/badness';
import { cp1252ByteAt, isContinuationByte } from './cp1252.ts';
import { commonWordRank } from './common-words.ts';
import { candidatesFor, findSpots } from './dropped-bytes.ts';

// Sticky and multiline: tried at a given offset, `^` matches at any line start as it does
// when ftfy sees the line on its own.
const BADNESS_AT = new RegExp(BADNESS_RE.source, 'muy');
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The length of a suspicious stretch starting at `start`, or 0: where ftfy's badness regex
 * matches, or where two UTF-8 sequences stand in a row as Windows-1252 shows them, a lead, a
 * continuation and the next lead ("Õ€Õ¡" for "Հա"): mojibake of scripts the regex does not
 * cover (Armenian mojibake is all capital letters and symbols it finds plausible). What to do
 * with such lines is decided later, as for the rest.
 */
function suspiciousAt(text: string, start: number): number {
  BADNESS_AT.lastIndex = start;
  const hit = BADNESS_AT.exec(text);
  if (hit) return hit[0].length;
  if (lostByteWordAt(text, start)) return 1;
  // (Lead bytes 0xC2–0xF4 are the characters U+00C2–U+00F4 in Windows-1252: their codes are
  // read directly, which keeps a clean deck's scan at 1.4 ms rather than 2.5 with a lookup each.)
  if (!isLeadCode(text.charCodeAt(start))) return 0;
  return isContinuationByte(cp1252ByteAt(text, start + 1)) && isLeadCode(text.charCodeAt(start + 2)) ? 3 : 0;
}

/**
 * True when a capital lead Ã Ä Å at `at` stands before a small letter and a lost byte explains
 * its word: with one of the lead's candidates in place the word is a common word of a language
 * (./common-words.ts), as written it is not ("Åatwa" for "Łatwa", "JoaquÃn" for "Joaquín").
 * Such a word is the only sign of damage on many a line, and ftfy's regex does not see it. (The
 * check costs nothing where no such lead stands before a small letter: the lists load only when
 * a word is looked up.)
 */
function lostByteWordAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c !== 0xc3 && c !== 0xc4 && c !== 0xc5) return false;
  const next = text[at + 1];
  if (next === undefined || !SMALL_LETTER.test(next)) return false;
  let from = at;
  while (from > 0 && WORD_CHAR.test(text[from - 1]!)) from--;
  let to = at + 1;
  while (to < text.length && WORD_CHAR.test(text[to]!)) to++;
  const word = text.slice(from, to);
  const known = lostByteWords.get(word);
  if (known !== undefined) return known;
  let found = false;
  if (commonWordRank(word, 'Latin') === null) {
    const spot = findSpots(word).find((s) => s.start === at - from && s.missing === 1);
    if (spot) {
      for (const candidate of candidatesFor(spot, word)) {
        if (candidate.consumesSpace || candidate.ftfyGuess) continue;
        const restored = word.slice(0, spot.start) + candidate.char + word.slice(spot.end);
        if (commonWordRank(restored, 'Latin') !== null) {
          found = true;
          break;
        }
      }
    }
  }
  if (lostByteWords.size > 4096) lostByteWords.clear();
  lostByteWords.set(word, found);
  return found;
}

// A deck repeats its words: each is looked up once.
const lostByteWords = new Map<string, boolean>();
const SMALL_LETTER = /\p{Ll}/u;
const WORD_CHAR = /[\p{L}\p{M}]/u;

function isLeadCode(code: number): boolean {
  return code >= 0xc2 && code <= 0xf4;
}
const NON_ASCII_G = /[^\x00-\x7f]/g;

/** True when the text has any character outside ASCII (ftfy never changes ASCII text). */
export function hasNonAscii(text: string): boolean {
  return NON_ASCII.test(text);
}

/**
 * Calls `visit(start)` for every offset where a badness match could start (two before to the
 * start of each candidate), in increasing order, until `visit` returns a number: the offset to
 * go on scanning from.
 */
function scanCandidates(text: string, visit: (start: number) => number | undefined): void {
  let tested = -1; // start offsets up to here were already tried
  NON_ASCII_G.lastIndex = 0;
  // test() rather than exec(): the match is the one code unit before lastIndex, and no match
  // array is made for each non-ASCII character (2.4 MB a run on the 1 MB damaged deck).
  while (NON_ASCII_G.test(text)) {
    const at = NON_ASCII_G.lastIndex - 1;
    const c = text.charCodeAt(at);
    if (c >= 0xdc00 && c <= 0xdfff) continue; // the second half of a character already seen
    const next = text.charCodeAt(at + (c >= 0xd800 && c <= 0xdbff ? 2 : 1));
    const special = (c >= 0x80 && c <= 0x9f) || (c >= 0xc2 && c <= 0xc5) || c === 0x152 || c === 0x153;
    if (!special && !(next >= 0x80)) continue;
    for (let start = Math.max(at - 2, tested + 1, 0); start <= at; start++) {
      const resume = visit(start);
      if (resume !== undefined) {
        tested = resume - 1;
        NON_ASCII_G.lastIndex = resume;
        break;
      }
    }
    if (tested < at) tested = at;
  }
  NON_ASCII_G.lastIndex = 0;
}

/**
 * True when ftfy's badness regex matches somewhere in `text`, or two sequences in a row do
 * (one scan; no line bookkeeping).
 */
export function anySuspicious(text: string): boolean {
  let found = false;
  scanCandidates(text, (start) => {
    if (!suspiciousAt(text, start)) return undefined;
    found = true;
    return text.length; // stop
  });
  return found;
}

/**
 * Indexes of lines (0-based, `lineStarts[i]` = offset of line i) where ftfy's badness regex
 * matches somewhere, or two sequences in a row do, sorted.
 */
export function findSuspiciousLines(text: string, lineStarts: readonly number[]): number[] {
  const lines: number[] = [];
  scanCandidates(text, (start) => {
    const length = suspiciousAt(text, start);
    if (!length) return undefined;
    const first = lineOf(lineStarts, start);
    const last = lineOf(lineStarts, start + length - 1);
    for (let l = first; l <= last; l++) if (!lines.length || lines[lines.length - 1]! < l) lines.push(l);
    // The rest of a suspicious line needs no more looking at.
    return lineStarts[last + 1] ?? text.length;
  });
  return lines;
}

/** The 0-based line containing `offset`. */
export function lineOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
