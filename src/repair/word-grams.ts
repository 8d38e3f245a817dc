/**
 * Word statistics per language, for a lost byte the rest of the evidence leaves undecided: in
 * Russian "Спа?ибо" is "Спасибо" (с, not э or я), in Georgian "გმ?ლობთ" is "გმადლობთ".
 *
 * The data is eld's (Nito T.M., https://github.com/nitotm/eld, Apache-2.0), a language detector
 * for 60 languages in every script of the lost-byte set (Latin, Cyrillic, Greek, Armenian,
 * Georgian, Hebrew, Arabic, Devanagari, Bengali, Thai, Ethiopic, Hangul, Han, kana). Its tables
 * are n-grams of words: four bytes of a word's lower-cased UTF-8 at a time (with the word's
 * edges), each with a weight per language, counted from large corpora. A wrong letter makes
 * n-grams that its language never shows, so the word it makes scores lower.
 *
 * Only eld's public API is used: `detect(text).getScores()`, whose score per language is the
 * mean weight of the text's n-grams s scaled as s / (s + 25); it is turned back into the sum of
 * weights here, so that words of different lengths compare.
 *
 * The 'small' database costs about 0.3 s and 55 MB to load, so it is loaded only when first
 * asked for, synchronously (Node 20.19 and later `require` ES modules), and only spots that the
 * other evidence cannot decide ask. Data only, no decisions (those are in ./dropped-bytes.ts).
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

interface Detector {
  detect(text: string): { language: string; getScores(): Record<string, number>; isReliable(): boolean };
  info(): { Languages: Record<string, string> };
}

let detector: Detector | null | undefined;

function eld(): Detector | null {
  if (detector === undefined) {
    try {
      // The package exports only `import` entries: resolve one like `import` does, then load it.
      const entry = fileURLToPath(import.meta.resolve('eld/small'));
      detector = (createRequire(import.meta.url)(entry) as { eld: Detector }).eld;
    } catch {
      // Not installed or not loadable here: the other evidence decides alone.
      detector = null;
    }
  }
  return detector;
}

/** eld's scale for its scores (LanguageResult.js: s / (s + 25)). */
const SCALE = 25;
/** eld reads at most this many bytes of a word. */
const WORD_BYTES = 70;

/** How many n-grams eld makes of a word of `bytes` UTF-8 bytes (4 bytes, stride 3, then the end). */
function ngramCount(bytes: number): number {
  const len = Math.min(bytes, WORD_BYTES);
  let n = 0;
  for (let j = 0; j + 4 < len; j += 3) n++;
  return n + 1;
}

interface Reading {
  scores: Record<string, number>;
  reliable: boolean;
}

const readingCache = new Map<string, Reading>();

function read(text: string): Reading | null {
  const d = eld();
  if (!d) return null;
  let reading = readingCache.get(text);
  if (!reading) {
    const result = d.detect(text);
    reading = { scores: result.getScores(), reliable: result.isReliable() };
    if (readingCache.size > 8192) readingCache.clear();
    readingCache.set(text, reading);
  }
  return reading;
}

/** The languages eld knows (ISO 639-1 codes); empty when it is not available. */
export function detectorLanguages(): string[] {
  const d = eld();
  return d ? Object.values(d.info().Languages) : [];
}

/**
 * The languages `text` reads as, best first, with eld's scores (0–1), where eld finds its answer
 * reliable (its `isReliable()`: a score near the
 * language's usual one, and clear of the next) and the text has a few words' worth of letters:
 * short lines of close languages (Ukrainian, Belarusian, Russian) often are not. Empty when eld
 * is not available or not sure.
 */
export function reliableLanguagesOf(text: string): [string, number][] {
  let ranked = reliableCache.get(text);
  if (!ranked) {
    const reading = letterCount(text) < MIN_LETTERS ? null : read(text);
    ranked = reading?.reliable ? Object.entries(reading.scores) : [];
    if (reliableCache.size > 8192) reliableCache.clear();
    reliableCache.set(text, ranked);
  }
  return ranked;
}
const reliableCache = new Map<string, [string, number][]>();

/** Fewer letters than this tell no language ("X H Y" is not a line of any). */
const MIN_LETTERS = 8;

const LETTER = /\p{L}/gu;

function letterCount(text: string): number {
  return text.match(LETTER)?.length ?? 0;
}

/**
 * How well `language` knows the word `word` (letters only): the sum of the weights of its
 * n-grams less what they are expected to weigh, in units of about one n-gram (see UNIT): above
 * 0 for a word as common as the language's words, below for one with n-grams it lacks; null
 * when eld is not available.
 */
export function wordWeight(word: string, language: string): number | null {
  const reading = read(word);
  if (!reading) return null;
  const p = reading.scores[language] ?? 0;
  const mean = p <= 0 ? 0 : p >= 1 ? EXPECTED : (SCALE * p) / (1 - p);
  return ((mean - EXPECTED) * ngramCount(Buffer.byteLength(word.toLowerCase(), 'utf8'))) / UNIT;
}

/**
 * Units: roughly the weight of an n-gram a language uses (eld adds 53 to each stored weight),
 * and what one is expected to weigh: a word scores above 0 when its n-grams are as common as
 * a language's usually are, and each n-gram the language lacks costs about one unit, so that
 * words of different lengths compare (two words run together are not better for being longer).
 */
const UNIT = 100;
const EXPECTED = 80;
