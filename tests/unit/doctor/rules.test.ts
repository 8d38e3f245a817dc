import { describe, expect, it } from 'vitest';
import {
  countFindings,
  describeDeckIndices,
  describeOverflow,
  findSkippedHeadings,
  formatFinding,
  indexExists,
  intersectBoxes,
  mergeFindings,
  minimumFontSize,
  overflowBeyond,
  parseSlideHash,
  snippet,
  unionBoxes,
  worstEdge,
  type DoctorFinding,
  type PipelineDiagnostic,
} from '../../../src/client/doctor/doctor-rules.ts';

const slide = { left: 0, top: 0, right: 960, bottom: 700 };

describe('overflow geometry', () => {
  it('unions boxes and ignores empty ones', () => {
    expect(unionBoxes([])).toBeNull();
    expect(
      unionBoxes([
        { left: 10, top: 20, right: 30, bottom: 40 },
        { left: 5, top: 25, right: 5, bottom: 25 },
        { left: 0, top: 30, right: 50, bottom: 90 },
      ]),
    ).toEqual({ left: 0, top: 20, right: 50, bottom: 90 });
  });

  it('intersects boxes', () => {
    expect(intersectBoxes({ left: 0, top: 0, right: 100, bottom: 100 }, { left: 50, top: 50, right: 200, bottom: 80 })).toEqual({ left: 50, top: 50, right: 100, bottom: 80 });
    expect(intersectBoxes({ left: 0, top: 0, right: 10, bottom: 10 }, { left: 20, top: 0, right: 30, bottom: 10 })).toBeNull();
  });

  it('finds content past the slide edges, beyond the tolerance only', () => {
    expect(overflowBeyond(slide, { left: 40, top: 100, right: 920, bottom: 600 })).toBeNull();
    expect(overflowBeyond(slide, null)).toBeNull();
    expect(overflowBeyond(slide, { left: 40, top: -0.8, right: 920, bottom: 700.9 })).toBeNull();
    expect(overflowBeyond(slide, { left: 40, top: 0, right: 972.2, bottom: 784.5 })).toEqual({ left: 0, top: 0, right: 13, bottom: 85 });
    expect(overflowBeyond(slide, { left: -3, top: -2, right: 900, bottom: 600 }, 1)).toEqual({ left: 3, top: 2, right: 0, bottom: 0 });
  });

  it('describes the overflow, worst edge first in the wording order', () => {
    expect(describeOverflow({ left: 0, top: 0, right: 0, bottom: 85 })).toBe('85 px past the bottom edge');
    expect(describeOverflow({ left: 0, top: 0, right: 13, bottom: 85 })).toBe('85 px past the bottom edge and 13 px past the right edge');
    expect(describeOverflow({ left: 2, top: 3, right: 13, bottom: 85 })).toBe('85 px past the bottom edge, 13 px past the right edge, 3 px past the top edge and 2 px past the left edge');
    expect(worstEdge({ left: 0, top: 0, right: 13, bottom: 85 })).toBe('bottom');
    expect(worstEdge({ left: 0, top: 0, right: 130, bottom: 85 })).toBe('right');
  });
});

describe('reveal.js hash links', () => {
  it('reads #/h/v, #/h and ids as reveal.js 6 does', () => {
    expect(parseSlideHash('#/9/9')).toEqual({ kind: 'index', h: 9, v: 9 });
    expect(parseSlideHash('#/2')).toEqual({ kind: 'index', h: 2, v: 0 });
    expect(parseSlideHash('#/')).toEqual({ kind: 'index', h: 0, v: 0 });
    expect(parseSlideHash('#/2/1/3')).toEqual({ kind: 'index', h: 2, v: 1 });
    expect(parseSlideHash('#/intro')).toEqual({ kind: 'id', id: 'intro' });
    expect(parseSlideHash('#intro')).toEqual({ kind: 'id', id: 'intro' });
    expect(parseSlideHash('#/intro/2')).toEqual({ kind: 'id', id: 'intro' });
    expect(parseSlideHash('#caf%C3%A9')).toEqual({ kind: 'id', id: 'café' });
    expect(parseSlideHash('#')).toEqual({ kind: 'none' });
    expect(parseSlideHash('https://example.org/#/1')).toEqual({ kind: 'none' });
  });

  it('counts from one with hashOneBasedIndex', () => {
    expect(parseSlideHash('#/1/1', true)).toEqual({ kind: 'index', h: 0, v: 0 });
    expect(parseSlideHash('#/3/2', true)).toEqual({ kind: 'index', h: 2, v: 1 });
  });

  it('knows which slides exist', () => {
    const slides = [
      { h: 0, v: 0 },
      { h: 1, v: 0 },
      { h: 1, v: 1 },
      { h: 2, v: 0 },
    ];
    expect(indexExists({ h: 1, v: 1 }, slides)).toBe(true);
    expect(indexExists({ h: 2, v: 0 }, slides)).toBe(true);
    expect(indexExists({ h: 2, v: 1 }, slides)).toBe(false);
    expect(indexExists({ h: 9, v: 9 }, slides)).toBe(false);
    expect(indexExists({ h: -1, v: 0 }, slides)).toBe(false);
    expect(describeDeckIndices(slides)).toBe('the deck has 3 horizontal slides (#/0 to #/2); #/1 has #/1/0 to #/1/1');
    expect(describeDeckIndices(slides, true)).toBe('the deck has 3 horizontal slides (#/1 to #/3); #/2 has #/2/1 to #/2/2');
  });
});

