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

const decks = corpusAvailable ? readdirSync(path.join(corpusDir, 'decks')).filter((f) => f.endsWith('.md')).sort() : [];
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const sloppy = (text: string) =>
  Array.from(Buffer.from(text, 'utf8'), (b) => (b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80]! : String.fromCharCode(b))).join('');
const likeTheSeed = (text: string) =>
  Array.from(Buffer.from(text, 'utf8'), (b) => ([0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xad].includes(b) ? '' : b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80]! : String.fromCharCode(b))).join('');

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
    expect(repairDeckText(sloppy(text)).text).toBe(text);
    expect(repairDeckText(sloppy(sloppy(text))).text).toBe(text);
  });

  it.each(decks)('%s: with lost bytes, comes back except on lines with a reported spot', (name) => {
    const text = readCorpusDeck(name);
    const r = repairDeckText(likeTheSeed(text));
    const reported = new Set(r.ambiguous.map((a) => a.line));
    const want = text.split('\n');
    r.text.split('\n').forEach((line, i) => {
      if (!reported.has(i + 1)) expect(line, `line ${i + 1}`).toBe(want[i]);
    });
  });
});
