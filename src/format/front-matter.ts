/**
 * YAML front matter: a `---` line at the very top, YAML, and a closing `---` (or `...`).
 * Jekyll, Marp, Slidev and reveal-md users write it; slidewright reads the keys it knows and
 * keeps the rest as metadata, so a Jekyll page's `layout: page` is no error.
 */
import { parseDocument } from 'yaml';
import type { Diagnostic } from './diagnostics.ts';
import type { JsonValue } from './types.ts';

export interface FrontMatter {
  data: Record<string, JsonValue>;
  /** Number of lines the block takes (0 when there is none); the deck starts after them. */
  lineCount: number;
  diagnostics: Diagnostic[];
}

export function extractFrontMatter(lines: readonly string[]): FrontMatter {
  const none: FrontMatter = { data: {}, lineCount: 0, diagnostics: [] };
  if (lines[0]?.trimEnd() !== '---') return none;
  const end = lines.findIndex((l, i) => i > 0 && (l.trimEnd() === '---' || l.trimEnd() === '...'));
  if (end < 0) return none; // a lone `---` at the top is a slide split, not front matter
  const yaml = lines.slice(1, end).join('\n');
  const document = parseDocument(yaml, { prettyErrors: false });
  const diagnostics: Diagnostic[] = document.errors.map((error) => ({
    severity: 'warning' as const,
    code: 'bad-front-matter',
    message: `front matter is not valid YAML: ${error.message.split('\n')[0]}; it was ignored`,
    line: (error.linePos?.[0].line ?? 0) + 2,
    column: error.linePos?.[0].col ?? 1,
    hint: 'check the indentation and quoting; strings with ": " need quotes',
  }));
  if (diagnostics.length) return { data: {}, lineCount: end + 1, diagnostics };
  const value = document.toJS() as unknown;
  if (value === null || value === undefined) return { data: {}, lineCount: end + 1, diagnostics };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return {
      data: {},
      lineCount: end + 1,
      diagnostics: [
        {
          severity: 'warning',
          code: 'bad-front-matter',
          message: 'front matter must be a set of `key: value` lines; it was ignored',
          line: 2,
          column: 1,
        },
      ],
    };
  }
  return { data: toJson(value) as Record<string, JsonValue>, lineCount: end + 1, diagnostics };
}

/** The 1-based line of a top-level key in the front matter (for diagnostics). */
export function frontMatterKeyLine(lines: readonly string[], key: string): number {
  const i = lines.findIndex((l, index) => index > 0 && new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`).test(l));
  return i < 0 ? 1 : i + 1;
}

/** YAML can give dates and other non-JSON values; slides only need JSON. */
function toJson(value: unknown): JsonValue {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().replace(/T00:00:00\.000Z$/, '');
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return null;
}
