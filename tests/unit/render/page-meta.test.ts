import { describe, expect, it } from 'vitest';
import { renderDeckPage, renderIndexPage, summaryOf } from '../../../src/render/page.ts';

describe('share metadata', () => {
  it('gives every deck page its title, description, lang and Open Graph and Twitter tags', () => {
    const html = renderDeckPage({ title: 'A <b> talk', lang: 'nb', slidesHtml: '', script: '', description: 'Jane & co', url: 'https://example.org/t/x/' });
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain('<title>A &lt;b&gt; talk</title>');
    expect(html).toContain('<meta property="og:title" content="A &lt;b&gt; talk">');
    expect(html).toContain('<meta property="og:description" content="Jane &amp; co">');
    expect(html).toContain('<meta name="twitter:card" content="summary">');
    expect(html).toContain('<meta property="og:url" content="https://example.org/t/x/">');
    expect(html).toContain('<link rel="canonical" href="https://example.org/t/x/">');
    expect(renderDeckPage({ title: 'T', lang: 'en', slidesHtml: '', script: '' })).not.toContain('og:url');
  });

  it("describes a deck by its title slide's text after the title", () => {
    const body = '<h1 id="t">An update on CPANSec</h1>\n<p>José Joaquín Atria &amp; Salve J. Nilsen</p>\n<p>London Perl &#8220;Workshop&#8221;</p>\n<aside class="notes"><p>secret</p></aside>';
    expect(summaryOf(body, 'An update on CPANSec')).toBe('José Joaquín Atria & Salve J. Nilsen · London Perl “Workshop”');
    expect(summaryOf('<h1 id="t">Only a title</h1>', 'Only a title')).toBeUndefined();
    expect(summaryOf(`<p>${'word '.repeat(100)}</p>`, 'x', 40)).toHaveLength(40);
  });

  it('links a published handout from the index', () => {
    const html = renderIndexPage([{ name: 'talk', title: 'Talk', slideCount: 3, warnings: 0, handout: './talk/talk.pdf' }]);
    expect(html).toContain('<a class="handout" href="./talk/talk.pdf">PDF handout</a>');
  });
});

describe('images on a slow connection', () => {
  it('load lazily and decode off the main thread from the given slide on', async () => {
    const { parseDeck } = await import('../../../src/format/parser.ts');
    const { renderDeck } = await import('../../../src/render/deck.ts');
    const deck = parseDeck('![a](a.png)\n\n[comment]: # (!!!)\n\n![b](b.png) <img src="c.png" loading="eager">');
    const html = renderDeck(deck, { lazyImagesFrom: 1 }).slidesHtml;
    expect(html).toContain('<img src="a.png" alt="a">');
    expect(html).toContain('<img loading="lazy" decoding="async" src="b.png" alt="b">');
    expect(html).toContain('<img decoding="async" src="c.png" loading="eager">');
    expect(renderDeck(deck).slidesHtml).not.toContain('loading="lazy"');
  });
});

describe('image sizes', () => {
  it('go on images that give none, from the size the adapter knows', async () => {
    const { parseDeck } = await import('../../../src/format/parser.ts');
    const { renderDeck } = await import('../../../src/render/deck.ts');
    const deck = parseDeck('![a](a.png) <img src="b.png" width="50%"> ![c](unknown.png)');
    const sizes: Record<string, { width: number; height: number }> = { 'a.png': { width: 640, height: 480 }, 'b.png': { width: 1, height: 1 } };
    const html = renderDeck(deck, { imageSize: (url) => sizes[url] }).slidesHtml;
    expect(html).toContain('<img width="640" height="480" data-intrinsic-size src="a.png" alt="a">');
    expect(html).toContain('<img src="b.png" width="50%">');
    expect(html).toContain('<img src="unknown.png" alt="c">');
  });
});
