import { describe, expect, it } from 'vitest';
import type { PageInfo, SlideInfo } from '../../../src/client/doctor/doctor-print.ts';
import {
  IMAGE_FILE_PATTERN,
  RangeOutsideDeckError,
  buildIndex,
  deckPageUrl,
  defaultJobs,
  imageFileName,
  numberWidth,
  planImages,
  printViewQuery,
  staleImages,
} from '../../../src/export/snapshots/plan.ts';

const slides: SlideInfo[] = [
  { number: 1, h: 0, v: 0, line: 3, title: 'Title', notes: 'hello' },
  { number: 2, h: 1, v: 0, line: 9, title: 'Stack', notes: null },
  { number: 3, h: 1, v: 1, line: 15, title: null, notes: null },
];
// Slide 2 has two fragments: with separate fragments it makes three pages.
const pagesWithSteps: PageInfo[] = [
  { index: 0, slide: 1, step: 0, steps: 1 },
  { index: 1, slide: 2, step: 0, steps: 3 },
  { index: 2, slide: 2, step: 1, steps: 3 },
  { index: 3, slide: 2, step: 2, steps: 3 },
  { index: 4, slide: 3, step: 0, steps: 1 },
];
const pagesPlain: PageInfo[] = [
  { index: 0, slide: 1, step: 0, steps: 1 },
  { index: 1, slide: 2, step: 0, steps: 1 },
  { index: 2, slide: 3, step: 0, steps: 1 },
];

describe('the print view URL', () => {
  it('asks reveal.js for the print view with notes, numbers and transitions off', () => {
    expect(printViewQuery(false)).toBe('?print-pdf&pdfSeparateFragments=false&showNotes=false&slideNumber=false&transition=none&backgroundTransition=none&controls=false&progress=false');
    expect(printViewQuery(true)).toContain('pdfSeparateFragments=true');
    expect(deckPageUrl('http://127.0.0.1:5000/talk/#/2', '?print-pdf&x=1')).toBe('http://127.0.0.1:5000/talk/?print-pdf&x=1');
  });
});

describe('file names', () => {
  it('numbers slides with at least three digits, fragment steps with two', () => {
    expect(numberWidth(16)).toBe(3);
    expect(numberWidth(1200)).toBe(4);
    expect(imageFileName(7, null, 3)).toBe('007.png');
    expect(imageFileName(7, 2, 3)).toBe('007-02.png');
    expect(imageFileName(12, null, 4)).toBe('0012.png');
    expect(IMAGE_FILE_PATTERN.test('007.png')).toBe(true);
    expect(IMAGE_FILE_PATTERN.test('007-02.png')).toBe(true);
    expect(IMAGE_FILE_PATTERN.test('cover.png')).toBe(false);
    expect(IMAGE_FILE_PATTERN.test('index.json')).toBe(false);
  });
});

describe('planning images', () => {
  it('makes one image per slide in reading order', () => {
    const plan = planImages(pagesPlain, slides, { fragments: false, range: null });
    expect(plan.map((p) => [p.page, p.file, p.h, p.v, p.fragment, p.line])).toEqual([
      [0, '001.png', 0, 0, null, 3],
      [1, '002.png', 1, 0, null, 9],
      [2, '003.png', 1, 1, null, 15],
    ]);
  });

  it('makes one image per fragment step with --fragments', () => {
    const plan = planImages(pagesWithSteps, slides, { fragments: true, range: null });
    expect(plan.map((p) => p.file)).toEqual(['001-00.png', '002-00.png', '002-01.png', '002-02.png', '003-00.png']);
    expect(plan.map((p) => p.fragment)).toEqual([0, 0, 1, 2, 0]);
  });

  it('keeps slide numbers in names with --range and refuses slides the deck lacks', () => {
    expect(planImages(pagesPlain, slides, { fragments: false, range: [2, 3] }).map((p) => p.file)).toEqual(['002.png', '003.png']);
    expect(planImages(pagesWithSteps, slides, { fragments: true, range: [2] }).map((p) => p.file)).toEqual(['002-00.png', '002-01.png', '002-02.png']);
    expect(() => planImages(pagesPlain, slides, { fragments: false, range: [2, 9] }, '"talk"')).toThrow(RangeOutsideDeckError);
    expect(() => planImages(pagesPlain, slides, { fragments: false, range: [9] }, '"talk"')).toThrow('--range asks for slide 9 but "talk" has 3 slides');
  });

  it('writes index.json entries without the page numbers', () => {
    const images = planImages(pagesPlain, slides, { fragments: false, range: null });
    const index = buildIndex({ deck: 'talk', source: 'slides/talk.md', title: 'Title', width: 960, height: 700, scale: 2, fragments: false, slideCount: 3, images });
    expect(index.images[0]).toEqual({ file: '001.png', slide: 1, h: 0, v: 0, fragment: null, line: 3, title: 'Title', notes: 'hello' });
    expect(JSON.parse(JSON.stringify(index)).images[0]).not.toHaveProperty('page');
  });
});

describe('sharing the work', () => {
  it('uses more pages for bigger decks, never more than the cores or 4', () => {
    expect(defaultJobs(5, 2)).toBe(1);
    expect(defaultJobs(16, 2)).toBe(1);
    expect(defaultJobs(40, 2)).toBe(1);
    expect(defaultJobs(41, 2)).toBe(2);
    expect(defaultJobs(200, 2)).toBe(2);
    expect(defaultJobs(200, 16)).toBe(4);
    expect(defaultJobs(200, 1)).toBe(1);
  });
});

describe('replacing an earlier run', () => {
  it('removes only numbered images this run did not write', () => {
    expect(staleImages(['001.png', '002.png', '017.png', '003-01.png', 'index.json', 'cover.png', 'notes.txt'], ['001.png', '002.png'])).toEqual(['003-01.png', '017.png']);
  });
});
