/**
 * Real decks from public repositories (../shared/corpus/decks, read in place). The expected
 * shapes follow mdslides v1.6 + reveal.js 4.1.1's markdown plugin (docs/format.md): slides and
 * stacks from the separators, `---` splits, notes, and separator attributes on the slide that
 * ends at the separator. Where slidewright deliberately differs, the test says so.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../../src/format/parser.ts';
import { deckSlides } from '../../../src/format/types.ts';

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus/decks');
const haveCorpus = existsSync(CORPUS);
if (!haveCorpus) console.warn(`corpus tests skipped: ${CORPUS} not found (it sits beside the project in CI)`);

const AUTO = 'data-auto-animate';
const BG =
  'data-background-size="50%" data-background-image="dist/media/street-epistemology-logo.png" data-background-position="100% 0%" data-background-opacity="0.2"';
const ones = (n: number) => Array.from({ length: n }, () => 1);

interface Expected {
  shape: number[];
  title: string;
  theme: string;
  /** Reading-order indices of slides that have a notes part. */
  notes: number[];
  /** Reading-order index → the slide's attributes. */
  attributes: Record<number, string>;
  /** `line:code` of each diagnostic. */
  diagnostics: string[];
}

const EXPECTED: Record<string, Expected> = {
  'CPAN-Security__security.metacpan.org__fosdem2024-sbom-in-open-source-ecosystems-talk.md': {
    shape: [...ones(8), 8, ...ones(13)],
    title: 'Can SBOMs become first-class citizens in Open Source ecosystems?',
    theme: 'solarized',
    notes: [0],
    attributes: {
      9: 'data-transition="fade-out"',
      10: 'data-transition="fade-in slide-out"',
      11: 'data-transition="slide-in none-out"',
      12: 'data-transition="fade-in none-out"',
      13: 'data-transition="fade-in slide-out"',
      14: 'data-transition="slide-in fade-out"',
      15: 'data-transition="fade-in slide-out"',
      16: 'data-transition="slide-in none-out"',
      17: 'data-transition="fade-in slide-out"',
    },
    diagnostics: ['15:bad-option-value'], // controlsBackArrows: "true" is not one of its values
  },
  'CPAN-Security__security.metacpan.org__lpw2025-cpansec-update.md': {
    shape: [1, 1, 12, 1, 1],
    title: 'An update on CPANSec',
    theme: 'solarized',
    notes: Array.from({ length: 16 }, (_, i) => i),
    attributes: {},
    diagnostics: ['15:bad-option-value'], // controlsBackArrows: "true" is not one of its values
  },
  'EnriqueSoria__xerrada-django-lifecycle__slides.md': {
    // Line 473 is `[comment]: #  (!!! ...)` with two spaces: not a separator for mdslides
    // either, so 43 slides; slidewright also warns about it.
    shape: ones(43),
    title: 'django-lifecycle',
    theme: 'white',
    notes: [4, 8, 24, 29, 33, 34, 35],
    attributes: { 1: AUTO, 5: AUTO, 8: AUTO, 15: AUTO, 21: AUTO, 24: AUTO },
    diagnostics: ['473:malformed-directive'],
  },
  'PBrunot__arduinoday-2024__talk.md': {
    // The bare `---` on line 192 splits its slide in two, as reveal's markdown plugin does.
    shape: ones(32),
    title: 'Arduino Day 2024',
    theme: 'league',
    notes: [5, 6, 11, 14, 19, 22, 23, 24, 25, 26, 27, 28],
    attributes: Object.fromEntries([1, 3, 5, 6, 7, 8, 9, 14, 15, 16, 17].map((i) => [i, AUTO])),
    diagnostics: [],
  },
  'kbuffardi__chronicling__index.md': {
    shape: [1, 4, 6, 4, 6, 1],
    title: 'Chronicling Consistency and Parity of Contributions to Software Engineering Team Projects',
    theme: 'night',
    notes: [],
    attributes: Object.fromEntries([1, 2, 3, 5, 6, 7, 8, 9, 11, 12, 13, 15, 16, 17, 18, 19].map((i) => [i, AUTO])),
    diagnostics: [],
  },
  'sjn__introducing-se__docs.md': {
    // The last stack is open at the end of the file: its last slide stays in it (mdslides
    // would move it out into a separate horizontal slide: [4,6,6,5,4,7,3,5,3,1]).
    shape: [4, 6, 6, 5, 4, 7, 3, 5, 4],
    title: 'Street Epistemology',
    theme: 'streetepistemology',
    notes: [0, 4, 10, 16, 21, 25, 31, 32, 35, 40],
    attributes: Object.fromEntries([0, 4, 10, 16, 21, 25, 32, 35, 40].map((i) => [i, BG])),
    // `data-background-image="…", data-background-position=…`: the stray comma is reported.
    diagnostics: [39, 117, 224, 330, 418, 496, 619, 669, 752].map((l) => `${l}:bad-attribute`),
  },
};

describe.skipIf(!haveCorpus)('real mdslides decks', () => {
  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(file, () => {
      const deck = parseDeck(readFileSync(path.join(CORPUS, file), 'utf8'));
      const slides = deckSlides(deck);
      expect(deck.nodes.map((n) => (n.kind === 'slide' ? 1 : n.slides.length))).toEqual(expected.shape);
      expect(deck.nodes.filter((n) => n.kind === 'stack').every((n) => n.kind === 'stack' && n.slides.length > 1)).toBe(true);
      expect(deck.title).toBe(expected.title);
      expect(deck.theme).toBe(expected.theme);
      expect(slides.flatMap((s, i) => (s.notes !== null ? [i] : []))).toEqual(expected.notes);
      const attributes = Object.fromEntries(
        slides.flatMap((s, i) =>
          s.attributes.length ? [[i, s.attributes.map((a) => (a.value === null ? a.name : `${a.name}="${a.value}"`)).join(' ')]] : [],
        ),
      );
      expect(attributes).toEqual(Object.fromEntries(Object.entries(expected.attributes).map(([k, v]) => [Number(k), v])));
      expect(deck.diagnostics.map((d) => `${d.line}:${d.code}`)).toEqual(expected.diagnostics);
      for (const d of deck.diagnostics) expect(d.hint).toBeTruthy();
    });
  }

  it('covers every deck in the corpus', () => {
    expect(readdirSync(CORPUS).filter((f) => f.endsWith('.md')).sort()).toEqual(Object.keys(EXPECTED).sort());
  });
});
