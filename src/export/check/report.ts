/**
 * What `npm run check` prints: `file:line: severity: message` lines editors can jump to, with
 * hints, and a summary per deck; or, with `--json`, one document for tools.
 */
import { formatFinding, plural } from '../../client/doctor/doctor-rules.ts';
import { displayPath, type DeckCheck } from './index.ts';

export interface JsonReport {
  ok: boolean;
  strict: boolean;
  errors: number;
  warnings: number;
  decks: Array<Omit<DeckCheck, 'file' | 'counts'> & { file: string; errors: number; warnings: number }>;
}

export function jsonReport(checks: ReadonlyArray<DeckCheck>, strict: boolean, cwd = process.cwd()): JsonReport {
  const errors = checks.reduce((n, c) => n + c.counts.errors, 0);
  const warnings = checks.reduce((n, c) => n + c.counts.warnings, 0);
  return {
    ok: !(errors > 0 || (strict && warnings > 0)),
    strict,
    errors,
    warnings,
    decks: checks.map(({ counts, file, ...rest }) => ({ ...rest, file: displayPath(file, cwd), errors: counts.errors, warnings: counts.warnings })),
  };
}

export function textReport(checks: ReadonlyArray<DeckCheck>, cwd = process.cwd()): string {
  const lines: string[] = [];
  for (const check of checks) {
    const file = displayPath(check.file, cwd);
    for (const f of check.findings) {
      lines.push(formatFinding(file, f));
      if (f.hint) lines.push(`    hint: ${f.hint}`);
    }
    const summary =
      check.counts.errors || check.counts.warnings
        ? `${plural(check.counts.errors, 'error')}, ${plural(check.counts.warnings, 'warning')}`
        : 'no problems found';
    lines.push(`${file}: ${summary} (${plural(check.slideCount, 'slide')} at ${check.width}×${check.height}, text under ${check.minFontSize} px counted as too small)`);
    lines.push('');
  }
  return lines.join('\n');
}
