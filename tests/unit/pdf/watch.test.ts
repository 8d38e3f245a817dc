/**
 * `pdf --watch`'s rounds: one that throws is reported and does not stop the rounds after it.
 * The export itself is replaced (the browser half is end-to-end tested in tests/e2e/pdf-watch.spec.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import type { ExportReport } from '../../../src/export/pdf/export.ts';

const exportPdfs = vi.fn<() => Promise<ExportReport>>();
vi.mock('../../../src/export/pdf/export.ts', () => ({ exportPdfs }));
vi.mock('../../../src/export/pdf/deck-side.ts', () => ({ prepareDeckSide: () => new Promise(() => {}) }));

const { watchPdfs } = await import('../../../src/export/pdf/watch.ts');
const { resolveProject } = await import('../../../src/project/project.ts');

const dir = mkdtempSync(path.join(tmpdir(), 'slidewright-watch-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A watcher of one deck, quick to settle, with a browser that is never used. */
const watchDeck = (deck: string, callbacks: Pick<Parameters<typeof watchPdfs>[0], 'onRound' | 'onRoundError' | 'onEmpty'>) =>
  watchPdfs({
    project: resolveProject(dir, { sources: [deck] }),
    session: { browser: Promise.resolve({ close: async () => {} }) } as never,
    outDir: path.join(dir, 'out'),
    cli: {},
    timeoutMs: 1000,
    settleMs: 5,
    ...callbacks,
  });

it('reports a round that throws, and the next save still exports', async () => {
  const deck = path.join(dir, 'talk.md');
  writeFileSync(deck, '# Talk\n');
  const report: ExportReport = { outcomes: [{ name: 'talk', ok: true, ms: 1, warnings: [] }], ms: 1 } as unknown as ExportReport;
  exportPdfs.mockRejectedValueOnce(new Error('the browser went away')).mockResolvedValue(report);
  const errors: string[] = [];
  const rounds: string[] = [];
  let saved = () => {};
  const savedRound = new Promise<void>((resolve) => (saved = resolve));
  const watcher = await watchDeck(deck, {
    onRoundError: (error, _decks, trigger) => errors.push(`${trigger}: ${(error as Error).message}`),
    onRound: (_report, _decks, trigger) => {
      rounds.push(trigger);
      if (trigger === 'save') saved();
    },
  });
  try {
    await watcher.idle();
    expect(errors).toEqual(['start: the browser went away']);
    writeFileSync(deck, '# Talk, saved\n');
    await savedRound;
    expect(rounds).toEqual(['save']);
    expect(exportPdfs).toHaveBeenCalledTimes(2);
  } finally {
    await watcher.close();
  }
});

it('waits for a deck read empty (an editor truncating it first) and exports it once written; one left empty keeps its PDF', async () => {
  const deck = path.join(dir, 'other.md');
  writeFileSync(deck, '# Other\n');
  const report = { outcomes: [{ name: 'other', ok: true, ms: 1, warnings: [] }], ms: 1 } as unknown as ExportReport;
  exportPdfs.mockReset().mockResolvedValue(report);
  const rounds: string[] = [];
  const emptied: string[] = [];
  // What the watcher did next, waited for as it happens (not after a guessed delay).
  let happened = (_what: string) => {};
  const next = () => new Promise<string>((resolve) => (happened = resolve));
  const watcher = await watchDeck(deck, {
    onRound: (_report, _decks, trigger) => (rounds.push(trigger), happened(trigger)),
    onEmpty: (d) => (emptied.push(d.name), happened('empty')),
  });
  try {
    await watcher.idle();
    let what = next();
    writeFileSync(deck, ''); // the truncation, then the write a while later
    await new Promise((resolve) => setTimeout(resolve, 100)); // past the settle and the first look again
    expect(rounds).toEqual(['start']);
    writeFileSync(deck, '# Other, saved\n');
    expect(await what).toBe('save');
    expect(emptied).toEqual([]);

    what = next();
    writeFileSync(deck, ''); // emptied for good: no export, and the speaker is told
    expect(await what).toBe('empty');
    expect(emptied).toEqual(['other']);
    await watcher.idle();
    expect(rounds).toEqual(['start', 'save']);
    expect(exportPdfs).toHaveBeenCalledTimes(2);
  } finally {
    await watcher.close();
  }
});
