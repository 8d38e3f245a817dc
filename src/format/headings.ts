/**
 * A markdown document without slide separators (minutes, a charter, a README) becomes a deck
 * by splitting at headings: headings down to the slide level start horizontal slides, the
 * level below starts vertical slides under them, deeper headings stay inside their slide.
 * Headings are found with marked's lexer, so setext headings count and code blocks do not.
 */
import { Lexer } from 'marked';
import { fencedLines } from './fences.ts';

interface HeadingBreak {
  /** 0-based index of the heading's first line in the text. */
  lineIndex: number;
  kind: 'horizontal' | 'vertical';
}

export interface Heading {
  lineIndex: number;
  depth: number;
  /** Content (not another heading) follows it directly. */
  followedByContent: boolean;
}

/** Lines that make a heading's meaning depend on context: setext underlines, HTML blocks, indented `#`s. */
const NEEDS_LEXER = /^(?: {0,3}(?:=+|-+)[ \t]*$| {0,3}<| {1,3}#{1,6}(?:[ \t]|$))/;
const ATX = /^(#{1,6})(?:[ \t]|$)/;

/**
 * The headings of a text whose only headings are ATX ones at column 0 and that has no setext
 * underline and no HTML block: then a heading is exactly such a line outside fenced code, as
 * marked finds it (an ATX heading ends any paragraph, list or quote before it), in one pass over
 * the lines instead of a block lexing (1.2 s of a 5 MB list). Null when the text needs the lexer.
 */
function findHeadingsByLines(text: string): Heading[] | null {
  const lines = text.split('\n');
  const fenced = fencedLines(lines);
  const headings: Heading[] = [];
  let open: Heading | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fenced[i]) {
      if (open) open.followedByContent = true;
      open = null;
      continue;
    }
    if (NEEDS_LEXER.test(line)) return null;
    const m = ATX.exec(line);
    if (m) {
      open = { lineIndex: i, depth: m[1]!.length, followedByContent: false };
      headings.push(open);
    } else if (open && line.trim() !== '') {
      open.followedByContent = true;
      open = null;
    }
  }
  return headings;
}

/** `lexer: true` always lexes (the test that holds both ways to one answer). */
export function findHeadings(text: string, options: { lexer?: boolean } = {}): Heading[] {
  const byLines = options.lexer ? null : findHeadingsByLines(text);
  if (byLines) return byLines;
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
