/**
 * Input no one should write, but someone will: the pipeline says where, and renders the rest.
 */
import { describe, expect, it } from 'vitest';
import { replaceControlCharacters } from '../../../src/format/control-characters.ts';
import { parseDeck } from '../../../src/format/parser.ts';
import { renderDeck } from '../../../src/render/deck.ts';
import { compileDeck } from '../../../src/pipeline.ts';

describe('control characters', () => {
  it('become U+FFFD with a warning at the first one of each line', () => {
    const result = replaceControlCharacters('ok\na\x1bb\x0bc\n\ttab\fform feed\r\n');
    expect(result.text).toBe('ok\na\ufffdb\ufffdc\n\ttab\fform feed\r\n');
    expect(result.diagnostics).toMatchObject([{ code: 'control-character', line: 2, column: 2, message: expect.stringContaining('2 control characters (first U+001B)') }]);
  });

  it('warn on at most 20 lines, then once with the count', () => {
    const result = replaceControlCharacters(Array.from({ length: 30 }, () => 'x\x01').join('\n'));
    expect(result.diagnostics).toHaveLength(21);
    expect(result.diagnostics[20]!.message).toContain('10 more lines');
  });

  it('leave text without them as it is (the same string)', () => {
    const text = 'Olá — “quotes” 👉\n';
    expect(replaceControlCharacters(text)).toEqual({ text, diagnostics: [] });
  });

  it('are located in a compiled deck and gone from its page', () => {
    const compiled = compileDeck('# T\n\nA\x01B\n');
    expect(compiled.diagnostics).toContainEqual(expect.objectContaining({ code: 'control-character', line: 3, column: 2 }));
    expect(compiled.rendered.slidesHtml).not.toMatch(/[\x01]/);
  });
});

describe('a slide that cannot be rendered', () => {
  it('is one error at its line and shows its text; the other slides render', () => {
    // An image sizer that throws stands for any library that does.
    const failing = renderDeck(parseDeck('# One\n\n[comment]: # (!!!)\n\n![x](a.png) <i>\n\n[comment]: # (!!!)\n\n## Three\n'), {
      imageSize: () => {
        throw new Error('boom');
      },
    });
    expect(failing.diagnostics).toMatchObject([{ severity: 'error', code: 'slide-failed', line: 5, message: expect.stringContaining('boom') }]);
    expect(failing.slidesHtml).toMatch(/<pre class="slidewright-plain">\s*!\[x\]\(a\.png\) &lt;i&gt;\s*<\/pre>/);
    expect(failing.slidesHtml).toContain('<h1 id="one">One</h1>');
    expect(failing.slidesHtml).toContain('<h2 id="three">Three</h2>');
  });
});

describe('the render budget', () => {
  it('stops at the slide where time ran out, naming it, and shows the rest as text', () => {
    const deck = parseDeck(['# 1', '# 2', '# 3', '# 4'].join('\n\n[comment]: # (!!!)\n\n'));
    let clock = 0;
    // Each slide "takes" 10 ms on this clock: the budget of 15 ms runs out during slide 2.
    const rendered = renderDeck(deck, { budget: { ms: 15, now: () => (clock += 10) } });
    const errors = rendered.diagnostics.filter((d) => d.code === 'deck-too-slow');
    expect(errors).toMatchObject([{ severity: 'error', line: 5 }]);
    expect(rendered.slidesHtml).toContain('<h1 id="2">2</h1>');
    expect(rendered.slidesHtml).toMatch(/<pre class="slidewright-plain">\s*# 3\s*<\/pre>/);
    expect(rendered.slidesHtml).not.toContain('<h1 id="3">');
    expect(rendered.slidesHtml).not.toContain('<h1 id="4">');
  });

  it('is not in the way of a deck within it', () => {
    const deck = parseDeck('# 1\n\n[comment]: # (!!!)\n\n# 2\n');
    expect(renderDeck(deck, { budget: { ms: 60_000, now: () => performance.now() } }).diagnostics).toEqual([]);
  });
});

describe('KaTeX messages', () => {
  it('are warnings at the formula, and the formula still shows', () => {
    const compiled = compileDeck('# Math\n\nGood $$x^2$$ and\nbad $$\\frac{1}{$$ here\n\nNote:\n\n\\(\\undefinedmacro\\)\n');
    const warnings = compiled.diagnostics.filter((d) => d.code === 'math-error');
    expect(warnings).toMatchObject([
      { line: 4, column: 7, message: expect.stringContaining('KaTeX cannot read this formula') },
      { line: 8, column: 3, message: expect.stringContaining('undefinedmacro') },
    ]);
    expect(compiled.rendered.slidesHtml).toContain('katex-error');
  });
});

describe('HTML nested deeper than a browser builds it', () => {
  it('keeps its .element comments as they are, with a warning, instead of overflowing the stack', () => {
    const compiled = compileDeck(`${'<b>'.repeat(5000)}\n\n<!-- .element: class="fragment" -->\n`);
    expect(compiled.diagnostics.map((d) => d.code)).toEqual(['html-too-deep']);
  });
});
