import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../../src/format/parser.ts';
import { parseFenceInfo, parseLineSpec, splitHighlightedLines } from '../../../src/render/code.ts';
import { renderDeck, revealConfigFor, rewriteUrls } from '../../../src/render/deck.ts';
import { renderDeckPage, renderIndexPage } from '../../../src/render/page.ts';

const d = (...lines: string[]) => lines.join('\n');
const render = (source: string) => renderDeck(parseDeck(source));

describe('slides', () => {
  it('renders sections, stacks, attributes and notes asides', () => {
    const { slidesHtml, slideCount } = render(
      d('# A', 'Note: n1', '[comment]: # (!!! data-auto-animate)', 'B', '[comment]: # (|||)', 'C', 'Note: n3'),
    );
    expect(slideCount).toBe(3);
    expect(slidesHtml).toMatch(/^<section data-auto-animate data-source-line="1">\n<h1 id="a">A<\/h1>\n<aside class="notes"><p>n1<\/p>\n<\/aside>\n<\/section>\n<section>\n<section data-source-line="4">/);
    expect(slidesHtml).toContain('<aside class="notes"><p>n3</p>');
    expect(slidesHtml.endsWith('</section>\n</section>\n')).toBe(true);
  });

  it('shows one empty slide, with a warning, for a deck without slides (reveal.js cannot start on none)', () => {
    for (const source of ['', '\n\n', d('---', 'theme: black', '---', '')]) {
      const { slidesHtml, slideCount, nodes, diagnostics } = render(source);
      expect(slidesHtml).toBe('<section data-source-line="1">\n</section>\n');
      expect([slideCount, nodes.length]).toEqual([1, 1]);
      expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'no-slides', line: 1 })]);
    }
    expect(render('# One').diagnostics).toEqual([]);
  });

  it('escapes attribute values', () => {
    const { slidesHtml } = render(d('A', `[comment]: # (!!! title='a"b<c')`));
    expect(slidesHtml).toContain('title="a&quot;b&lt;c"');
  });

  it('applies smartypants by default and not when the deck turns it off', () => {
    expect(render(`"quoted" -- and... it's --- <code>"x"</code>`).slidesHtml).toContain('“quoted” – and… it’s — <code>"x"</code>');
    expect(render('`"code"` "**bold**"').slidesHtml).toContain('<code>"code"</code> “<strong>bold</strong>”');
    expect(render(d('[comment]: # (markdown: { smartypants: false })', `"q"`)).slidesHtml).toContain('<p>&quot;q&quot;</p>');
  });

  it('leaves CSS in <style> alone (custom properties are not dashes)', () => {
    const { slidesHtml } = render('<style>\n:root { --r-main-font-size: 32px; }\n</style>\n\nA -- B');
    expect(slidesHtml).toContain('--r-main-font-size: 32px;');
    expect(slidesHtml).toContain('A – B');
  });

  it('keeps heading ids unique across the deck', () => {
    const { slidesHtml } = render(d('## Same', '[comment]: # (!!!)', '## Same'));
    expect(slidesHtml).toContain('id="same"');
    expect(slidesHtml).toContain('id="same-1"');
  });

  it('resolves link references defined on another slide, local definitions winning', () => {
    const { slidesHtml } = render(d('[cna]: https://a.example/', '[comment]: # (!!!)', 'see [CNA][cna]', '[comment]: # (!!!)', '[cna][]', '', '[cna]: https://b.example/'));
    expect(slidesHtml).toContain('<a href="https://a.example/">CNA</a>');
    expect(slidesHtml).toContain('<a href="https://b.example/">cna</a>');
  });

  it('highlights code at build time', () => {
    const { slidesHtml } = render(d('```js', 'const a = 1;', '```', '```nosuchlang', '<b>', '```'));
    expect(slidesHtml).toContain('<pre><code class="hljs language-js"><span class="hljs-keyword">const</span>');
    expect(slidesHtml).toContain('<code class="hljs language-nosuchlang">&lt;b&gt;');
  });

  it('builds line numbers and one fragment per highlight step, as the reveal.js plugin does', () => {
    const { slidesHtml } = render(d('```js [1-2|3]', 'a();', 'b();', 'c();', '```'));
    const codes = [...slidesHtml.matchAll(/<code class="([^"]*)" data-line-numbers="([^"]*)">(.*?)<\/code>/g)];
    expect(codes.map((m) => [m[1], m[2]])).toEqual([
      ['hljs language-js has-highlights', '1-2'],
      ['hljs language-js has-highlights fragment', '3'],
    ]);
    const highlighted = (html: string) => [...html.matchAll(/<tr( class="highlight-line")?>.*?data-line-number="(\d+)"/g)].filter((m) => m[1]).map((m) => Number(m[2]));
    expect(highlighted(codes[0]![3]!)).toEqual([1, 2]);
    expect(highlighted(codes[1]![3]!)).toEqual([3]);
    expect(slidesHtml).toContain('<pre class="code-wrapper">');
  });

  it('numbers from the given start line', () => {
    const { slidesHtml } = render(d('```python [712: 1]', 'x', 'y', '```'));
    expect(slidesHtml).toContain('data-ln-start-from="712"');
    expect(slidesHtml).toContain('<div class="hljs-ln-n" data-line-number="713"></div>');
  });

  it('passes raw HTML through', () => {
    expect(render('<div class="two-col"><iframe src="https://x.example/"></iframe></div>').slidesHtml).toContain('<iframe src="https://x.example/">');
  });
});

