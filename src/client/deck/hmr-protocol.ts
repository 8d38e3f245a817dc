/**
 * What the dev server (`src/vite/slide-hmr.ts`, `src/vite/media-plugin.ts`) and the open deck
 * (`hmr.ts`) exchange over Vite's HMR socket, and the page data the dev server puts in each
 * deck page. One module, so that both sides share the names and shapes.
 */
import type { Diagnostic } from '../../shared/diagnostics.ts';
import type { SlidesPatch } from '../../render/deck-diff.ts';

/** Id of the `<script type="application/json">` holding the page's `DevPageData`. */
export const DEV_DATA_ID = 'slidewright-dev-data';

/** Server → pages: a deck changed (`DeckUpdate`). */
export const DECK_UPDATE_EVENT = 'slidewright:deck-update';
/** Page → server: the page's deck and version (`DeckHello`); the server answers if it is behind. */
export const DECK_HELLO_EVENT = 'slidewright:deck-hello';
/** Server → pages: media files changed (`MediaUpdate`). */
export const MEDIA_UPDATE_EVENT = 'slidewright:media-update';
/** Server → the index page: decks were added, removed or retitled. */
export const DECK_LIST_EVENT = 'slidewright:deck-list';
/** Dispatched on `window` after the page's slides were patched (`CustomEvent<DeckUpdated>`). */
export const DECK_UPDATED_EVENT = 'slidewright:updated';

export interface DevPageData {
  deck: string;
  /** The version of the deck the page was rendered from. */
  version: string;
  /** The deck file, absolute (a click in the overlay opens it in the editor). */
  file: string;
  /** The deck file as the terminal shows it, relative to the project. */
  relativeFile: string;
  /** The pipeline's diagnostics for this version (the overlay shows all but `info`). */
  diagnostics: Diagnostic[];
  /** Jump to the slide that was just edited (`slidewright dev --follow`). */
  follow: boolean;
}

export interface DeckUpdate {
  deck: string;
  /** The version the patch applies to; a page at another version asks again (`DeckHello`). */
  from: string;
  to: string;
  /** The slides' changes; absent when the page must reload (theme, options or styles changed). */
  patch?: SlidesPatch;
  /** Why the page reloads, for the console. */
  reload?: string;
  title: string;
  diagnostics: Diagnostic[];
  /** The new version could not be compiled: the page keeps its slides and shows this. */
  error?: string;
}

export interface DeckHello {
  deck: string;
  version: string;
}

export interface MediaUpdate {
  /** URL paths of the media files that changed (`/media/photo.jpg`). */
  paths: string[];
}

export interface DeckUpdated {
  deck: string;
  version: string;
  diagnostics: Diagnostic[];
}
