import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { crc32, deflateSync } from 'node:zlib';
import { drawCrop } from '../model/preprocess';
import { decodePngDownscaled, fitWithin, sniffImage, whyUndecodable } from './image-input';

// ---- a PNG writer that covers what the decoder must read: every colour type and depth, palette,
// tRNS, every row filter, IDAT split across chunks --------------------------------------------

function chunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

interface PngSpec {
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

function writePng(s: PngSpec): Buffer {
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
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(s.width, 0);
  ihdr.writeUInt32BE(s.height, 4);
  ihdr[8] = s.bitDepth;
  ihdr[9] = s.colorType;
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
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
function streamOf(bytes: Uint8Array, piece = 1 << 16): ReadableStream<Uint8Array<ArrayBuffer>> {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(Uint8Array.from(bytes.subarray(at, at + piece)));
      at += piece;
    },
  });
}

/** Reference: pngjs's decode (an independent decoder), box-averaged with alpha weighting. */
function reference(png: Buffer, k: number): { width: number; height: number; data: number[] } {
  const img = PNG.sync.read(png);
  const W = img.width;
  const H = img.height;
  const ow = Math.ceil(W / k);
  const oh = Math.ceil(H / k);
  const data: number[] = [];
  for (let oy = 0; oy < oh; oy++) {
    for (let ox = 0; ox < ow; ox++) {
      const s = [0, 0, 0, 0];
      let n = 0;
      for (let y = oy * k; y < Math.min(H, oy * k + k); y++) {
        for (let x = ox * k; x < Math.min(W, ox * k + k); x++) {
          const i = (y * W + x) * 4;
          const a = img.data[i + 3];
          s[0] += img.data[i] * a;
          s[1] += img.data[i + 1] * a;
          s[2] += img.data[i + 2] * a;
          s[3] += a;
          n++;
        }
      }
      const rgb = s[3] > 0 ? [s[0] / s[3], s[1] / s[3], s[2] / s[3]].map(Math.round) : [0, 0, 0];
      data.push(...rgb, Math.round(s[3] / n));
    }
  }
  return { width: ow, height: oh, data };
}

/** Colour where alpha > 0 (transparent pixels' colours are undefined), alpha everywhere. */
function visible(data: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < data.length; i += 4) out.push(...(data[i + 3] > 0 ? [data[i], data[i + 1], data[i + 2]] : [0, 0, 0]), data[i + 3]);
  return out;
}

const W = 13;
const H = 11;
const CASES: [string, PngSpec][] = [
  ['RGB 8-bit', { width: W, height: H, colorType: 2, bitDepth: 8, sample: (x, y, c) => (x * 19 + y * 7 + c * 80) & 255 }],
  ['RGBA 8-bit', { width: W, height: H, colorType: 6, bitDepth: 8, sample: (x, y, c) => (c === 3 ? (x * 40) & 255 : (x * 3 + y * 29 + c * 50) & 255) }],
  ['RGB 16-bit', { width: W, height: H, colorType: 2, bitDepth: 16, sample: (x, y, c) => (x * 4999 + y * 333 + c * 20000) & 0xffff }],
  ['RGBA 16-bit', { width: W, height: H, colorType: 6, bitDepth: 16, sample: (x, y, c) => (x * 4999 + y * 333 + c * 9000) & 0xffff }],
  ['grey 8-bit', { width: W, height: H, colorType: 0, bitDepth: 8, sample: (x, y) => (x * 20 + y * 3) & 255 }],
  ['grey 16-bit', { width: W, height: H, colorType: 0, bitDepth: 16, sample: (x, y) => (x * 5000 + y * 77) & 0xffff }],
  ['grey 1-bit', { width: W, height: H, colorType: 0, bitDepth: 1, sample: (x, y) => (x + y) & 1 }],
  ['grey 2-bit', { width: W, height: H, colorType: 0, bitDepth: 2, sample: (x, y) => (x + y) & 3 }],
  ['grey 4-bit', { width: W, height: H, colorType: 0, bitDepth: 4, sample: (x, y) => (x + 2 * y) & 15 }],
  ['grey+alpha 8-bit', { width: W, height: H, colorType: 4, bitDepth: 8, sample: (x, y, c) => (c ? (y * 25) & 255 : (x * 20) & 255) }],
  [
    'grey 8-bit with tRNS',
    { width: W, height: H, colorType: 0, bitDepth: 8, sample: (x) => (x % 3 === 0 ? 77 : x * 10), trns: [0, 77] },
  ],
  [
    'RGB 8-bit with tRNS',
    { width: W, height: H, colorType: 2, bitDepth: 8, sample: (x, _y, c) => (x % 2 ? [10, 20, 30][c] : x * 9 + c), trns: [0, 10, 0, 20, 0, 30] },
  ],
  [
    'palette 8-bit with tRNS',
    {
      width: W,
      height: H,
      colorType: 3,
      bitDepth: 8,
      sample: (x, y) => (x + y) % 4,
      plte: [255, 0, 0, 0, 255, 0, 0, 0, 255, 250, 250, 250],
      trns: [255, 128, 0],
    },
  ],
  [
    'palette 2-bit',
    { width: W, height: H, colorType: 3, bitDepth: 2, sample: (x, y) => (x * y) % 3, plte: [9, 8, 7, 100, 110, 120, 200, 210, 220] },
  ],
];

