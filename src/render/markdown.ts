/**
 * The markdown engine: one configured marked instance per deck (GFM, heading ids unique
 * across the deck, smartypants as mdslides turns it on, highlight.js for code).
 */
import { Marked, type Tokens } from 'marked';
import { renderCode } from './code.ts';
import { HeadingIds, type HeadingRun } from './heading-ids.ts';
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
  /** The headings rendered since the last call, with their ids. */
  takeHeadings(): HeadingRun;
  /** Counts these headings as rendered, if they would get the same ids now (see heading-ids.ts). */
  replayHeadings(run: HeadingRun): boolean;
}

export function createMarkdownEngine(options: MarkdownOptions): MarkdownEngine {
  const marked = new Marked({ gfm: true, breaks: options.breaks, async: false });
  // Ids unique across a deck's slides, which share one page; `reset()` restarts them per deck.
  const headings = new HeadingIds();
  marked.use(headings.extension());
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
    reset: () => headings.reset(),
    takeHeadings: () => headings.takeRun(),
    replayHeadings: (run) => headings.replay(run),
  };
}
