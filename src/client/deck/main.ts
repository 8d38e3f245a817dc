/**
 * The browser runtime: starts reveal.js on the page's pre-rendered slides with the deck's
 * configuration. Markdown was rendered at build time, so no markdown plugin ships.
 */
import Reveal, { type RevealConfig, type RevealPlugin } from 'reveal.js';
import type { NotesPlugin } from 'reveal.js/plugin/notes';
import { START_FAILED_EVENT } from './start-failed.ts';

export type RevealDeck = InstanceType<typeof Reveal>;

declare global {
  interface Window {
    /** The running deck, as in classic reveal.js pages (tests and the exporters use it). */
    Reveal?: RevealDeck;
  }
}

/**
 * reveal.js's speaker view, loaded when it is wanted: the plugin bundles marked and the speaker
 * page, 20 KB gzip of a visitor's first load, and only the speaker uses it. It is wanted on S,
 * with `?notes` in the URL, and when a speaker view left open across a reload calls (its
 * heartbeat): the plugin then reconnects to it as it does when loaded up front.
 */
function speakerViewOnDemand(): RevealPlugin {
  return {
    id: 'slidewright-notes-on-demand',
    init(deck) {
      if (/receiver/i.test(location.search)) return;
      let plugin: Promise<NotesPlugin> | undefined;
      const load = () =>
        (plugin ??= import('reveal.js/plugin/notes').then(({ default: Notes }) => {
          const notes = Notes();
          void notes.init?.(deck);
          return notes;
        }));
      if (/(\?|&)notes/i.test(location.search)) return void load();
      deck.addKeyBinding({ keyCode: 83, key: 'S', description: 'Speaker notes view' }, () => void load().then((notes) => notes.open()));
      const onMessage = (event: MessageEvent) => {
        if (typeof event.data !== 'string' || !event.data.includes('reveal-notes') || !event.data.includes('heartbeat')) return;
        window.removeEventListener('message', onMessage);
        void load();
      };
      window.addEventListener('message', onMessage);
    },
  };
}

/** In a deck published without notes, S says why there is no speaker view. */
function noSpeakerView(): RevealPlugin {
  return {
    id: 'slidewright-no-speaker-view',
    init(deck) {
      deck.addKeyBinding({ keyCode: 83, key: 'S', description: 'Speaker notes view (not in this copy)' }, () => {
        const note = document.createElement('div');
        note.setAttribute('role', 'status');
        note.textContent = 'This copy of the deck was published without speaker notes, so it has no speaker view.';
        note.style.cssText =
          'position:fixed;left:50%;bottom:2rem;transform:translateX(-50%);z-index:100;padding:.6rem 1rem;font:16px/1.4 system-ui,sans-serif;color:#fff;background:#222e;border-radius:6px';
        document.body.appendChild(note);
        setTimeout(() => note.remove(), 4000);
      });
    },
  };
}

export interface DeckOptions {
  /** false: the page has no notes; S explains instead of opening the speaker view. */
  speakerView?: boolean;
}

export async function startDeck(config: RevealConfig, options: DeckOptions = {}): Promise<RevealDeck> {
  const root = document.querySelector<HTMLElement>('.reveal');
  if (!root) throw new Error('slidewright: this page has no .reveal element');
  const deck = new Reveal(root, { ...config, plugins: [options.speakerView === false ? noSpeakerView : speakerViewOnDemand] });
  window.Reveal = deck;
  const watching = watchStart();
  try {
    await deck.initialize();
  } catch (error) {
    watching.failed(error);
    throw error;
  }
  // The print view lays the pages out after the page's load, outside initialize: watched until
  // its pdf-ready.
  if (deck.getConfig().view === 'print') window.addEventListener('pdf-ready', watching.stop, { once: true });
  else watching.stop();
  return deck;
}

/**
 * Records why the deck could not start, for the exporters and the doctor, which then stop
 * waiting for it (src/client/deck/start-failed.ts): initialize() rejecting, or reveal.js's own
 * code throwing before the deck is ready (its print view, on a deck of no slides, threw after
 * initialize had resolved, and pdf-ready never came). Errors of the page's other scripts do not
 * count: they do not stop reveal.js.
 */
function watchStart(): { failed(error: unknown): void; stop(): void } {
  const failed = (error: unknown) => {
    if (window.__slidewrightStartError !== undefined) return;
    window.__slidewrightStartError = error instanceof Error ? error.message : String(error);
    window.dispatchEvent(new Event(START_FAILED_EVENT));
  };
  // reveal.js's module is named after it wherever it is served (the exporters' site, Vite's dev
  // server); a built deck is not waited for.
  const fromReveal = (error: unknown) => error instanceof Error && /reveal/i.test(error.stack ?? '');
  const onError = (event: ErrorEvent) => fromReveal(event.error) && failed(event.error);
  const onRejection = (event: PromiseRejectionEvent) => fromReveal(event.reason) && failed(event.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    failed,
    stop() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}
