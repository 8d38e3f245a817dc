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
    result += educate(unescapeQuotesInText(html.slice(last, m.index)), DASHES_EN_EM) + m[0];
    last = m.index + m[0].length;
  }
  return result + educate(unescapeQuotesInText(html.slice(last)), DASHES_EN_EM);
}
