/**
 * Hostile decks, generated: deep nesting, huge lines, control characters, unclosed fences, HTML
 * soup, random bytes. Whatever comes in, the pipeline returns a page and located diagnostics,
 * and no slide runs into a limit it has no answer for (a throw, or the render budget).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../src/pipeline.ts';

const nested = fc
  .record({
    depth: fc.integer({ min: 1, max: 3000 }),
    marker: fc.constantFrom('- ', '* ', '1. ', '> ', '+ ', '2) '),
    indent: fc.constantFrom('', '  ', '    ', '\t', '   '),
    oneLine: fc.boolean(),
  })
  .map(({ depth, marker, indent, oneLine }) =>
    oneLine ? `${marker.repeat(depth)}x` : Array.from({ length: depth }, (_, i) => `${indent.repeat(i)}${marker}level ${i}`).join('\n'),
  );
const storm = fc
  .record({ unit: fc.constantFrom('_a', '*a', '**a', '[', '[a](', '![', '`', '<', '~a', '$$', '\\(', '\\[', '|', '&', '\\', '<b>', '</i>'), n: fc.integer({ min: 1, max: 30_000 }) })
  .map(({ unit, n }) => unit.repeat(n));
const controls = fc.string({ unit: fc.constantFrom('\0', '\x01', '\x1b', '\x0b', '\x7f', '\u0085', '\ufffe', 'a', ' ', '\n'), maxLength: 200 });
const fences = fc.constantFrom('```js', '~~~', '````', '```\n```', '``` `', '    code', '$$\n\\frac{', '<!--', '<script>', '<style>', '<pre>', '<svg>', '<math>');
const htmlSoup = fc
  .array(fc.constantFrom('<div>', '</div>', '<p class="x">', '</p>', '<section>', '<img src="x.png">', '<a href="#">', '<table><tr><td>', '<!-- .element: class="fragment" -->', '<!-- .slide: data-x -->', '<NAME>', '</span>', '<iframe src="https://x">', '<math><mi>x'), { maxLength: 300 })
  .map((tags) => tags.join(''));
const directives = fc.constantFrom('[comment]: # (!!!)', '[comment]: # (|||)', '[comment]: # (width: alert(1))', '[comment]: # (THEME = nope)', '[comment]: # (!!! data-background="x.png")', 'Note:', '---', '# Heading', 'Title\n===', '[x]: http://example.org', '[comment]: # (transition: zom)');
const bytes = fc.uint8Array({ maxLength: 4000 }).map((b) => new TextDecoder('utf-8', { fatal: false }).decode(b));
const piece = fc.oneof(nested, storm, controls, fences, htmlSoup, directives, bytes, fc.string({ maxLength: 200 }));
const deck = fc.array(piece, { minLength: 1, maxLength: 8 }).map((pieces) => pieces.join('\n\n'));

describe('the pipeline on hostile decks', () => {
  it('never throws, locates every diagnostic, and no slide fails or runs out of time', () => {
    fc.assert(
      fc.property(deck, (source) => {
        const compiled = compileDeck(source, { renderBudgetMs: 30_000 });
        const lines = source.split('\n').length;
        for (const d of compiled.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lines + 1);
          expect(d.column).toBeGreaterThanOrEqual(1);
        }
        expect(compiled.diagnostics.filter((d) => d.code === 'slide-failed' || d.code === 'deck-too-slow')).toEqual([]);
        expect(compiled.rendered.slidesHtml).not.toMatch(/[\0-\x08\x0b\x0e-\x1f\x7f]/);
      }),
      { numRuns: 150 },
    );
  }, 240_000);
});
