/**
 * Character facts the dropped-byte layer weighs: script, letter case, general category, and a
 * small prior of characters that are common in slides. Data only, no decisions.
 */

// Scripts written together are grouped (Japanese mixes kana and Han).
const SCRIPT_TESTS: readonly [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Syriac', /\p{Script=Syriac}/u],
  ['Thaana', /\p{Script=Thaana}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Bengali', /\p{Script=Bengali}/u],
  ['Gurmukhi', /\p{Script=Gurmukhi}/u],
  ['Gujarati', /\p{Script=Gujarati}/u],
  ['Oriya', /\p{Script=Oriya}/u],
  ['Tamil', /\p{Script=Tamil}/u],
  ['Telugu', /\p{Script=Telugu}/u],
  ['Kannada', /\p{Script=Kannada}/u],
  ['Malayalam', /\p{Script=Malayalam}/u],
  ['Sinhala', /\p{Script=Sinhala}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Lao', /\p{Script=Lao}/u],
  ['Tibetan', /\p{Script=Tibetan}/u],
  ['Myanmar', /\p{Script=Myanmar}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Ethiopic', /\p{Script=Ethiopic}/u],
  ['Khmer', /\p{Script=Khmer}/u],
  ['Mongolian', /\p{Script=Mongolian}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Bopomofo', /\p{Script=Bopomofo}/u],
];

// Scripts written together in one word (Japanese mixes kanji and kana).
const SCRIPT_FAMILY: ReadonlyMap<string, string> = new Map([
  ['Han', 'CJK'],
  ['Hiragana', 'CJK'],
  ['Katakana', 'CJK'],
  ['Bopomofo', 'CJK'],
]);

/** Different scripts that still share words (kanji and kana). */
export function scriptsCompatible(a: string, b: string): boolean {
  return a === b || (SCRIPT_FAMILY.get(a) ?? a) === (SCRIPT_FAMILY.get(b) ?? b);
}

/**
 * Blocks whose characters are rare in running text (most of Latin Extended-B, IPA and phonetic
 * extensions, modifier letters, CJK extensions and compatibility ideographs, mathematical
 * alphanumerics, Yi, the newest Latin and Cherokee extensions; Greek symbol and Coptic letters,
 * historic Cyrillic, Cherokee, Canadian syllabics, the Philippine scripts, Balinese, Glagolitic
 * and Coptic, the archaic Roman numerals ↀ ↁ, the Arabic signs of numbers and honorifics (؀ ؐ,
 * not the comma ، semicolon ؛ or question mark ؟), which a lost byte in common scripts lands
 * on): a decode that lands there is unlikely to be what the author typed. Latin Extended-B letters in use (Vietnamese ơ ư,
 * Pinyin ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ, Romanian ș ț, ƒ) are not rare.
 */
const RARE_BLOCKS =
  /[\u0600-\u060b\u060d-\u061a\u061c-\u061e\u2180-\u2188\u03cf-\u03ff\u0460-\u0489\u13a0-\u13ff\u1400-\u167f\u1700-\u177f\u1b00-\u1b7f\u2c00-\u2c5f\u2c80-\u2cff\u0180-\u0191\u0193-\u019f\u01a2-\u01ae\u01b1-\u01cc\u01dd-\u0217\u021c-\u02ff\u1d00-\u1dbf\u3400-\u4dbf\uf900-\ufaff\ua000-\ua4cf\uab30-\uabbf\u{1d400}-\u{1d7ff}\u{20000}-\u{3134f}]/u;
export const isRareBlock = (ch: string): boolean => RARE_BLOCKS.test(ch);

/** The script of a letter, mark or digit, or null for Common/Inherited characters (ℝ, ℏ, ²). */
export function scriptOf(ch: string): string | null {
  // One code unit: a table (0 = not worked out yet, 1 = none, k + 2 = SCRIPT_TESTS[k]).
  if (ch.length === 1) {
    const code = ch.charCodeAt(0);
    let known = scriptByCode[code]!;
    if (known === 0) scriptByCode[code] = known = (code < 0x80 ? (/[A-Za-z]/.test(ch) ? 0 : -1) : findScript(ch)) + 2;
    return known === 1 ? null : SCRIPT_TESTS[known - 2]![0];
  }
  if (ch < '\u0080') return /[A-Za-z]/.test(ch) ? 'Latin' : null;
  let script = scriptCache.get(ch);
  if (script === undefined) {
    const k = findScript(ch);
    script = k < 0 ? null : SCRIPT_TESTS[k]![0];
    if (scriptCache.size > 65536) scriptCache.clear();
    scriptCache.set(ch, script);
  }
  return script;
}
const scriptCache = new Map<string, string | null>();
const scriptByCode = new Uint8Array(0x10000);

function findScript(ch: string): number {
  return SCRIPT_TESTS.findIndex(([, re]) => re.test(ch));
}

// Facts about a character, each a bit of `flags`, worked out once per character (scoring asks
// about the same few hundred characters again and again).
const TESTS: RegExp[] = [];
/** A new fact, true of the characters `re` matches: its bit. */
function fact(re: RegExp): number {
  return 1 << (TESTS.push(re) - 1);
}
const LETTER = fact(/^\p{L}$/u);
const MARK = fact(/^\p{M}$/u);
const NUMBER = fact(/^\p{N}$/u);
const UPPER = fact(/^[\p{Lu}\p{Lt}]$/u);
const LOWER = fact(/^\p{Ll}$/u);
const WHITESPACE = fact(/^\s$/u);
const PUNCTUATION = fact(/^\p{P}$/u);
const SYMBOL = fact(/^\p{S}$/u);
const PICTOGRAPHIC = fact(/^\p{Extended_Pictographic}$/u);
const FORMAT = fact(/^\p{Cf}$/u);
const SPACE_SEPARATOR = fact(/^\p{Zs}$/u);
// Controls, unassigned (noncharacters included), private use, surrogates: never what an author typed.
const IMPOSSIBLE = fact(/^[\p{Cc}\p{Cn}\p{Co}\p{Cs}]$/u);
/** Letters, marks and digits: what a "word" is made of. */
const WORD = LETTER | MARK | NUMBER;
const flagCache = new Map<string, number>();
// Characters of one code unit (nearly all asked about) have their facts in a table: bit 15 marks
// them worked out. A Map keyed by one-character strings was a hot spot.
const flagsByCode = new Uint16Array(0x10000);
const KNOWN = 0x8000;

function flags(ch: string): number {
  if (ch.length === 1) {
    const code = ch.charCodeAt(0);
    let f = flagsByCode[code]!;
    if (f === 0) flagsByCode[code] = f = computeFlags(ch) | KNOWN;
    return f & ~KNOWN;
  }
  let f = flagCache.get(ch);
  if (f === undefined) {
    f = computeFlags(ch);
    if (flagCache.size > 65536) flagCache.clear();
    flagCache.set(ch, f);
  }
  return f;
}

function computeFlags(ch: string): number {
  let f = 0;
  TESTS.forEach((re, k) => {
    if (re.test(ch)) f |= 1 << k;
  });
  return f;
}

const has = (bits: number) => (ch: string): boolean => (flags(ch) & bits) !== 0;
export const isLetter = has(LETTER);
export const isMark = has(MARK);
export const isNumber = has(NUMBER);
export const isUpper = has(UPPER);
export const isLower = has(LOWER);
export const isWhitespace = has(WHITESPACE);
export const isPunctuation = has(PUNCTUATION);
export const isSymbol = has(SYMBOL);
export const isPictographic = has(PICTOGRAPHIC);
export const isFormat = has(FORMAT);
export const isSpaceSeparator = has(SPACE_SEPARATOR);
export const isImpossible = has(IMPOSSIBLE);
export const isWordChar = has(WORD);

/**
 * The length (1 or 2) of the word character just before offset `i` of `text`, or 0 when there is
 * none. A low surrogate is read together with the code unit before it: a pair, or, when that is
 * not a high surrogate, no character of a word.
 */
export function wordCharBefore(text: string, i: number): number {
  if (i <= 0) return 0;
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high < 0xd800 || high > 0xdbff) return 0;
    return isWordCodePoint((high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000) ? 2 : 0;
  }
  return isWordCodePoint(low) ? 1 : 0;
}

/** `isWordChar(String.fromCodePoint(cp))`, without making the string for most characters. */
export function isWordCodePoint(cp: number): boolean {
  if (cp < 0x10000) {
    const f = flagsByCode[cp]!;
    if (f !== 0) return (f & WORD) !== 0;
  }
  return isWordChar(String.fromCodePoint(cp));
}

export const ZWJ = '\u200d';
export const VS16 = '\ufe0f';
export const NBSP = '\u00a0';

export const OPENING_QUOTES: ReadonlyMap<string, string> = new Map([
  ['\u201c', '\u201d'], // “ ”
  ['\u2018', '\u2019'], // ‘ ’
  ['\u00ab', '\u00bb'], // « »
  ['\u2039', '\u203a'], // ‹ ›
  ['\u201e', '\u201c'], // „ “ (German)
]);
export const CLOSING_QUOTES: ReadonlyMap<string, string> = new Map([
  ['\u201d', '\u201c'],
  ['\u2019', '\u2018'],
  ['\u00bb', '\u00ab'],
  ['\u203a', '\u2039'],
]);

/** Box corners that pair as quotes do: a ┌ drawn earlier on the line closes with ┐. */
export const BOX_CLOSERS: ReadonlyMap<string, string> = new Map([
  ['\u2510', '\u250c'], // ┌ ┐
  ['\u2518', '\u2514'], // └ ┘
  ['\u2513', '\u250f'], // ┏ ┓
  ['\u251b', '\u2517'], // ┗ ┛
  ['\u2557', '\u2554'], // ╔ ╗
  ['\u255d', '\u255a'], // ╚ ╝
  ['\u256e', '\u256d'], // ╭ ╮
  ['\u256f', '\u2570'], // ╰ ╯
]);

/**
 * Punctuation and symbols that are common in prose and slides. A prior, not evidence: it only
 * breaks ties such as “” (common) against † or U+2010 (rare) for the same damaged bytes.
 */
export const COMMON_NON_LETTERS: ReadonlySet<string> = new Set([
  ...'\u201c\u201d\u2018\u2019\u2013\u2014\u2026\u2022\u00ab\u00bb\u2039\u203a\u201e\u201a\u00b7\u00a1\u00bf\u00a7',
  ...'\u20ac\u00a3\u00a5\u00a2\u00a9\u00ae\u2122\u00b0\u00b1\u00d7\u00f7\u00b5\u00bd\u00bc\u00be\u00b2\u00b3\u00b9',
  ...'\u2190\u2192\u2191\u2193\u2194\u21d2\u21d0\u21d4\u2713\u2714\u2717\u2718\u2605\u2606\u2665\u221e\u2248\u2260\u2264\u2265\u2212\u2211\u221a',
]);

/**
 * Emoji that are among the most used (after the Unicode Consortium's published emoji frequency
 * ranking), plus a few that are everywhere in slides (✅ ❌ ⚠ 🚀 💡 📌 🚧 👋). A prior only.
 */
export const COMMON_EMOJI: ReadonlySet<string> = new Set([
  ...'😂❤🤣👍😭🙏😘🥰😍😊🎉😁💕🥺😅🔥☺🤦♥🤷🙄😆🤗😉🎂🤔👏🙂😳🥳😎👌💜😔💪✨💖👀😋😏😢👉💗😩💯🌹💞🎈💙😃😡💐😜🙈🤞😄🤤🙌🤪❣😀💋💀👇💔😌💓🤩🙃😬😱😴🤭😐🌞😒😇🌸😈🎶✌🎊🥵😞💚☀🖤💰😚👑🎁💥🙋☹😑🥴👈💩✅',
  ...'❌⚠🚀💡📌🚧👋⭐',
]);

// The 'v' flag (Node 20+) knows the recommended emoji sequences: flags, keycaps, ZWJ families.
// Compiled on first use: it is large (~70 ms).
let rgiEmojiRun: RegExp | undefined;
const rgiCache = new Map<string, boolean>();

/** Whether `run` is one or more recommended (RGI) emoji sequences, nothing else. */
export function isRecommendedEmojiRun(run: string): boolean {
  let recommended = rgiCache.get(run);
  if (recommended === undefined) {
    // A successful match is slow (~70 µs); the same few sequences come up again and again.
    rgiEmojiRun ??= new RegExp('^(?:\\p{RGI_Emoji})+$', 'v');
    recommended = rgiEmojiRun.test(run);
    if (rgiCache.size > 4096) rgiCache.clear();
    rgiCache.set(run, recommended);
  }
  return recommended;
}
