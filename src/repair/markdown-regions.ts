/**
 * Where the code is in a markdown deck: fenced blocks and inline code spans. A slide about
 * encodings may show mojibake on purpose, so when only part of a deck is damaged the repair
 * leaves code alone.
 *
 * Deliberately small (CommonMark-like, line based): fences of three or more backticks or
 * tildes, at any indentation and after blockquote markers; inline spans opened and closed by
 * backtick runs of equal length on the same line. Code spans that wrap onto the next line and
 * indented (four-space) code blocks are treated as prose.
 */
import { lineOf } from './precheck.ts';

export interface LineRegions {
  /** The whole line belongs to a fenced code block (fence lines included). */
  fenced: boolean;
  /** Inline code spans as [start, end) UTF-16 offsets, backticks included. */
  codeSpans: [number, number][];
}

const FENCE_OPEN = /^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})(.*)$/;

/**
 * The fenced code blocks of a whole text, as inclusive [first, last] line ranges (0-based), from
 * one scan for fence-like lines. `lineStarts[i]` is the offset of line i.
 */
export function findFencedBlocks(text: string, lineStarts: readonly number[]): [number, number][] {
  const blocks: [number, number][] = [];
  const lineAt = (offset: number) => lineOf(lineStarts, offset);
  let open: { char: string; length: number; line: number } | null = null;
  for (const m of text.matchAll(FENCE_LINE)) {
    const line = lineAt(m.index);
    const end = text.indexOf('\n', m.index);
    const whole = FENCE_OPEN.exec(text.slice(m.index, end < 0 ? text.length : end).replace(/\r$/, ''));
    if (!whole) continue;
    const [, fence, info] = whole as unknown as [string, string, string];
    if (open) {
      if (fence[0] === open.char && fence.length >= open.length && info.trim() === '') {
        blocks.push([open.line, line]);
        open = null;
      }
    } else if (!(fence[0] === '`' && info.includes('`'))) {
      open = { char: fence[0]!, length: fence.length, line };
    }
  }
  if (open) blocks.push([open.line, lineStarts.length - 1]);
  return blocks;
}

const FENCE_LINE = /^(?:[ \t]*>)*[ \t]*(?:`{3,}|~{3,})/gm;

/** Inline code spans on one line: a run of n backticks up to the next run of exactly n. */
export function findCodeSpans(line: string): [number, number][] {
  const spans: [number, number][] = [];
  if (!line.includes('`')) return spans;
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === '\\') {
      i += 2; // an escaped character (including an escaped backtick) is literal outside code
      continue;
    }
    if (ch !== '`') {
      i++;
      continue;
    }
    const open = runLength(line, i);
    let j = i + open;
    let close = -1;
    while (j < line.length) {
      if (line[j] === '`') {
        const run = runLength(line, j);
        if (run === open) {
          close = j;
          break;
        }
        j += run;
      } else j++;
    }
    if (close < 0) {
      i += open; // no matching run: the backticks are literal
      continue;
    }
    spans.push([i, close + open]);
    i = close + open;
  }
  return spans;
}

function runLength(line: string, start: number): number {
  let end = start;
  while (line[end] === '`') end++;
  return end - start;
}

export interface Segment {
  text: string;
  /** Offset of the segment in its line. */
  start: number;
  code: boolean;
}

/** Splits a line into alternating prose and code segments (concatenated, they give the line). */
export function segmentLine(line: string, regions: LineRegions): Segment[] {
  if (regions.fenced) return [{ text: line, start: 0, code: true }];
  const segments: Segment[] = [];
  let at = 0;
  for (const [start, end] of regions.codeSpans) {
    if (start > at) segments.push({ text: line.slice(at, start), start: at, code: false });
    segments.push({ text: line.slice(start, end), start, code: true });
    at = end;
  }
  if (at < line.length || segments.length === 0) segments.push({ text: line.slice(at), start: at, code: false });
  return segments;
}
