/**
 * Limits on the shapes that make markdown parsing super-linear, applied to the slides' text
 * before anything lexes it. marked re-reads a container's content once per nesting level (a list
 * 800 levels deep takes 3.5 s, 3000 levels never finish, one line of 4000 `>` overflows the
 * stack), and pairs emphasis marks in time quadratic in their number within one paragraph
 * (64,000 `_a` take 23 s). Past a limit the text is shown as written, with one warning where
 * it starts; line numbers never change. Pure: lines in, lines out.
 */
import type { Diagnostic } from '../shared/diagnostics.ts';
import { fencedLines } from './fences.ts';

export interface MarkdownLimits {
  /** Lists and block quotes nested deeper than this are shown as text (markdown-it's default is 100 too). */
  nesting: number;
  /**
   * Emphasis marks (`*`, `_`) past this many in one paragraph are shown as written. Marks in code
   * spans count too (they cost nothing to count that way) but are never escaped.
   */
  emphasisMarks: number;
}

export const DEFAULT_LIMITS: MarkdownLimits = { nesting: 100, emphasisMarks: 2000 };

interface Container {
  /**
   * The column of the item's marker: a line indented more is counted inside the item. That is
   * more than CommonMark counts (it wants the content's column), on purpose: marked re-reads
   * a staircase of items each indented a little more as if nested, and a limit must err on the
   * side of the time it takes.
   */
  markerColumn: number;
}

const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
/** A list marker or a quote marker at the start of the rest of a line, with the space after it. */
const MARKER = /^([ \t]*)(?:(>)[ \t]?|([-+*]|\d{1,9}[.)])(?:([ \t]+)|$))/;
/** Where a line starts a new inline run: a list item, a quote, a heading, a table row. */
const BLOCK_START = /^[ \t]*(?:[-+*][ \t]|\d{1,9}[.)][ \t]|>|#{1,6}[ \t]|\|)/;

/**
 * For each character of a line, whether it is inside a code span (`` `a_b` ``): a run of n
 * backticks up to the next run of exactly n. In one pass over the runs: a regex that looks
 * ahead for the closer is quadratic on a line of unmatched backticks.
 */
