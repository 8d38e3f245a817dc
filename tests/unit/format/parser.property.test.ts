/**
 * The parser never dies on author input: random and mutated decks always give a deck, and
 * every diagnostic points at a line inside the file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitLines } from '../../../src/format/lexer.ts';
import { parseDeck } from '../../../src/format/parser.ts';
import { deckSlides } from '../../../src/format/types.ts';
import { renderDeck } from '../../../src/render/deck.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CORPUS = path.resolve(HERE, '../../../../shared/corpus/decks');
const SEEDS = [path.resolve(HERE, '../../../slides')].concat(existsSync(CORPUS) ? [CORPUS] : []);
const realDecks = SEEDS.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => readFileSync(path.join(dir, f), 'utf8')));

/** Lines that exercise every rule, right and wrong. */
const interestingLine = fc.constantFrom(
  '[comment]: # (!!!)',
  '[comment]: # (|||)',
  '[comment]: # (!!! data-auto-animate)',
  '[comment]: # (||| data-x="1", class=\'y\' "broken)',
  '[comment]: #  (!!!)',
  ' [comment]: # (|||)',
  '[comment]: # (THEME = solarized)',
  '[comment]: # (THEME = no such theme)',
  '[comment]: # (CODE_THEME = monokai)',
  '[comment]: # (width: "960")',
  '[comment]: # (markdown: { smartypants: true )',
  '[comment]: # (contorls: true)',
  '[comment]: # (plugins: [])',
  '[comment]: # (FIX_ENCODING = false)',
  '[comment]: # (SLIDE_LEVEL = 9)',
  '[comment]: # (!!!',
  "[comment]: # '|||'",
  '---',
  '***',
  '```',
  '~~~',
  '```js [1-2|3]',
  'Note:',
  'notes: hi',
  '# Heading',
  '## Sub',
  'Setext',
  '====',
  '<!-- .slide: data-state="x" junk" -->',
  '<!-- .element: class="fragment" -->',
  '![img](media/x.png)',
  '[ref]: https://example.org',
  '<style>:root { --x: 1 }</style>',
  '',
  'text',
);
const line = fc.oneof({ weight: 3, arbitrary: interestingLine }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) });
const deckText = fc.tuple(
  fc.boolean(),
  fc.array(line, { maxLength: 60 }),
  fc.constantFrom('\n', '\r\n'),
).map(([frontMatter, lines, eol]) => (frontMatter ? ['---', 'title: T', 'theme: [oops', '---', ...lines] : lines).join(eol));

function checkDeck(source: string): void {
  const deck = parseDeck(source);
  const lineCount = splitLines(source).length;
  expect(Array.isArray(deck.nodes)).toBe(true);
  for (const d of deck.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lineCount);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.message.length).toBeGreaterThan(0);
  }
  for (const slide of deckSlides(deck)) {
    expect(slide.line).toBeGreaterThanOrEqual(1);
    expect(slide.line).toBeLessThanOrEqual(lineCount + 1);
  }
  const rendered = renderDeck(deck);
  expect(rendered.slideCount).toBe(Math.max(1, deckSlides(deck).length)); // a deck of none shows one empty slide
}

describe('parser robustness', () => {
  it('never throws on random decks and keeps diagnostics inside the file', () => {
    fc.assert(fc.property(deckText, (source) => checkDeck(source)), { numRuns: 400 });
  });

  it('never throws on real decks with lines deleted, duplicated or swapped', () => {
    const mutated = fc
      .tuple(fc.constantFrom(...realDecks), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('delete', 'duplicate', 'swap', 'truncate')), { maxLength: 8 }))
      .map(([deck, edits]) => {
        const lines = deck.split('\n');
        for (const [a, b, kind] of edits) {
          const i = a % Math.max(lines.length, 1);
          const j = b % Math.max(lines.length, 1);
          if (kind === 'delete') lines.splice(i, 1);
          else if (kind === 'duplicate') lines.splice(i, 0, lines[i] ?? '');
          else if (kind === 'swap') [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
          else lines[i] = (lines[i] ?? '').slice(0, j % 12);
        }
        return lines.join('\n');
      });
    fc.assert(fc.property(mutated, (source) => checkDeck(source)), { numRuns: 150 });
  });
});