describe('fence info', () => {
  it('reads language, steps and start line', () => {
    expect(parseFenceInfo('js [1-2|3]')).toEqual({ language: 'js', lineNumbers: '1-2|3', startFrom: null });
    expect(parseFenceInfo('js [712: 1-2]')).toEqual({ language: 'js', lineNumbers: '1-2', startFrom: 712 });
    expect(parseFenceInfo('js []')).toEqual({ language: 'js', lineNumbers: '', startFrom: null });
    expect(parseFenceInfo('')).toEqual({ language: null, lineNumbers: null, startFrom: null });
  });
});

describe('highlighted lines', () => {
  it('closes and reopens spans that cross a line end', () => {
    expect(splitHighlightedLines('<span class="c">/* a\nb */</span> x\ny')).toEqual(['<span class="c">/* a</span>', '<span class="c">b */</span> x', 'y']);
  });

  it('reads line specs', () => {
    expect([...parseLineSpec('1-3,5')]).toEqual([1, 2, 3, 5]);
    expect([...parseLineSpec('')]).toEqual([]);
  });
});

describe('urls', () => {
  it('rewrites URL attributes through the resolver, with the slide line', () => {
    const seen: unknown[] = [];
    const { slidesHtml } = renderDeck(parseDeck(d('A', '[comment]: # (!!! data-background-image="media/bg.png")', '![x](media/a.png)')), {
      resolveUrl: (url, context) => {
        seen.push([url, context]);
        return url.startsWith('media/') ? `../${url}` : url;
      },
    });
    expect(slidesHtml).toContain('data-background-image="../media/bg.png"');
    expect(slidesHtml).toContain('src="../media/a.png"');
    expect(seen).toContainEqual(['media/a.png', expect.objectContaining({ line: 3, column: 6, attribute: 'src' })]);
    expect(seen).toContainEqual(['media/bg.png', expect.objectContaining({ line: 2, column: 42, attribute: 'data-background-image' })]);
  });

  it('leaves other attributes alone', () => {
    expect(rewriteUrls('<a title="media/x" href="#/2">', () => 'X')).toBe('<a title="media/x" href="X">');
  });
});

describe('configuration', () => {
  it('puts mdslides defaults under the deck options and keeps build-time options out', () => {
    const deck = parseDeck(d('[comment]: # (hash: false)', '[comment]: # (markdown: { smartypants: true })', '[comment]: # (width: "960")'));
    expect(revealConfigFor(deck)).toEqual({ controls: false, hash: false, width: '960' });
  });
});