function codeSpanMask(line: string): Uint8Array {
  const mask = new Uint8Array(line.length);
  const runs: { start: number; length: number }[] = [];
  for (const m of line.matchAll(/`+/g)) runs.push({ start: m.index, length: m[0].length });
  // The index of the next run of each length, found from the end.
  const next = new Array<number>(runs.length).fill(-1);
  const seen = new Map<number, number>();
  for (let r = runs.length - 1; r >= 0; r--) {
    next[r] = seen.get(runs[r]!.length) ?? -1;
    seen.set(runs[r]!.length, r);
  }
  for (let r = 0; r < runs.length; ) {
    const close = next[r]!;
    if (close < 0) {
      r++;
      continue;
    }
    mask.fill(1, runs[r]!.start, runs[close]!.start + runs[close]!.length);
    r = close + 1;
  }
  return mask;
}

function countMarks(line: string): number {
  let n = 0;
  for (let i = line.indexOf('*'); i >= 0; i = line.indexOf('*', i + 1)) n++;
  for (let i = line.indexOf('_'); i >= 0; i = line.indexOf('_', i + 1)) n++;
  return n;
}

/** Width of leading whitespace, tabs to the next multiple of 4 (CommonMark). */
function indentWidth(whitespace: string, from = 0): number {
  let column = from;
  for (const ch of whitespace) column = ch === '\t' ? column + 4 - (column % 4) : column + 1;
  return column - from;
}

/**
 * `texts[i]` is written at `lineNumbers[i]`; a `null` entry ends every container (a slide
 * separator). Returns the texts to parse, the same length.
 */
export function limitMarkdown(
  texts: readonly (string | null)[],
  lineNumbers: readonly number[],
  limits: MarkdownLimits = DEFAULT_LIMITS,
): { texts: (string | null)[]; diagnostics: Diagnostic[] } {
  const out = [...texts];
  const diagnostics: Diagnostic[] = [];
  // Fences per slide: a fence left open does not run past a separator, which ends the slide's markdown.
  const fenced: boolean[] = [];
  for (let start = 0; start < texts.length; ) {
    let end = start;
    while (end < texts.length && texts[end] !== null) end++;
    for (const inside of fencedLines(texts.slice(start, end) as string[])) fenced.push(inside); // (a spread overflows the stack on 200,000 lines)
    if (end < texts.length) fenced.push(false);
    start = end + 1;
  }
  let stack: Container[] = [];
  let tooDeep: { first: number; last: number } | null = null;
  let marks = 0;
  let marksWarned = false;

  const flushDeep = () => {
    if (!tooDeep) return;
    diagnostics.push({
      severity: 'warning',
      code: 'nesting-too-deep',
      message: `lists or quotes are nested more than ${limits.nesting} levels deep; ${
        tooDeep.last > tooDeep.first ? `lines ${tooDeep.first}–${tooDeep.last} go` : `line ${tooDeep.first} goes`
      } deeper and ${tooDeep.last > tooDeep.first ? 'are' : 'is'} shown as text`,
      line: tooDeep.first,
      column: 1,
      hint: 'flatten the list; generated content is better as a table or a code block',
    });
    tooDeep = null;
  };

  for (let i = 0; i < texts.length; i++) {
    const text = texts[i] as string | null;
    if (text === null || text.trim() === '') {
      if (text === null) {
        stack = [];
        flushDeep();
      }
      marks = 0;
      marksWarned = false;
      continue;
    }
    if (fenced[i]) continue;
    const line = lineNumbers[i]!;
    let rewritten = text;

    // Containers: the indentation says which open ones this line continues, markers open more.
    const lead = /^[ \t]*/.exec(text)![0];
    const indent = indentWidth(lead);
    while (stack.length > 0 && indent <= stack[stack.length - 1]!.markerColumn) stack.pop();
    if (!THEMATIC_BREAK.test(text)) {
      let position = 0;
      let column = 0;
      let depth = stack.length;
      const opened: Container[] = [];
      for (;;) {
        const m = MARKER.exec(text.slice(position));
        if (!m) break;
        const markerAt = position + m[1]!.length;
        const markerColumn = column + indentWidth(m[1]!, column);
        if (depth + 1 > limits.nesting) {
          // Escaped, the marker is text, and unindented the line joins the deepest paragraph
          // allowed (a lazy continuation), so no level re-reads it.
          // (An ordered marker is escaped at its dot: `\\1.` would show the backslash.)
          const escapeAt = m[3] && /\d/.test(m[3]) ? markerAt + m[3].length - 1 : markerAt;
          const before = text.slice(0, markerAt);
          rewritten = `${before.trim() === '' ? '' : before}${text.slice(markerAt, escapeAt)}\\${text.slice(escapeAt)}`;
          // One warning for the slide's stretch, however many lines it covers.
          if (tooDeep) tooDeep.last = line;
          else tooDeep = { first: line, last: line };
          break;
        }
        depth++;
        const markerEnd = markerColumn + (m[2] ?? m[3]!).length;
        const contentColumn = m[2] ? markerEnd + (m[0].length > m[1]!.length + 1 ? 1 : 0) : markerEnd + Math.min(indentWidth(m[4] ?? ' ', markerEnd), 4);
        // A quote is kept by its marker on each line, not by indentation.
        if (!m[2]) opened.push({ markerColumn });
        position += m[0].length;
        column = contentColumn;
      }
      stack.push(...opened);
    }

    // Emphasis marks, counted per inline run (a paragraph, a list item's text). Most lines stay
    // under the limit: only a line that crosses it is rewritten.
    if (BLOCK_START.test(rewritten)) {
      marks = 0;
      marksWarned = false;
    }
    const before = marks;
    marks += countMarks(rewritten);
    if (marks > limits.emphasisMarks) {
      const inCode = codeSpanMask(rewritten);
      let seen = before;
      let escaped = '';
      for (let c = 0; c < rewritten.length; c++) {
        const ch = rewritten[c]!;
        if ((ch === '*' || ch === '_') && ++seen > limits.emphasisMarks && !inCode[c]) escaped += '\\';
        escaped += ch;
      }
      rewritten = escaped;
      if (!marksWarned) {
        marksWarned = true;
        diagnostics.push({
          severity: 'warning',
          code: 'too-many-emphasis-marks',
          message: `this paragraph has more than ${limits.emphasisMarks} emphasis marks (* and _); from here on they are shown as written`,
          line,
          column: 1,
          hint: 'put generated or symbol-heavy text in a code block',
        });
      }
    }
    out[i] = rewritten;
  }
  flushDeep();
  diagnostics.sort((a, b) => a.line - b.line);
  return { texts: out, diagnostics };
}
