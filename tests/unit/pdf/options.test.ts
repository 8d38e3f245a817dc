import { describe, expect, it } from 'vitest';
import {
  SettingError,
  buildOutline,
  cleanTitle,
  deckOptionSettings,
  formatDeckLine,
  formatSummary,
  frontMatterSettings,
  parseNotes,
  parseRangeSpec,
  parseSize,
  planPages,
  printQuery,
  resolveSettings,
  type LayoutItem,
} from '../../../src/export/pdf/options.ts';

describe('option values', () => {
  it('parses notes modes and rejects others with the choices', () => {
    expect(parseNotes('page')).toBe('page');
    expect(parseNotes('below')).toBe('below');
    expect(() => parseNotes('separate')).toThrow(/none.*page.*below/);
  });

  it('parses sizes', () => {
    expect(parseSize('1280x720')).toEqual({ width: 1280, height: 720 });
    expect(parseSize('1024×768')).toEqual({ width: 1024, height: 768 });
    expect(() => parseSize('1280')).toThrow(SettingError);
    expect(() => parseSize('0x720')).toThrow(/WIDTHxHEIGHT/);
  });

  it('parses ranges sorted and unique', () => {
    expect(parseRangeSpec('5,1,3-4,4')).toEqual([1, 3, 4, 5]);
    expect(parseRangeSpec(' 2 - 3 ')).toEqual([2, 3]);
    expect(() => parseRangeSpec('3-1')).toThrow(/empty/);
    expect(() => parseRangeSpec('a')).toThrow(/not a slide number/);
    expect(() => parseRangeSpec('0')).toThrow(SettingError);
  });
});

describe('settings precedence: command line > front matter > reveal options > defaults', () => {
  it('uses the defaults when nothing is set', () => {
    const r = resolveSettings({ cli: {} });
    expect(r.settings).toEqual({ notes: 'none', fragments: false, range: null, size: null, theme: null });
    expect(Object.values(r.sources)).toEqual(['default', 'default', 'default', 'default', 'default']);
  });

  it('reads the deck reveal options (showNotes, pdfSeparateFragments)', () => {
    const r = resolveSettings({ cli: {}, deckOptions: { showNotes: 'separate-page', pdfSeparateFragments: true, width: 1280 } });
    expect(r.settings).toMatchObject({ notes: 'page', fragments: true, size: null });
    expect(r.sources.notes).toBe('deck option');
    expect(resolveSettings({ cli: {}, deckOptions: { showNotes: true } }).settings.notes).toBe('below');
  });

  it('lets front matter win over reveal options, and the command line over both, key by key', () => {
    const layers = {
      frontMatter: { notes: 'below', range: '2-3', size: '1280x720', theme: 'white' },
      deckOptions: { showNotes: 'separate-page', pdfSeparateFragments: true },
    };
    const fromDeck = resolveSettings({ cli: {}, ...layers });
    expect(fromDeck.settings).toEqual({ notes: 'below', fragments: true, range: [2, 3], size: { width: 1280, height: 720 }, theme: 'white' });
    expect(fromDeck.sources).toEqual({ notes: 'front matter', fragments: 'deck option', range: 'front matter', size: 'front matter', theme: 'front matter' });
    const fromCli = resolveSettings({ cli: { notes: 'none', fragments: false }, ...layers });
    expect(fromCli.settings.notes).toBe('none');
    expect(fromCli.settings.fragments).toBe(false);
    expect(fromCli.settings.range).toEqual([2, 3]);
    expect(fromCli.sources.notes).toBe('command line');
  });

  it('reports bad front matter values and ignores them', () => {
    const r = frontMatterSettings({ notes: 'sometimes', fragments: 'yes', range: 'x', size: 12, colour: 'red' });
    expect(r.settings).toEqual({});
    expect(r.warnings).toHaveLength(5);
    expect(r.warnings.join('\n')).toMatch(/pdf\.colour is not a PDF setting/);
    expect(frontMatterSettings('page').warnings[0]).toMatch(/must be a map/);
    expect(frontMatterSettings({ range: [1, '3-4'], size: { width: 800, height: 600 } }).settings).toEqual({ range: [1, 3, 4], size: { width: 800, height: 600 } });
  });

  it('warns about reveal option values it cannot use', () => {
    expect(deckOptionSettings({ showNotes: 'sideways' }).warnings[0]).toMatch(/showNotes/);
  });
});

