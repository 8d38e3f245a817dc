/**
 * Turning repaired lines into what the author reads: each change as file:line:column,
 * before → after (whole words, so "JosÃ©" → "José" rather than "Ã©" → "é"), one summary warning
 * per deck, and a warning for each spot that looks broken but could not be decided.
 */
import type { Diagnostic } from '../shared/diagnostics.ts';
import { diffLine, type Hunk } from './align.ts';

export interface Repair {
  /** 1-based line in the original source. */
  line: number;
  /** 1-based column (UTF-16 code units) in the original source. */
  column: number;
  before: string;
  after: string;
  kind: 'ftfy' | 'dropped-byte';
}

export interface AmbiguousReport {
  line: number;
  column: number;
  before: string;
  options: string[];
  /** Set when the spot was repaired anyway, as ftfy would (the evidence tied): the choice made. */
  chosen?: string;
}

const SPACE = /\s/;

/** Widens hunks to whole words (runs without whitespace) and merges those that touch. */
function wordHunks(a: string, b: string, hunks: readonly Hunk[]): Hunk[] {
  const out: Hunk[] = [];
  for (const h of hunks) {
    const g = { ...h };
    // Text outside hunks is common to both lines, so both sides move together.
    while (g.a0 > 0 && g.b0 > 0 && !SPACE.test(a[g.a0 - 1]!) && !inHunk(out, g.a0 - 1)) {
      g.a0--;
      g.b0--;
    }
    while (g.a1 < a.length && g.b1 < b.length && !SPACE.test(a[g.a1]!) && a[g.a1] === b[g.b1]) {
      g.a1++;
      g.b1++;
    }
    const last = out[out.length - 1];
    if (last && g.a0 <= last.a1) {
      last.a1 = Math.max(last.a1, g.a1);
      last.b1 = Math.max(last.b1, g.b1);
    } else out.push(g);
  }
  return out;
}

function inHunk(hunks: readonly Hunk[], offset: number): boolean {
  const last = hunks[hunks.length - 1];
  return Boolean(last && offset < last.a1);
}

/**
 * Word hunks without a character diff, when the repair kept every run of whitespace (the usual
 * case): the words that differ, pairwise. Null when the whitespace differs. (What splitting both
 * lines at /(\s+)/ and comparing the parts gives, read in step without making the parts.)
 */
function wordHunksBySpaces(a: string, b: string): Hunk[] | null {
  // The lines share a prefix and a suffix: their words there are the same. Start at a word
  // start before the first difference (the lines split alike up to there), and stop once what
  // is left of both is the same text.
  const shortest = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < shortest && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  let start = prefix;
  while (start > 0 && isSpaceCode(a.charCodeAt(start - 1))) start--;
  while (start > 0 && !isSpaceCode(a.charCodeAt(start - 1))) start--;
  const hunks: Hunk[] = [];
  let oa = start;
  let ob = start;
  for (;;) {
    if (a.length - oa === b.length - ob && a.length - oa <= suffix) return hunks;
    const ea = spaceFrom(a, oa);
    const eb = spaceFrom(b, ob);
    if (!sameText(a, oa, ea, b, ob, eb)) {
      const last = hunks[hunks.length - 1];
      if (last && last.a1 === oa) Object.assign(last, { a1: ea, b1: eb });
      else hunks.push({ a0: oa, a1: ea, b0: ob, b1: eb });
    }
    // One line has more parts than the other.
    if (ea === a.length || eb === b.length) return ea === a.length && eb === b.length ? hunks : null;
    oa = wordFrom(a, ea);
    ob = wordFrom(b, eb);
    if (!sameText(a, ea, oa, b, eb, ob)) return null; // a separator changed
  }
}

/** What /\s/ matches (without the u flag; all of it is in the BMP). */
function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** The first whitespace at or after `i` (or the end). */
function spaceFrom(s: string, i: number): number {
  while (i < s.length && !isSpaceCode(s.charCodeAt(i))) i++;
  return i;
}

/** The first non-whitespace at or after `i` (or the end). */
function wordFrom(s: string, i: number): number {
  while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++;
  return i;
}

