/**
 * The real decks of the corpus (correct text, read in place): never changed; damaged through
 * Windows-1252 they come back exactly; damaged like the seed deck (lost bytes) they come back
 * except at spots that are reported.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repairDeckText } from '../../../src/repair/index.ts';
import { corpusAvailable, corpusDir, corpusMissing, readCorpusDeck } from './corpus.ts';
import { misread, misreadLosing } from './damage.ts';

const decks = corpusAvailable ? readdirSync(path.join(corpusDir, 'decks')).filter((f) => f.endsWith('.md')).sort() : [];

describe.skipIf(!corpusAvailable)(`corpus decks${corpusAvailable ? '' : ` (${corpusMissing})`}`, () => {
  it('has the six decks of the corpus README', () => {
    expect(decks).toHaveLength(6);
  });

  it.each(decks)('%s: correct as it is, left exactly as it is', (name) => {
    const text = readCorpusDeck(name);
    const r = repairDeckText(text);
    expect(r.text).toBe(text);
    expect(r.diagnostics).toEqual([]);
  });

  it.each(decks)('%s: damaged through Windows-1252, comes back exactly', (name) => {
    const text = readCorpusDeck(name);
    expect(repairDeckText(misread(text)).text).toBe(text);
    expect(repairDeckText(misread(misread(text))).text).toBe(text);
  });

  it.each(decks)('%s: with lost bytes, comes back except on lines with a reported spot', (name) => {
    const text = readCorpusDeck(name);
    const r = repairDeckText(misreadLosing(text));
    const reported = new Set(r.ambiguous.map((a) => a.line));
    const want = text.split('\n');
    r.text.split('\n').forEach((line, i) => {
      if (!reported.has(i + 1)) expect(line, `line ${i + 1}`).toBe(want[i]);
    });
  });
});
