import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PngFormatError, decodePng, diffPixels, pngSize } from '../../../src/export/snapshots/png.ts';

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'ascii'), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/** Encodes rows (already filtered: first byte of each row is its filter type). */
function png(width: number, height: number, colour: number, rows: number[][]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colour;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows.flat()))),
    chunk('IEND', new Uint8Array()),
  ]);
}

describe('PNG reading', () => {
  it('reads the size without decoding', () => {
    expect(pngSize(png(3, 2, 2, [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]))).toEqual({ width: 3, height: 2 });
  });

  it('undoes every filter type (RGB)', () => {
    // Two pixels per row: row 0 "none", row 1 "sub", row 2 "up", row 3 "average", row 4 "paeth".
    const image = png(2, 5, 2, [
      [0, 10, 20, 30, 40, 50, 60],
      [1, 10, 20, 30, 30, 30, 30], // second pixel = first + 30 → 40 50 60
      [2, 1, 1, 1, 1, 1, 1], // previous row + 1 → 11 21 31 41 51 61
      [3, 5, 10, 15, 20, 20, 20], // average of left and up
      [4, 0, 0, 0, 0, 0, 0], // paeth picks a predictor; zero residuals copy it
    ]);
    const { width, height, data } = decodePng(image);
    expect([width, height]).toEqual([2, 5]);
    const px = (x: number, y: number) => [...data.subarray((y * 2 + x) * 4, (y * 2 + x) * 4 + 4)];
    expect(px(0, 0)).toEqual([10, 20, 30, 255]);
    expect(px(1, 1)).toEqual([40, 50, 60, 255]);
    expect(px(0, 2)).toEqual([11, 21, 31, 255]);
    expect(px(1, 2)).toEqual([41, 51, 61, 255]);
    // average of left and up: R0 = 5 + floor((0 + 11) / 2) = 10; R1 = 20 + floor((10 + 41) / 2) = 45
    expect(px(0, 3)).toEqual([10, 20, 30, 255]);
    expect(px(1, 3)).toEqual([45, 55, 65, 255]);
    // paeth with zero residuals copies the predictor, here the pixel above
    expect(px(0, 4)).toEqual([10, 20, 30, 255]);
    expect(px(1, 4)).toEqual([45, 55, 65, 255]);
  });

  it('reads RGBA and grey images', () => {
    expect([...decodePng(png(1, 1, 6, [[0, 1, 2, 3, 4]])).data]).toEqual([1, 2, 3, 4]);
    expect([...decodePng(png(1, 1, 0, [[0, 77]])).data]).toEqual([77, 77, 77, 255]);
  });

  it('refuses what it cannot read', () => {
    expect(() => decodePng(Buffer.from('not a png at all, certainly not one'))).toThrow(PngFormatError);
  });

  it('diffs pixels with a per-channel threshold', () => {
    const a = decodePng(png(2, 1, 2, [[0, 0, 0, 0, 100, 100, 100]]));
    const b = decodePng(png(2, 1, 2, [[0, 0, 0, 3, 100, 140, 100]]));
    expect(diffPixels(a, a)).toEqual({ differing: 0, total: 2, maxDelta: 0 });
    expect(diffPixels(a, b)).toEqual({ differing: 2, total: 2, maxDelta: 40 });
    expect(diffPixels(a, b, 5)).toEqual({ differing: 1, total: 2, maxDelta: 40 });
    expect(() => diffPixels(a, decodePng(png(1, 1, 0, [[0, 1]])))).toThrow('sizes differ');
  });
});
