/**
 * Diagnostics are plain data so every stage (repair, format, render, export) can report
 * the same way: file:line:column, what is wrong, and what to do about it.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable id, e.g. `unknown-theme`, `mojibake-repaired`. */
  code: string;
  message: string;
  /** 1-based line in the source file. */
  line: number;
  /** 1-based column in the source file. */
  column: number;
  /** What the author can do about it ("did you mean ...?"). */
  hint?: string;
}

export function formatDiagnostic(file: string, d: Diagnostic): string {
  const hint = d.hint ? ` (${d.hint})` : '';
  return `${file}:${d.line}:${d.column}: ${d.severity}: ${d.message}${hint}`;
}