describe('print query', () => {
  it('always states notes and fragments (reveal defaults pdfSeparateFragments to true)', () => {
    expect(printQuery({ notes: 'none', fragments: false, range: null, size: null, theme: null })).toBe('?print-pdf&showNotes=false&pdfSeparateFragments=false');
    expect(printQuery({ notes: 'page', fragments: true, range: [1], size: { width: 1280, height: 720 }, theme: 'black' })).toBe(
      '?print-pdf&showNotes=separate-page&pdfSeparateFragments=true&width=1280&height=720',
    );
    expect(printQuery({ notes: 'below', fragments: false, range: null, size: null, theme: null })).toContain('showNotes=true');
  });
});

describe('page plan', () => {
  // As reveal's print view makes them: slide 1 page, its notes page, then its fragment steps.
  const items: LayoutItem[] = [
    { id: 0, slide: 1, kind: 'slide', pages: 1 },
    { id: 1, slide: 1, kind: 'notes', pages: 1 },
    { id: 2, slide: 1, kind: 'step', pages: 1 },
    { id: 3, slide: 1, kind: 'step', pages: 1 },
    { id: 4, slide: 2, kind: 'slide', pages: 2 },
    { id: 5, slide: 2, kind: 'notes', pages: 1 },
    { id: 6, slide: 3, kind: 'slide', pages: 1 },
  ];

  it('puts notes pages after the last fragment step and counts tall slides', () => {
    const plan = planPages(items, null, 3);
    expect(plan.keep).toEqual([0, 2, 3, 1, 4, 5, 6]);
    expect([...plan.firstPage]).toEqual([
      [1, 1],
      [2, 5],
      [3, 8],
    ]);
    expect(plan.pageCount).toBe(8);
    expect(plan.missing).toEqual([]);
  });

  it('keeps only the slides in the range, with their steps and notes', () => {
    const plan = planPages(items, [2, 3, 9], 3);
    expect(plan.keep).toEqual([4, 5, 6]);
    expect(plan.firstPage.get(2)).toBe(1);
    expect(plan.firstPage.has(1)).toBe(false);
    expect(plan.pageCount).toBe(4);
    expect(plan.missing).toEqual([9]);
  });

  it('selects nothing when the range is beyond the deck', () => {
    const plan = planPages(items, [7], 3);
    expect(plan.keep).toEqual([]);
    expect(plan.pageCount).toBe(0);
  });
});

describe('outline', () => {
  const slides = [
    { slide: 1, h: 0, v: 0, title: 'Title' },
    { slide: 2, h: 1, v: 0, title: 'Stack top' },
    { slide: 3, h: 1, v: 1, title: 'Below' },
    { slide: 4, h: 1, v: 2, title: 'Further below' },
    { slide: 5, h: 2, v: 0, title: 'End' },
  ];
  const plan = (range: number[] | null) =>
    planPages(
      slides.map((s, i) => ({ id: i, slide: s.slide, kind: 'slide' as const, pages: 1 })),
      range,
      5,
    );

  it('nests the slides of a vertical stack under its first slide', () => {
    const outline = buildOutline(slides, plan(null));
    expect(outline.map((n) => [n.title, n.page, n.children.map((c) => [c.title, c.page])])).toEqual([
      ['Title', 1, []],
      ['Stack top', 2, [['Below', 3], ['Further below', 4]]],
      ['End', 5, []],
    ]);
  });

  it('leaves out slides outside the range; the first printed slide of a stack leads it', () => {
    const outline = buildOutline(slides, plan([3, 4, 5]));
    expect(outline.map((n) => [n.title, n.page, n.children.length])).toEqual([
      ['Below', 1, 1],
      ['End', 3, 0],
    ]);
  });

  it('cleans titles', () => {
    expect(cleanTitle('  An update on\n  CPANSec ')).toBe('An update on CPANSec');
    expect(cleanTitle('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('terminal lines', () => {
  it('formats a deck line with pages and time, and failures with the reason', () => {
    expect(formatDeckLine({ name: 'talk', ok: true, file: 'exports/talk.pdf', pages: 16, ms: 1234, warnings: [] })).toBe(
      '  ✓ talk → exports/talk.pdf (16 pages, 1.23 s)',
    );
    expect(formatDeckLine({ name: 'slow', ok: false, ms: 60000, error: 'timed out', warnings: [] })).toBe('  ✗ slow: timed out (60.00 s)');
  });

  it('sums up in one line', () => {
    const ok = { name: 'a', ok: true, pages: 16, ms: 1, warnings: [] };
    expect(formatSummary([ok, { ...ok, name: 'b', pages: 1 }], 2500)).toBe('pdf: 2 decks exported (17 pages) in 2.50 s');
    expect(formatSummary([ok, { name: 'c', ok: false, ms: 1, warnings: [] }], 1000)).toBe(
      'pdf: 1 of 2 decks exported (16 pages) in 1.00 s; 1 failed: c',
    );
  });
});
