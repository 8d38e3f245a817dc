/**
 * Stage 1 of the format: classify each source line. mdslides' rules are line rules, so the
 * lexer is a line classifier; tokens are plain data with 1-based line numbers.
 *
 * A directive line starts exactly `[comment]: # ` followed by `(`, `"` or `'`, and its content
 * runs to the LAST of `)`, `"`, `'` on the line (opener and closer need not pair, as in mdslides).
 * Precedence inside a directive: option `key: value` → `!!!` → `|||` → `THEME =` → `CODE_THEME =`
 * → other `KEY = value` settings → plain comment.
 */
import { isRevealOption } from './reveal-options.ts';

export interface LineProblem {
  message: string;
  hint: string;
  column: number;
}

export type LineToken =
  /** A markdown line; `problem` when it looks like a directive that mdslides would not read. */
  | { type: 'text'; text: string; line: number; problem?: LineProblem }
  | {
      type: 'separator';
      /** `!!!` starts a new horizontal slide, `|||` a vertical one. */
      kind: 'horizontal' | 'vertical';
      /** Raw HTML attributes for the slide that ends here. */
      attributes: string;
      line: number;
      /** 1-based column where `attributes` starts. */
      column: number;
    }
  | { type: 'option'; key: string; value: string; line: number; column: number; valueColumn: number }
  | { type: 'setting'; key: string; value: string; line: number; column: number }
  | { type: 'comment'; text: string; line: number; column: number };

const DIRECTIVE = /^\[comment\]: # ["'(](.*)[)"']/;
const OPTION = /^\s*([A-Za-z_$][\w$]*)\s*:\s*(\S.*?)\s*$/;
const SEPARATOR = /^(!!!|\|\|\|)(.*)$/;
const SETTING = /^\s*([A-Z][A-Z0-9_]*)\s*=\s*(.*?)\s*$/;
/** Where a directive's content starts: after `[comment]: # (`. */
const CONTENT_COLUMN = '[comment]: # ('.length + 1;

/** Splits text into lines, accepting `\n`, `\r\n` and lone `\r` endings. */
export function splitLines(source: string): string[] {
  return source.split(/\r\n|\r|\n/);
}

/** Almost a directive: other spacing, case or label, or no closing bracket. */
const NEAR_MISS = /^(\s*)\[(comment|\/\/)\]:(\s*)#(\s*)(["'(])(.*)$/i;
const DIRECTIVE_CONTENT = /^\s*(!!!|\|\|\||THEME\s*=|CODE_THEME\s*=)/;
const OPTION_CONTENT = /^\s*([A-Za-z_$][\w$]*)\s*:\s*\S/;

export function lexLine(text: string, line: number): LineToken {
  const directive = DIRECTIVE.exec(text);
  if (!directive) {
    const problem = nearMiss(text);
    return problem ? { type: 'text', text, line, problem } : { type: 'text', text, line };
  }
  const content = directive[1]!;
  const option = OPTION.exec(content);
  if (option && looksLikeOption(option[2]!)) {
    const key = option[1]!;
    const valueOffset = content.indexOf(':') + 1;
    const valueStart = valueOffset + (content.slice(valueOffset).length - content.slice(valueOffset).trimStart().length);
    return {
      type: 'option',
      key,
      value: option[2]!,
      line,
      column: CONTENT_COLUMN + content.indexOf(key),
      valueColumn: CONTENT_COLUMN + valueStart,
    };
  }
  const separator = SEPARATOR.exec(content);
  if (separator) {
    const attributes = separator[2]!;
    const leading = attributes.length - attributes.trimStart().length;
    return {
      type: 'separator',
      kind: separator[1] === '!!!' ? 'horizontal' : 'vertical',
      attributes: attributes.trim(),
      line,
      column: CONTENT_COLUMN + 3 + leading,
    };
  }
  const setting = SETTING.exec(content);
  if (setting) {
    return { type: 'setting', key: setting[1]!, value: setting[2]!, line, column: CONTENT_COLUMN + content.indexOf(setting[1]!) };
  }
  return { type: 'comment', text: content, line, column: CONTENT_COLUMN };
}

function nearMiss(text: string): LineProblem | undefined {
  const m = NEAR_MISS.exec(text);
  if (!m) return undefined;
  const [, indent, label, beforeHash, afterHash, , rest] = m as unknown as string[];
  const content = rest!.replace(/[)"']\s*$/, '');
  // Ordinary markdown comments (`[//]: # (TODO: ...)`) are fine; only directive-like content counts.
  const option = OPTION_CONTENT.exec(content);
  if (!DIRECTIVE_CONTENT.test(content) && !(option && isRevealOption(option[1]!))) return undefined;
  const fixed = `[comment]: # (${content.trim()})`;
  const exact = indent === '' && label === 'comment' && beforeHash === ' ' && afterHash === ' ';
  if (exact && !/[)"']/.test(rest!)) {
    return { message: 'this directive has no closing bracket, so it is shown as text', hint: `write ${fixed}`, column: 1 };
  }
  return {
    message: 'this looks like a directive but is not one: it must start exactly "[comment]: # (", so it is ignored',
    hint: `write ${fixed}`,
    column: 1,
  };
}

/**
 * `key: value` is an option when the value reads as data. Prose such as
 * `(Compile this: see the Makefile)` or a URL (`https://x.org`) is a comment: mdslides would
 * paste those into JavaScript and break the deck; we keep them as the comments they are.
 */
function looksLikeOption(value: string): boolean {
  if (value.startsWith('//')) return false; // `https://...`
  if (/^["'{[]/.test(value)) return true;
  if (/^(true|false|null|-?\d+(\.\d+)?)$/.test(value)) return true;
  // A bare word is a value (`transition: zoom`); several words are prose.
  return !/\s/.test(value);
}
