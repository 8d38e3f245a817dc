/**
 * Headings are found line by line where that is exact, else by marked's lexer: on any text,
 * both ways give the same headings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findHeadings } from '../../../src/format/headings.ts';

const line = fc.constantFrom(
  '# One', '## Two', '###### Six', '####### seven', '#tag', '#', '# ', 'text', 'more text', '', '', '- item', '  - nested', '1. first',
  '> quote', '> # quoted', '```', '~~~', '    code', '\tcode', '| a | b |', '|---|---|', '***', '- - -', '* * *', '[x]: http://a',
  '$$', '\\[', 'Note:', '<!-- comment -->', '<div>', '</div>', '   # indented', 'Title', '===', '---', '\\# escaped', '# Closed #',
);
const text = fc.array(line, { maxLength: 30 }).map((lines) => lines.join('\n'));
/** Without the lines that send a text to the lexer: the line-by-line way is what is tested. */
const byLinesOnly = fc.array(line.filter((l) => !/^(?: {0,3}(?:=+|-+)[ \t]*$| {0,3}<| {1,3}#)/.test(l)), { maxLength: 30 }).map((lines) => lines.join('\n'));

describe('findHeadings', () => {
  it('finds by lines what the lexer finds', () => {
    fc.assert(
      fc.property(text, (source) => {
        expect(findHeadings(source)).toEqual(findHeadings(source, { lexer: true }));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds by lines what the lexer finds, on texts the line-by-line way takes', () => {
    fc.assert(
      fc.property(byLinesOnly, (source) => {
        expect(findHeadings(source)).toEqual(findHeadings(source, { lexer: true }));
      }),
      { numRuns: 4000 },
    );
  });
});