describe('decodePngDownscaled', () => {
  for (const [name, spec] of CASES) {
    it(`${name}: full size matches pngjs exactly`, async () => {
      const png = writePng({ ...spec, idats: 3 });
      const ref = reference(png, 1);
      const got = await decodePngDownscaled(streamOf(png, 7), 10_000);
      expect([got.width, got.height]).toEqual([W, H]);
      expect(visible(got.data)).toEqual(visible(ref.data));
    });
    it(`${name}: 4×4 box average (maxSide 4) matches the reference`, async () => {
      const png = writePng(spec);
      const ref = reference(png, 4);
      const got = await decodePngDownscaled(streamOf(png, 5), 4);
      expect([got.width, got.height]).toEqual([4, 3]); // ceil(13/4) × ceil(11/4)
      expect(visible(got.data)).toEqual(visible(ref.data));
    });
  }

  const rgb = CASES[0][1];
  it('rejects data that ends before the last row', async () => {
    const png = writePng(rgb);
    const cut = png.subarray(0, png.length - 40);
    await expect(decodePngDownscaled(streamOf(cut), 100)).rejects.toThrow();
  });
  it('rejects a bad row filter and a wrong signature', async () => {
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(2, 0);
    ihdr.writeUInt32BE(1, 4);
    ihdr[8] = 8;
    ihdr[9] = 2;
    const bad = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(Buffer.from([9, 1, 2, 3, 4, 5, 6]))),
      chunk('IEND', new Uint8Array(0)),
    ]);
    await expect(decodePngDownscaled(streamOf(bad), 100)).rejects.toThrow('bad row filter 9');
    await expect(decodePngDownscaled(streamOf(Buffer.from('GIF89a not a png at all')), 100)).rejects.toThrow('not a PNG');
  });

  it('12000×12000 RGB PNG (432 MB of pixels): 4000×4000 out, without holding the full image', async () => {
    const size = 12000;
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(size, 0);
    ihdr.writeUInt32BE(size, 4);
    ihdr[8] = 8;
    ihdr[9] = 2;
    // first row: six colour bands; every later row "Up"-filtered to zeros, so it deflates to ~0.5 MB
    const first = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) first.set([Math.floor((x * 6) / size) * 40, 200, 50], 1 + x * 3);
    const up = Buffer.alloc(1 + size * 3);
    up[0] = 2;
    const { createDeflate } = await import('node:zlib');
    const d = createDeflate();
    const parts: Buffer[] = [];
    d.on('data', (c: Buffer) => parts.push(c));
    const end = new Promise((r) => d.on('end', r));
    d.write(first);
    for (let y = 1; y < size; y++) d.write(up);
    d.end();
    await end;
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', Buffer.concat(parts)),
      chunk('IEND', new Uint8Array(0)),
    ]);
    expect(png.length).toBeLessThan(1_000_000);
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t0 = performance.now();
    const got = await decodePngDownscaled(streamOf(png), 4096);
    const ms = performance.now() - t0;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(`12000² PNG → ${got.width}×${got.height} in ${ms.toFixed(0)} ms, RSS +${((peak - before) / 2 ** 20).toFixed(0)} MB`);
    expect([got.width, got.height]).toEqual([4000, 4000]);
    const px = (x: number, y: number) => [...got.data.subarray((y * 4000 + x) * 4, (y * 4000 + x) * 4 + 4)];
    expect(px(0, 0)).toEqual([0, 200, 50, 255]);
    expect(px(3999, 3999)).toEqual([200, 200, 50, 255]);
    expect(px(2100, 1234)).toEqual([120, 200, 50, 255]);
    // 4000² RGBA out is 64 MB; the full image would be 576 MB
    expect(peak - before).toBeLessThan(250 * 2 ** 20);
  });
});

