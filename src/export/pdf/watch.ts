/**
 * `pdf --watch`: the handouts rewritten as the decks are saved, for a speaker who reviews the
 * PDF while editing. The browser stays up between saves and the decks' half runs in this thread
 * (its modules stay loaded), so a save costs only the deck's compile and print. Each PDF is
 * written atomically: a save that does not render leaves the last good file in place.
 */
import { statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { listDecks, type DeckEntry, type Project } from '../../project/project.ts';
import { prepareDeckSide } from './deck-side.ts';
import { exportPdfs, type BrowserSession, type ExportOptions, type ExportReport } from './export.ts';

export interface WatchOptions extends Omit<ExportOptions, 'project' | 'session' | 'deckSide' | 'keepBrowser' | 'exitsAfter'> {
  project: Project;
  session: BrowserSession;
  /** After each export round (the first one included), with the decks it covered. */
  onRound?: (report: ExportReport, decks: DeckEntry[], trigger: 'start' | 'save') => void;
  /** A round that could not run at all (its decks' PDFs stay as they were); later saves still export. */
  onRoundError?: (error: unknown, decks: DeckEntry[], trigger: 'start' | 'save') => void;
  /** Saves closer together than this are one round (editors write a file in several steps). */
  settleMs?: number;
  /** A saved deck that stayed empty (its PDF is kept, as the dev server keeps its pages). */
  onEmpty?: (deck: DeckEntry) => void;
}

/**
 * An editor that writes a file in place truncates it first: a deck read empty after a change is
 * looked at again this many ms later (about as the dev server does, src/vite/slide-hmr.ts)
 * before it counts as emptied. Measured: the write came 90 ms after the truncation under load.
 */
const EMPTY_RECHECKS_MS = [60, 300];

export interface PdfWatcher {
  /** Resolves when the current round (if any) is done. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function watchPdfs(options: WatchOptions): Promise<PdfWatcher> {
  const decks = listDecks(options.project);
  const byFile = new Map(decks.map((d) => [path.resolve(d.file), d]));
  const exportNow = (which: DeckEntry[]) => {
    const project = { ...options.project, decks: which };
    return exportPdfs({ ...options, project, session: options.session, keepBrowser: true, deckSide: prepareDeckSide({ project, cli: options.cli, diskCache: options.diskCache }) });
  };
  // Each round reports its own failure, so one that throws does not stop the rounds after it.
  const runRound = (which: DeckEntry[], trigger: 'start' | 'save') =>
    exportNow(which)
      .then((report) => options.onRound?.(report, which, trigger))
      .catch((error: unknown) => options.onRoundError?.(error, which, trigger));
  let round: Promise<void> = runRound(decks, 'start');
  const pending = new Set<DeckEntry>();
  let timer: NodeJS.Timeout | undefined;
  const arm = (deck: DeckEntry) => {
    pending.add(deck);
    clearTimeout(timer);
    timer = setTimeout(startRound, options.settleMs ?? 30);
  };
  /** Decks read empty: the looks again taken so far, and the timer of the next one. */
  const emptyLooks = new Map<DeckEntry, number>();
  const lookAgain = new Map<DeckEntry, NodeJS.Timeout>();
  const startRound = () => {
    const which: DeckEntry[] = [];
    for (const deck of pending) {
      const looks = emptyLooks.get(deck) ?? 0;
      if (statSync(deck.file, { throwIfNoEntry: false })?.size !== 0) {
        emptyLooks.delete(deck);
        which.push(deck);
      } else if (looks < EMPTY_RECHECKS_MS.length) {
        emptyLooks.set(deck, looks + 1);
        lookAgain.set(deck, setTimeout(() => (lookAgain.delete(deck), arm(deck)), EMPTY_RECHECKS_MS[looks]));
      } else {
        emptyLooks.delete(deck);
        options.onEmpty?.(deck);
      }
    }
    pending.clear();
    if (which.length) round = round.then(() => runRound(which, 'save'));
  };
  /** A save: the deck's looks at an empty file start over. */
  const schedule = (deck: DeckEntry) => {
    clearTimeout(lookAgain.get(deck));
    lookAgain.delete(deck);
    emptyLooks.delete(deck);
    arm(deck);
  };
  // Editors save by writing a temporary file and renaming it over the deck: watch the folders.
  const watchers: FSWatcher[] = [...new Set(decks.map((d) => path.dirname(path.resolve(d.file))))].map((dir) =>
    watch(dir, (_event, name) => {
      const deck = name ? byFile.get(path.join(dir, name.toString())) : undefined;
      if (deck) schedule(deck);
    }),
  );
  return {
    idle: async () => {
      // A save seen but not yet started counts as work to wait for.
      while (pending.size || lookAgain.size) await new Promise((resolve) => setTimeout(resolve, 10));
      await round;
    },
    async close() {
      clearTimeout(timer);
      for (const t of lookAgain.values()) clearTimeout(t);
      for (const w of watchers) w.close();
      await round.catch(() => undefined);
      await (await options.session.browser).close();
    },
  };
}
