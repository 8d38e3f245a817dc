/**
 * How a script is written, as evidence for a lost byte: the steps that score a candidate
 * character by its place in the word and by the statistics of its language. The tables are
 * elsewhere (./ngrams.ts: franc's trigrams; the platform's Intl.Segmenter dictionaries and
 * legacy character sets, below); the dropped-byte layer (./dropped-bytes.ts) adds these scores
 * to those of script, case, quotes, emoji and deck evidence.
 *
 *  1. Position in the word: Hebrew final forms only at the end of a word (and the plain forms
 *     not there); Greek words carry one accent at most; Indic vowel signs and the virama follow a
 *     consonant, and an independent vowel does not.
 *  2. Trigrams of the line's language (franc's data), for the scripts it covers: Latin,
 *     Cyrillic, Arabic, Devanagari (and Bengali, through the shared ISCII layout), Ethiopic,
 *     Hebrew.
 *  3. Dictionaries, for scripts written without spaces (Thai, Chinese, Japanese): the ICU word
 *     breaker built into JavaScript (Intl.Segmenter) splits the text around each candidate; a
 *     candidate that makes dictionary words splits it into fewer pieces.
 *  4. Common characters, for Han and Hangul: those of the national standard sets (GB 2312 level
 *     1, JIS X 0208 level 1, Big5's frequent characters, KS X 1001), read from the platform's
 *     TextDecoder tables (the WHATWG Encoding Standard's indexes), not typed here.
 */
import { isLetter, isMark, scriptOf } from './char-classes.ts';
import { hasTrigramData, likeliestLanguage, scriptUsesLetter, usesLetter, type LanguageModel } from './ngrams.ts';

export interface LineContext {
  /** The line, decoded as far as it goes, its spots left out. */
  lineText: string;
  /** The likeliest language of each script on the line (worked out when first asked for). */
  languages: Map<string, LanguageModel | null>;
}

export interface Option {
  char: string;
  /** The decoded text before and after the character. */
  left: string;
  right: string;
}

/**
 * Scores for each option (candidates, and the lead character left as it is), in the units of
 * the other evidence (a clear difference is 2 or more).
 */
export function writingScores(options: readonly Option[], ctx: LineContext): { scores: number[]; statistical: number[] } {
  // (The options are candidates, then the lead character left as it is.)
  const scores = options.map((o) => positionScore(o) + commonScore(o.char) + dictionaryScore(o));
  // Trigrams can only speak for letters their lists use: one they never show (Russian э is not
  // among Russian's 300 commonest trigrams) is given nearly the best score of the other
  // candidates, so that the lists' silence never decides against it; a letter no language of
  // its script uses in its lists (Latin ẍ) gets less. The lead character left as it is gets no
  // such benefit of the doubt.
  const grams = options.map((o) => trigramScore(o, ctx));
  const last = options.length - 1;
  let bestKnown = -Infinity;
  for (let k = 0; k < last; k++) {
    const g = grams[k];
    if (typeof g === 'number') bestKnown = Math.max(bestKnown, g);
  }
  const doubt = bestKnown > -Infinity ? bestKnown - 1 : 0;
  const statistical = grams.map((g, k) => {
    if (typeof g === 'number') return g;
    if (k === last || g === undefined) return 0;
    return g === null ? doubt : doubt - 1.5;
  });
  for (let k = 0; k < scores.length; k++) scores[k]! += statistical[k]!;
  return { scores, statistical };
}

// ---------------------------------------------------------------------------------------------
// 1. Position in the word

const HEBREW_FINAL = 'ךםןףץ';
const HEBREW_PLAIN = 'כמנפצ';
const GREEK_ACCENTED = /[άέήίόύώΐΰΆΈΉΊΌΎΏ]/u;

function wordAround(left: string, right: string): { before: string; after: string } {
  const before = /[\p{L}\p{M}]*$/u.exec(left)![0];
  const after = /^[\p{L}\p{M}]*/u.exec(right)![0];
  return { before, after };
}

