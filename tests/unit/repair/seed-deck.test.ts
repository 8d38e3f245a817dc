import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repairDeckText } from '../../../src/repair/index.ts';
import { corpusAvailable, corpusMissing, readCorpusDeck, repoRoot } from './corpus.ts';

const SEED = 'slides/lpw2025-cpansec-update.md';
const UPSTREAM = 'CPAN-Security__security.metacpan.org__lpw2025-cpansec-update.md';

describe.skipIf(!corpusAvailable)(`seed deck against its upstream revision${corpusAvailable ? '' : ` (${corpusMissing})`}`, () => {
  const seed = readFileSync(path.join(repoRoot, SEED), 'utf8');

  it('repairs to the correctly encoded upstream deck, byte for byte', () => {
    const upstream = readCorpusDeck(UPSTREAM);
    const result = repairDeckText(seed, { file: SEED });
    expect(Buffer.from(result.text, 'utf8').equals(Buffer.from(upstream, 'utf8'))).toBe(true);
    expect(result.text).toBe(upstream);
    expect(result.mode).toBe('throughout');
    expect(result.ambiguous).toEqual([]);
  });

  it('differs from upstream only on the lines the repair changes', () => {
    // The upstream revision could have differed in more than encoding; it does not.
    const upstream = readCorpusDeck(UPSTREAM).split('\n');
    const lines = seed.split('\n');
    expect(lines.length).toBe(upstream.length);
    const differing = lines.flatMap((l, i) => (l === upstream[i] ? [] : [i + 1]));
    const repaired = [...new Set(repairDeckText(seed).repairs.map((r) => r.line))];
    expect(repaired).toEqual(differing);
  });

  it('recovers the stripped soft hyphen in "JoaquÃn" and says so', () => {
    const result = repairDeckText(seed, { file: SEED });
    expect(result.repairs[0]).toEqual({ line: 19, column: 1, before: 'JosÃ©', after: 'José', kind: 'ftfy' });
    expect(result.repairs[1]).toEqual({ line: 19, column: 7, before: 'JoaquÃn', after: 'Joaquín', kind: 'dropped-byte' });
    expect(result.repairs.find((r) => r.before === 'ðŸ‡«ðŸ‡·')?.after).toBe('🇫🇷');
    expect(result.repairs.find((r) => r.before.startsWith('ðŸ¦†'))?.after).toMatch(/^(?:🦆)+$/u);
  });

  it('reports one warning for the deck and details as info', () => {
    const result = repairDeckText(seed, { file: SEED });
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'mojibake-repaired', line: 19, column: 1 });
    expect(warnings[0]!.message).toContain('repaired mojibake on 23 lines (first: line 19 "JosÃ© JoaquÃn" → "José Joaquín")');
    expect(warnings[0]!.message).toContain(`npm run fix-encoding -- --write ${SEED}`);
    const details = result.diagnostics.filter((d) => d.code === 'mojibake-repair-detail');
    expect(details).toHaveLength(result.repairs.length);
    expect(details.every((d) => d.severity === 'info')).toBe(true);
  });

  it('is idempotent on the seed', () => {
    const once = repairDeckText(seed).text;
    const twice = repairDeckText(once);
    expect(twice.text).toBe(once);
    expect(twice.repairs).toEqual([]);
    expect(twice.diagnostics).toEqual([]);
  });
});
