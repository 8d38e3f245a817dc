/**
 * Windows-1252 and UTF-8 byte tables used by the dropped-byte layer.
 *
 * We keep our own table because Node 20's `TextDecoder('windows-1252')` decodes 0x80–0x9F as
 * C1 controls (it behaves like Latin-1), and because we need the "sloppy" variant: the five
 * bytes Windows-1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) map to the C1 controls of the
 * same value, the way browsers and ftfy's `sloppy-windows-1252` treat them.
 */

/** Windows-1252 bytes 0x80–0x9F; `null` marks the five undefined bytes. */
const CP1252_HIGH_C1: readonly (number | null)[] = [
  0x20ac, null, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, // 80–87
  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, null, 0x017d, null, //   88–8F
  null, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, // 90–97
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, null, 0x017e, 0x0178, // 98–9F
];

/** The character each byte decodes to under sloppy Windows-1252. */
export const CP1252_CHAR: readonly string[] = Array.from({ length: 256 }, (_, byte) => {
  if (byte < 0x80 || byte > 0x9f) return String.fromCharCode(byte);
  return String.fromCharCode(CP1252_HIGH_C1[byte - 0x80] ?? byte);
});

// The byte of each UTF-16 code unit (-1: none), as a table: this is asked for every character of
// every damaged line, and a Map keyed by one-character strings was a hot spot.
const BYTE_OF_CODE = new Int16Array(0x10000).fill(-1);
CP1252_CHAR.forEach((ch, byte) => (BYTE_OF_CODE[ch.charCodeAt(0)] = byte));

/** The sloppy Windows-1252 byte for the code unit `text[i]`, or -1 when it has none (or past the end). */
export function cp1252ByteAt(text: string, i: number): number {
  return i < text.length ? BYTE_OF_CODE[text.charCodeAt(i)]! : -1;
}

/**
 * Bytes that disappear when UTF-8 goes through Windows-1252: the five undefined bytes are
 * dropped by strict decoders, and 0xAD decodes to the invisible soft hyphen, which editors and
 * web pages often strip.
 */
export const DROPPABLE_BYTES: readonly number[] = [0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xad];

/** 0xA0 decodes to a no-break space, which is often turned into an ordinary space. */
export const NBSP_BYTE = 0xa0;

/** Characters we insert to put a lost byte back (their sloppy-1252 encoding is that byte). */
export const FILL_CHARS: ReadonlySet<string> = new Set(
  [...DROPPABLE_BYTES, NBSP_BYTE].map((b) => CP1252_CHAR[b]!),
);

/** Number of continuation bytes a UTF-8 lead byte needs, or -1 when `byte` is not a lead. */
export function utf8ContinuationCount(byte: number): number {
  if (byte >= 0xc2 && byte <= 0xdf) return 1;
  if (byte >= 0xe0 && byte <= 0xef) return 2;
  if (byte >= 0xf0 && byte <= 0xf4) return 3;
  return -1;
}

/** By continuation count: the payload bits of the lead byte, and the smallest code point (shorter is overlong). */
export const LEAD_MASK: readonly number[] = [0x7f, 0x1f, 0x0f, 0x07];
export const MIN_CODE_POINT: readonly number[] = [0, 0x80, 0x800, 0x10000];

export function isContinuationByte(byte: number): boolean {
  return byte >= 0x80 && byte <= 0xbf;
}

/** Decodes one complete UTF-8 sequence, or returns null when the bytes are not exactly one. */
export function decodeUtf8Sequence(bytes: readonly number[]): string | null {
  const lead = bytes[0];
  if (lead === undefined) return null;
  const need = utf8ContinuationCount(lead);
  if (need < 0 || bytes.length !== need + 1) return null;
  let cp = lead & LEAD_MASK[need]!;
  for (let i = 1; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (!isContinuationByte(b)) return null;
    cp = (cp << 6) | (b & 0x3f);
  }
  if (cp < MIN_CODE_POINT[need]! || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  return String.fromCodePoint(cp);
}

/**
 * Best-effort reading of text that may be UTF-8 seen through Windows-1252: every complete,
 * valid UTF-8 sequence in the sloppy-1252 bytes is decoded, everything else is kept as it is.
 * Used only to look at the neighbourhood of a damaged spot, never to produce output.
 */
export function decodeMixed(text: string): string {
  // Unchanged text is copied in runs (most characters are not leads), and each decoded sequence
  // is put in on its own: the same result as going character by character.
  let out = '';
  let copied = 0; // text before this offset is in `out`
  let i = 0;
  while (i < text.length) {
    const lead = BYTE_OF_CODE[text.charCodeAt(i)]!;
    // Only 0xC2–0xF4 start a sequence that can decode (utf8ContinuationCount > 0 and a valid lead).
    if (lead < 0xc2 || lead > 0xf4) {
      i++;
      continue;
    }
    const need = utf8ContinuationCount(lead);
    let cp = lead & LEAD_MASK[need]!;
    let k = 1;
    for (; k <= need; k++) {
      const b = cp1252ByteAt(text, i + k);
      if (b < 0x80 || b > 0xbf) break;
      cp = (cp << 6) | (b & 0x3f);
    }
    if (k === need + 1 && cp >= MIN_CODE_POINT[need]! && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) {
      out += text.slice(copied, i) + String.fromCodePoint(cp);
      i += need + 1;
      copied = i;
      continue;
    }
    i++;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
