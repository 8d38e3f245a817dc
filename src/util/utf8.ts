/**
 * Decodes deck files as UTF-8 without ever failing: invalid bytes become U+FFFD and the first
 * one is located (byte offset, line, column) so the author can be told where to look.
 */
export interface DecodedText {
  text: string;
  invalid: { offset: number; line: number; column: number } | null;
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { text: strict.decode(bytes), invalid: null };
  } catch {
    const offset = firstInvalidOffset(bytes);
    const before = lenient.decode(bytes.subarray(0, offset));
    const lines = before.split('\n');
    return {
      text: lenient.decode(bytes),
      invalid: { offset, line: lines.length, column: lines[lines.length - 1]!.length + 1 },
    };
  }
}

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidOffset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    if (length > 1) {
      try {
        strict.decode(bytes.subarray(i, i + length));
      } catch {
        return i;
      }
    }
    i += length;
  }
  return bytes.length;
}
