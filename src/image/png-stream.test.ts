/** Tests of the streaming PNG decoder against pngjs (an independent decoder), box-averaged. */

import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { decodePngDownscaled } from './png-stream';
import { bandedPng, chunk, streamOf, writePng, type PngSpec } from './test-support/png-writer';

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
  ['grey 8-bit with tRNS', { width: W, height: H, colorType: 0, bitDepth: 8, sample: (x) => (x % 3 === 0 ? 77 : x * 10), trns: [0, 77] }],
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
  ['palette 2-bit', { width: W, height: H, colorType: 3, bitDepth: 2, sample: (x, y) => (x * y) % 3, plte: [9, 8, 7, 100, 110, 120, 200, 210, 220] }],
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
    const png = await bandedPng(12000);
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