describe('pages', () => {
  it('escapes the title and loads the deck module', () => {
    const html = renderDeckPage({ title: 'A <b> & c', lang: 'en', slidesHtml: '<section></section>', script: 'import "virtual:x/y";' });
    expect(html).toContain('<title>A &lt;b&gt; &amp; c</title>');
    expect(html).toContain('<script type="module">import "virtual:x/y";</script>');
  });

  it('links styles in order, maps bare imports, and keeps the script from ending early', () => {
    const html = renderDeckPage({
      title: 'T',
      lang: 'en',
      slidesHtml: '',
      styles: ['/a.css', '/b "c".css'],
      importMap: { 'reveal.js': '/r.mjs' },
      script: 'start({"note":"</script><!-- x"});',
    });
    expect(html.indexOf('<link rel="stylesheet" href="/a.css">')).toBeLessThan(html.indexOf('href="/b &quot;c&quot;.css"'));
    expect(html).toContain('<script type="importmap">{"imports":{"reveal.js":"/r.mjs"}}</script>');
    expect(html).toContain('<script type="module">start({"note":"\\x3C/script>\\x3C!-- x"});</script>');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });

  it('keeps an import map valid JSON when a URL holds </script>', () => {
    const html = renderDeckPage({ title: 'T', lang: 'en', slidesHtml: '', importMap: { x: '/a</script><!--.mjs' }, script: '' });
    const map = /<script type="importmap">(.*?)<\/script>/.exec(html)![1]!;
    expect(JSON.parse(map)).toEqual({ imports: { x: '/a</script><!--.mjs' } });
  });

  it('lists decks with relative links', () => {
    const html = renderIndexPage([{ name: 'my talk', title: 'T', slideCount: 1, warnings: 2 }]);
    expect(html).toContain('<a href="./my%20talk/">T</a>');
    expect(html).toContain('1 slide · <code>my talk.md</code> · 2 warnings');
  });
});

describe('element attributes', () => {
  it('go on the element before the comment, or the parent when there is none (reveal.js rules)', () => {
    const { slidesHtml } = render(
      d(
        '- one <!-- .element: class="fragment" -->',
        '- two <!-- .element: class="fragment" data-fragment-index="2" -->',
        '',
        '![pic](https://x.example/p.png) <!-- .element: style="width: 50%" -->',
        '',
        'Paragraph',
        '',
        '<!-- .element: class="fragment fade-up" -->',
      ),
    );
    expect(slidesHtml).toContain('<li class="fragment">one </li>');
    expect(slidesHtml).toContain('<li class="fragment" data-fragment-index="2">two </li>');
    expect(slidesHtml).toContain('<img src="https://x.example/p.png" alt="pic" style="width: 50%">');
    expect(slidesHtml).toContain('<p class="fragment fade-up">Paragraph</p>');
    expect(slidesHtml).not.toContain('.element');
  });

  it('go on the section when nothing comes before them', () => {
    const { slidesHtml } = render('<!-- .element: data-state="intro" -->\n\n# Hi');
    expect(slidesHtml).toMatch(/^<section data-state="intro" data-source-line="1">/);
  });

  it('leave other comments alone', () => {
    expect(render('# A\n\n<!-- a comment -->').slidesHtml).toContain('<!-- a comment -->');
  });
});

describe('math', () => {
  it('renders MathJax-style delimiters with KaTeX at build time, leaving single dollars alone', () => {
    const { slidesHtml } = render('$$ U = R . I $$\n\nInline \\(a^2\\) costs $5 -- or $6.\n\n\\[\n\\frac{1}{2}\n\\]');
    expect(slidesHtml.match(/class="katex-display"/g)).toHaveLength(2);
    expect(slidesHtml.match(/class="katex"/g)).toHaveLength(3);
    expect(slidesHtml).toContain('<annotation encoding="application/x-tex">U = R . I</annotation>');
    expect(slidesHtml).toContain('costs $5 – or $6.');
  });

  it('shows a TeX error on the slide instead of failing the build', () => {
    expect(render('$$ \\frac{1 $$').slidesHtml).toContain('katex-error');
  });
});

