// The format variants the browser tests make from a photo: each is what its format's sniffer and
// decoder see (size, kind, pixels), so images.spec.ts tests the app, not a broken fixture.
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { findPhoto, fixtureSkipReason } from '../../../test-support/fixtures';
import { sniffImage } from '../sniff';
import { animatedGif, decodeJpeg, fishSvg, heicHeader, largeRgbaPng, photoGif } from './format-variants';

const missing = fixtureSkipReason({ photos: ['fish.jpg'] });

/** A plain GIF LZW decoder (variable code width, clear and end codes, the KwKwK case): the
 *  palette indices of the frame whose image descriptor starts at `at`. */
function firstFrameIndices(gif: Buffer, at: number): number[] {
  const minSize = gif[at + 10];
  const data: number[] = [];
  for (let p = at + 11; gif[p] !== 0; p += gif[p] + 1) data.push(...gif.subarray(p + 1, p + 1 + gif[p]));
  const clear = 1 << minSize;
  let size = minSize + 1;
  let dict: number[][] = [];
  const reset = () => {
    dict = Array.from({ length: clear + 2 }, (_, i) => [i]);
    size = minSize + 1;
  };
  reset();
  const out: number[] = [];
  let prev: number[] | null = null;
  for (let bit = 0; bit + size <= data.length * 8;) {
    let code = 0;
    for (let i = 0; i < size; i++, bit++) code |= ((data[bit >> 3] >> (bit & 7)) & 1) << i;
    if (code === clear) {
      reset();
      prev = null;
      continue;
    }
    if (code === clear + 1) break;
    const entry: number[] = code < dict.length ? dict[code] : [...prev!, prev![0]];
    out.push(...entry);
    if (prev) dict.push([...prev, entry[0]]);
    if (dict.length === 1 << size && size < 12) size++;
    prev = entry;
  }
  return out;
}

describe('format variants made from a photo', () => {
  it('an SVG sized in points and a HEIC header sniff as what they are', () => {
    expect(sniffImage(fishSvg()).kind).toBe('svg');
    expect(sniffImage(heicHeader()).kind).toBe('heic');
  });

  it('a GIF of 2×1 pixels: screen, loop, two frames of 9-bit literal codes, trailer', () => {
    const px = (r: number, g: number, b: number) => [r, g, b, 255];
    const gif = animatedGif([
      { width: 2, height: 1, data: Uint8Array.from([...px(255, 0, 0), ...px(0, 0, 255)]) },
      { width: 2, height: 1, data: Uint8Array.from([...px(0, 255, 0), ...px(255, 255, 255)]) },
    ]);
    expect(sniffImage(gif)).toMatchObject({ kind: 'gif', width: 2, height: 1 });
    const frame = gif.indexOf(Buffer.from([0x2c, 0, 0, 0, 0, 2, 0, 1, 0, 0, 8]));
    // codes CLEAR(256) 0xe0 0x03 END(257), 9 bits each, least significant bit first: 36 bits, 5 bytes
    const codes = [256, 0xe0, 0x03, 257];
    let bits = 0n;
    codes.forEach((c, i) => (bits |= BigInt(c) << BigInt(9 * i)));
    const packed = Array.from({ length: 5 }, (_, i) => Number((bits >> BigInt(8 * i)) & 0xffn));
    expect([...gif.subarray(frame + 11, frame + 11 + 7)]).toEqual([5, ...packed, 0]);
    expect(gif.filter((b, i) => b === 0x2c && gif[i - 8] === 0x21 && gif[i - 7] === 0xf9)).toHaveLength(2);
    expect(gif[gif.length - 1]).toBe(0x3b);
  });

  it.skipIf(missing !== null)('from fish.jpg: a GIF of its size, and a 2328×1722 8-bit RGBA PNG whose pixels are the photo', () => {
    const jpg = readFileSync(findPhoto('fish.jpg')!);
    const photo = decodeJpeg(jpg);
    const gif = photoGif(jpg);
    expect(sniffImage(gif)).toMatchObject({ kind: 'gif', width: photo.width, height: photo.height });
    // The first frame decodes to the photo in 3-3-2 colours, every pixel of it.
    const indices = firstFrameIndices(gif, gif.indexOf(Buffer.from([0x2c, 0, 0, 0, 0])));
    const expected = Array.from({ length: photo.width * photo.height }, (_, i) => {
      const [r, g, b] = photo.data.subarray(i * 4, i * 4 + 3);
      return (r & 0xe0) | ((g & 0xe0) >> 3) | (b >> 6);
    });
    expect(indices.length).toBe(expected.length);
    expect(indices.findIndex((v, i) => v !== expected[i])).toBe(-1);
    const png = largeRgbaPng(jpg);
    expect(sniffImage(png)).toMatchObject({ kind: 'png', width: 2328, height: 1722 });
    const back = PNG.sync.read(png);
    expect([back.width, back.height, png[24], png[25]]).toEqual([2328, 1722, 8, 6]); // bit depth 8, colour type 6
    const at = (x: number, y: number) => [...back.data.subarray((y * 2328 + x) * 4, (y * 2328 + x) * 4 + 4)];
    const src = (x: number, y: number) => [...photo.data.subarray((y * photo.width + x) * 4, (y * photo.width + x) * 4 + 3)];
    expect(at(1164, 861)).toEqual([...src(Math.floor((1164 * photo.width) / 2328), Math.floor((861 * photo.height) / 1722)), 255]);
    expect(at(0, 0)[3]).toBe(128);
  });
});
