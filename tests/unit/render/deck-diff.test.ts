import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../../src/format/parser.ts';
import { diffSlides, type PatchNode, type SlideRef } from '../../../src/render/deck-diff.ts';
import { renderDeck } from '../../../src/render/deck.ts';

const d = (...parts: string[]) => parts.join('\n\n[comment]: # (!!!)\n\n');
const nodes = (source: string) => renderDeck(parseDeck(source)).nodes;
const flat = (patch: PatchNode[]): SlideRef[] => patch.flatMap((n) => ('stack' in n ? n.stack : [n.slide]));

describe('diffSlides', () => {
  it('keeps every slide of an unchanged deck, in place', () => {
    const deck = d('# A', '## B', '## C');
    const patch = diffSlides(nodes(deck), nodes(deck));
    expect(flat(patch.nodes)).toEqual([{ keep: 0 }, { keep: 1 }, { keep: 2 }]);
    expect(patch).toMatchObject({ changed: [], inPlace: true, lines: [1, 5, 9] });
  });

  it('sends only the edited slide, as a section that replaces the old one', () => {
    const patch = diffSlides(nodes(d('# A', '## B', '## C')), nodes(d('# A', '## B, edited', '## C')));
    const refs = flat(patch.nodes);
    expect(refs[0]).toEqual({ keep: 0 });
    expect(refs[2]).toEqual({ keep: 2 });
    expect(refs[1]!.replaces).toBe(1);
    expect(refs[1]!.html).toBe('<section data-source-line="5">\n<h2 id="b-edited">B, edited</h2>\n</section>\n');
    expect(patch).toMatchObject({ changed: [1], inPlace: true });
  });

  it('sends new notes for a notes-only edit and keeps the slide', () => {
    const patch = diffSlides(nodes(d('# A', '## B\n\nNote:\nold notes')), nodes(d('# A', '## B\n\nNote:\nnew notes')));
    expect(flat(patch.nodes)[1]).toEqual({ keep: 1, notes: '<aside class="notes"><p>new notes</p>\n</aside>\n' });
    expect(flat(patch.nodes)[1]!.html).toBeUndefined();
    expect(patch).toMatchObject({ changed: [1], inPlace: true });
    // Notes removed: the slide is kept, its notes become none.
    const removed = diffSlides(nodes(d('# A', '## B\n\nNote:\nold notes')), nodes(d('# A', '## B')));
    expect(flat(removed.nodes)[1]).toEqual({ keep: 1, notes: '' });
  });

  it('moves the source lines of the slides after an added line without resending them', () => {
    const patch = diffSlides(nodes(d('# A', '## B', '## C')), nodes(d('# A\n\nmore text', '## B', '## C')));
    expect(flat(patch.nodes).slice(1)).toEqual([{ keep: 1 }, { keep: 2 }]);
    expect(patch.lines).toEqual([1, 7, 11]);
  });

  it('keeps the slides around an inserted one and says the structure changed', () => {
    const patch = diffSlides(nodes(d('# A', '## B', '## C')), nodes(d('# A', '## New', '## B', '## C')));
    const refs = flat(patch.nodes);
    expect(refs.map((r) => r.keep)).toEqual([0, undefined, 1, 2]);
    expect(refs[1]!.replaces).toBeUndefined();
    expect(patch).toMatchObject({ changed: [1], inPlace: false });
  });

  it('finds moved slides by their content', () => {
    const patch = diffSlides(nodes(d('# A', '## B', '## C', '## D')), nodes(d('# A', '## C', '## B', '## D')));
    expect(flat(patch.nodes).map((r) => r.keep)).toEqual([0, 2, 1, 3]);
    expect(patch).toMatchObject({ changed: [], inPlace: false });
  });

  it('describes stacks, and a slide that joins a stack changes the structure', () => {
    const before = nodes('# A\n\n[comment]: # (!!!)\n\n## B\n\n[comment]: # (|||)\n\n## C');
    const after = nodes('# A\n\n[comment]: # (!!!)\n\n## B\n\n[comment]: # (|||)\n\n## C\n\n[comment]: # (|||)\n\n## D');
    const patch = diffSlides(before, after);
    expect(patch.nodes).toEqual([{ slide: { keep: 0 } }, { stack: [{ keep: 1 }, { keep: 2 }, expect.objectContaining({ html: expect.stringContaining('<h2 id="d">D</h2>') })] }]);
    expect(patch.inPlace).toBe(false);
    // Same count of slides, but a stack became two slides: not in place either.
    const split = diffSlides(before, nodes('# A\n\n[comment]: # (!!!)\n\n## B\n\n[comment]: # (!!!)\n\n## C'));
    expect(flat(split.nodes).map((r) => r.keep)).toEqual([0, 1, 2]);
    expect(split.inPlace).toBe(false);
  });

  it('treats a changed section attribute as a changed slide', () => {
    const patch = diffSlides(nodes(d('# A', '## B')), nodes('# A\n\n[comment]: # (!!! data-background-color="red")\n\n## B'));
    expect(flat(patch.nodes)[0]).toMatchObject({ replaces: 0, html: expect.stringContaining('data-background-color="red"') });
    expect(patch.changed).toEqual([0]);
  });

  it('pairs a removed slide with nothing: the slides after it are kept', () => {
    const patch = diffSlides(nodes(d('# A', '## B', '## C')), nodes(d('# A', '## C')));
    expect(flat(patch.nodes)).toEqual([{ keep: 0 }, { keep: 2 }]);
    expect(patch).toMatchObject({ changed: [], inPlace: false });
  });
});
