import { describe, expect, it } from 'vitest';
import { limitMarkdown } from '../../../src/format/limits.ts';
import { parseDeck } from '../../../src/format/parser.ts';
import { compileDeck } from '../../../src/pipeline.ts';

const lineNumbers = (texts: readonly unknown[]) => texts.map((_, i) => i + 1);
const nestedList = (depth: number) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`);

describe('limitMarkdown: nesting', () => {
  it('leaves lists within the limit as they are', () => {
    const texts = nestedList(5);
    const result = limitMarkdown(texts, lineNumbers(texts), { nesting: 5, emphasisMarks: 100 });
    expect(result.texts).toEqual(texts);
    expect(result.diagnostics).toEqual([]);
  });

  it('shows the levels past the limit as text, with one warning at the first such line', () => {
    const texts = nestedList(8);
    const result = limitMarkdown(texts, lineNumbers(texts), { nesting: 5, emphasisMarks: 100 });
    expect(result.texts.slice(0, 5)).toEqual(texts.slice(0, 5));
    expect(result.texts.slice(5)).toEqual(['\\- level 6', '\\- level 7', '\\- level 8']);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'nesting-too-deep', line: 6, column: 1 });
    expect(result.diagnostics[0]!.message).toContain('lines 6–8');
  });

  it('counts markers on one line, quotes and ordered lists alike', () => {
    const texts = ['> '.repeat(3) + '- 1. - x'];
    const result = limitMarkdown(texts, [7], { nesting: 4, emphasisMarks: 100 });
    expect(result.texts[0]).toBe('> > > - 1\\. - x');
    expect(result.diagnostics[0]).toMatchObject({ line: 7, message: expect.stringContaining('line 7 goes') });
  });

  it('lets a list end: a shallower line is within the limit again', () => {
    const texts = [...nestedList(4), '- back at the top', '  - one in'];
    const result = limitMarkdown(texts, lineNumbers(texts), { nesting: 3, emphasisMarks: 100 });
    expect(result.texts.slice(4)).toEqual(texts.slice(4));
  });

  it('does not count code, thematic breaks or a separator (null) as nesting', () => {
    const texts = ['```', ...nestedList(6), '```', '- - -', '* * *', ...nestedList(2), null, ...nestedList(2).map((l) => `    ${l}`)];
    const result = limitMarkdown(texts, lineNumbers(texts), { nesting: 2, emphasisMarks: 100 });
    expect(result.texts).toEqual(texts);
  });
});

describe('limitMarkdown: emphasis marks', () => {
  it('shows the marks past the limit of one paragraph as written, those in code spans counted but kept', () => {
    const texts = ['*a* *b* `*c*` _d_ *e*'];
    const result = limitMarkdown(texts, [3], { nesting: 10, emphasisMarks: 5 });
    expect(result.texts[0]).toBe('*a* *b* `*c*` \\_d\\_ \\*e\\*');
    expect(result.diagnostics).toMatchObject([{ code: 'too-many-emphasis-marks', line: 3 }]);
  });

  it('counts each paragraph and each list item apart', () => {
    const texts = ['*a* *b*', '', '*c* *d*', '- *e* *f*', '- *g* *h*'];
    expect(limitMarkdown(texts, lineNumbers(texts), { nesting: 10, emphasisMarks: 4 })).toEqual({ texts, diagnostics: [] });
  });

  it('finds code spans in linear time on a line of unmatched backticks', () => {
    const line = '`a'.repeat(200_000) + ' _x_';
    // Past the limit, so the code spans are searched; a quadratic search would not end in the test's time.
    const result = limitMarkdown([line], [1], { nesting: 10, emphasisMarks: 0 });
    expect(result.texts[0]).toBe(line.replace(' _x_', ' \\_x\\_'));
  });
});

describe('the limits in a deck', () => {
  it('renders a list 3000 levels deep, the deep part as text, with a warning at its line', () => {
    const source = ['# Deep', '', ...nestedList(3000)].join('\n');
    const compiled = compileDeck(source);
    const warning = compiled.diagnostics.find((d) => d.code === 'nesting-too-deep');
    expect(warning).toMatchObject({ line: 103 });
    expect(compiled.rendered.slidesHtml).toContain('level 3000');
    expect(compiled.rendered.slidesHtml.match(/<ul>/g)).toHaveLength(100);
  });

  it('keeps a line of 4000 quote markers from overflowing the stack', () => {
    const deck = parseDeck(`${'>'.repeat(4000)} x`);
    expect(deck.diagnostics.map((d) => d.code)).toContain('nesting-too-deep');
    expect(() => compileDeck(`${'>'.repeat(4000)} x`)).not.toThrow();
  });
});

describe('limits past an unclosed fence', () => {
  it('apply again after a separator (the fence ends with its slide)', () => {
    const source = `\`\`\`js\n\n[comment]: # (!!!)\n\n${'- '.repeat(5000)}x\n`;
    const compiled = compileDeck(source);
    expect(compiled.diagnostics.map((d) => d.code)).toContain('nesting-too-deep');
    expect(compiled.diagnostics.map((d) => d.code)).not.toContain('slide-failed');
  });
});

describe('a long deck', () => {
  it('of 300,000 lines in one slide goes through', () => {
    const texts = Array.from({ length: 300_000 }, (_, i) => `- item ${i}`);
    expect(limitMarkdown(texts, lineNumbers(texts)).texts).toHaveLength(300_000);
  });
});
