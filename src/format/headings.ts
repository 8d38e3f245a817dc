/**
 * A markdown document without slide separators (minutes, a charter, a README) becomes a deck
 * by splitting at headings: headings down to the slide level start horizontal slides, the
 * level below starts vertical slides under them, deeper headings stay inside their slide.
 * Headings are found with marked's lexer, so setext headings count and code blocks do not.
 */
import { Lexer } from 'marked';

export interface HeadingBreak {
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
  const tokens = new Lexer({ gfm: true }).lex(text);
  const headings: Heading[] = [];
  let position = 0;
  tokens.forEach((token, i) => {
    const start = text.indexOf(token.raw, position);
    if (start < 0) return; // marked normalised this piece; keep going from where we were
    position = start + token.raw.length;
    if (token.type !== 'heading') return;
    const next = tokens.slice(i + 1).find((t) => t.type !== 'space');
    headings.push({
      lineIndex: countNewlines(text, start),
      depth: (token as { depth: number }).depth,
      followedByContent: next !== undefined && next.type !== 'heading',
    });
  });
  return headings;
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Pandoc's rule: the slide level is the highest heading level that is followed directly by
 * content somewhere in the document.
 */
export function defaultSlideLevel(text: string): number {
  const levels = findHeadings(text)
    .filter((h) => h.followedByContent)
    .map((h) => h.depth);
  return levels.length ? Math.min(...levels) : 1;
}

export function headingBreaks(text: string, slideLevel: number, vertical = true): HeadingBreak[] {
  const breaks: HeadingBreak[] = [];
  for (const h of findHeadings(text)) {
    if (h.depth <= slideLevel) breaks.push({ lineIndex: h.lineIndex, kind: 'horizontal' });
    else if (vertical && h.depth === slideLevel + 1) breaks.push({ lineIndex: h.lineIndex, kind: 'vertical' });
  }
  return breaks;
}
