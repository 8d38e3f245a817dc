/**
 * Dev only (imported by the deck module in `npm run dev`, never in a build): keeps the open
 * deck in step with its markdown without reloading the page. The dev server sends what changed
 * slide by slide (`DeckUpdate`); this applies it (`patch.ts`), keeps the speaker where they
 * were, shows the deck's problems in Vite's overlay, and reloads (back at the same slide) only
 * when the page itself changed: theme, code theme, reveal.js options.
 *
 * The speaker view's previews (`?receiver`) patch themselves the same way, without following
 * edits or showing the overlay; the deck doctor's hidden print copy does nothing.
 */
import { DECK_HELLO_EVENT, DECK_UPDATE_EVENT, DECK_UPDATED_EVENT, DEV_DATA_ID, MEDIA_UPDATE_EVENT } from './hmr-protocol.ts';
import type { DeckHello, DeckUpdate, DeckUpdated, DevPageData, MediaUpdate } from './hmr-protocol.ts';
import { PROBE_PARAM } from '../doctor/doctor-protocol.ts';
import type { RevealDeck } from './main.ts';
import { clearDiagnostics, showDiagnostics } from './overlay.ts';
import { applySlidesPatch, refreshMedia, type Position } from './patch.ts';

const POSITION_KEY = `slidewright:position:${location.pathname}`;
/** A saved position older than this is from another session, not from a reload. */
const POSITION_MAX_AGE_MS = 60_000;

function readPageData(): DevPageData | null {
  const text = document.getElementById(DEV_DATA_ID)?.textContent;
  if (!text) return null;
  try {
    return JSON.parse(text) as DevPageData;
  } catch {
    return null;
  }
}

function savePosition(reveal: RevealDeck): void {
  try {
    sessionStorage.setItem(POSITION_KEY, JSON.stringify({ ...reveal.getIndices(), at: Date.now() }));
  } catch {
    // Storage can be off (private windows); the URL hash still keeps the position when enabled.
  }
}

function takeSavedPosition(): Position | null {
  try {
    const text = sessionStorage.getItem(POSITION_KEY);
    sessionStorage.removeItem(POSITION_KEY);
    if (!text) return null;
    const saved = JSON.parse(text) as Position & { at: number };
    return Date.now() - saved.at < POSITION_MAX_AGE_MS ? saved : null;
  } catch {
    return null;
  }
}

export function liveUpdates(started: Promise<RevealDeck>): void {
  const hot = import.meta.hot;
  const data = readPageData();
  if (!hot || !data) return;
  const params = new URLSearchParams(location.search);
  if (params.has(PROBE_PARAM) || /print-pdf/i.test(location.search)) return;
  const main = !/receiver/i.test(location.search) && window.top === window;
  let version = data.version;
  let diagnostics = data.diagnostics;
  // Updates are applied one after another, each once the deck has started.
  let queue: Promise<unknown> = started;
  const overlay = (error?: string) => {
    if (main) showDiagnostics(data.file, data.relativeFile, diagnostics, error);
  };
  overlay();

  // The position is saved on pagehide, as for any reload.
  const reload = (reason: string) => {
    console.info(`[slidewright] ${reason}: reloading`);
    location.reload();
  };

  const apply = (reveal: RevealDeck, update: DeckUpdate) => {
    if (update.deck !== data.deck || update.to === version) return;
    if (update.error) {
      diagnostics = update.diagnostics;
      overlay(update.error);
      return;
    }
    if (update.from !== version) {
      // This page missed a version: the server sends the way from ours, or says reload.
      hot.send(DECK_HELLO_EVENT, { deck: data.deck, version } satisfies DeckHello);
      return;
    }
    if (!update.patch) return reload(update.reload ?? `${data.relativeFile} changed`);
    try {
      applySlidesPatch(reveal, update.patch, { follow: main && data.follow });
    } catch (error) {
      console.error('[slidewright] the update could not be applied in place:', error);
      return reload('the update could not be applied in place');
    }
    version = update.to;
    diagnostics = update.diagnostics;
    if (main) document.title = update.title;
    overlay();
    window.dispatchEvent(new CustomEvent<DeckUpdated>(DECK_UPDATED_EVENT, { detail: { deck: data.deck, version, diagnostics } }));
  };

  hot.on(DECK_UPDATE_EVENT, (update: DeckUpdate) => {
    queue = queue.then((reveal) => apply(reveal as RevealDeck, update)).then(() => started);
  });
  hot.on(MEDIA_UPDATE_EVENT, (update: MediaUpdate) => {
    queue = queue.then((reveal) => refreshMedia(reveal as RevealDeck, update.paths)).then(() => started);
  });

  void started.then((reveal) => {
    if (main) {
      // Back where the speaker was before a reload (the URL has no position when `hash` is off).
      const saved = takeSavedPosition();
      if (saved && !location.hash.replace(/^#\/?/, '')) reveal.slide(saved.h, saved.v, saved.f);
      // Every reload (ours, Vite's, the speaker's F5) passes through pagehide.
      window.addEventListener('pagehide', () => savePosition(reveal));
    }
    // The page may have been rendered just before an edit the server has announced already.
    hot.send(DECK_HELLO_EVENT, { deck: data.deck, version } satisfies DeckHello);
  });
}
