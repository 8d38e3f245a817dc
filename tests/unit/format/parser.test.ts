import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../../src/format/parser.ts';
import { deckSlides, type Deck } from '../../../src/format/types.ts';

const d = (...lines: string[]) => lines.join('\n');
const shape = (deck: Deck) => deck.nodes.map((n) => (n.kind === 'slide' ? 1 : n.slides.length * 10));
const bodies = (deck: Deck) => deckSlides(deck).map((s) => s.body.trim());

describe('separators', () => {
  it('splits horizontal slides at !!! in any of the three envelopes', () => {
    const deck = parseDeck(d('A', '[comment]: # (!!!)', 'B', `[comment]: # "!!!"`, 'C', `[comment]: # '!!!'`, 'D'));
    expect(bodies(deck)).toEqual(['A', 'B', 'C', 'D']);
    expect(shape(deck)).toEqual([1, 1, 1, 1]);
  });

  it('accepts any closer, as mdslides does', () => {
    const deck = parseDeck(d('A', `[comment]: # (!!!'`, 'B'));
    expect(bodies(deck)).toEqual(['A', 'B']);
  });

  it('is not fooled by near misses, which stay markdown', () => {
    for (const line of ['[comment]: #  (!!!)', ' [comment]: # (!!!)', '[Comment]: # (!!!)', '[//]: # (!!!)']) {
      expect(deckSlides(parseDeck(d('A', line, 'B')))).toHaveLength(1);
    }
  });

  it('makes a vertical stack from the slide before the first ||| and closes it at !!!', () => {
    const deck = parseDeck(d('A', '[comment]: # (!!!)', 'B', '[comment]: # (|||)', 'C', '[comment]: # (|||)', 'D', '[comment]: # (!!!)', 'E'));
    expect(shape(deck)).toEqual([1, 30, 1]);
    expect(bodies(deck)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('keeps the last slide of a stack open at the end of the file inside the stack (mdslides moves it out)', () => {
    const deck = parseDeck(d('A', '[comment]: # (|||)', 'B'));
    expect(shape(deck)).toEqual([20]);
  });

  it('gives no empty trailing slide after a final separator, but keeps empty slides between separators', () => {
    expect(shape(parseDeck(d('A', '[comment]: # (!!!)', '', '')))).toEqual([1]);
    expect(shape(parseDeck(d('A', '[comment]: # (|||)', '')))).toEqual([10]);
    expect(bodies(parseDeck(d('A', '[comment]: # (!!!)', '[comment]: # (!!!)', 'C')))).toEqual(['A', '', 'C']);
    expect(bodies(parseDeck(d('[comment]: # (!!!)', 'B')))).toEqual(['', 'B']);
  });

  it('puts separator attributes on the slide that ENDS at the separator', () => {
    const deck = parseDeck(d('A', '[comment]: # (!!! data-auto-animate)', 'B', '[comment]: # (||| data-transition="zoom" class=x)', 'C'));
    const [a, b, c] = deckSlides(deck);
    expect(a!.attributes).toEqual([{ name: 'data-auto-animate', value: null }]);
    expect(b!.attributes).toEqual([
      { name: 'data-transition', value: 'zoom' },
      { name: 'class', value: 'x' },
    ]);
    expect(c!.attributes).toEqual([]);
    expect(deck.nodes[1]).toMatchObject({ kind: 'stack' });
  });

  it('warns about attributes it cannot read and keeps the readable ones', () => {
    const deck = parseDeck(d('A', '[comment]: # (!!! data-a "oops)', 'B'));
    expect(deckSlides(deck)[0]!.attributes).toEqual([{ name: 'data-a', value: null }]);
    expect(deck.diagnostics).toMatchObject([{ code: 'bad-attribute', line: 2, severity: 'warning' }]);
  });

  it('splits at a line that is exactly --- but not inside code', () => {
    const deck = parseDeck(d('A', '---', 'B', '```yaml', '---', '```', '[comment]: # (!!! data-x)', 'C'));
    expect(bodies(deck)).toEqual(['A', 'B\n```yaml\n---\n```', 'C']);
    expect(deckSlides(deck)[0]!.attributes).toEqual([{ name: 'data-x', value: null }]);
    expect(deckSlides(deck)[1]!.attributes).toEqual([{ name: 'data-x', value: null }]);
  });
});

describe('settings and options', () => {
  it('reads THEME and CODE_THEME, the last one winning', () => {
    const deck = parseDeck(d('[comment]: # (THEME = night)', '[comment]: # (THEME = solarized)', '[comment]: # (CODE_THEME = monokai)', '# T'));
    expect(deck.theme).toBe('solarized');
    expect(deck.codeTheme).toBe('monokai');
    expect(deck.diagnostics).toEqual([]);
  });

  it('defaults to white and base16/zenburn', () => {
    const deck = parseDeck('# T');
    expect([deck.theme, deck.codeTheme]).toEqual(['white', 'base16/zenburn']);
  });

  it('keeps a theme name that may be a project CSS file and records where it was set', () => {
    const deck = parseDeck(d('# T', '[comment]: # (THEME = streetepistemology)'));
    expect(deck.theme).toBe('streetepistemology');
    expect(deck.locations.theme).toEqual({ line: 2, column: 15 });
    expect(deck.diagnostics).toEqual([]);
  });

  it('refuses a theme value that cannot be a name or a path', () => {
    const deck = parseDeck(d('# T', '[comment]: # (THEME = my theme!)'));
    expect(deck.theme).toBe('white');
    expect(deck.diagnostics).toMatchObject([{ code: 'unknown-theme', line: 2 }]);
  });

  it('parses option values as data, never as code', () => {
    const deck = parseDeck(
      d(
        '[comment]: # (width: "960")',
        '[comment]: # (maxScale: 4.0)',
        '[comment]: # (controls: true)',
        "[comment]: # (transition: 'zoom')",
        '[comment]: # (markdown: { smartypants: true })',
        '[comment]: # (hash: false)',
        '[comment]: # (slideNumber: c/t)',
        '[comment]: # (autoSlide: 5000)',
      ),
    );
    expect(deck.options).toEqual({
      width: '960',
      maxScale: 4,
      controls: true,
      transition: 'zoom',
      markdown: { smartypants: true },
      hash: false,
      slideNumber: 'c/t',
      autoSlide: 5000,
    });
  });

  it('lets a later option win', () => {
    expect(parseDeck(d('[comment]: # (controls: true)', '[comment]: # (controls: false)')).options.controls).toBe(false);
  });

  it('keeps prose and URLs as comments', () => {
    const deck = parseDeck(
      d(
        '[comment]: # (Compile this presentation with the command below)',
        '[comment]: # (mdslides can be installed from https://github.com/dadoomer/markdown-slides/)',
        '[comment]: # (https://example.org/x)',
        '[comment]: # (TODO: fix the second slide)',
        'A',
      ),
    );
    expect(deck.options).toEqual({});
    // The prose stays silent; the address and the TODO look like settings, so they say they are not.
    expect(deck.diagnostics.map((x) => [x.code, x.line])).toEqual([
      ['comment-not-setting', 3],
      ['comment-not-setting', 4],
    ]);
    expect(bodies(deck)).toEqual(['A']);
  });

  it('warns about a value that does not parse, with file position, and ignores it', () => {
    const deck = parseDeck(d('A', '[comment]: # (markdown: { smartypants: true )'));
    expect(deck.options).toEqual({});
    expect(deck.diagnostics).toMatchObject([{ code: 'bad-option-value', line: 2, column: 25 }]);
  });

  it('warns about an unknown option with a suggestion, and passes it on', () => {
    const deck = parseDeck('[comment]: # (contorls: true)');
    expect(deck.options).toEqual({ contorls: true });
    expect(deck.diagnostics).toMatchObject([{ code: 'unknown-option', line: 1, column: 15, hint: 'did you mean "controls"?' }]);
  });

  it('refuses keys the page owns', () => {
    const deck = parseDeck('[comment]: # (plugins: [])');
    expect(deck.options).toEqual({});
    expect(deck.diagnostics).toMatchObject([{ code: 'reserved-option' }]);
  });

  it('removes directive and comment lines from slides', () => {
    const deck = parseDeck(d('[comment]: # (a comment)', 'A', '[comment]: # (THEME = sky)', 'B'));
    expect(bodies(deck)).toEqual(['A\nB']);
  });
});

describe('notes', () => {
  it('takes everything after a Note: line as the notes', () => {
    const [s] = deckSlides(parseDeck(d('# A', '', 'Note:', '', 'say hi', '', '* more')));
    expect(s!.body.trim()).toBe('# A');
    expect(s!.notes).toBe('say hi\n\n* more');
    // Line 5: the blank line after the marker is not part of the notes.
    expect(s!.notesLine).toBe(5);
  });

  it('accepts Notes:, any case, and text on the marker line', () => {
    expect(deckSlides(parseDeck(d('A', 'notes: quick')))[0]!.notes).toBe('quick');
    expect(deckSlides(parseDeck(d('A', 'NOTE: quick')))[0]!.notes).toBe('quick');
  });

  it('does not fire mid-line or inside code', () => {
    const deck = parseDeck(d('the keynote: was great', '```', 'Note: code', '```'));
    expect(deckSlides(deck)[0]!.notes).toBeNull();
  });

  it('has notes per --- piece', () => {
    const slides = deckSlides(parseDeck(d('A', 'Note: a', '---', 'B', 'Note: b')));
    expect(slides.map((s) => s.notes)).toEqual(['a', 'b']);
  });
});

describe('slide attributes from HTML comments', () => {
  it('moves <!-- .slide: --> attributes to the section', () => {
    const [s] = deckSlides(parseDeck(d('<!-- .slide: data-background-color="#ff0000" data-auto-animate -->', '# A')));
    expect(s!.attributes).toEqual([
      { name: 'data-background-color', value: '#ff0000' },
      { name: 'data-auto-animate', value: null },
    ]);
    expect(s!.body).not.toContain('.slide:');
  });
});

describe('title and positions', () => {
  it('takes the first heading outside code, without markup', () => {
    const deck = parseDeck(d('```', '# not me', '```', 'text', '## The **real** [title](x)', '# later'));
    expect(deck.title).toBe('The real title');
  });

  it('has no title without a heading', () => {
    expect(parseDeck('just text').title).toBeNull();
  });

  it('records the line each slide starts on', () => {
    const deck = parseDeck(d('[comment]: # (THEME = sky)', '', '# A', '[comment]: # (!!!)', '', '## B'));
    expect(deckSlides(deck).map((s) => s.line)).toEqual([3, 6]);
  });

  it('reads CRLF files like LF files', () => {
    const deck = parseDeck('# A\r\n[comment]: # (!!!)\r\nB\r\nNote: n\r\n');
    expect(bodies(deck)).toEqual(['# A', 'B']);
    expect(deckSlides(deck)[1]!.notes).toBe('n');
  });
});

describe('the seed deck', () => {
  const source = readFileSync(new URL('../../../slides/lpw2025-cpansec-update.md', import.meta.url), 'utf8');
  const deck = parseDeck(source);

  it('has 5 horizontal slides, the third a stack of 12, and notes on all 16', () => {
    expect(shape(deck)).toEqual([1, 1, 120, 1, 1]);
    const slides = deckSlides(deck);
    expect(slides).toHaveLength(16);
    for (const s of slides) expect(s.notes?.trim()).toBeTruthy();
  });

  it('has its title, theme and options', () => {
    expect(deck.title).toBe('An update on CPANSec');
    expect(deck.theme).toBe('solarized');
    expect(deck.options).toEqual({
      minScale: 0.2,
      maxScale: 4,
      controls: true,
      width: '960',
      height: '700',
      help: true,
      progress: true,
    });
    // controlsBackArrows: "true" is none of "faded", "hidden", "visible": warned about and left to the default.
    expect(deck.diagnostics.map((x) => `${x.line}:${x.column}:${x.code}`)).toEqual(['15:15:bad-option-value']);
  });
});

describe('front matter', () => {
  it('sets title, theme, code theme, options and metadata; directives after it win', () => {
    const deck = parseDeck(
      d(
        '---',
        'title: From front matter',
        'theme: night',
        'code_theme: github',
        'lang: nb',
        'author: Jane',
        'date: 2025-06-04',
        'transition: zoom',
        'reveal:',
        '  controls: true',
        '  width: 1280',
        'layout: page',
        '---',
        '[comment]: # (THEME = sky)',
        '# Heading title',
        '[comment]: # (!!!)',
        'B',
      ),
    );
    expect(deck.title).toBe('From front matter');
    expect(deck.theme).toBe('sky');
    expect(deck.codeTheme).toBe('github');
    expect(deck.options).toEqual({ transition: 'zoom', controls: true, width: 1280 });
    expect(deck.meta).toMatchObject({ lang: 'nb', author: 'Jane', date: '2025-06-04', layout: 'page' });
    expect(deck.diagnostics).toEqual([]);
    expect(deckSlides(deck)[0]!.line).toBe(15);
  });

  it('reports invalid YAML with its line and renders the rest', () => {
    const deck = parseDeck(d('---', 'title: ok', 'theme: [oops', '---', '# A'));
    // The flow sequence opened on file line 3 is what YAML complains about. (A range of lines
    // here let every error pass as line 2, column 1: `linePos` is empty without prettyErrors.)
    expect(deck.diagnostics).toMatchObject([{ code: 'bad-front-matter', severity: 'warning', line: 3 }]);
    expect(deck.diagnostics[0]!.column).toBeGreaterThan(1);
    expect(bodies(deck)).toEqual(['# A']);
  });

  it('points a bad value at its key, quoted keys too', () => {
    const deck = parseDeck(d('---', 'title: T', "'slide_level': 9", '---', '# A'));
    expect(deck.diagnostics).toMatchObject([{ code: 'bad-front-matter', line: 3 }]);
  });

  it('is not front matter without a closing line (then --- is a split)', () => {
    expect(bodies(parseDeck(d('---', 'A', 'B')))).toEqual(['', 'A\nB']);
  });
});

describe('documents without separators', () => {
  const doc = d(
    '---',
    'title: Minutes',
    'date: 2025-06-04',
    '---',
    'Intro text',
    '',
    '## Agenda',
    'items',
    '',
    '### Point one',
    'text',
    '',
    '#### Detail',
    'more',
    '',
    '### Point two',
    '```md',
    '## not a heading',
    '```',
    '',
    'Section two',
    '-----------',
    'body',
  );

  it('split at headings: the slide level horizontally, one level deeper vertically', () => {
    const deck = parseDeck(doc);
    expect(deck.format).toBe('document');
    expect(shape(deck)).toEqual([1, 1, 30, 1]);
    const slides = deckSlides(deck);
    expect(slides[0]!.body).toBe('# Minutes\n\n2025-06-04');
    expect(slides[1]!.body.trim()).toBe('Intro text');
    expect(slides[3]!.body).toContain('#### Detail');
    expect(slides[4]!.body).toContain('## not a heading');
    expect(slides[5]!.body.trim()).toBe('Section two\n-----------\nbody');
    expect(slides[2]!.line).toBe(7);
  });

  it('take the slide level from front matter or a directive; 0 turns splitting off', () => {
    expect(shape(parseDeck(doc.replace('date: 2025-06-04', 'slide_level: 3')))).toEqual([1, 1, 1, 20, 1, 1]);
    expect(shape(parseDeck(doc.replace('date: 2025-06-04', 'slide_level: 0')))).toEqual([1]);
    expect(shape(parseDeck(`[comment]: # (SLIDE_LEVEL = 1)\n# A\n## B\n# C`))).toEqual([20, 1]);
  });

  it('show reveal.js controls (mdslides hides them, but documents were not written for it)', () => {
    expect(parseDeck(doc).format).toBe('document');
    expect(parseDeck('A\n[comment]: # (!!!)\nB').format).toBe('mdslides');
    expect(parseDeck('[comment]: # (THEME = sky)\n# A\n## B').format).toBe('mdslides');
  });
});

describe('warnings for near misses', () => {
  it('points at a separator written with two spaces, and does not split there (as mdslides)', () => {
    const deck = parseDeck(d('A', '[comment]: #  (!!! data-auto-animate)', 'B'));
    expect(deckSlides(deck)).toHaveLength(1);
    expect(deck.diagnostics).toMatchObject([{ code: 'malformed-directive', line: 2, hint: 'write [comment]: # (!!! data-auto-animate)' }]);
  });

  it('points at an unclosed directive', () => {
    expect(parseDeck('A\n[comment]: # (!!!').diagnostics).toMatchObject([{ code: 'malformed-directive', message: expect.stringContaining('no closing bracket') }]);
  });

  it('leaves ordinary markdown comments alone', () => {
    expect(parseDeck('[//]: # (TODO: fix the intro)\nA').diagnostics).toEqual([]);
  });

  it('warns that *** is a rule, not a split', () => {
    const deck = parseDeck('A\n***\nB\n[comment]: # (!!!)\nC');
    expect(deckSlides(deck)).toHaveLength(2);
    expect(deck.diagnostics).toMatchObject([{ code: 'rule-not-split', line: 2 }]);
  });

  it('warns about unknown settings with a suggestion', () => {
    expect(parseDeck('[comment]: # (CODETHEME = x)\nA').diagnostics).toMatchObject([{ code: 'unknown-setting', hint: 'did you mean "CODE_THEME"?' }]);
  });
});

describe('comments shaped like settings', () => {
  const warnings = (deck: Deck) => deck.diagnostics.filter((x) => x.code === 'comment-not-setting');

  it('warn at their line for a key that is no option, a prose value, or a bare address, and set nothing', () => {
    const deck = parseDeck(
      d('# A', '', '[comment]: # (TODO: fix the ending)', '[comment]: # (https://example.org/notes)', '[comment]: # (transition: slide then fade)', '[comment]: # (contrls: maybe later on)'),
    );
    expect(warnings(deck).map((w) => [w.line, w.column])).toEqual([
      [3, 15],
      [4, 15],
      [5, 15],
      [6, 15],
    ]);
    expect(warnings(deck)[0]!.message).toBe('"TODO: fix the ending" is read as a comment: "TODO" is not a reveal.js option, so nothing is set');
    expect(warnings(deck)[1]!.message).toContain('an address is no setting');
    expect(warnings(deck)[2]!.message).toContain('not as the option transition');
    expect(warnings(deck)[3]!.hint).toContain('did you mean "controls"?');
    expect(deck.options).toEqual({});
    expect(deckSlides(deck)[0]!.body).not.toContain('TODO');
  });

  it('stay silent for prose comments and for real directives', () => {
    const deck = parseDeck(
      d('[comment]: # (Compile this presentation with the command below)', '[comment]: # (mdslides can be installed from https://github.com/x/y/)', '[comment]: # (controls: true)', '# A'),
    );
    expect(warnings(deck)).toEqual([]);
    expect(deck.options).toEqual({ controls: true });
  });

  it('point at the key past leading spaces, and take an address followed by words for an address', () => {
    const deck = parseDeck(d('[comment]: # (   TODO: fix the ending)', "[comment]: # 'https://example.org/x see there'", '# A'));
    expect(warnings(deck)).toEqual([
      {
        severity: 'warning',
        code: 'comment-not-setting',
        message: '"TODO: fix the ending" is read as a comment: "TODO" is not a reveal.js option, so nothing is set',
        line: 1,
        column: 18,
        hint: 'if it is a note to self, write it as <!-- TODO: fix the ending --> to silence this',
      },
      expect.objectContaining({ line: 2, column: 15, message: '"https://example.org/x see there" is read as a comment (an address is no setting); it does nothing on the slides' }),
    ]);
  });

  it('leave every real directive as it was: separators, themes, options, unknown options with a value', () => {
    const deck = parseDeck(
      d(
        '[comment]: # (THEME = solarized)',
        '[comment]: # (CODE_THEME = monokai)',
        '[comment]: # (width: "960")',
        '[comment]: # (markdown: { smartypants: true })',
        '[comment]: # (The list of themes is at https://revealjs.com/themes/)',
        '[comment]: # (contorls: true)',
        '# A',
        '[comment]: # (||| data-auto-animate)',
        'B',
        '[comment]: # (!!!)',
        'C',
      ),
    );
    expect(deck.diagnostics.map((x) => [x.code, x.line])).toEqual([['unknown-option', 6]]);
    expect(deck.options).toEqual({ width: '960', markdown: { smartypants: true }, contorls: true });
    expect(shape(deck)).toEqual([20, 1]);
  });
});

describe('typed options', () => {
  it('warns at the option of a directive whose value does not fit, and leaves the option unset', () => {
    const deck = parseDeck(d('# A', '[comment]: # (width: alert(1))', '[comment]: # (controls: true)'));
    expect(deck.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'bad-option-value',
        message: '"width" must be a number of pixels or a percentage such as "80%"; "alert(1)" was ignored, so the default applies',
        line: 2,
        column: 15,
        hint: 'see https://revealjs.com/config/ for "width"',
      },
    ]);
    expect(deck.options).toEqual({ controls: true });
    expect('width' in deck.options).toBe(false);
  });

  it('suggests the closest value, or the value meant', () => {
    const deck = parseDeck(d('[comment]: # (transition: zom)', '[comment]: # (margin: "0.1")', '[comment]: # (slideNumber: "true")', 'A'));
    expect(deck.diagnostics.map((x) => [x.code, x.line, x.hint])).toEqual([
      ['bad-option-value', 1, 'did you mean "zoom"?'],
      ['bad-option-value', 2, 'write margin: 0.1'],
      ['bad-option-value', 3, 'write slideNumber: true'],
    ]);
    expect(deck.diagnostics[0]!.message).toBe(
      '"transition" must be "none", "fade", "slide", "convex", "concave" or "zoom"; "zom" was ignored, so the default applies',
    );
    expect(deck.options).toEqual({});
  });

  it('keeps an earlier good value and says so', () => {
    const deck = parseDeck(d('[comment]: # (width: 1280)', '[comment]: # (width: wide)', 'A'));
    expect(deck.options).toEqual({ width: 1280 });
    expect(deck.diagnostics[0]!.message).toBe('"width" must be a number of pixels or a percentage such as "80%"; "wide" was ignored, so it stays 1280');
  });

  it('checks front matter options, top-level and under reveal:, at their key lines', () => {
    const deck = parseDeck(d('---', 'title: T', 'width: alert(1)', 'reveal:', '  transition: zoomm', '  center: false', '---', '# A'));
    expect(deck.diagnostics.map((x) => [x.code, x.line, x.column, x.hint])).toEqual([
      ['bad-option-value', 3, 1, 'see https://revealjs.com/config/ for "width"'],
      ['bad-option-value', 4, 1, 'did you mean "zoom"?'],
    ]);
    expect(deck.options).toEqual({ center: false });
  });

  it('leaves a deck of good values as it was', () => {
    const lines = [
      '[comment]: # (width: "960")',
      '[comment]: # (height: "80%")',
      '[comment]: # (margin: 0.1)',
      '[comment]: # (transition: zoom)',
      '[comment]: # (slideNumber: c/t)',
      '[comment]: # (autoSlide: false)',
      '[comment]: # (view: scroll)',
      '[comment]: # (keyboard: { 13: next })',
      '[comment]: # (markdown: { smartypants: true })',
      '# A',
    ];
    const deck = parseDeck(d(...lines));
    expect(deck.diagnostics).toEqual([]);
    expect(deck.options).toEqual({
      width: '960',
      height: '80%',
      margin: 0.1,
      transition: 'zoom',
      slideNumber: 'c/t',
      autoSlide: false,
      view: 'scroll',
      keyboard: { 13: 'next' },
      markdown: { smartypants: true },
    });
    const front = parseDeck(d('---', 'reveal:', '  width: 1280', '  controlsLayout: edges', '---', '# A'));
    expect(front.diagnostics).toEqual([]);
    expect(front.options).toEqual({ width: 1280, controlsLayout: 'edges' });
  });

  it('passes unknown keys on as before, whatever their value', () => {
    const deck = parseDeck(d('[comment]: # (menuPlugin: alert(1))', 'A'));
    expect(deck.diagnostics.map((x) => x.code)).toEqual(['unknown-option']);
    expect(deck.options).toEqual({ menuPlugin: 'alert(1)' });
  });
});
