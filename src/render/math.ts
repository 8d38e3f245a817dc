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

function renderTex(tex: string, display: boolean): string {
  // throwOnError false: a typo shows in red on the slide instead of breaking the build.
  // Loaded on the first formula: most decks have none.
  katex ??= require('katex') as NonNullable<typeof katex>;
  return katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
}

const BLOCK = /^ {0,3}(?:\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\])[ \t]*(?:\n|$)/;
const INLINE = /^(?:\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\))/;

export function mathExtension(): MarkedExtension {
  return {
    extensions: [
      {
        name: 'math',
        level: 'block',
        start: (src: string) => src.match(/^ {0,3}(?:\$\$|\\\[)/m)?.index,
        tokenizer(src: string): MathToken | undefined {
          const m = BLOCK.exec(src);
          if (!m) return undefined;
          return { type: 'math', raw: m[0], tex: (m[1] ?? m[2])!.trim(), display: true };
        },
        renderer: (token) => `${renderTex((token as MathToken).tex, true)}\n`,
      },
      {
        name: 'math',
        level: 'inline',
        start: (src: string) => src.match(/\$\$|\\\[|\\\(/)?.index,
        tokenizer(src: string): MathToken | undefined {
          const m = INLINE.exec(src);
          if (!m) return undefined;
          return { type: 'math', raw: m[0], tex: (m[1] ?? m[2] ?? m[3])!.trim(), display: m[3] === undefined };
        },
        renderer: (token) => renderTex((token as MathToken).tex, (token as MathToken).display),
      },
    ],
  };
}

/** Whether rendered HTML holds math, so the page loads KaTeX's stylesheet only when needed. */
export function hasMath(html: string): boolean {
  return html.includes('class="katex');
}