function positionScore({ char: x, left, right }: Option): number {
  const cp = x.codePointAt(0)!;
  if (HEBREW_FINAL.includes(x) || HEBREW_PLAIN.includes(x)) {
    const { before, after } = wordAround(left, right);
    const atEnd = after === '';
    if (HEBREW_FINAL.includes(x)) return atEnd ? (before ? 0 : -1) : -3;
    return atEnd && before ? -2 : 0;
  }
  if (GREEK_ACCENTED.test(x)) {
    const { before, after } = wordAround(left, right);
    return GREEK_ACCENTED.test(before + after) ? -3 : 0;
  }
  if (cp >= 0x0900 && cp < 0x0e00 && isIndicBrahmic(cp)) return indicScore(cp, left);
  if (cp >= 0x2070 && cp <= 0x209f) {
    // Superscript and subscript digits follow what they qualify (x⁰, 10⁴, H₂O, x₁);
    // the letters of the block (ⁱ ⁿ ₐ ₓ) are rarer than the Latin letters they read as.
    if (isLetter(x)) return -2;
    const prev = left.slice(-1);
    return DIGIT.test(x) && prev !== '' && WORD_PART_OR_DIGIT.test(prev) ? 3 : 0;
  }
  return 0;
}

const WORD_PART_OR_DIGIT = /[\p{L}\p{N}\p{M})]/u;
const DIGIT = /^\p{N}$/u;

/** Devanagari to Malayalam share the ISCII layout: the same offsets hold the same kind of letter. */
function isIndicBrahmic(cp: number): boolean {
  return cp < 0x0d80; // Sinhala (0x0D80) and Thai (0x0E00) are laid out otherwise
}

const enum Indic {
  Sign, // candrabindu, anusvara, visarga
  Vowel, // independent vowel
  Consonant,
  Nukta,
  VowelSign, // dependent vowel sign
  Virama,
  Other,
}

function indicKind(cp: number): Indic {
  const o = cp & 0x7f;
  if (o >= 0x01 && o <= 0x03) return Indic.Sign;
  if (o >= 0x05 && o <= 0x14) return Indic.Vowel;
  if ((o >= 0x15 && o <= 0x39) || (o >= 0x58 && o <= 0x5f)) return Indic.Consonant;
  if (o === 0x3c) return Indic.Nukta;
  if (o >= 0x3e && o <= 0x4c) return Indic.VowelSign;
  if (o === 0x4d) return Indic.Virama;
  return Indic.Other;
}

function indicScore(cp: number, left: string): number {
  const kind = indicKind(cp);
  const prevCp = left ? left.codePointAt(left.length - 1) : undefined;
  const sameBlock = prevCp !== undefined && prevCp >> 7 === cp >> 7;
  const prev = sameBlock ? indicKind(prevCp) : null;
  if (kind === Indic.VowelSign || kind === Indic.Virama) {
    // Signs attach to a consonant (or to a nukta on one).
    return prev === Indic.Consonant || prev === Indic.Nukta ? 0 : -3;
  }
  if (kind === Indic.Vowel && (prev === Indic.Consonant || prev === Indic.Virama)) return -2;
  if (kind === Indic.Sign && (prev === null || prev === Indic.Virama)) return -3;
  return 0;
}

// ---------------------------------------------------------------------------------------------
// 2. Trigrams

/** Bengali letters are read as the Devanagari letters at the same ISCII offset. */
function trigramScript(script: string): { script: string; shift: number } | null {
  if (hasTrigramData(script)) return { script, shift: 0 };
  if (script === 'Bengali') return { script: 'Devanagari', shift: -0x80 };
  return null;
}

function shifted(text: string, from: string, shift: number): string {
  if (shift === 0) return text;
  let out = '';
  for (const ch of text) out += scriptOf(ch) === from ? String.fromCodePoint(ch.codePointAt(0)! + shift) : ch;
  return out;
}

