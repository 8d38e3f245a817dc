/**
 * Code blocks, highlighted at build time with highlight.js (no highlighting work in the
 * browser). The reveal.js fence extensions are kept as data attributes for the client:
 * ```` ```js [1-2|3] ```` → step-wise line highlights, ```` ```js [712: 1-2] ```` → numbering from 712.
 */
import hljs from 'highlight.js';
import { escapeHtml } from './escape.ts';

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
  const language = fence.language && hljs.getLanguage(fence.language) ? fence.language : null;
  const body = language
    ? hljs.highlight(code, { language, ignoreIllegals: true }).value
    : escapeHtml(code);
  const classes = ['hljs', language ? `language-${language}` : fence.language ? `language-${fence.language}` : 'nohighlight'];
  let attributes = ` class="${escapeHtml(classes.join(' '))}"`;
  if (fence.lineNumbers !== null) attributes += ` data-line-numbers="${escapeHtml(fence.lineNumbers)}"`;
  if (fence.startFrom !== null) attributes += ` data-ln-start-from="${fence.startFrom}"`;
  return `<pre><code${attributes}>${body}</code></pre>\n`;
}

export function isKnownLanguage(language: string): boolean {
  return hljs.getLanguage(language) !== undefined;
}
