/**
 * Whether a deck file is text at all, before anything tries to repair or parse it. A binary
 * file dropped into the decks folder (an image saved as .md, a zip) must be one clear error,
 * not dozens of "repaired mojibake" lines and a page of noise; a huge file must not freeze the
 * dev server. Pure: bytes in, a verdict out.
 */
import type { Diagnostic } from '../shared/diagnostics.ts';

/** Above this a deck is refused (20 MB: the largest real deck seen is 60 KB; a 5 MB one already takes seconds). */
export const MAX_DECK_BYTES = 20 * 1024 * 1024;

/** Share of bytes that may be invalid UTF-8 in a text file saved in another encoding (Latin-1 text has a few). */
const MAX_INVALID_SHARE = 0.1;

const LENIENT = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** The error that refuses `bytes` as a deck, or null when they are text a deck can be made of. */
export function refuseAsDeck(bytes: Uint8Array, maxBytes = MAX_DECK_BYTES): Diagnostic | null {
  const at = { line: 1, column: 1 };
  if (bytes.length > maxBytes) {
    return {
      severity: 'error',
      code: 'deck-too-large',
      message: `the file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB, above the ${(maxBytes / 1024 / 1024).toFixed(0)} MB a deck may have; its page is left empty`,
      ...at,
      hint: 'split it into several decks, or move generated data out of the markdown (the limit is limits.deckMegabytes in slidewright.config)',
    };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) return notText(`it has a NUL byte at offset ${nul}`);
  // Only the replacement characters the decoder made count, not ones written in the file.
  const sample = bytes.subarray(0, 64 * 1024);
  const decoded = LENIENT.decode(sample);
  let replaced = 0;
  for (const ch of decoded) if (ch === '\ufffd') replaced++;
  const genuine = countGenuineReplacement(sample);
  if (sample.length > 0 && (replaced - genuine) / sample.length > MAX_INVALID_SHARE) {
    return notText(`${Math.round(((replaced - genuine) / sample.length) * 100)} % of its first bytes are not UTF-8`);
  }
  return null;

  function notText(why: string): Diagnostic {
    return {
      severity: 'error',
      code: 'not-text',
      message: `this is not a text file (${why}); its page is left empty`,
      ...at,
      hint: 'move it out of the decks folder, or re-save it as UTF-8 text',
    };
  }
}

/** U+FFFD written in the file itself (EF BF BD), which is text. */
function countGenuineReplacement(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0xef); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) n++;
  }
  return n;
}