// ---- sniffing ---------------------------------------------------------------------------------

/** A JPEG with an EXIF APP1 carrying `orientation` right after SOI. */
function withOrientation(jpg: Uint8Array, orientation: number): Uint8Array {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const seg = Buffer.from([0xff, 0xe1, 0, 0]);
  seg.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpg.subarray(0, 2), seg, body, jpg.subarray(2)]);
}

describe('sniffImage', () => {
  const jpg = jpeg.encode({ width: 40, height: 24, data: Buffer.alloc(40 * 24 * 4, 128) }, 80).data;

  it('JPEG: size from the frame header; EXIF orientation 5–8 swaps it', () => {
    expect(sniffImage(jpg)).toEqual({ kind: 'jpeg', width: 40, height: 24, orientation: undefined });
    expect(sniffImage(withOrientation(jpg, 3))).toEqual({ kind: 'jpeg', width: 40, height: 24, orientation: 3 });
    expect(sniffImage(withOrientation(jpg, 6))).toEqual({ kind: 'jpeg', width: 24, height: 40, orientation: 6 });
    expect(sniffImage(jpg.subarray(0, 30))).toEqual({ kind: 'jpeg', orientation: undefined }); // header cut off
  });

  it('PNG, GIF, WebP (VP8, VP8L, VP8X), BMP', () => {
    const png = writePng({ ...CASES[0][1], width: 300, height: 7 });
    expect(sniffImage(png)).toMatchObject({ kind: 'png', width: 300, height: 7, png: { bitDepth: 8, colorType: 2, interlaced: false } });
    const gif = Buffer.from('GIF89a\x2c\x01\xc8\x00', 'latin1');
    expect(sniffImage(gif)).toEqual({ kind: 'gif', width: 300, height: 200 });
    const riff = (type: string, body: number[]) => Buffer.concat([Buffer.from(`RIFF\0\0\0\0WEBP${type}`, 'latin1'), Buffer.from(body)]);
    // VP8: frame tag (3) + start code (3) at 20.., width/height at 26/28
    expect(sniffImage(riff('VP8 ', [0, 0, 0, 0, 0, 0, 0, 0x9d, 0x01, 0x2a, 0x2c, 0x01, 0xc8, 0x00]))).toEqual({ kind: 'webp', width: 300, height: 200 });
    // VP8L: signature 0x2f at 20, then 14-bit width-1 and height-1
    const w = 299;
    const h = 199;
    const bits = w | (h << 14);
    expect(sniffImage(riff('VP8L', [0, 0, 0, 0, 0x2f, bits & 255, (bits >> 8) & 255, (bits >> 16) & 255, (bits >> 24) & 255]))).toEqual({
      kind: 'webp',
      width: 300,
      height: 200,
    });
    expect(sniffImage(riff('VP8X', [0, 0, 0, 0, 0, 0, 0, 0, 0x2b, 0x01, 0x00, 0xc7, 0x00, 0x00]))).toEqual({ kind: 'webp', width: 300, height: 200 });
    const bmp = Buffer.alloc(54);
    bmp.write('BM', 0, 'latin1');
    bmp.writeInt32LE(300, 18);
    bmp.writeInt32LE(-200, 22); // top-down
    expect(sniffImage(bmp)).toEqual({ kind: 'bmp', width: 300, height: 200 });
  });

  it('HEIC and AVIF by their ftyp brands, TIFF, SVG, text, other binary', () => {
    const ftyp = (major: string, ...compat: string[]) => {
      const b = Buffer.from(`\0\0\0\0ftyp${major}\0\0\0\0${compat.join('')}`, 'latin1');
      b.writeUInt32BE(b.length, 0);
      return b;
    };
    expect(sniffImage(ftyp('heic', 'mif1', 'heic')).kind).toBe('heic');
    expect(sniffImage(ftyp('mif1', 'mif1', 'heic')).kind).toBe('heic');
    expect(sniffImage(ftyp('avif', 'mif1', 'avif')).kind).toBe('avif');
    expect(sniffImage(ftyp('mif1', 'mif1', 'avif')).kind).toBe('avif');
    expect(sniffImage(ftyp('isom', 'mp41')).kind).toBe('unknown'); // an MP4
    expect(sniffImage(Buffer.from('II*\0\x08\0\0\0', 'latin1')).kind).toBe('tiff');
    const svg = '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>';
    expect(sniffImage(Buffer.from(svg)).kind).toBe('svg');
    expect(sniffImage(Buffer.from('Hello, this is a shopping list.\n- milk\n- café\n')).kind).toBe('text');
    expect(sniffImage(Uint8Array.from([0, 1, 2, 3, 250, 251, 0, 0])).kind).toBe('unknown');
  });
});

