import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UsageError, asUsage, parsePositive } from '../../../src/cli/common.ts';
import { selectDecks } from '../../../src/project/select-decks.ts';
import { parseRangeSpec } from '../../../src/export/settings.ts';
import { resolveProject } from '../../../src/project/project.ts';

describe('parsePositive', () => {
  it('reads numbers above 0 and leaves absent flags undefined', () => {
    expect(parsePositive('--timeout', '30')).toBe(30);
    expect(parsePositive('--scale', '1.5', { max: 4 })).toBe(1.5);
    expect(parsePositive('--timeout', undefined)).toBeUndefined();
  });

  it('says what to write instead', () => {
    expect(() => parsePositive('--jobs', '2.5', { integer: true })).toThrow(new UsageError('--jobs "2.5" must be a whole number above 0'));
    expect(() => parsePositive('--scale', '9', { max: 4 })).toThrow('--scale "9" must be a number above 0 and at most 4');
    expect(() => parsePositive('--timeout', '0')).toThrow(UsageError);
    expect(() => parsePositive('--timeout', 'soon')).toThrow(UsageError);
  });
});

describe('asUsage', () => {
  it('turns a bad setting or an unknown deck into a usage error (exit 2), and nothing else', () => {
    expect(() => asUsage(() => parseRangeSpec('3-1'))).toThrow(UsageError);
    expect(() => asUsage(() => selectDecks(resolveProject(path.join(tmpdir(), 'slidewright-no-such-project')), ['nope']))).toThrow(UsageError);
    expect(() => asUsage(() => { throw new Error('disk full'); })).toThrow(/disk full/);
    expect(() => asUsage(() => { throw new Error('disk full'); })).not.toThrow(UsageError);
    expect(asUsage(() => 7)).toBe(7);
  });
});

describe('applyConfigDefaults', () => {
  const options = { notes: { type: 'string' }, fragments: { type: 'boolean' }, 'no-fragments': { type: 'boolean' }, jobs: { type: 'string' } } as const;
  it('fills what the command line left out, keeps what it gave (and its no- twin), warns about unknown names', async () => {
    const { applyConfigDefaults } = await import('../../../src/cli/common.ts');
    const lines: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((line: string) => (lines.push(line), true)) as typeof process.stderr.write;
    const values: Record<string, unknown> = { notes: 'below', 'no-fragments': true };
    try {
      applyConfigDefaults('pdf', options, values, { notes: 'page', fragments: true, jobs: 2, note: 'x' });
    } finally {
      process.stderr.write = write;
    }
    expect(values).toEqual({ notes: 'below', 'no-fragments': true, jobs: '2' });
    expect(lines.join('')).toContain('config "pdf.note" is not an option of pdf; ignored; did you mean "notes"?');
  });
});
