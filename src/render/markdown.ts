/**
 * The markdown engine: one configured marked instance per deck (GFM, heading ids unique
 * across the deck, smartypants as mdslides turns it on, highlight.js for code).
 */
import htmlTags from 'html-tags';
import { Marked, type Tokens } from 'marked';
import { html as parse5Html } from 'parse5';
import { renderCode } from './code.ts';
import { HeadingIds, type HeadingRun } from './heading-ids.ts';
import { mathExtension, mayHaveMath, type MathError } from './math.ts';
import { smartPunctuation } from './smartypants.ts';

export interface MarkdownOptions {
  smartypants: boolean;
  /** marked's `breaks`: a single newline becomes `<br>` (off, as in reveal.js). */
  breaks: boolean;
}

export interface MarkdownEngine {
  /** Renders one slide (or notes) to HTML. */
  render(markdown: string): string;
  /** Link reference definitions a piece of markdown defines, lower-case label → target. */
  linkDefinitions(markdown: string): Record<string, { href: string; title: string | null }>;
  /** Starts a new deck: heading ids restart. */
  reset(): void;
  /** The headings rendered since the last call, with their ids. */
  takeHeadings(): HeadingRun;
  /** Counts these headings as rendered, if they would get the same ids now (see heading-ids.ts). */
  replayHeadings(run: HeadingRun): boolean;
  /** The placeholder tags (`<NAME>`) shown as text since the last call, as written, in document order. */
  takeTextTags(): string[];
  /** The formulas KaTeX could not read since the last call, in document order. */
  takeMathErrors(): MathError[];
}

/**
 * Element names a browser renders as elements: the standard list (html-tags), plus the obsolete
 * ones its parser still builds (`<center>`, `<font>`, `<big>`, `<tt>`, `<marquee>`: parse5's
 * table). parse5's table alone is not a list of elements: it names the tags the parser treats
 * specially and lacks `<mark>`, `<kbd>`, `<video>`.
 */
const HTML_ELEMENTS = new Set<string>([...htmlTags, ...Object.values(parse5Html.TAG_NAMES).map((name) => name.toLowerCase())]);
const TAG = /<(\/?)([A-Za-z][\w:-]*)([^<>]*)>/g;
/** Raw HTML whose inside is no markup: a tag-like text there is not shown, or shown as written. */
const OPAQUE = /<!--[\s\S]*?(?:-->|$)|<(script|style|textarea|title|xmp)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;

/**
 * `Hei! I'm <NAME>`: a tag the browser does not know, never closed, is a placeholder the author
 * meant as text; passed on as HTML it would vanish from the slide. Known elements, custom
 * elements (with a dash), tags closed somewhere in the same text (`<center>…</center>`),
 * everything inside `<svg>`/`<math>`, comments and `<script>`/`<style>` pass unchanged.
 */
class TextTags {
  #source = '';
  #foreignDepth = 0;
  #found: string[] = [];

  start(source: string): void {
    this.#source = source.toLowerCase();
    this.#foreignDepth = 0;
  }

  rewrite(html: string): string {
    let out = '';
    let last = 0;
    for (const opaque of html.matchAll(OPAQUE)) {
      out += this.#rewriteTags(html.slice(last, opaque.index)) + opaque[0];
      last = opaque.index + opaque[0].length;
    }
    return out + this.#rewriteTags(html.slice(last));
  }

  #rewriteTags(html: string): string {
    return html.replace(TAG, (tag, closing: string, name: string) => {
      const lower = name.toLowerCase();
      if (lower === 'svg' || lower === 'math') this.#foreignDepth = Math.max(0, this.#foreignDepth + (closing ? -1 : tag.endsWith('/>') ? 0 : 1));
      if (closing || this.#foreignDepth > 0 || HTML_ELEMENTS.has(lower) || lower.includes('-') || lower === 'svg' || lower === 'math') return tag;
      if (this.#source.includes(`</${lower}`)) return tag;
      this.#found.push(tag);
      return tag.replace(/</g, '&lt;').replace(/>/g, '&gt;');
    });
  }

  take(): string[] {
    return this.#found.splice(0);
  }
}

export function createMarkdownEngine(options: MarkdownOptions): MarkdownEngine {
  const marked = new Marked({ gfm: true, breaks: options.breaks, async: false });
  // Ids unique across a deck's slides, which share one page; `reset()` restarts them per deck.
  const headings = new HeadingIds();
  marked.use(headings.extension());
  if (options.smartypants) marked.use({ hooks: { postprocess: smartPunctuation } });
  let withMath = false;
  const mathErrors: MathError[] = [];
  marked.use(mathExtension(() => withMath, (error) => mathErrors.push(error)));
  const textTags = new TextTags();
  marked.use({
    renderer: {
      html({ text }: Tokens.HTML | Tokens.Tag) {
        return textTags.rewrite(text);
      },
      code({ text, lang }: Tokens.Code) {
        return renderCode(text, lang ?? '');
      },
    },
  });
  return {
    render: (markdown) => {
      textTags.start(markdown);
      withMath = mayHaveMath(markdown);
      return marked.parse(markdown, { async: false });
    },
    linkDefinitions(markdown) {
      // Every definition has `]:` in it; most slides have none, and lexing costs a full pass.
      if (!markdown.includes(']:')) return {};
      const links = marked.lexer(markdown).links;
      const result: Record<string, { href: string; title: string | null }> = {};
      for (const [label, link] of Object.entries(links)) result[label] = { href: link.href, title: link.title ?? null };
      return result;
    },
    reset: () => headings.reset(),
    takeHeadings: () => headings.takeRun(),
    replayHeadings: (run) => headings.replay(run),
    takeTextTags: () => textTags.take(),
    takeMathErrors: () => mathErrors.splice(0),
  };
}