describe('heading order', () => {
  const h = (level: number, text: string) => ({ level, text, at: text });
  it('flags a heading more than one level below the one before it', () => {
    const skipped = findSkippedHeadings([h(1, 'Title'), h(2, 'A'), h(4, 'Deep'), h(2, 'B'), h(3, 'C'), h(1, 'Thanks'), h(3, 'Oops')]);
    expect(skipped.map((s) => [s.previous.text, s.heading.text])).toEqual([
      ['A', 'Deep'],
      ['Thanks', 'Oops'],
    ]);
  });
  it('lets the first heading be any level and going up any number of levels', () => {
    expect(findSkippedHeadings([h(3, 'x'), h(4, 'y'), h(1, 'z'), h(2, 'w')])).toEqual([]);
  });
});

describe('readable text', () => {
  it('scales the minimum with the slide height', () => {
    expect(minimumFontSize(700)).toBe(21);
    expect(minimumFontSize(1080)).toBe(32.4);
    expect(minimumFontSize(700, 0.05)).toBe(35);
  });
});

describe('snippets', () => {
  it('collapses white space and shortens', () => {
    expect(snippet('  a\n  b  ')).toBe('a b');
    expect(snippet('x'.repeat(60), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('one report from page findings and pipeline diagnostics', () => {
  const finding = (over: Partial<DoctorFinding>): DoctorFinding => ({
    severity: 'error',
    code: 'overflow',
    message: 'm',
    line: 7,
    slide: { h: 1, v: 0, number: 2 },
    ...over,
  });
  const diagnostic = (over: Partial<PipelineDiagnostic>): PipelineDiagnostic => ({ severity: 'warning', code: 'x', message: 'd', line: 1, column: 1, ...over });

  it('keeps both kinds, drops info, sorts by line with errors first', () => {
    const merged = mergeFindings(
      [finding({ line: 20 }), finding({ line: 7, severity: 'warning', code: 'missing-alt' })],
      [diagnostic({ line: 7, code: 'unknown-theme' }), diagnostic({ line: 3, severity: 'info', code: 'note' }), diagnostic({ line: 7, severity: 'error', code: 'invalid-utf8', column: 4 })],
    );
    expect(merged.map((f) => [f.line, f.severity, f.code, f.source])).toEqual([
      [7, 'error', 'invalid-utf8', 'pipeline'],
      [7, 'warning', 'missing-alt', 'browser'],
      [7, 'warning', 'unknown-theme', 'pipeline'],
      [20, 'error', 'overflow', 'browser'],
    ]);
  });

  it('makes one finding of a missing file seen by both, at the pipeline position', () => {
    const merged = mergeFindings(
      [finding({ code: 'broken-media', line: 26, target: 'media/nope.png', message: 'image "media/nope.png" does not load (HTTP 404)', slide: { h: 2, v: 0, number: 3 } })],
      [diagnostic({ code: 'missing-media', line: 28, column: 14, message: '"media/nope.png" (src) does not exist' }), diagnostic({ code: 'missing-media', line: 40, column: 3, message: '"media/other.png" (src) does not exist' })],
      [1, 7, 26, 32, 38],
    );
    expect(merged.map((f) => [f.line, f.column, f.severity, f.code, f.source])).toEqual([
      [28, 14, 'error', 'broken-media', 'browser'],
      [40, 3, 'warning', 'missing-media', 'pipeline'],
    ]);
  });

  it('does not merge the same file on another slide', () => {
    const merged = mergeFindings(
      [finding({ code: 'broken-media', line: 7, target: 'media/nope.png' })],
      [diagnostic({ code: 'missing-media', line: 30, column: 1, message: '"media/nope.png" (src) does not exist' })],
      [1, 7, 26],
    );
    expect(merged).toHaveLength(2);
  });

  it('counts and formats findings as file:line[:column]', () => {
    const merged = mergeFindings([finding({ hint: 'h' })], [diagnostic({ line: 2, column: 5, message: 'bad theme', code: 'unknown-theme' })]);
    expect(countFindings(merged)).toEqual({ errors: 1, warnings: 1 });
    expect(formatFinding('slides/x.md', merged[0]!)).toBe('slides/x.md:2:5: warning: bad theme [unknown-theme]');
    expect(formatFinding('slides/x.md', merged[1]!)).toBe('slides/x.md:7: error: m (slide 2, #/1) [overflow]');
    expect(formatFinding('s.md', { ...merged[1]!, slide: { h: 2, v: 3, number: 9 } })).toBe('s.md:7: error: m (slide 9, #/2/3) [overflow]');
  });
});
