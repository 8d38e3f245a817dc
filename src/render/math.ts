/**
 * Math, rendered at build time with KaTeX (no MathJax from a CDN, as mdslides loads). The
 * delimiters are MathJax 2's defaults, which mdslides decks are written for: `$$…$$` and
 * `\[…\]` for display math, `\(…\)` inline. A single `$` stays a dollar sign.
 */
import { createRequire } from 'node:module';
import type { KatexOptions } from 'katex';
import type { MarkedExtension, Tokens } from 'marked';

const require = createRequire(import.meta.url);
let katex: { renderToString(tex: string, options: KatexOptions): string } | undefined;

interface MathToken extends Tokens.Generic {
  type: 'math';
  raw: string;
  tex: string;
  display: boolean;
}

/** A formula KaTeX could not read: it shows in red on the slide, and the author is told. */
export interface MathError {
  tex: string;
  message: string;
}

function renderTex(tex: string, display: boolean, onError: (error: MathError) => void): string {
  // Loaded on the first formula: most decks have none.
  katex ??= require('katex') as NonNullable<typeof katex>;
  const options: KatexOptions = { displayMode: display, throwOnError: true, output: 'htmlAndMathml' };
  try {
    return katex.renderToString(tex, options);
  } catch (error) {
    // Rendered again without throwing: a typo shows in red on the slide instead of breaking it.
    onError({ tex, message: ((error as Error).message ?? String(error)).replace(/^KaTeX parse error: /, '') });
    return katex.renderToString(tex, { ...options, throwOnError: false });
  }
}

const BLOCK = /^ {0,3}(?:\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\])[ \t]*(?:\n|$)/;
const INLINE = /^(?:\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\))/;

/** Whether a text has a math delimiter at all: most slides have none, and then nothing is searched. */
export function mayHaveMath(markdown: string): boolean {
  return markdown.includes('$$') || markdown.includes('\\[') || markdown.includes('\\(');
}

/**
 * `active()` says whether the text being rendered may have math (see mayHaveMath): marked asks
 * an extension where it might start before every paragraph and every run of text, and a search
 * of the rest of the text each time is quadratic (100,000 paragraphs took 134 s).
 */
export function mathExtension(active: () => boolean, onError: (error: MathError) => void): MarkedExtension {
  return {
    extensions: [
      {
        name: 'math',
        level: 'block',
        // Only up to the paragraph's end: past a blank line a paragraph ends anyway.
        start: (src: string) => (active() ? paragraphOf(src).match(/^ {0,3}(?:\$\$|\\\[)/m)?.index : undefined),
        tokenizer(src: string): MathToken | undefined {
          if (!active()) return undefined;
          const m = BLOCK.exec(src);
          if (!m) return undefined;
          return { type: 'math', raw: m[0], tex: (m[1] ?? m[2])!.trim(), display: true };
        },
        renderer: (token) => `${renderTex((token as MathToken).tex, true, onError)}\n`,
      },
      {
        name: 'math',
        level: 'inline',
        start: (src: string) => (active() ? src.match(/\$\$|\\\[|\\\(/)?.index : undefined),
        tokenizer(src: string): MathToken | undefined {
          if (!active()) return undefined;
          const m = INLINE.exec(src);
          if (!m) return undefined;
          return { type: 'math', raw: m[0], tex: (m[1] ?? m[2] ?? m[3])!.trim(), display: m[3] === undefined };
        },
        renderer: (token) => renderTex((token as MathToken).tex, (token as MathToken).display, onError),
      },
    ],
  };
}

/** The text up to its first blank line. */
function paragraphOf(src: string): string {
  const end = src.search(/\n[ \t]*\n/);
  return end < 0 ? src : src.slice(0, end);
}

/** Whether rendered HTML holds math, so the page loads KaTeX's stylesheet only when needed. */
export function hasMath(html: string): boolean {
  return html.includes('class="katex');
}
