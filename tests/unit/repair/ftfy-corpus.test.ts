/**
 * ftfy's own test cases (python-ftfy, Apache-2.0), read in place from ../shared/corpus/ftfy.
 * Each input is repaired as a whole deck, through the full pipeline.
 */
import { describe, expect, it } from 'vitest';
import { fix_encoding } from 'ftfy-js';
import { repairDeckText } from '../../../src/repair/index.ts';
import { corpusAvailable, corpusMissing, readFtfyCases, type FtfyCase } from './corpus.ts';

const cases: FtfyCase[] = corpusAvailable ? readFtfyCases() : [];
const passing = cases.filter((c) => c.expect === 'pass');
const failing = cases.filter((c) => c.expect === 'fail');
const title = (c: FtfyCase) => `${c.file}: ${c.label}`;

describe.skipIf(!corpusAvailable)(`ftfy corpus${corpusAvailable ? '' : ` (${corpusMissing})`}`, () => {
  it('has the cases the corpus README describes', () => {
    expect(cases).toHaveLength(312);
    expect(passing).toHaveLength(302);
    expect(failing).toHaveLength(10);
  });

  it.each(passing.map((c) => [title(c), c] as const))('expect pass: %s', (_title, c) => {
    expect(repairDeckText(c.input).text).toBe(c.expected);
  });

  it('leaves the negative cases as written (all but one, which only has C1 controls to fix)', () => {
    const negatives = passing.filter((c) => c.category === 'negative' && c.variant === 'original');
    const untouched = negatives.filter((c) => c.expected === c.input);
    expect(negatives.length - untouched.length).toBe(1);
    for (const c of untouched) {
      const result = repairDeckText(c.input);
      expect(result.text, c.label).toBe(c.input);
      expect(result.repairs, c.label).toEqual([]);
      expect(result.ambiguous, c.label).toEqual([]);
    }
  });

  it("fixes some of ftfy's known failures", () => {
    const fixed: string[] = [];
    const differ: string[] = [];
    for (const c of failing) {
      const ours = repairDeckText(c.input).text;
      const ftfy = c.input.split('\n').map((l) => fix_encoding(l)).join('\n');
      if (ours === c.expected) fixed.push(c.label);
      else if (ours !== ftfy) differ.push(`${c.label}: ${JSON.stringify(ours)} (ftfy: ${JSON.stringify(ftfy)})`);
    }
    console.info(`[ftfy corpus] expect:fail cases fixed: ${fixed.length}/${failing.length}: ${fixed.join('; ')}`);
    if (differ.length) console.info(`[ftfy corpus] not fixed, but different from ftfy:\n  ${differ.join('\n  ')}`);
    expect(fixed.length).toBeGreaterThanOrEqual(1);
  });
});
