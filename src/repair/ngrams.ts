/**
 * Character trigram statistics per language, for deciding a lost byte by how the language is
 * written: in Vietnamese "Ngư?i" is "Người" ("ười" is common, "ưềi" is not), in Russian "Мо?ква"
 * is "Москва", in Hebrew a word ends in "ים".
 *
 * The data is franc's (wooorm/franc, MIT; https://github.com/wooorm/franc): for each language,
 * the 300 most common trigrams of its translation of the Universal Declaration of Human Rights,
 * most common first, lower case, with a space at word edges, grouped by script (Latin, Cyrillic,
 * Arabic, Devanagari, Ethiopic, Hebrew, Myanmar). It is a JavaScript module (about 240 KB)
 * imported with the repair layer; each language's list is parsed into a table only when a spot
 * of its script is first scored. Data only, no decisions (those are in ./dropped-bytes.ts).
 */
import { data } from 'franc/data.js';

/** How many trigrams franc keeps per language. */
const RANKED = 300;

export interface LanguageModel {
  language: string;
  /** Trigram → weight: 2 for the most common, falling to nearly 0 for the 300th. */
  trigrams: ReadonlyMap<string, number>;
  /** Trigrams that composed into two characters (NFC), with their weights. */
  composedPairs: ReadonlyMap<string, number>;
  /** Each bigram inside a listed trigram (the weight of its best trigram). */
  bigrams: ReadonlyMap<string, number>;
  /** Each character of a listed trigram. */
  chars: ReadonlySet<string>;
  /** Each character of the listed trigrams decomposed (NFD): letters and marks. */
  parts: ReadonlySet<string>;
}

/** Whether the lists use the (lower-case) letter `c`, whole or as a letter and its marks. */
export function usesLetter(m: LanguageModel, c: string): boolean {
  if (m.chars.has(c)) return true;
  const nfd = c.normalize('NFD');
  if (nfd === c) return false;
  for (const part of nfd) if (!m.parts.has(part)) return false;
  return true;
}

const ETHIOPIC_SPACES = /[\u1361\u1362]/g;
const GROUPS = data as Readonly<Record<string, Readonly<Record<string, string>>>>;
const models = new Map<string, LanguageModel>();

/** The scripts franc has trigram data for (names as `scriptOf` gives them). */
export function hasTrigramData(script: string): boolean {
  return Object.prototype.hasOwnProperty.call(GROUPS, script);
}

function model(script: string, language: string): LanguageModel {
  const key = `${script}/${language}`;
  let m = models.get(key);
  if (!m) {
    const trigrams = new Map<string, number>();
    const composedPairs = new Map<string, number>();
    const bigrams = new Map<string, number>();
    const chars = new Set<string>();
    const parts = new Set<string>();
    const list = GROUPS[script]![language]!.split('|');
    list.forEach((raw, rank) => {
      // Some lists are partly decomposed (Vietnamese "̣c"): compose where it can.
      // Ethiopic lists write the word space and full stop (፡ ።) where others have a space.
      const t = raw.normalize('NFC').replace(ETHIOPIC_SPACES, ' ');
      const weight = (2 * (RANKED - rank)) / RANKED;
      // A trigram that composed into two characters ("ời" → "ời") is kept as a pair.
      if ([...t].length === 3) {
        if (!trigrams.has(t)) trigrams.set(t, weight);
      } else if ([...t].length === 2 && !composedPairs.has(t)) composedPairs.set(t, weight);
      const cs = [...t];
      for (let k = 0; k + 1 < cs.length; k++) {
        const b = cs[k]! + cs[k + 1]!;
        if ((bigrams.get(b) ?? 0) < weight) bigrams.set(b, weight);
      }
      for (const c of cs) if (c !== ' ') chars.add(c);
      // And their parts (the lists write Vietnamese partly decomposed: "̉a " holds the hook of ả).
      for (const c of raw.normalize('NFD')) if (c !== ' ') parts.add(c);
    });
    m = { language, trigrams, composedPairs, bigrams, chars, parts };
    models.set(key, m);
  }
  return m;
}

