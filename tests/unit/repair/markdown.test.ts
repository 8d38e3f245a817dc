/**
 * Markdown awareness (code left alone in decks damaged in places, repaired with the prose in
 * decks damaged throughout), the FIX_ENCODING switch, and line endings.
 */
import { describe, expect, it } from 'vitest';
import { repairDeckText } from '../../../src/repair/index.ts';
import { findCodeSpans, findFencedBlocks, segmentLine } from '../../../src/repair/markdown-regions.ts';
import { misread } from './damage.ts';

describe('code regions', () => {
  it('finds inline code spans (runs of equal length, escapes, unclosed runs)', () => {
    expect(findCodeSpans('a `b` c ``d ` e`` f')).toEqual([
      [2, 5],
      [8, 17],
    ]);
    expect(findCodeSpans('not \\`code\\` here')).toEqual([]);
    expect(findCodeSpans('open ` only')).toEqual([]);
  });

  /** Which lines `findFencedBlocks` puts in fenced code, the lines joined with `eol`. */
  const fencedLines = (lines: readonly string[], eol: string) => {
    const starts = lines.reduce<number[]>((acc, l, i) => [...acc, i === 0 ? 0 : acc[i - 1]! + lines[i - 1]!.length + eol.length], []);
    const fenced = new Set(findFencedBlocks(lines.join(eol), starts).flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, k) => a + k)));
    return lines.map((_, i) => fenced.has(i));
  };

  it('finds fenced blocks with backticks or tildes, closed by a fence at least as long', () => {
    const lines = ['text', '````md', '```', 'inside', '````', 'after', '~~~', 'x', '~~~', '> ```', '> quoted code', '> ```', '```never closed', 'rest'];
    expect(fencedLines(lines, '\n')).toEqual([false, true, true, true, true, false, true, true, true, true, true, true, true, true]);
  });

  it('reads CRLF fence lines, and a backtick fence whose info string has a backtick is prose', () => {
    const lines = ['text', '````md', '```', 'inside', '````', 'after', '~~~', 'x', '~~~', '> ```', '> quoted code', '> ```', '``` `not a fence`', '```never closed', 'rest'];
    expect(fencedLines(lines, '\r\n')).toEqual([false, true, true, true, true, false, true, true, true, true, true, true, false, true, true]);
  });

  it('splits a line into prose and code segments', () => {
    const line = 'say `Ã©` now';
    expect(segmentLine(line, { fenced: false, codeSpans: findCodeSpans(line) })).toEqual([
      { text: 'say ', start: 0, code: false },
      { text: '`Ã©`', start: 4, code: true },
      { text: ' now', start: 8, code: false },
    ]);
  });
});

describe('code in decks damaged in places', () => {
  const deck = [
    '# Encodings',
    '',
    'JosÃ© wrote this slide about mojibake.',
    'Correct text stays: café, Ελληνικά.',
    '',
    'Inline: `Ã©` is what `é` becomes, and JosÃ© is fixed.',
    '',
    '```text',
    'Ã© ðŸ¦† â€“',
    '```',
    '',
  ].join('\n');

  it('repairs the prose and leaves inline and fenced code alone', () => {
    const r = repairDeckText(deck);
    expect(r.mode).toBe('partial');
    expect(r.text).toBe(deck.replace('JosÃ© wrote', 'José wrote').replace('JosÃ© is fixed', 'José is fixed'));
    expect(r.repairs.map((x) => x.line)).toEqual([3, 6]);
  });

  it('takes mojibake found only in code to be on purpose', () => {
    const onlyCode = '# Encodings\n\n`Ã©` is é read as Windows-1252\n\n```\nJosÃ©\n```\n';
    const r = repairDeckText(onlyCode);
    expect(r.text).toBe(onlyCode);
    expect(r.mode).toBe('clean');
  });
});

describe('code in decks damaged throughout', () => {
  it('repairs code with the prose', () => {
    const original = '# Café\n\nJosé says `naïve` and:\n\n```perl\nmy $name = "Joaquín"; # 🦆\n```\n';
    const r = repairDeckText(misread(original));
    expect(r.mode).toBe('throughout');
    expect(r.text).toBe(original);
  });

  it('peels code by as many layers as the deck was damaged: mojibake shown on purpose survives', () => {
    const original = '# Mojibake\n\nJosé explains: `Ã©` is what é becomes.\n\n```\nJosÃ© → José\n```\n';
    const r = repairDeckText(misread(original));
    expect(r.text).toBe(original);
  });
});

describe('the FIX_ENCODING switch', () => {
  const broken = 'JosÃ© JoaquÃn\n';

  it('[comment]: # (FIX_ENCODING = false) switches repair off for the deck', () => {
    const text = `[comment]: # (THEME = white)\n[comment]: # (FIX_ENCODING = false)\n\n${broken}`;
    const r = repairDeckText(text);
    expect(r).toMatchObject({ text, enabled: false, mode: 'off', repairs: [], switchLine: 2 });
  });

  it('accepts the usual spellings, and "true" keeps repair on', () => {
    for (const setting of ['FIX_ENCODING=false', 'fix_encoding: no', 'Fix_Encoding = "off"', 'FIX_ENCODING = 0']) {
      expect(repairDeckText(`[comment]: # (${setting})\n${broken}`).enabled, setting).toBe(false);
    }
    expect(repairDeckText(`[comment]: # (FIX_ENCODING = true)\n${broken}`).text).toBe('[comment]: # (FIX_ENCODING = true)\nJosé Joaquín\n');
  });

  it('reads fix_encoding: false in YAML front matter at the top of the file', () => {
    const text = `---\ntitle: Talk\nfix_encoding: false\n---\n${broken}`;
    expect(repairDeckText(text)).toMatchObject({ text, enabled: false, switchLine: 3 });
  });

  it('ignores the setting inside fenced code (a slide that documents it)', () => {
    const text = `\`\`\`\n[comment]: # (FIX_ENCODING = false)\n\`\`\`\n${broken}`;
    expect(repairDeckText(text).enabled).toBe(true);
  });

  it('warns about a value it does not understand and keeps repairing', () => {
    const r = repairDeckText(`[comment]: # (FIX_ENCODING = maybe)\n${broken}`);
    expect(r.enabled).toBe(true);
    expect(r.text).toContain('José Joaquín');
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'fix-encoding-setting-invalid', line: 1 }));
  });
});

describe('line endings and byte-order mark', () => {
  it('keeps CRLF, a BOM and a missing final newline exactly', () => {
    const r = repairDeckText('\ufeffJosÃ©\r\nplain\r\nðŸ¦†');
    expect(r.text).toBe('\ufeffJosé\r\nplain\r\n🦆');
    expect(r.repairs.map((x) => [x.line, x.column])).toEqual([
      [1, 1],
      [3, 1],
    ]);
  });
});
