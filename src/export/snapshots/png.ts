/**
 * A minimal PNG reader for what Chromium's screenshots produce (8-bit greyscale, RGB or RGBA,
 * optionally with alpha, not interlaced), so snapshots can be compared pixel by pixel without
 * an image library: the size of an image, its RGBA pixels, and a pixel diff of two images.
 */
import { inflateSync } from 'node:zlib';

export interface PngImage {
  width: number;
  height: number;
  /** RGBA, row-major, 4 bytes per pixel. */
  data: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export class PngFormatError extends Error {
  override name = 'PngFormatError';
}

/** Width and height from the IHDR chunk, without decoding pixels. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  checkSignature(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (type !== 'IHDR') throw new PngFormatError('the first chunk is not IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function checkSignature(bytes: Uint8Array): void {
  if (bytes.length < 33 || SIGNATURE.some((b, i) => bytes[i] !== b)) throw new PngFormatError('not a PNG file');
}

export function decodePng(bytes: Uint8Array): PngImage {
  checkSignature(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      const depth = body[8];
      const colour = body[9];
      const interlace = body[12];
      if (depth !== 8 || interlace !== 0) throw new PngFormatError(`unsupported PNG: bit depth ${depth}, interlace ${interlace}`);
      const byColour: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };
      channels = byColour[colour ?? -1] ?? 0;
      if (!channels) throw new PngFormatError(`unsupported PNG colour type ${colour}`);
    } else if (type === 'IDAT') {
      idat.push(body);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  if (!channels) throw new PngFormatError('PNG without IHDR');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new PngFormatError('PNG data is truncated');
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[out + x - channels]! : 0;
      const b = y > 0 ? pixels[out - stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[out - stride + x - channels]! : 0;
      let value = line[x]!;
      switch (filter) {
        case 0:
          break;
        case 1:
          value += a;
          break;
        case 2:
          value += b;
          break;
        case 3:
          value += (a + b) >> 1;
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          value += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          throw new PngFormatError(`unknown PNG filter ${filter} on row ${y}`);
      }
      pixels[out + x] = value & 0xff;
    }
  }
  const data = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < width * height; i++, j += channels) {
    const grey = channels <= 2;
    data[i * 4] = pixels[j]!;
    data[i * 4 + 1] = grey ? pixels[j]! : pixels[j + 1]!;
    data[i * 4 + 2] = grey ? pixels[j]! : pixels[j + 2]!;
    data[i * 4 + 3] = channels === 4 ? pixels[j + 3]! : channels === 2 ? pixels[j + 1]! : 255;
  }
  return { width, height, data };
}

export interface PixelDiff {
  /** Pixels whose largest channel difference exceeds the threshold. */
  differing: number;
  total: number;
  /** Largest channel difference seen (0–255). */
  maxDelta: number;
}

/** Compares two images of the same size; `threshold` is the per-channel difference ignored. */
export function diffPixels(a: PngImage, b: PngImage, threshold = 0): PixelDiff {
  if (a.width !== b.width || a.height !== b.height) {
    throw new PngFormatError(`sizes differ: ${a.width}×${a.height} and ${b.width}×${b.height}`);
  }
  let differing = 0;
  let maxDelta = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    let delta = 0;
    for (let k = 0; k < 4; k++) delta = Math.max(delta, Math.abs(a.data[i + k]! - b.data[i + k]!));
    if (delta > threshold) differing++;
    if (delta > maxDelta) maxDelta = delta;
  }
  return { differing, total: a.width * a.height, maxDelta };
}
