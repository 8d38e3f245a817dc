/**
 * The dev server renders only the slides an edit changed (render/slide-cache.ts, with heading
 * ids of our own in render/heading-ids.ts): what it renders must be what a full render gives.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { Marked } from 'marked';
import { gfmHeadingId, getHeadingList, resetHeadings } from 'marked-gfm-heading-id';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../../src/format/parser.ts';
import { deckSlides } from '../../../src/format/types.ts';
import { renderDeck, type UrlResolver } from '../../../src/render/deck.ts';
import { SlideCache } from '../../../src/render/slide-cache.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CORPUS = path.resolve(HERE, '../../../../shared/corpus/decks');
const SLIDES = path.resolve(HERE, '../../../slides');

const decks = [
  ...readdirSync(SLIDES).map((f) => path.join(SLIDES, f)),
  ...(existsSync(CORPUS) ? readdirSync(CORPUS).map((f) => path.join(CORPUS, f)) : []),
];

const headingIds = (html: string) => [...html.matchAll(/<h[1-6] id="([^"]*)"/g)].map((m) => m[1]);

describe('heading ids', () => {
  const samples: [string, string][] = [
    ...decks.map((file): [string, string] => [path.basename(file), readFileSync(file, 'utf8')]),
    ['duplicates and entities', ['## Demo', '## Demo', '## Q&A <em>now</em>', "## It's \"quoted\"", '## Demo-1', '## Émigré ü'].join('\n\n[comment]: # (!!!)\n\n')],
  ];
  it.each(samples)('are the ones marked-gfm-heading-id gives (%s)', (_name, source) => {
    const deck = parseDeck(source);
    // The reference: marked-gfm-heading-id with slugs shared by all slides, as the deck's page has them.
    resetHeadings();
    const marked = new Marked({ gfm: true }).use(gfmHeadingId({ globalSlugs: true } as Parameters<typeof gfmHeadingId>[0]));
    for (const slide of deckSlides(deck)) {
      marked.parse(slide.body);
      if (slide.notes !== null) marked.parse(slide.notes);
    }
    const expected = getHeadingList().map((h) => h.id);
    expect(headingIds(renderDeck(deck).slidesHtml)).toEqual(expected);
  });
});

/** A resolver that, like the media resolver, reports some URLs and rewrites others. */
const resolveUrl: UrlResolver = (url, context) => {
  if (url.includes('missing')) context.report({ severity: 'warning', code: 'missing-media', message: `"${url}" does not exist` });
  return url.startsWith('media/') ? `../${url}` : url;
};

const PIECES = [
  '# Title',
  '## Demo',
  '## Demo',
  '## Questions?',
  'Some *text* and [a link][ref].',
  '[ref]: https://example.org/a',
  '[ref]: https://example.org/b',
  '![picture](media/a.png)',
  '![gone](media/missing.png)',
  '```js [1|2]\nlet a = 1;\nlet b = 2;\n```',
  '* one <!-- .element: class="fragment" -->\n* two',
  '$$E = mc^2$$',
  'Note:\nSpeaker notes with ## no heading',
  'Note:\n## A heading in the notes',
  'Note: ![gone](media/missing.png)',
  'Note:\n![gone](media/missing.png)',
  '<!-- .element: junk!! -->',
];

const slideArb = fc.tuple(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 4 }), fc.nat(2)).map(([parts, blanks]) => {
  // Notes go last in a slide; blank lines before the body move it within the slide.
  const notes = parts.filter((p) => p.startsWith('Note:'));
  return '\n'.repeat(blanks) + [...parts.filter((p) => !p.startsWith('Note:')), ...notes.slice(0, 1)].join('\n\n');
});
const separatorArb = fc.constantFrom('[comment]: # (!!!)', '[comment]: # (|||)', '[comment]: # (!!! data-background-color="red")');
const deckArb = fc.array(fc.tuple(slideArb, separatorArb), { minLength: 1, maxLength: 8 });
const toSource = (slides: [string, string][]) => slides.map(([body, sep], i) => (i === slides.length - 1 ? body : `${body}\n\n${sep}\n`)).join('\n');

/** An edit of the deck: change, add, remove or move a slide, or add a line at the top. */
const editArb = fc.oneof(
  fc.record({ kind: fc.constant('change' as const), at: fc.nat(), slide: slideArb }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), slide: slideArb, sep: separatorArb }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('move' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('shift' as const) }),
);

describe('a cached render', () => {
  it('is the same as a full render, edit after edit', () => {
    fc.assert(
      fc.property(deckArb, fc.array(editArb, { minLength: 1, maxLength: 6 }), (initial, edits) => {
        const cache = new SlideCache();
        let slides = [...initial];
        let prefix = '';
        const check = () => {
          const deck = parseDeck(prefix + toSource(slides));
          const full = renderDeck(deck, { resolveUrl });
          const cached = renderDeck(deck, { resolveUrl, cache });
          expect(cached.slidesHtml).toBe(full.slidesHtml);
          expect(cached.diagnostics).toEqual(full.diagnostics);
          expect(cached.nodes).toEqual(full.nodes);
        };
        check();
        for (const edit of edits) {
          const at = 'at' in edit ? edit.at % slides.length : 0;
          if (edit.kind === 'change') slides[at] = [edit.slide, slides[at]![1]];
          else if (edit.kind === 'add') slides.splice(at, 0, [edit.slide, edit.sep]);
          else if (edit.kind === 'remove' && slides.length > 1) slides.splice(at, 1);
          else if (edit.kind === 'move') {
            const [moved] = slides.splice(at, 1);
            slides.splice(edit.to % (slides.length + 1), 0, moved!);
          } else if (edit.kind === 'shift') prefix += '\n';
          slides = [...slides];
          check();
        }
        // Unused entries do not pile up: at most two renders' worth.
        expect(cache.size).toBeLessThanOrEqual(2 * (slides.length + initial.length + edits.length));
      }),
      { numRuns: 150 },
    );
  });

  it('places diagnostics right when only the line of the same notes moved', () => {
    const cache = new SlideCache();
    for (const notes of ['Note: ![gone](media/missing.png)', 'Note:\n![gone](media/missing.png)', 'Note: ![gone](media/missing.png)']) {
      const deck = parseDeck(`# A\n\n${notes}\n\n[comment]: # (!!!)\n\n## B`);
      expect(renderDeck(deck, { resolveUrl, cache }).diagnostics).toEqual(renderDeck(deck, { resolveUrl }).diagnostics);
    }
  });

  it('renders again only what changed', () => {
    const source = Array.from({ length: 50 }, (_, i) => `## Slide ${i}\n\ntext ${i}`).join('\n\n[comment]: # (!!!)\n\n');
    const cache = new SlideCache();
    renderDeck(parseDeck(source), { cache });
    let rendered = 0;
    const counting: UrlResolver = (url) => url;
    const deck = parseDeck(source.replace('text 7', 'text seven ![x](media/x.png)'));
    const result = renderDeck(deck, {
      cache,
      resolveUrl: (url, context) => {
        rendered++;
        return counting(url, context);
      },
    });
    // Only slide 7 was rendered (its image went through the resolver); the cache holds the deck.
    expect(rendered).toBe(1);
    expect(result.slidesHtml).toBe(renderDeck(deck).slidesHtml);
  });
});
