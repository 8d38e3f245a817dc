/**
 * The fast pre-check must never miss a line ftfy could change: it is checked here against
 * ftfy-js's own badness test, on ftfy's corpus and on random text dense in the characters
 * mojibake is made of.
 */
import fc from 'fast-check';
import { is_bad } from 'ftfy-js';
import { describe, expect, it } from 'vitest';
import { anySuspicious, findSuspiciousLines } from '../../../src/repair/precheck.ts';
import { corpusAvailable, corpusMissing, readFtfyCases } from './corpus.ts';

function check(lines: readonly string[]): void {
  const text = lines.join('\n');
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length + 1;
  }
  const flagged = new Set(findSuspiciousLines(text, starts));
  lines.forEach((line, i) => {
    if (is_bad(line)) expect(flagged.has(i), JSON.stringify(line)).toBe(true);
  });
  expect(anySuspicious(text)).toBe(flagged.size > 0);
}

describe('pre-check', () => {
  it.skipIf(!corpusAvailable)(`flags every line of ftfy's corpus that ftfy finds bad${corpusAvailable ? '' : ` (${corpusMissing})`}`, () => {
    check(readFtfyCases().flatMap((c) => c.input.split('\n')));
  });

  it('flags every random line that ftfy finds bad', () => {
    const mojibakeChars = fc.constantFrom(
      ...'ae oAEIO.,?!\u00a0ÃÂâ€œ”“™šœŸŒ©®°±²³µ¶·¹º»¼½¾¿ÀÁÇÈÉÍÑÓÖ×ØÙÚÜÝßàáâãäåçèéêëíîïñòóôõöøùúûüýÿ\u0081\u008d\u00ad√∂≈‚ÄΒΓΞΟβВГРСўЂ│┌═▀ĀāŐ',
    );
    const line = fc.oneof(fc.array(mojibakeChars, { maxLength: 12 }).map((cs) => cs.join('')), fc.string({ unit: 'binary', maxLength: 12 }));
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => check(lines)), { numRuns: 2000 });
  });

  it('finds nothing in clean text, however non-ASCII', () => {
    expect(anySuspicious('José, Ελληνικά, Привет, 日本語, 🦆 👨‍👩‍👧, “quoted” — x² ≥ 0\n'.repeat(50))).toBe(false);
  });
});
