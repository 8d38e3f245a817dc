/**
 * Damage the way decks get it, for tests: text saved as UTF-8 and read back as Windows-1252 or
 * Latin-1. Our own table, independent of src/repair's.
 */

// Windows-1252 bytes 0x80–0x9F; the five undefined there read as the C1 control of the same value.
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
// Dropped by strict decoders (undefined in Windows-1252), or stripped afterwards (the soft hyphen).
const LOST = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xad]);

function read(text: string, char: (byte: number) => string): string {
  return Array.from(Buffer.from(text, 'utf8'), char).join('');
}

/** One wrong decoding, nothing lost: "José" → "JosÃ©". */
export function misread(text: string, as: 'cp1252' | 'latin1' = 'cp1252'): string {
  return read(text, (b) => (as === 'cp1252' && b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80]! : String.fromCharCode(b)));
}

/** One wrong decoding that loses bytes, as in the seed deck: "Joaquín" → "JoaquÃn". */
export function misreadLosing(text: string): string {
  return read(text, (b) => (LOST.has(b) ? '' : b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80]! : String.fromCharCode(b)));
}
