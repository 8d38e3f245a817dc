/**
 * The browser runtime: starts reveal.js on the page's pre-rendered slides with the deck's
 * configuration. Markdown was rendered at build time, so no markdown plugin ships.
 */
import Reveal, { type RevealConfig } from 'reveal.js';
import Notes from 'reveal.js/plugin/notes';

export type RevealDeck = InstanceType<typeof Reveal>;

declare global {
  interface Window {
    /** The running deck, as in classic reveal.js pages (tests and the exporters use it). */
    Reveal?: RevealDeck;
  }
}

export async function startDeck(config: RevealConfig): Promise<RevealDeck> {
  const root = document.querySelector<HTMLElement>('.reveal');
  if (!root) throw new Error('slidewright: this page has no .reveal element');
  const deck = new Reveal(root, { ...config, plugins: [Notes] });
  window.Reveal = deck;
  await deck.initialize();
  return deck;
}
