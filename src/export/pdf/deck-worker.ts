/**
 * Worker entry of the PDF export's deck half (see deck-side.ts): prepares and serves the
 * decks, sends the plain-data result, and closes the site when told to.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { prepareDeckSide, type DeckSideInput, type DeckSideResult } from './deck-side.ts';

const port = parentPort;
if (!port) throw new Error('deck-worker.ts runs as a worker thread only');
const { close, ...result } = await prepareDeckSide(workerData as DeckSideInput);
port.postMessage(result satisfies DeckSideResult);
port.once('message', () => {
  void close().then(() => port.close());
});
