/**
 * How a script is written, as evidence for a lost byte: the steps that score a candidate
 * character by its place in the word and by the statistics of its language. The tables are
 * elsewhere (./ngrams.ts: the UDHR's trigram counts; ./word-grams.ts: eld's word statistics; the
 * platform's Intl.Segmenter dictionaries and legacy character sets, below); the dropped-byte
 * layer (./dropped-bytes.ts) adds these scores to those of script, case, quotes, emoji and deck
 * evidence.
 *
 *  1. Position in the word: Hebrew final forms only at the end of a word (and the plain forms
 *     not there); Greek words carry one accent at most; Indic vowel signs and the virama follow a
 *     consonant, and an independent vowel does not.
 *  2. Trigrams of the line's language (its UDHR text), for every script but Chinese and
 *     Japanese.
 *  3. Dictionaries, for scripts written without spaces (Thai, Chinese, Japanese): the ICU word
 *     breaker built into JavaScript (Intl.Segmenter) splits the text around each candidate; a
 *     candidate that makes dictionary words splits it into fewer pieces.
 *  4. Common characters, for Han and Hangul: those of the national standard sets (GB 2312 level
 *     1, JIS X 0208 level 1, Big5's frequent characters, KS X 1001), read from the platform's
 *     TextDecoder tables (the WHATWG Encoding Standard's indexes), not typed here.
 *  5. Words, asked only where the rest leaves a spot undecided: the word each candidate makes,
 *     read whole in the line's likeliest languages (eld's n-grams and the trigram counts), with
 *     the other undecided spots of the word read as each of their candidates.
 *  6. Common words, asked at the same point, before step 5: whether the word each candidate
 *     makes (read the same way) is among the commonest words of a language of its script
 *     (./common-words.ts: frequency lists from subtitle corpora).
 */
import { isLetter, isMark, scriptOf, scriptsCompatible } from './char-classes.ts';
import { likeliestLanguage, modelIn, onlyLanguageOf, scriptUsesLetter, trigramWeight, usesLetter, type LanguageModel } from './ngrams.ts';
import { reliableLanguagesOf, wordWeight } from './word-grams.ts';
import { commonWordRank, hasCommonWords } from './common-words.ts';

