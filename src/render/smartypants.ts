/**
 * Smart punctuation ("quotes" → “quotes”, -- → –, ... → …) on rendered HTML, as mdslides
 * turns on by default. smartypants skips code, pre, kbd, script and math (so KaTeX's MathML and
 * its TeX annotation are safe), but not `<style>`, where it would turn CSS custom properties
 * (`--r-main-font-size`) into dashes; so style blocks are set aside first. Output uses Unicode
 * characters, not entities.
 */
// @ts-expect-error: smartypants ships no type declarations
import { smartypantsu } from 'smartypants';

const STYLE_BLOCK = /<style\b[\s\S]*?<\/style\s*>/gi;
/** A tag (kept as it is) or a quote entity in text. */
const TAG_OR_QUOTE = /<[^>]*>|&quot;|&#39;/g;

/** Attribute 2 of SmartyPants: `--` en dash, `---` em dash. */
const DASHES_EN_EM = 2;

const educate = smartypantsu as (text: string, attr: number) => string;

/**
 * marked escapes quotes in text (`&quot;`, `&#39;`), which smartypants does not read as
 * quotes; in text (not in tags) they are safe as plain characters, so they go back first.
 */
function unescapeQuotesInText(html: string): string {
  return html.replace(TAG_OR_QUOTE, (m) => (m === '&quot;' ? '"' : m === '&#39;' ? "'" : m));
}

export function smartPunctuation(html: string): string {
  let result = '';
  let last = 0;
  for (const m of html.matchAll(STYLE_BLOCK)) {
    result += educateWhereNeeded(unescapeQuotesInText(html.slice(last, m.index))) + m[0];
    last = m.index + m[0].length;
  }
  return result + educateWhereNeeded(unescapeQuotesInText(html.slice(last)));
}

/** smartypants' own tokens: comments, processing instructions, tags; the rest is text. */
const TOKEN = /<!--[\s\S]*?-->|<\?.*?\?>|<[^>]*>/g;
/** The tags after which smartypants leaves text alone, up to the closing one (its `tags_to_skip`). */
const SKIP_TAG = /<(\/?)(?:pre|code|kbd|script|math)[^>]*>/i;
/** What smartypants changes in text: quotes, backticks, escapes, dashes, ellipses. */
const EDUCABLE_TEXT = /['"`\\]|--|\.\s?\./;

/**
 * smartypants compiles a dozen regexes for every text between two tags, which takes seconds on
 * a large deck (1.2 s of a 5 MB one) though most texts hold nothing it changes. So the HTML is
 * cut into runs where smartypants keeps no state across the cut (outside code, after text that
 * ends in white space, which it reads as it reads the start), and only the runs with something
 * to change go through it: the result is the same.
 */
function educateWhereNeeded(html: string): string {
  // Entities smartypants turns into characters anywhere, tags included.
  if (html.includes('&#82')) return educate(html, DASHES_EN_EM);
  let out = '';
  let runStart = 0;
  let needed = false;
  let inSkipped = false;
  let position = 0;
  const closeRun = (end: number) => {
    const run = html.slice(runStart, end);
    out += needed ? educate(run, DASHES_EN_EM) : run;
    runStart = end;
    needed = false;
  };
  const text = (from: number, to: number) => {
    if (from >= to) return;
    if (!inSkipped && !needed && EDUCABLE_TEXT.test(html.slice(from, to))) needed = true;
    if (!inSkipped && /\s/.test(html[to - 1]!)) closeRun(to);
  };
  for (const m of html.matchAll(TOKEN)) {
    text(position, m.index);
    const skip = SKIP_TAG.exec(m[0]);
    if (skip) inSkipped = skip[1] !== '/';
    position = m.index + m[0].length;
  }
  text(position, html.length);
  closeRun(html.length);
  return out;
}