describe('messages for what the browser cannot decode', () => {
  it('name the format, the file name and the way out', async () => {
    const heic = await whyUndecodable(new File([new Uint8Array(4)], 'IMG_0001.HEIC'), { kind: 'heic' });
    expect(heic).toContain('HEIC');
    expect(heic).toContain('JPEG or PNG');
    const text = await whyUndecodable(new File(['just text'], 'photo.jpg'), { kind: 'text' });
    expect(text).toBe('it is not an image: the file contains text, not image data (the name ends in .jpg)');
    const cut = await whyUndecodable(new File([Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], 'a.jpg'), { kind: 'jpeg' });
    expect(cut).toContain('cut short');
    const corrupt = await whyUndecodable(new File([Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 0xff, 0xd9])], 'a.jpg'), { kind: 'jpeg' });
    expect(corrupt).toContain('corrupt');
  });
});

describe('fitWithin', () => {
  it('keeps the aspect ratio, never below 1 px', () => {
    expect(fitWithin(100, 50, 4096)).toBeNull();
    expect(fitWithin(12000, 12000, 4096)).toEqual({ width: 4096, height: 4096 });
    expect(fitWithin(8064, 6048, 4096)).toEqual({ width: 4096, height: 3072 });
    expect(fitWithin(100000, 3, 4096)).toEqual({ width: 4096, height: 1 });
  });
});

// ---- transparency: the network input is composited on white -----------------------------------

/** Just enough of a 2D context to composite: fillRect and an unscaled drawImage, source-over. */
class CompositingContext {
  px: number[];
  fillStyle = '#000000';
  imageSmoothingEnabled = false;
  imageSmoothingQuality = 'low';
  constructor(readonly size: number) {
    this.px = new Array(size * size * 4).fill(0); // transparent black, like a fresh canvas
  }
  fillRect(x: number, y: number, w: number, h: number) {
    const hex = this.fillStyle.replace('#', '');
    const rgb = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
    for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) this.px.splice((j * this.size + i) * 4, 4, ...rgb, 255);
  }
  drawImage(src: { rgba: number[] }) {
    for (let i = 0; i < this.size * this.size; i++) {
      const a = src.rgba[i * 4 + 3] / 255;
      for (let c = 0; c < 3; c++) this.px[i * 4 + c] = Math.round(src.rgba[i * 4 + c] * a + this.px[i * 4 + c] * (1 - a));
      this.px[i * 4 + 3] = Math.round(255 * (a + (this.px[i * 4 + 3] / 255) * (1 - a)));
    }
  }
}

describe('drawCrop', () => {
  it('composites transparent pixels on white (not the black of an empty canvas)', () => {
    const size = 2;
    const ctx = new CompositingContext(size);
    // transparent black, half-transparent red, opaque blue, transparent "green" (hidden colour)
    const rgba = [0, 0, 0, 0, 255, 0, 0, 128, 0, 0, 255, 255, 0, 255, 0, 0];
    drawCrop(ctx as unknown as CanvasRenderingContext2D, { rgba } as unknown as CanvasImageSource, size, size, size);
    expect(ctx.px).toEqual([255, 255, 255, 255, 255, 127, 127, 255, 0, 0, 255, 255, 255, 255, 255, 255]);
  });
});
