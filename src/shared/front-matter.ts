/**
 * YAML front matter: a `---` line at the very top, YAML, and a closing `---` (or `...`).
 * Jekyll, Marp, Slidev and reveal-md users write it; slidewright reads the keys it knows and
 * keeps the rest as metadata, so a Jekyll page's `layout: page` is no error.
 */
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from './diagnostics.ts';
import type { JsonValue } from './json.ts';

export interface FrontMatter {
  data: Record<string, JsonValue>;
  /** Number of lines the block takes (0 when there is none); the deck starts after them. */
  lineCount: number;
  /** 1-based file line of each top-level key (for diagnostics). */
  keyLines: Record<string, number>;
  diagnostics: Diagnostic[];
}

export function extractFrontMatter(lines: readonly string[]): FrontMatter {
  const none: FrontMatter = { data: {}, lineCount: 0, keyLines: {}, diagnostics: [] };
  if (lines[0]?.trimEnd() !== '---') return none;
  const end = lines.findIndex((l, i) => i > 0 && (l.trimEnd() === '---' || l.trimEnd() === '...'));
  if (end < 0) return none; // a lone `---` at the top is a slide split, not front matter
  const yaml = lines.slice(1, end).join('\n');
  const lineCounter = new LineCounter();
  const document = parseDocument(yaml, { prettyErrors: false, lineCounter });
  const diagnostics: Diagnostic[] = document.errors.map((error) => ({
    severity: 'warning' as const,
    code: 'bad-front-matter',
    message: `front matter is not valid YAML: ${error.message.split('\n')[0]}; it was ignored`,
    // `linePos` is only filled in with `prettyErrors` (which also rewrites the message), so the
    // position comes from the line counter; YAML line 1 is file line 2.
    ...yamlPosition(lineCounter, error.pos[0]),
    hint: 'check the indentation and quoting; strings with ": " need quotes',
  }));
  // The block is skipped even when it is ignored: its lines are not slides.
  const ignored = (problems: Diagnostic[]): FrontMatter => ({ data: {}, lineCount: end + 1, keyLines: {}, diagnostics: problems });
  if (diagnostics.length) return ignored(diagnostics);
  const value = document.toJS() as unknown;
  if (value === null || value === undefined) return ignored([]);
  if (typeof value !== 'object' || Array.isArray(value)) {
    return ignored([
      {
        severity: 'warning',
        code: 'bad-front-matter',
        message: 'front matter must be a set of `key: value` lines; it was ignored',
        line: 2,
        column: 1,
      },
    ]);
  }
  // The key lines come from yaml's own node positions: no regex per key over the file's lines,
  // and quoted or flow-style keys are found too.
  const keyLines: Record<string, number> = {};
  if (isMap(document.contents)) {
    for (const { key } of document.contents.items) {
      if (isScalar(key) && key.range) keyLines[String(key.value)] = yamlPosition(lineCounter, key.range[0]).line;
    }
  }
  return { data: toJson(value) as Record<string, JsonValue>, lineCount: end + 1, keyLines, diagnostics };
}


/** The file position of an offset in the YAML text (which starts on the file's line 2). */
function yamlPosition(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { line: line + 1, column: col };
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
