/**
 * Where the shared test corpora are: read in place from ../shared/corpus (never copied into the
 * project). Tests that need them skip, saying why, when they are absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus');
export const corpusAvailable = existsSync(path.join(corpusDir, 'ftfy', 'cases.jsonl'));
export const corpusMissing = `SKIPPED: test corpus not found at ${corpusDir} (see ../shared/corpus/README.md)`;

if (!corpusAvailable) console.warn(`[repair tests] ${corpusMissing}`);

export interface FtfyCase {
  label: string;
  input: string;
  expected: string;
  expect: 'pass' | 'fail';
  file: string;
  category: string;
  variant: string;
}

export function readFtfyCases(): FtfyCase[] {
  return readFileSync(path.join(corpusDir, 'ftfy', 'cases.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as FtfyCase);
}

export function readCorpusDeck(name: string): string {
  return readFileSync(path.join(corpusDir, 'decks', name), 'utf8');
}