function sameText(a: string, a0: number, a1: number, b: string, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false;
  for (let k = 0; k < a1 - a0; k++) if (a.charCodeAt(a0 + k) !== b.charCodeAt(b0 + k)) return false;
  return true;
}

/** The repairs of one line, word by word. `restored` lists the characters recovered from lost bytes. */
export function lineRepairs(lineNumber: number, before: string, after: string, restored: readonly string[]): Repair[] {
  const pending = [...restored];
  return (wordHunksBySpaces(before, after) ?? wordHunks(before, after, diffLine(before, after))).map((h) => {
    const afterText = after.slice(h.b0, h.b1);
    let kind: Repair['kind'] = 'ftfy';
    for (let k = 0; k < pending.length; k++) {
      if (afterText.includes(pending[k]!)) {
        kind = 'dropped-byte';
        pending.splice(k, 1);
        k--;
      }
    }
    return { line: lineNumber, column: h.a0 + 1, before: before.slice(h.a0, h.a1), after: afterText, kind };
  });
}

const INVISIBLE = /[\u0000-\u001f\u007f-\u00a0\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/gu;

/** Shows invisible characters (soft hyphen, C1 controls, no-break space) in messages. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (ch) => {
    if (ch === '\u00a0') return '\u237d'; // ⍽, the usual picture of a no-break space
    return `<U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}

function quote(text: string): string {
  return `"${visible(text)}"`;
}

export interface ReportInput {
  repairs: readonly Repair[];
  ambiguous: readonly AmbiguousReport[];
  /** Original and repaired text of each changed line, by 1-based line number. */
  changedLines: ReadonlyMap<number, { before: string; after: string }>;
  file?: string;
}

export function buildDiagnostics({ repairs, ambiguous, changedLines, file }: ReportInput): Diagnostic[] {
  const target = file ?? 'FILE';
  const diagnostics: Diagnostic[] = [];
  if (repairs.length > 0) {
    const first = repairs[0]!;
    const firstLine = repairs.filter((r) => r.line === first.line);
    const lastOfLine = firstLine[firstLine.length - 1]!;
    const line = changedLines.get(first.line);
    // The first line's change from its first to its last repaired word.
    let before = first.before;
    let after = first.after;
    if (line) {
      const start = first.column - 1;
      const endBefore = lastOfLine.column - 1 + lastOfLine.before.length;
      const tail = line.before.length - endBefore;
      before = line.before.slice(start, endBefore);
      after = line.after.slice(start, line.after.length - tail);
    }
    const lines = changedLines.size;
    const lost = repairs.filter((r) => r.kind === 'dropped-byte').length;
    diagnostics.push({
      severity: 'warning',
      code: 'mojibake-repaired',
      message:
        `repaired mojibake on ${lines} line${lines === 1 ? '' : 's'} (first: line ${first.line} ${quote(before)} → ${quote(after)})` +
        (lost ? `, ${lost} with a lost byte recovered` : '') +
        `; run \`npm run fix-encoding -- --write ${target}\` to fix the source`,
      line: first.line,
      column: first.column,
      hint: `to list every repair: npm run fix-encoding -- --check ${target}`,
    });
  }
  for (const r of repairs) {
    diagnostics.push({
      severity: 'info',
      code: 'mojibake-repair-detail',
      message: `${quote(r.before)} → ${quote(r.after)}${r.kind === 'dropped-byte' ? ' (a lost byte recovered)' : ''}`,
      line: r.line,
      column: r.column,
    });
  }
  for (const a of ambiguous) {
    const options = a.options.slice(0, 6).map(quote).join(', ') + (a.options.length > 6 ? ', …' : '');
    diagnostics.push({
      severity: 'warning',
      code: 'mojibake-ambiguous',
      message:
        a.chosen === undefined
          ? `${quote(a.before)} looks like mojibake that lost a byte, but the text does not say which: ${options}; left as it is`
          : `${quote(a.before)} lost a byte and was repaired to ${quote(a.chosen)} as ftfy would, but the text does not rule out the others: ${options}`,
      line: a.line,
      column: a.column,
      hint: a.chosen === undefined ? 'type the intended character in the source' : 'check the word, and type the intended character in the source',
    });
  }
  return diagnostics;
}