describe('placeholder tags', () => {
  const warnings = (source: string) => render(source).diagnostics.filter((x) => x.code === 'text-tag');

  it('a tag that is no HTML element and never closed shows as text, with a warning at its place', () => {
    const out = render(d('# Hello', '', 'Note:', '', "Hei! I'm <NAME> and I say hi", '[comment]: # (!!!)', 'B'));
    expect(out.slidesHtml).toContain('&lt;NAME&gt;');
    expect(out.slidesHtml).not.toContain('<NAME>');
    expect(warnings(d('# Hello', '', 'Note:', '', "Hei! I'm <NAME> and I say hi", '[comment]: # (!!!)', 'B'))).toMatchObject([{ line: 5, column: 10, severity: 'warning' }]);
    // `<your.name>` is no tag syntax, so marked already shows it as text; `<TBD/>` is a tag.
    expect(warnings(d('# A', '', 'Mail <your.name> or <TBD/>'))).toMatchObject([{ line: 3, column: 21 }]);
  });

  it('leaves real HTML, custom elements, closed tags, svg, code and autolinks alone', () => {
    const source = d(
      '# A',
      '',
      '<DIV class="x">hi</DIV> <mark>m</mark> <kbd>S</kbd> <my-widget></my-widget> <center>c</center>',
      '',
      '<svg width="10" height="10"><circle cx="5" cy="5" r="4"/></svg>',
      '',
      '`<NAME>` and <https://example.org> and <me@example.org>',
      '',
      '```',
      '<NAME>',
      '```',
    );
    expect(warnings(source)).toEqual([]);
    const html = render(source).slidesHtml;
    expect(html).toContain('<circle cx="5" cy="5" r="4"/>');
    expect(html).toContain('<DIV class="x">');
  });

  it('are placed where they are written, not at a copy in code, an escape or a comment', () => {
    const source = d('# A', '', 'Write `<NAME>` or \\<NAME> <!-- <NAME> -->', 'then <NAME> here', '', 'Note:', '', '```', '<NAME>', '```', 'and <NAME> in the notes');
    expect(warnings(source).map((w) => [w.line, w.column])).toEqual([
      [4, 6],
      [11, 5],
    ]);
    // Two of a kind on one slide: each at its own place.
    expect(warnings(d('<X> and <X>', '', '<X>')).map((w) => [w.line, w.column])).toEqual([
      [1, 1],
      [1, 9],
      [3, 1],
    ]);
  });

  it('leave comments, scripts and obsolete elements a browser still knows alone', () => {
    const source = d('<center>', '', '# A', '', '<!-- <NAME> -->', '', '<script>if (a<n && b>c) go();</script>', '', '<big>Big</big> <tt>tt', '');
    expect(warnings(source)).toEqual([]);
    const html = render(source).slidesHtml;
    expect(html).toContain('<center>');
    expect(html).toContain('<script>if (a<n && b>c) go();</script>');
    expect(html).toContain('<tt>tt');
  });

  it("in the seed deck: the first notes' <NAME> shows as text, with a warning at line 25", () => {
    const source = readFileSync(new URL('../../../slides/lpw2025-cpansec-update.md', import.meta.url), 'utf8');
    const out = render(source);
    expect(out.slidesHtml).toContain('Hei! I’m &lt;NAME&gt; and I’m here to introduce');
    expect(out.diagnostics.filter((x) => x.code === 'text-tag')).toEqual([
      {
        severity: 'warning',
        code: 'text-tag',
        message: '<NAME> is not an HTML tag, so it is shown as text (a browser would drop it)',
        line: 25,
        column: 10,
        hint: 'write \\<NAME> or `<NAME>` to say it is text, or fix the tag\'s name',
      },
    ]);
  });
});
