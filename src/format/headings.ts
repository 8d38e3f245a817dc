/**
 * A markdown document without slide separators (minutes, a charter, a README) becomes a deck
 * by splitting at headings: headings down to the slide level start horizontal slides, the
 * level below starts vertical slides under them, deeper headings stay inside their slide.
 * Headings are found with marked's lexer, so setext headings count and code blocks do not.
 */
import { Lexer } from 'marked';

interface HeadingBreak {
  /** 0-based index of the heading's first line in the text. */
  lineIndex: number;
  kind: 'horizontal' | 'vertical';
}

interface Heading {
  lineIndex: number;
  depth: number;
  /** Content (not another heading) follows it directly. */
  followedByContent: boolean;
}

function findHeadings(text: string): Heading[] {
  // Block tokens only: headings are blocks, and the inline pass would double the cost.
  const tokens = new Lexer({ gfm: true }).blockTokens(text.replace(/\r\n?/g, "\n"));
  const headings: Heading[] = [];
  let position = 0;
  // Lines are counted as the scan moves on, not from the top again for every heading.
  let lineIndex = 0;
  let counted = 0;
  tokens.forEach((token, i) => {
    const start = text.indexOf(token.raw, position);
    if (start < 0) return; // marked normalised this piece; keep going from where we were
    lineIndex += countNewlines(text, counted, start);
    counted = start;
    position = start + token.raw.length;
    if (token.type !== 'heading') return;
    let j = i + 1;
    while (tokens[j]?.type === 'space') j++;
    headings.push({
      lineIndex,
      depth: (token as { depth: number }).depth,
      followedByContent: j < tokens.length && tokens[j]!.type !== 'heading',
    });
  });
  return headings;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * The heading breaks of `text`. Without a `slideLevel`, Pandoc's rule picks it: the highest
 * heading level that is followed directly by content somewhere in the document. (One lexing
 * pass serves both: the document is lexed once, not once for the level and again for the breaks.)
 */
export function headingBreaks(text: string, slideLevel: number | null): HeadingBreak[] {
  const headings = findHeadings(text);
  const levels = headings.filter((h) => h.followedByContent).map((h) => h.depth);
  const level = slideLevel ?? (levels.length ? Math.min(...levels) : 1);
  const breaks: HeadingBreak[] = [];
  for (const h of headings) {
    if (h.depth <= level) breaks.push({ lineIndex: h.lineIndex, kind: 'horizontal' });
    else if (h.depth === level + 1) breaks.push({ lineIndex: h.lineIndex, kind: 'vertical' });
  }
  return breaks;
}
