/**
 * Strict UTF-8 reading for deck files. Mojibake repair works on text; a file whose bytes are
 * not UTF-8 at all (typically saved as Windows-1252 or Latin-1) is a different problem, and the
 * author needs to know exactly where it is.
 */
import { LEAD_MASK, MIN_CODE_POINT, isContinuationByte, utf8ContinuationCount } from './cp1252.ts';

export interface Utf8Problem {
  /** 0-based byte offset of the first byte that cannot start or continue a sequence. */
  offset: number;
  /** 1-based line and column (UTF-16 code units) of that byte, counted in the valid text before it. */
  line: number;
  column: number;
  /** The offending bytes as hex, e.g. `E9 20`. */
  bytes: string;
  reason: string;
}

export type Utf8ReadResult = { ok: true; text: string } | { ok: false; problem: Utf8Problem };

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes `bytes` as UTF-8 (keeping a byte-order mark), or says where the first invalid byte is. */
export function readUtf8(bytes: Uint8Array): Utf8ReadResult {
  try {
    return { ok: true, text: strictDecoder.decode(bytes) };
  } catch {
    const problem = findUtf8Problem(bytes);
    // The decoder and the validator agree on what is valid; the fallback only guards that.
    return { ok: false, problem: problem ?? { offset: 0, line: 1, column: 1, bytes: '', reason: 'invalid UTF-8' } };
  }
}

/** Returns the first place where `bytes` stops being valid UTF-8, or null when it is valid. */
export function findUtf8Problem(bytes: Uint8Array): Utf8Problem | null {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = utf8ContinuationCount(b);
    if (need < 0) {
      const reason = isContinuationByte(b) ? 'a continuation byte with no lead byte before it' : `byte 0x${hex(b)} never occurs in UTF-8`;
      return locate(bytes, i, 1, reason);
    }
    let cp = b & LEAD_MASK[need]!;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return locate(bytes, i, k, 'the file ends in the middle of a multi-byte sequence');
      if (!isContinuationByte(c)) return locate(bytes, i, k + 1, `lead byte 0x${hex(b)} is followed by 0x${hex(c)} instead of a continuation byte`);
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < MIN_CODE_POINT[need]!) return locate(bytes, i, need + 1, 'overlong encoding');
    if (cp >= 0xd800 && cp <= 0xdfff) return locate(bytes, i, need + 1, 'encoded surrogate (CESU-8 / WTF-8, not UTF-8)');
    if (cp > 0x10ffff) return locate(bytes, i, need + 1, 'code point above U+10FFFF');
    i += need + 1;
  }
  return null;
}

function hex(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}

function locate(bytes: Uint8Array, offset: number, length: number, reason: string): Utf8Problem {
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Everything before `offset` is valid, so it decodes. Columns count UTF-16 code units, like
  // the rest of slidewright's diagnostics (and TypeScript, ESLint, VS Code).
  const column = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset)).length + 1;
  const shown = Array.from(bytes.subarray(offset, Math.min(bytes.length, offset + Math.max(length, 1))), hex).join(' ');
  return { offset, line, column, bytes: shown, reason };
}
