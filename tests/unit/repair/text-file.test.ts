import { describe, expect, it } from 'vitest';
import { refuseAsDeck } from '../../../src/repair/text-file.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('refuseAsDeck', () => {
  it('accepts text, including Latin-1 text with a few bytes that are not UTF-8 and written U+FFFD', () => {
    expect(refuseAsDeck(utf8('# Talk\n\nJosé Joaquín 🦆\n'))).toBeNull();
    expect(refuseAsDeck(Uint8Array.from([...utf8('# Caf'), 0xe9, ...utf8(' au lait, a long enough line of text\n')]))).toBeNull();
    expect(refuseAsDeck(utf8('\ufffd'.repeat(50)))).toBeNull();
    expect(refuseAsDeck(new Uint8Array())).toBeNull();
  });

  it('refuses a file with NUL bytes or mostly invalid UTF-8, naming why', () => {
    expect(refuseAsDeck(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toMatchObject({
      severity: 'error',
      code: 'not-text',
      line: 1,
      message: expect.stringContaining('NUL byte at offset 8'),
    });
    const noise = Uint8Array.from({ length: 4000 }, (_, i) => 0x80 + ((i * 37) % 0x7f));
    expect(refuseAsDeck(noise)?.message).toMatch(/% of its first bytes are not UTF-8/);
  });

  it('refuses a deck above the size limit', () => {
    expect(refuseAsDeck(utf8('x'.repeat(2000)), 1000)).toMatchObject({ code: 'deck-too-large' });
    expect(refuseAsDeck(utf8('x'.repeat(999)), 1000)).toBeNull();
  });
});
