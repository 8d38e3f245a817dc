/**
 * How a deck page says that reveal.js could not start (shared by the runtime, which says it, and
 * the exporters and the doctor, which stop waiting for the deck when it does).
 */
declare global {
  interface Window {
    /** Why the deck could not start, once it could not. */
    __slidewrightStartError?: string;
  }
}

/** Dispatched on `window` once `__slidewrightStartError` is set. */
export const START_FAILED_EVENT = 'slidewright-start-failed';
