/**
 * Code blocks, highlighted at build time with highlight.js (no highlighting work in the
 * browser). The reveal.js fence extensions are kept as data attributes for the client:
 * ```` ```js [1-2|3] ```` → step-wise line highlights, ```` ```js [712: 1-2] ```` → numbering from 712.
 */
import { createRequire } from 'node:module';
import type { HLJSApi, LanguageFn, Mode } from 'highlight.js';
import { escapeHtml } from './escape.ts';

const require = createRequire(import.meta.url);
let core: HLJSApi | undefined;
let everyLanguage = false;

/**
 * highlight.js with the languages a deck uses, loaded as fences ask for them: all 190 take
 * about 90 ms to load, and a deck shows one or two. A fence naming a language by an alias
 * (`js`, `sh`) loads them all; the highlighting is the same either way.
 */
function highlighterFor(language: string): HLJSApi {
  core ??= require('highlight.js/lib/core') as HLJSApi;
  if (!everyLanguage && !core.getLanguage(language) && !register(core, language.toLowerCase(), new Set())) {
    require('highlight.js'); // registers every language on the same instance
    everyLanguage = true;
  }
  return core;
}

/** Registers a language by its file name, with the languages it embeds; false when one is not a file. */
function register(hljs: HLJSApi, name: string, seen: Set<string>): boolean {
  if (hljs.getLanguage(name) || seen.has(name)) return true;
  seen.add(name);
  if (!/^[a-z0-9-]+$/.test(name)) return false;
  let definition: LanguageFn;
  try {
    definition = require(`highlight.js/lib/languages/${name}`) as LanguageFn;
  } catch {
    return false;
  }
  // Embedded languages (`subLanguage`) must be there too, or their parts would stay plain.
  for (const embedded of embeddedLanguages(definition(hljs))) if (!register(hljs, embedded, seen)) return false;
  hljs.registerLanguage(name, definition);
  return true;
}

function embeddedLanguages(mode: Mode): Set<string> {
  const found = new Set<string>();
  const seen = new Set<object>();
  const walk = (value: unknown): void => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) return value.forEach(walk);
    const sub = (value as Mode).subLanguage;
    for (const name of typeof sub === 'string' ? [sub] : Array.isArray(sub) ? sub : []) found.add(name);
    Object.values(value).forEach(walk);
  };
  walk(mode);
  return found;
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
  const language = fence.language && highlighterFor(fence.language).getLanguage(fence.language) ? fence.language : null;
  const body = language
    ? core!.highlight(code, { language, ignoreIllegals: true }).value
    : escapeHtml(code);
  // `language` is `fence.language` when highlight.js knows it, so the class only asks about the fence.
  const classes = ['hljs', fence.language ? `language-${fence.language}` : 'nohighlight'];
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
  // Split once: each step's spec goes on its <code>, its line set marks the rows.
  const specs = (fence.lineNumbers ?? '').split('|');
  const startAttribute = fence.startFrom !== null ? ` data-ln-start-from="${fence.startFrom}"` : '';
  return specs
    .map((spec, step) => {
      const marked = parseLineSpec(spec);
      const rows = lines
        .map((line, i) => {
          const n = start + i;
          const highlight = marked.has(i + 1) ? ' class="highlight-line"' : '';
          return `<tr${highlight}><td class="hljs-ln-line hljs-ln-numbers" data-line-number="${n}"><div class="hljs-ln-n" data-line-number="${n}"></div></td><td class="hljs-ln-line hljs-ln-code" data-line-number="${n}">${line}</td></tr>`;
        })
        .join('');
      const codeClasses = [...classes, ...(marked.size ? ['has-highlights'] : []), ...(step > 0 ? ['fragment'] : [])];
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
