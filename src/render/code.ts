/**
 * Code blocks, highlighted at build time with highlight.js (no highlighting work in the
 * browser). The reveal.js fence extensions are kept as data attributes for the client:
 * ```` ```js [1-2|3] ```` → step-wise line highlights, ```` ```js [712: 1-2] ```` → numbering from 712.
 */
import { createRequire } from 'node:module';
import type { HLJSApi } from 'highlight.js';
import { escapeHtml } from './escape.ts';

const require = createRequire(import.meta.url);
let hljs: HLJSApi | undefined;

/** highlight.js with all its languages, loaded on the first code block: most decks have none. */
function highlighter(): HLJSApi {
  hljs ??= require('highlight.js') as HLJSApi;
  return hljs;
}

export interface FenceInfo {
  language: string | null;
  /** `data-line-numbers` value: '' means "numbers only", '1-2|3' steps; null: no numbers. */
  lineNumbers: string | null;
  startFrom: number | null;
}

const LINE_SPEC = /\[\s*(?:(\d+)\s*:)?\s*([\d,|\s-]*)\]\s*$/;

export function parseFenceInfo(info: string): FenceInfo {
  let rest = info.trim();
  let lineNumbers: string | null = null;
  let startFrom: number | null = null;
  const spec = LINE_SPEC.exec(rest);
  if (spec) {
    startFrom = spec[1] ? Number(spec[1]) : null;
    lineNumbers = spec[2]!.replace(/\s+/g, '');
    rest = rest.slice(0, spec.index).trim();
  }
  const language = rest.split(/\s+/)[0] || null;
  return { language, lineNumbers, startFrom };
}

export function renderCode(code: string, info: string): string {
  const fence = parseFenceInfo(info);
  const language = fence.language && highlighter().getLanguage(fence.language) ? fence.language : null;
  const body = language
    ? highlighter().highlight(code, { language, ignoreIllegals: true }).value
    : escapeHtml(code);
  const classes = ['hljs', language ? `language-${language}` : fence.language ? `language-${fence.language}` : 'nohighlight'];
  if (fence.lineNumbers === null) return `<pre><code class="${escapeHtml(classes.join(' '))}">${body}</code></pre>\n`;
  return `<pre class="code-wrapper">${renderNumberedSteps(body, classes, fence)}</pre>\n`;
}

/**
 * What reveal.js's highlight plugin builds in the browser, built here instead: a line-number
 * table, and for `[1-2|3]` one `<code>` per step, the later ones fragments stacked on the
 * first, each marking its lines with `highlight-line` (reveal.css dims the others).
 */
function renderNumberedSteps(highlighted: string, classes: string[], fence: FenceInfo): string {
  const lines = splitHighlightedLines(highlighted);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const start = fence.startFrom ?? 1;
  const steps = (fence.lineNumbers ?? '').split('|').map(parseLineSpec);
  return steps
    .map((marked, step) => {
      const rows = lines
        .map((line, i) => {
          const n = start + i;
          const highlight = marked.has(i + 1) ? ' class="highlight-line"' : '';
          return `<tr${highlight}><td class="hljs-ln-line hljs-ln-numbers" data-line-number="${n}"><div class="hljs-ln-n" data-line-number="${n}"></div></td><td class="hljs-ln-line hljs-ln-code" data-line-number="${n}">${line}</td></tr>`;
        })
        .join('');
      const codeClasses = [...classes, ...(marked.size ? ['has-highlights'] : []), ...(step > 0 ? ['fragment'] : [])];
      const spec = (fence.lineNumbers ?? '').split('|')[step] ?? '';
      const startAttribute = fence.startFrom !== null ? ` data-ln-start-from="${fence.startFrom}"` : '';
      return `<code class="${escapeHtml(codeClasses.join(' '))}" data-line-numbers="${escapeHtml(spec)}"${startAttribute}><table class="hljs-ln"><tbody>${rows}</tbody></table></code>`;
    })
    .join('');
}

/** `1-2,5` → {1, 2, 5} (row numbers within the block, as reveal.js counts them). */
export function parseLineSpec(spec: string): Set<number> {
  const lines = new Set<number>();
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) continue;
    const from = Number(m[1]);
    const to = m[2] ? Math.min(Number(m[2]), from + 10_000) : from;
    for (let i = from; i <= to; i++) lines.add(i);
  }
  return lines;
}

/**
 * Splits highlight.js output into lines, closing the spans still open at each line end and
 * reopening them on the next line, so every line is well-formed HTML on its own.
 */
export function splitHighlightedLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let current = '';
  let last = 0;
  for (const m of html.matchAll(/<span[^>]*>|<\/span>|\n/g)) {
    current += html.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[0] === '\n') {
      lines.push(current + '</span>'.repeat(open.length));
      current = open.join('');
    } else if (m[0] === '</span>') {
      open.pop();
      current += m[0];
    } else {
      open.push(m[0]);
      current += m[0];
    }
  }
  lines.push(current + html.slice(last));
  return lines;
}
