/** Test support (not used by the app; shared by unit tests and e2e/images.spec.ts): a PNG writer
 *  covering every colour type, depth, palette, tRNS, row filter and split IDAT the decoder must
 *  read, PNGs around hand-made IDAT data, and a byte stream in arbitrary pieces. */

import { crc32, createDeflate, deflateSync } from 'node:zlib';

export function chunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ihdrChunk(width: number, height: number, bitDepth: number, colorType: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = colorType;
  return chunk('IHDR', ihdr);
}

/** A non-interlaced 8-bit PNG around ready-made zlib `idat` data (valid or deliberately not). */
export function pngFile(width: number, height: number, colorType: 2 | 6, idat: Uint8Array): Buffer {
  return Buffer.concat([SIGNATURE, ihdrChunk(width, height, 8, colorType), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]);
}

/** A size×height RGB PNG (size = 12000: 432 MB of pixels) that is small on disk: six colour bands
 *  in the first row ((x·6/size)·40, 200, 50), every later row "Up"-filtered to zeros, so it
 *  deflates to ~0.5 MB. Streamed through zlib, never held whole. */
export async function bandedPng(size: number, height = size): Promise<Buffer> {
  const first = Buffer.alloc(1 + size * 3);
  for (let x = 0; x < size; x++) first.set([Math.floor((x * 6) / size) * 40, 200, 50], 1 + x * 3);
  const up = Buffer.alloc(1 + size * 3);
  up[0] = 2;
  const z = createDeflate();
  const parts: Buffer[] = [];
  z.on('data', (c: Buffer) => parts.push(c));
  const end = new Promise((r) => z.on('end', r));
  z.write(first);
  for (let y = 1; y < height; y++) z.write(up);
  z.end();
  await end;
  return pngFile(size, height, 2, Buffer.concat(parts));
}

export interface PngSpec {
  width: number;
  height: number;
  colorType: number;
  bitDepth: number;
  /** Samples per row, unpacked (one number per sample, at bitDepth precision). */
  sample: (x: number, y: number, c: number) => number;
  plte?: number[];
  trns?: number[];
  /** IDAT pieces (1: one chunk). */
  idats?: number;
}

const CH: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function writePng(s: PngSpec): Buffer {
  const ch = CH[s.colorType];
  const stride = Math.ceil((s.width * ch * s.bitDepth) / 8);
  const bpp = Math.max(1, (ch * s.bitDepth) >> 3);
  const raw: number[] = [];
  let prev = new Uint8Array(stride);
  for (let y = 0; y < s.height; y++) {
    const row = new Uint8Array(stride);
    let bit = 0;
    for (let x = 0; x < s.width; x++) {
      for (let c = 0; c < ch; c++) {
        const v = s.sample(x, y, c);
        if (s.bitDepth === 16) {
          row[bit >> 3] = v >> 8;
          row[(bit >> 3) + 1] = v & 255;
        } else if (s.bitDepth === 8) row[bit >> 3] = v;
        else row[bit >> 3] |= v << (8 - s.bitDepth - (bit & 7));
        bit += s.bitDepth;
      }
    }
    const f = y % 5; // every filter type
    raw.push(f);
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? row[i - bpp] : 0;
      const b = prev[i];
      const c = i >= bpp ? prev[i - bpp] : 0;
      const pred = [0, a, b, (a + b) >> 1, paeth(a, b, c)][f];
      raw.push((row[i] - pred) & 255);
    }
    prev = row;
  }
  const z = deflateSync(Buffer.from(raw));
  const parts = [SIGNATURE, ihdrChunk(s.width, s.height, s.bitDepth, s.colorType)];
  parts.push(chunk('tEXt', Buffer.from('Comment\0ancillary chunks are skipped', 'latin1')));
  if (s.plte) parts.push(chunk('PLTE', Uint8Array.from(s.plte)));
  if (s.trns) parts.push(chunk('tRNS', Uint8Array.from(s.trns)));
  const n = s.idats ?? 1;
  const step = Math.ceil(z.length / n);
  for (let i = 0; i < z.length; i += step) parts.push(chunk('IDAT', z.subarray(i, i + step)));
  parts.push(chunk('IEND', new Uint8Array(0)));
  return Buffer.concat(parts);
}

/** The bytes as a stream of pieces of `piece` bytes (chunk boundaries anywhere). */
export function streamOf(bytes: Uint8Array, piece = 1 << 16): ReadableStream<Uint8Array<ArrayBuffer>> {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(Uint8Array.from(bytes.subarray(at, at + piece)));
      at += piece;
    },
  });
}