/** Whether any language of `script` uses the letter `c` in its lists. */
export function scriptUsesLetter(script: string, c: string): boolean {
  const key = `${script}/${c}`;
  let used = letterCache.get(key);
  if (used === undefined) {
    used = languagesOf(script).some((language) => usesLetter(model(script, language), c));
    letterCache.set(key, used);
  }
  return used;
}
const letterCache = new Map<string, boolean>();

/** The languages of `script` that franc has data for. */
function languagesOf(script: string): string[] {
  return hasTrigramData(script) ? Object.keys(GROUPS[script]!) : [];
}

const NOT_LETTERS = /[^\p{L}\p{M}]+/gu;

/** `text` as franc's trigrams see it: lower case, letters and marks, single spaces between words. */
export function trigramText(text: string): string {
  return ` ${text.normalize('NFC').toLowerCase().replace(NOT_LETTERS, ' ').trim()} `;
}

/** For one script: each trigram's languages and weights, and each letter's languages. */
interface ScriptIndex {
  models: LanguageModel[];
  byTrigram: Map<string, [number, number][]>;
  byChar: Map<string, Set<number>>;
  /** Minimum trigrams found for a verdict (see `likeliestLanguage`). */
  minHits: number;
}
const indexes = new Map<string, ScriptIndex>();

function scriptIndex(script: string): ScriptIndex {
  let index = indexes.get(script);
  if (!index) {
    const models = languagesOf(script).map((language) => model(script, language));
    const byTrigram = new Map<string, [number, number][]>();
    const byChar = new Map<string, Set<number>>();
    models.forEach((m, k) => {
      for (const [t, w] of m.trigrams) {
        let list = byTrigram.get(t);
        if (!list) byTrigram.set(t, (list = []));
        list.push([k, w]);
      }
      for (const c of m.chars) {
        let set = byChar.get(c);
        if (!set) byChar.set(c, (set = new Set()));
        set.add(k);
      }
    });
    // Among many languages of one script (Latin) a few common trigrams prove little.
    index = { models, byTrigram, byChar, minHits: models.length > 20 ? 3 : 1 };
    indexes.set(script, index);
  }
  return index;
}

// Lines and their pieces are asked about again and again while a deck is repaired.
const verdicts = new Map<string, LanguageModel | null>();

/**
 * The language of `script` that `text` (the intact part of a line) fits best: the one whose
 * trigrams cover most of the text's (weighted; each letter beyond ASCII that its lists never use
 * counts against it, as ř names Czech and ł Polish), or null when the text has too few trigrams
 * of the script to say (none found in any language; three, for scripts of many languages).
 */
export function likeliestLanguage(text: string, script: string): LanguageModel | null {
  const key = `${script}\u0000${text}`;
  const known = verdicts.get(key);
  if (known !== undefined) return known;
  const index = scriptIndex(script);
  const cs = [...trigramText(text)];
  const scores = new Float64Array(index.models.length);
  const hits = new Uint16Array(index.models.length);
  for (let k = 0; k + 2 < cs.length; k++) {
    const list = index.byTrigram.get(cs[k]! + cs[k + 1]! + cs[k + 2]!);
    if (list) for (const [lang, w] of list) {
      scores[lang]! += w;
      hits[lang]!++;
    }
  }
  for (const c of new Set(cs)) {
    if (c <= '\u007f') continue;
    const users = index.byChar.get(c);
    for (let lang = 0; lang < scores.length; lang++) if (!users?.has(lang)) scores[lang]! -= 3;
  }
  let best = -1;
  for (let lang = 0; lang < scores.length; lang++) if (hits[lang]! > 0 && (best < 0 || scores[lang]! > scores[best]!)) best = lang;
  const verdict = best >= 0 && hits[best]! >= index.minHits ? index.models[best]! : null;
  if (verdicts.size > 4096) verdicts.clear();
  verdicts.set(key, verdict);
  return verdict;
}
