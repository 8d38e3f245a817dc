import { describe, expect, it } from 'vitest';
import { findUtf8Problem, readUtf8 } from '../../../src/repair/utf8.ts';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'utf8')] : p)));

describe('reading UTF-8 strictly', () => {
  it('decodes valid UTF-8, keeping a byte-order mark', () => {
    expect(readUtf8(bytes([0xef, 0xbb, 0xbf], 'José 🦆'))).toEqual({ ok: true, text: '\ufeffJosé 🦆' });
  });

  it('names the byte offset, line and column of the first invalid byte, and why', () => {
    const r = readUtf8(bytes('line one\nJos', [0xe9], ' (Latin-1)\n'));
    expect(r).toEqual({
      ok: false,
      problem: { offset: 12, line: 2, column: 4, bytes: 'E9 20', reason: 'lead byte 0xE9 is followed by 0x20 instead of a continuation byte' },
    });
  });

  it('knows the other ways bytes fail to be UTF-8', () => {
    expect(findUtf8Problem(bytes('ab', [0x80]))).toMatchObject({ offset: 2, reason: 'a continuation byte with no lead byte before it' });
    expect(findUtf8Problem(bytes([0xc0, 0xaf]))).toMatchObject({ offset: 0, reason: 'byte 0xC0 never occurs in UTF-8' });
    expect(findUtf8Problem(bytes([0xe0, 0x80, 0xaf]))).toMatchObject({ offset: 0, reason: 'overlong encoding' });
    expect(findUtf8Problem(bytes([0xed, 0xa0, 0x80]))).toMatchObject({ reason: 'encoded surrogate (CESU-8 / WTF-8, not UTF-8)' });
    expect(findUtf8Problem(bytes([0xf4, 0x90, 0x80, 0x80]))).toMatchObject({ reason: 'code point above U+10FFFF' });
    expect(findUtf8Problem(bytes('🦆', [0xf0, 0x9f]))).toMatchObject({ offset: 4, column: 3, reason: 'the file ends in the middle of a multi-byte sequence' });
    expect(findUtf8Problem(bytes('all good: ✓ é 🦆'))).toBeNull();
  });
});
