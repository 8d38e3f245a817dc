/**
 * Stage 4: the HTML documents: one page per deck and the index of decks. In Vite's pages the
 * deck's scripts and styles come from one module id per deck, so Vite bundles them (and can
 * hot-update them) without anything on disk; the exporters' pages link them directly.
 */
import { escapeHtml, jsonInScript } from './escape.ts';
import { textBlocks } from './html-text.ts';

export interface DeckPageInput {
  title: string;
  lang: string;
  slidesHtml: string;
  /** The page's module script: it loads reveal.js and starts the deck. */
  script: string;
  /** Stylesheet URLs, in order (for pages that do not import their styles from the script). */
  styles?: string[];
  /** Bare module specifier → URL, for a script that is not bundled. */
  importMap?: Record<string, string>;
  description?: string;
  author?: string;
  /** JSON for the page's scripts, as `<script type="application/json" id="…">` in the head. */
  data?: { id: string; value: unknown };
  /** The deck's public address (`slidewright build --url`): canonical and `og:url`. */
  url?: string;
}

export function renderDeckPage(input: DeckPageInput): string {
  // Share cards (chat apps, social sites) read Open Graph and Twitter's tags.
  const meta = [
    input.description ? `<meta name="description" content="${escapeHtml(input.description)}">` : '',
    input.author ? `<meta name="author" content="${escapeHtml(input.author)}">` : '',
    `<meta property="og:type" content="website">`,
    `<meta property="og:title" content="${escapeHtml(input.title)}">`,
    input.description ? `<meta property="og:description" content="${escapeHtml(input.description)}">` : '',
    input.url ? `<meta property="og:url" content="${escapeHtml(input.url)}">` : '',
    input.url ? `<link rel="canonical" href="${escapeHtml(input.url)}">` : '',
    `<meta name="twitter:card" content="summary">`,
    `<meta name="twitter:title" content="${escapeHtml(input.title)}">`,
    input.description ? `<meta name="twitter:description" content="${escapeHtml(input.description)}">` : '',
  ].filter(Boolean);
  const head = [
    ...meta,
    ...(input.styles ?? []).map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`),
    ...(input.data ? [`<script type="application/json" id="${escapeHtml(input.data.id)}">${jsonInScript(input.data.value)}</script>`] : []),
    ...(input.importMap ? [`<script type="importmap">${jsonInScript({ imports: input.importMap })}</script>`] : []),
    // Fetched with the page rather than once the script that imports them has arrived.
    ...Object.values(input.importMap ?? {}).map((href) => `<link rel="modulepreload" href="${escapeHtml(href)}">`),
  ];
  return `<!doctype html>
<html lang="${escapeHtml(input.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="slidewright">
<link rel="icon" href="data:,">
${head.join('\n')}${head.length ? '\n' : ''}<title>${escapeHtml(input.title)}</title>
</head>
<body>
<div class="reveal">
<div class="slides">
${input.slidesHtml}</div>
</div>
<script type="module">${scriptText(input.script)}</script>
</body>
</html>
`;
}

/** A deck's public address under the site's (`--url https://example.org/talks/` → `…/talks/<deck>/`). */
export function deckAddress(siteUrl: string, name: string): string {
  return new URL(`${encodeURIComponent(name)}/`, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).href;
}

/**
 * A deck's one-line description when its front matter has none: the title slide's text after
 * the title (the subtitle, the speaker, the event), as search results and share cards show it.
 */
export function summaryOf(firstSlideHtml: string, title: string, max = 200): string | undefined {
  const classOf = (element: { attrs: { name: string; value: string }[] }) => element.attrs.find((a) => a.name === 'class')?.value ?? '';
  const blocks = textBlocks(firstSlideHtml, (element) => {
    // The notes are the speaker's; the QR code of the deck's own address says nothing of the talk.
    const name = classOf(element);
    return (element.tagName === 'aside' && name === 'notes') || name === 'slidewright-qr';
  })
    .map((text) => text.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  if (blocks[0] === title) blocks.shift();
  const text = blocks.join(' · ');
  if (!text) return undefined;
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** Text safe inside `<script>`: no `</script` or `<!--` can end it early. */
function scriptText(code: string): string {
  return code.replace(/<(\/script|!--)/gi, '\\x3C$1');
}

export interface DeckListing {
  /** URL path segment of the deck (`lpw2025-cpansec-update`). */
  name: string;
  title: string;
  slideCount: number;
  /** Problems worth a glance on the index (count of warnings). */
  warnings: number;
  /** Relative URL of the deck's PDF handout, when one is published. */
  handout?: string;
}

export function renderIndexPage(decks: DeckListing[], heading = 'Decks'): string {
  const items = decks
    .map(
      (d) => `<li><a href="./${encodeURIComponent(d.name)}/">${escapeHtml(d.title)}</a>
<span class="meta">${d.slideCount} slide${d.slideCount === 1 ? '' : 's'} · <code>${escapeHtml(d.name)}.md</code>${
        d.warnings ? ` · ${d.warnings} warning${d.warnings === 1 ? '' : 's'}` : ''
      }${d.handout ? ` · <a class="handout" href="${escapeHtml(d.handout)}">PDF handout</a>` : ''}</span></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="slidewright">
<title>${escapeHtml(heading)}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.6rem; }
ul { list-style: none; padding: 0; }
li { margin: 0 0 1rem; }
a { font-size: 1.15rem; }
.meta { display: block; color: #666; font-size: .9rem; }
</style>
</head>
<body>
<h1>${escapeHtml(heading)}</h1>
${decks.length ? `<ul class="decks">\n${items}\n</ul>` : '<p>No decks yet: add a markdown file to <code>slides/</code>.</p>'}
</body>
</html>
`;
}