export interface LineContext {
  /** The line, decoded as far as it goes, its spots left out. */
  lineText: string;
  /** The likeliest language of each script on the line (worked out when first asked for). */
  languages: Map<string, LanguageModel | null>;
  /** The likeliest few languages by eld's word statistics (step 5), by script family. */
  wordLanguages?: Map<string, string[]>;
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
  // Trigrams can only speak for letters the language's text uses: one it never shows (a letter
  // one declaration happens not to have) is given nearly the best score of the other candidates,
  // so that the text's silence never decides against it; a letter no language of its script
  // uses (Latin ẍ) gets less. The lead character left as it is gets no such benefit of the doubt.
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

const WORD_PART = /[\p{L}\p{M}]/u;

/** One character as the trigrams see it: lower case, or a space for anything but letters. */
function gramChar(ch: string | undefined): string {
  return ch !== undefined && WORD_PART.test(ch) ? ch.toLowerCase() : ' ';
}

/**
 * Chinese and Japanese have thousands of characters, and one declaration shows too few of them
 * to tell which are common (measured: with its trigrams, 2 of 12 lines of the set that the
 * dictionaries and common sets decide were left undecided): they are not scored by trigrams.
 */
const NO_TRIGRAMS = (script: string) => scriptsCompatible(script, 'Han');

/** Marks a letter that no language of the script uses. */
const UNUSED_LETTER = 'unused';

/**
 * The trigram score; null for a letter the language's text never uses (but another language of
 * the script does), UNUSED_LETTER for one none uses; undefined where there is no model.
 */
function trigramScore({ char: x, left, right }: Option, ctx: LineContext): number | null | typeof UNUSED_LETTER | undefined {
  const script = scriptOf(x);
  if (script === null || !(isLetter(x) || isMark(x)) || NO_TRIGRAMS(script)) return undefined;
  let m = ctx.languages.get(script);
  if (m === undefined) {
    m = likeliestLanguage(lineWordsIn(ctx.lineText, familyOf(x) ?? script), script);
    ctx.languages.set(script, m);
  }
  if (!m) return undefined;
  const l = [...left.slice(-4)].slice(-2);
  const r = [...right.slice(0, 4)].slice(0, 2);
  // The counts are of lower-case text: a letter that would be cased as no word is ("polÁn",
  // "RÁtica") is not what they show, whatever its lower case would be.
  if (!wellCased([l[l.length - 1] ?? '', x, r[0] ?? ''])) return 0;
  const l1 = gramChar(l[l.length - 1]);
  const l0 = l.length >= 2 && l1 !== ' ' ? gramChar(l[0]) : null;
  const r0 = gramChar(r[0]);
  const r1 = r.length >= 2 && r0 !== ' ' ? gramChar(r[1]) : null;
  const c = x.toLowerCase();
  if (!usesLetter(m, c)) return isMark(x) ? 0 : scriptUsesLetter(script, c) ? null : UNUSED_LETTER;
  let hits = 0;
  if (l0 !== null) hits += trigramWeight(m, l0 + l1 + c);
  hits += trigramWeight(m, l1 + c + r0);
  if (r1 !== null) hits += trigramWeight(m, c + r0 + r1);
  // Each letter beside it that makes a pair the text shows.
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

// ---------------------------------------------------------------------------------------------
// 5. Words of the line's language (eld's word statistics, ./word-grams.ts)

/** How many of the line's likeliest languages a word is read in. */
const LINE_LANGUAGES = 3;
/** Score for each n-gram (of average weight) the best candidate's word has over another's, and the most. */
const WORD_UNIT = 3;
const WORD_CAP = 4;
/** Score for each bit (a factor of two) by which the trigrams around the best candidate are commoner, and the most. */
const BITS_UNIT = 0.3;
const BITS_CAP = 4;
/**
 * The most both sources together take from a candidate: less than the margin a decision by
 * statistics needs (3.5, see ./dropped-bytes.ts), so that they decide only with the trigram
 * score of step 2 agreeing. (Measured on the lost-byte set and 8000 generated lines: at 3 and
 * above, Vietnamese tones and Ukrainian read as Belarusian came out wrong; at 2.5 none did.)
 */
const STATISTICS_CAP = 2.5;

/** The script family of a character, for words and languages ("CJK" for kanji with kana). */
function familyOf(ch: string): string | null {
  const sc = scriptOf(ch);
  return sc === null ? null : scriptsCompatible(sc, 'Han') ? 'CJK' : sc;
}

/** Scripts written without spaces: a "word" is a window of the run around the character. */
const UNSPACED = new Set(['CJK', 'Thai', 'Lao', 'Khmer', 'Myanmar']);

/** Stands for a spot not decided yet in the text around an option: a caseless letter. */
export const UNKNOWN_LETTER = '\u02bc';

/** An option, with the candidates of each spot still unknown in `left` and in `right`, in order. */
export interface WordOption extends Option {
  leftUnknown: readonly (readonly string[])[];
  rightUnknown: readonly (readonly string[])[];
}

/** Most readings of the unknown spots in one word that are tried. */
const MAX_READINGS = 64;

/**
 * The word the option makes with its neighbours (the run of letters of its script family), in
 * each reading of the spots in it still unknown (each as any of its candidates of that family):
 * the words, and the option's place in them.
 */
function readingsOf(o: WordOption, family: string): { words: string[][]; at: number } {
  const inWord = (c: string) => (isLetter(c) || isMark(c)) && (c === UNKNOWN_LETTER || familyOf(c) === family);
  const before = [...o.left];
  const after = [...o.right];
  const limit = UNSPACED.has(family) ? WINDOW : 32;
  let from = before.length;
  while (from > 0 && before.length - from < limit && inWord(before[from - 1]!)) from--;
  let to = 0;
  while (to < after.length && to < limit && inWord(after[to]!)) to++;
  const word = [...before.slice(from), o.char, ...after.slice(0, to)];
  // Which unknown spot each placeholder in the word is (they are in order on either side; a
  // U+02BC written in the text itself would be taken for one: rare, and it only changes which
  // readings are scored).
  let leftIndex = 0;
  for (let k = 0; k < from; k++) if (before[k] === UNKNOWN_LETTER) leftIndex++;
  let rightIndex = 0;
  const slots: { at: number; alternatives: string[] }[] = [];
  for (let k = 0; k < word.length; k++) {
    if (word[k] !== UNKNOWN_LETTER) continue;
    const list = k < before.length - from ? o.leftUnknown[leftIndex++] : o.rightUnknown[rightIndex++];
    const alternatives = (list ?? []).filter((c) => (isLetter(c) || isMark(c)) && familyOf(c) === family);
    if (alternatives.length > 0) slots.push({ at: k, alternatives });
  }
  let words = [word];
  for (const slot of slots) {
    if (words.length * slot.alternatives.length > MAX_READINGS) break;
    words = words.flatMap((w) => slot.alternatives.map((c) => w.map((x, k) => (k === slot.at ? c : x))));
  }
  // A capital after a small letter is no reading of a word ("έΝα" for "Νέα").
  return { words: words.filter(wellCased), at: before.length - from };
}

/** Whether a word is cased as words are: all small, all capitals, or a capital then small. */
function wellCased(word: readonly string[]): boolean {
  let upper = 0;
  let lower = 0;
  let upperAfterFirst = false;
  for (const c of word) {
    const isUpper = c !== c.toLowerCase();
    const isLower = c !== c.toUpperCase();
    if (isUpper) {
      if (upper + lower > 0) upperAfterFirst = true;
      upper++;
    } else if (isLower) lower++;
  }
  return !upperAfterFirst || lower === 0;
}

/** How often the trigrams around place `at` of `word` occur in its language's text, in bits (log2, smoothed). */
function trigramBits(word: readonly string[], at: number, m: LanguageModel): number {
  const ch = (k: number) => (k >= 0 && k < word.length ? gramChar(word[k]) : ' ');
  const c = ch(at);
  const l1 = ch(at - 1);
  const r0 = ch(at + 1);
  const bits = (t: string) => Math.log2((m.trigramCounts.get(t) ?? 0) + 0.5);
  let sum = bits(l1 + c + r0);
  if (l1 !== ' ') sum += bits(ch(at - 2) + l1 + c);
  if (r0 !== ' ') sum += bits(c + r0 + ch(at + 2));
  return sum;
}

/** The line's words in `family`, the rest blanked: the text to tell its language from. */
function lineWordsIn(lineText: string, family: string): string {
  const key = `${family}\u0000${lineText}`;
  let out = wordsInCache.get(key);
  if (out === undefined) {
    out = '';
    for (const c of lineText) out += (isLetter(c) || isMark(c)) && familyOf(c) === family ? c : ' ';
    out = out.trim();
    if (wordsInCache.size > 4096) wordsInCache.clear();
    wordsInCache.set(key, out);
  }
  return out;
}
// (The same line is asked about for each of its spots and candidates.)
const wordsInCache = new Map<string, string>();

/**
 * Whether the line's language (where eld is sure of it) never writes the letter `ch`: "Å" in a
 * Polish line ("Åatwa" for "Łatwa"), "Ä" in a Czech one ("Ätení" for "čtení").
 */
export function languageLacksLetter(lineText: string, ch: string): boolean {
  const key = `${ch}\u0000${lineText}`;
  let lacks = lacksCache.get(key);
  if (lacks === undefined) {
    const script = scriptOf(ch);
    const family = familyOf(ch);
    const text = script && family ? lineWordsIn(lineText, family) : '';
    const m = text && script ? likeliestLanguage(text, script) : null;
    lacks = m !== null && !usesLetter(m, ch.toLowerCase());
    if (lacksCache.size > 4096) lacksCache.clear();
    lacksCache.set(key, lacks);
  }
  return lacks;
}
const lacksCache = new Map<string, boolean>();

/** How close to the likeliest language's score another language must be to count as likely too. */
const CLOSE_LANGUAGES = 0.03;

/**
 * Whether the line's likely languages disagree about `chosen`: one of them does not write the
 * letter at all but writes one of `others` (a short line of Ukrainian reads as Belarusian too,
 * which writes э where Ukrainian has none). Statistics of one language then prove nothing.
 */
export function languagesDisagree(chosen: string, others: readonly string[], ctx: LineContext, left: string, right: string): boolean {
  const script = scriptOf(chosen);
  const family = familyOf(chosen);
  if (!script || !family || !(isLetter(chosen) || isMark(chosen))) return false;
  const c = chosen.toLowerCase();
  // The whole line, and the few words around the spot (a line may mix two languages).
  const near = `${left.split(/\s+/).slice(-NEAR_WORDS).join(' ')} ${right.split(/\s+/).slice(0, NEAR_WORDS).join(' ')}`;
  for (const text of [lineWordsIn(ctx.lineText, family), lineWordsIn(near, family)]) {
    if (!text) continue;
    const ranked = reliableLanguagesOf(text);
    const top = ranked[0]?.[1] ?? 0;
    for (const [language, score] of ranked) {
      if (score < top - CLOSE_LANGUAGES) break;
      const m = modelIn(language, script);
      if (m && !usesLetter(m, c) && others.some((o) => o !== chosen && usesLetter(m, o.toLowerCase()))) return true;
    }
  }
  return false;
}

/** Words either side of a spot that tell the language near it. */
const NEAR_WORDS = 3;

/**
 * Step 5, asked only where the other evidence leaves a spot undecided: how much worse each
 * candidate's word is known to the line's language than the best candidate's (0 for the best,
 * down to -STATISTICS_CAP), 0 for what is not a letter and for the lead left as it is (the statistics
 * choose among restorations, never between restoring and leaving); and whether each word is
 * known (its n-grams as common as its language's words' usually are); null when they say
 * nothing.
 */
export function wordScores(options: readonly WordOption[], ctx: LineContext): { scores: number[]; known: boolean[] } | null {
  const last = options.length - 1;
  const languages = (ctx.wordLanguages ??= new Map());
  const weights: (number | null)[] = [];
  const bitsOf: (number | null)[] = [];
  const known: boolean[] = [];
  let best = -Infinity;
  let bestBits = -Infinity;
  for (let k = 0; k < last; k++) {
    const o = options[k]!;
    const family = isLetter(o.char) || isMark(o.char) ? familyOf(o.char) : null;
    let w: number | null = null;
    let b: number | null = null;
    if (family) {
      const script = scriptOf(o.char);
      let lineLanguages = languages.get(family);
      if (lineLanguages === undefined) {
        const text = lineWordsIn(ctx.lineText, family);
        lineLanguages = text ? reliableLanguagesOf(text).slice(0, LINE_LANGUAGES).map(([l]) => l) : [];
        // (A script only one language writes needs no text to tell it.)
        const only = lineLanguages.length === 0 && script ? onlyLanguageOf(script) : null;
        if (only) lineLanguages = [only];
        languages.set(family, lineLanguages);
      }
      // The trigrams of the same languages (the one trigramScore chose first).
      const chosen = script ? ctx.languages.get(script) : undefined;
      const models: LanguageModel[] = [];
      if (script && chosen && !NO_TRIGRAMS(script)) {
        models.push(chosen);
        for (const l of lineLanguages) {
          const m = modelIn(l, script);
          if (m && !models.includes(m)) models.push(m);
        }
      }
      const { words, at } = readingsOf(o, family);
      // The best reading of the spots around it: the option is as good as the word it can make.
      w = -Infinity;
      for (const word of words) {
        const text = word.join('');
        // Read in the line's likeliest languages (a line may mix Ukrainian and Russian); with no
        // language to read it in, the word says nothing (its own likeliest language would
        // always find it a fair word).
        for (const lang of lineLanguages) {
          const weight = wordWeight(text, lang);
          if (weight === null) return null; // eld is not available
          w = Math.max(w, weight);
        }
        for (const m of models) b = Math.max(b ?? -Infinity, trigramBits(word, at, m));
      }
      best = Math.max(best, w);
      if (b !== null) bestBits = Math.max(bestBits, b);
    }
    weights.push(w);
    bitsOf.push(b);
    known.push(w !== null && w > 0);
  }
  if (best === -Infinity && bestBits === -Infinity) return null;
  // Each source speaks only if the best candidate's word is one its language knows: its
  // n-grams as common as the language's usually are, and the trigrams around it seen in the
  // language's text (their bits sum to 0 or more: about once each).
  const wordsSpeak = best > 0;
  const trigramsSpeak = bestBits >= 0;
  const out = weights.map((w, k) => {
    const fromWords = !wordsSpeak || w === null || w === -Infinity ? 0 : -Math.min(WORD_CAP, WORD_UNIT * (best - w));
    const b = bitsOf[k];
    const fromTrigrams = !trigramsSpeak || b === null || b === undefined ? 0 : -Math.min(BITS_CAP, BITS_UNIT * (bestBits - b));
    return Math.max(-STATISTICS_CAP, fromWords + fromTrigrams);
  });
  out.push(0);
  known.push(false);
  return { scores: out, known };
}

// ---------------------------------------------------------------------------------------------
// 6. Common words (frequency lists, ./common-words.ts)

/**
 * For each option (the candidates, then the lead left as it is), the best rank among a
 * language's commonest words of the word it makes, in any reading of the undecided spots in
 * that word; null where no reading is a listed word, or for what is not a letter. Scripts
 * written without spaces have no words to look up, and are null throughout.
 */
export function commonWordRanks(options: readonly WordOption[]): (number | null)[] {
  return options.map((o) => {
    if (!(isLetter(o.char) || isMark(o.char))) return null;
    const script = scriptOf(o.char);
    const family = familyOf(o.char);
    if (!script || !family || UNSPACED.has(family) || !hasCommonWords(script)) return null;
    const { words } = readingsOf(o, family);
    let best: number | null = null;
    for (const word of words) {
      // A letter alone ("m" of "m?m" read without its neighbours) is no word to look up.
      if (word.length < 2 || word.includes(UNKNOWN_LETTER)) continue;
      const rank = commonWordRank(word.join(''), script);
      if (rank !== null && (best === null || rank < best)) best = rank;
    }
    return best;
  });
}
