/** Tests of format sniffing: sizes, EXIF orientation and formats from the first bytes. */

import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { sniffImage } from './sniff';
import { withOrientation } from './test-support/exif-jpeg';
import { writePng } from './test-support/png-writer';

describe('sniffImage', () => {
  const jpg = jpeg.encode({ width: 40, height: 24, data: Buffer.alloc(40 * 24 * 4, 128) }, 80).data;

  it('JPEG: size from the frame header; EXIF orientation 5–8 swaps it', () => {
    expect(sniffImage(jpg)).toEqual({ kind: 'jpeg', width: 40, height: 24, orientation: undefined });
    expect(sniffImage(withOrientation(jpg, 3))).toEqual({ kind: 'jpeg', width: 40, height: 24, orientation: 3 });
    expect(sniffImage(withOrientation(jpg, 6))).toEqual({ kind: 'jpeg', width: 24, height: 40, orientation: 6 });
    expect(sniffImage(jpg.subarray(0, 30))).toEqual({ kind: 'jpeg', orientation: undefined }); // header cut off
  });

  it('PNG, GIF, WebP (VP8, VP8L, VP8X), BMP', () => {
    const png = writePng({ width: 300, height: 7, colorType: 2, bitDepth: 8, sample: (x, y, c) => (x * 19 + y * 7 + c * 80) & 255 });
    expect(sniffImage(png)).toMatchObject({ kind: 'png', width: 300, height: 7, png: { bitDepth: 8, colorType: 2, interlaced: false } });
    const gif = Buffer.from('GIF89a\x2c\x01\xc8\x00\0\0\0\x2c\0\0\0\0\x2c\x01\xc8\x00', 'latin1'); // screen, then the first frame
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
