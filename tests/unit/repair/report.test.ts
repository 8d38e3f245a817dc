import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/shared/diagnostics.ts';
import { diffLine } from '../../../src/repair/align.ts';
import { repairDeckText } from '../../../src/repair/index.ts';
import { lineRepairs, visible } from '../../../src/repair/report.ts';

describe('reporting repairs', () => {
  it('lists each repair word by word, with 1-based line and column in the original', () => {
    const r = repairDeckText('# Title\n\nVINCE â€“Â\u00a0Vulnerability and JosÃ©\n  * ðŸ‘‰ **Audit**\n');
    expect(r.repairs).toEqual([
      { line: 3, column: 7, before: 'â€“Â', after: '–', kind: 'ftfy' },
      { line: 3, column: 30, before: 'JosÃ©', after: 'José', kind: 'ftfy' },
      { line: 4, column: 5, before: 'ðŸ‘‰', after: '👉', kind: 'ftfy' },
    ]);
  });

  it('gives one warning per deck, info per repair, naming the file and what to run', () => {
    const r = repairDeckText('JosÃ© JoaquÃn Atria\nâ€¦ and ðŸ¦†\n', { file: 'slides/talk.md' });
    const [summary, ...details] = r.diagnostics;
    expect(summary).toEqual({
      severity: 'warning',
      code: 'mojibake-repaired',
      message:
        'repaired mojibake on 2 lines (first: line 1 "JosÃ© JoaquÃn" → "José Joaquín"), 1 with a lost byte recovered; ' +
        'run `npm run fix-encoding -- --write slides/talk.md` to fix the source',
      line: 1,
      column: 1,
      hint: 'to list every repair: npm run fix-encoding -- --check slides/talk.md',
    });
    expect(details.map((d) => [d.severity, d.code, d.line, d.column, d.message])).toEqual([
      ['info', 'mojibake-repair-detail', 1, 1, '"JosÃ©" → "José"'],
      ['info', 'mojibake-repair-detail', 1, 7, '"JoaquÃn" → "Joaquín" (a lost byte recovered)'],
      ['info', 'mojibake-repair-detail', 2, 1, '"â€¦" → "…"'],
      ['info', 'mojibake-repair-detail', 2, 9, '"ðŸ¦†" → "🦆"'],
    ]);
    expect(formatDiagnostic('slides/talk.md', summary!)).toMatch(/^slides\/talk\.md:1:1: warning: repaired mojibake on 2 lines/);
  });

  it('says FILE when it does not know the file, and nothing at all for a clean deck', () => {
    expect(repairDeckText('JosÃ©\n').diagnostics[0]!.message).toContain('--write FILE');
    expect(repairDeckText('José, Ελληνικά, 日本語, 🦆\n').diagnostics).toEqual([]);
  });

  it('shows invisible characters in messages', () => {
    expect(visible('a\u00adb\u0081c\u00a0d')).toBe('a<U+00AD>b<U+0081>c⍽d');
  });
});

describe('aligning a line with its repair', () => {
  it('finds the changed stretches on the longest common subsequence', () => {
    expect(diffLine('JosÃ© JoaquÃn', 'José Joaquín')).toEqual([
      { a0: 3, a1: 5, b0: 3, b1: 4 },
      { a0: 11, a1: 12, b0: 10, b1: 11 },
    ]);
    expect(diffLine('same', 'same')).toEqual([]);
  });

  it('keeps emoji whole and copes with a space consumed by the repair', () => {
    expect(lineRepairs(1, 'a ðŸ¦† b', 'a 🦆 b', [])).toEqual([{ line: 1, column: 3, before: 'ðŸ¦†', after: '🦆', kind: 'ftfy' }]);
    expect(lineRepairs(2, 'semelhante Ã quele visto', 'semelhante àquele visto', [])).toEqual([
      { line: 2, column: 12, before: 'Ã quele', after: 'àquele', kind: 'ftfy' },
    ]);
  });
});