const WORD_PART = /[\p{L}\p{M}]/u;

/** One character as franc's trigrams see it: lower case, or a space for anything but letters. */
function gramChar(ch: string | undefined): string {
  return ch !== undefined && WORD_PART.test(ch) ? ch.toLowerCase() : ' ';
}

/** Marks a letter that no language of the script uses in its lists. */
const UNUSED_LETTER = 'unused';

/**
 * The trigram score; null for a letter the language's lists never use (but another language of
 * the script does), UNUSED_LETTER for one none uses; undefined where there are no lists.
 */
function trigramScore({ char: x, left, right }: Option, ctx: LineContext): number | null | typeof UNUSED_LETTER | undefined {
  const script = scriptOf(x);
  if (script === null || !(isLetter(x) || isMark(x))) return undefined;
  const via = trigramScript(script);
  if (!via) return undefined;
  let m = ctx.languages.get(script);
  if (m === undefined) {
    m = likeliestLanguage(shifted(ctx.lineText, script, via.shift), via.script);
    ctx.languages.set(script, m);
  }
  if (!m) return undefined;
  const l = [...shifted(left.slice(-4), script, via.shift)].slice(-2);
  const r = [...shifted(right.slice(0, 4), script, via.shift)].slice(0, 2);
  const l1 = gramChar(l[l.length - 1]);
  const l0 = l.length >= 2 && l1 !== ' ' ? gramChar(l[0]) : null;
  const r0 = gramChar(r[0]);
  const r1 = r.length >= 2 && r0 !== ' ' ? gramChar(r[1]) : null;
  // The lists count lower-case text: a capital after a lower-case letter ("polÁn") is not
  // what they show, whatever its lower case would be.
  const before = l[l.length - 1];
  if (before !== undefined && x !== x.toLowerCase() && before !== before.toUpperCase()) return 0;
  const c = shifted(x, script, via.shift).toLowerCase();
  if (!usesLetter(m, c)) return isMark(x) ? 0 : scriptUsesLetter(via.script, c) ? null : UNUSED_LETTER;
  let hits = 0;
  if (l0 !== null) hits += m.trigrams.get(l0 + l1 + c) ?? 0;
  hits += m.trigrams.get(l1 + c + r0) ?? 0;
  if (r1 !== null) hits += m.trigrams.get(c + r0 + r1) ?? 0;
  hits += (m.composedPairs.get(l1 + c) ?? 0) + (m.composedPairs.get(c + r0) ?? 0);
  // Each letter beside it that makes a pair the lists show. (Only what the lists show counts:
  // a pair or trigram they lack may still be common, beyond their 300.)
  let pairs = 0;
  if (l1 !== ' ' && m.bigrams.has(l1 + c)) pairs += 0.5;
  if (r0 !== ' ' && m.bigrams.has(c + r0)) pairs += 0.5;
  return Math.min(3, hits) + pairs;
}

// ---------------------------------------------------------------------------------------------
// 3. Dictionaries (Intl.Segmenter)

const DICTIONARY_LOCALE: ReadonlyMap<string, string> = new Map([
  ['Thai', 'th'],
  ['Han', 'ja'],
  ['Hiragana', 'ja'],
  ['Katakana', 'ja'],
]);
const segmenters = new Map<string, Intl.Segmenter>();
/** Characters of no script written inside Japanese words: the prolonged sound mark ー, ・, 々. */
const CJK_COMMON = /[\u3005\u30fb\u30fc\uff70]/u;
const WINDOW = 8;

/**
 * 2 when the word breaker reads the option as part of a dictionary word, else 0. ICU's breakers
 * group characters they do not know into one piece as well, so a piece counts as a word only
 * when the breaker also cuts it twice over as two copies of itself ("การการ" → การ|การ, while an
 * unknown "ฏารฏาร" stays whole). Single characters (a Chinese word of one character, or kana
 * the dictionary does not join) prove nothing.
 */
