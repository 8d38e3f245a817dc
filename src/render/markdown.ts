/**
 * The markdown engine: one configured marked instance per deck (GFM, heading ids unique
 * across the deck, smartypants as mdslides turns it on, highlight.js for code).
 */
import { Marked, type Tokens } from 'marked';
import { gfmHeadingId, resetHeadings } from 'marked-gfm-heading-id';
import { renderCode } from './code.ts';
import { mathExtension } from './math.ts';
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
}

export function createMarkdownEngine(options: MarkdownOptions): MarkdownEngine {
  const marked = new Marked({ gfm: true, breaks: options.breaks, async: false });
  // `globalSlugs` (in the runtime, missing from the types) keeps ids unique across a deck's
  // slides, which share one page; `reset()` restarts them per deck.
  marked.use(gfmHeadingId({ globalSlugs: true } as Parameters<typeof gfmHeadingId>[0]));
  if (options.smartypants) marked.use({ hooks: { postprocess: smartPunctuation } });
  marked.use(mathExtension());
  marked.use({
    renderer: {
      code({ text, lang }: Tokens.Code) {
        return renderCode(text, lang ?? '');
      },
    },
  });
  return {
    render: (markdown) => marked.parse(markdown, { async: false }),
    linkDefinitions(markdown) {
      // Every definition has `]:` in it; most slides have none, and lexing costs a full pass.
      if (!markdown.includes(']:')) return {};
      const links = marked.lexer(markdown).links;
      const result: Record<string, { href: string; title: string | null }> = {};
      for (const [label, link] of Object.entries(links)) result[label] = { href: link.href, title: link.title ?? null };
      return result;
    },
    reset: () => resetHeadings(),
  };
}