function dictionaryScore({ char: x, left, right }: Option): number {
  const script = scriptOf(x);
  const locale = script === null ? undefined : DICTIONARY_LOCALE.get(script);
  if (locale === undefined) return 0;
  let segmenter = segmenters.get(locale);
  if (!segmenter) segmenters.set(locale, (segmenter = new Intl.Segmenter(locale, { granularity: 'word' })));
  // Only the run of letters of the scripts read together around it: mojibake or other text
  // beside it would be cut off anyway.
  const sameRun = (c: string) => {
    const sc = scriptOf(c);
    return sc === null ? locale === 'ja' && CJK_COMMON.test(c) : DICTIONARY_LOCALE.get(sc) === locale;
  };
  const before = [...left].slice(-WINDOW);
  const after = [...right].slice(0, WINDOW);
  let from = before.length;
  while (from > 0 && sameRun(before[from - 1]!)) from--;
  let to = 0;
  while (to < after.length && sameRun(after[to]!)) to++;
  const head = before.slice(from).join('');
  const text = head + x + after.slice(0, to).join('');
  // The same few words come up again and again in a deck: their answers are kept.
  const key = `${locale}\u0000${head.length}\u0000${text}`;
  let score = dictionaryCache.get(key);
  if (score === undefined) {
    score = dictionaryWordAt(segmenter, text, head.length);
    if (dictionaryCache.size > 4096) dictionaryCache.clear();
    dictionaryCache.set(key, score);
  }
  return score;
}

const dictionaryCache = new Map<string, number>();

/** 2 when the piece of `text` holding offset `at` is a dictionary word (see `dictionaryScore`). */
function dictionaryWordAt(segmenter: Intl.Segmenter, text: string, at: number): number {
  for (const piece of segmenter.segment(text)) {
    if (piece.index + piece.segment.length <= at) continue;
    // The piece holding x.
    const word = piece.segment;
    if ([...word].length < 2) return 0;
    const twice = [...segmenter.segment(word + word)];
    return twice.length === 2 && twice[0]!.segment === word ? 2 : 0;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// 4. Common characters (legacy standard sets)

let commonHan: Set<string> | null = null;
let commonHangul: Set<string> | null = null;

/** The characters a legacy double-byte codec gives for rows `rows` (lead bytes) of its table. */
function tableRows(encoding: string, firstLead: number, lastLead: number, trails: readonly [number, number][]): string[] {
  const decoder = new TextDecoder(encoding);
  const out: string[] = [];
  for (let lead = firstLead; lead <= lastLead; lead++) {
    for (const [from, to] of trails) {
      for (let trail = from; trail <= to; trail++) out.push(decoder.decode(new Uint8Array([lead, trail])));
    }
  }
  return out;
}

function commonScore(x: string): number {
  const script = scriptOf(x);
  if (script === 'Han') {
    commonHan ??= new Set([
      ...tableRows('gbk', 0xb0, 0xd7, [[0xa1, 0xfe]]), // GB 2312 level 1 (3755 most used)
      ...tableRows('euc-jp', 0xb0, 0xcf, [[0xa1, 0xfe]]), // JIS X 0208 level 1 (2965)
      ...tableRows('big5', 0xa4, 0xc6, [[0x40, 0x7e], [0xa1, 0xfe]]), // Big5 frequent (5401)
    ]);
    return commonHan.has(x) ? 0 : -2;
  }
  if (script === 'Hangul' && x.length === 1 && x >= '\uac00' && x <= '\ud7a3') {
    commonHangul ??= new Set(tableRows('euc-kr', 0xb0, 0xc8, [[0xa1, 0xfe]])); // KS X 1001 (2350)
    return commonHangul.has(x) ? 0 : -2;
  }
  return 0;
}
