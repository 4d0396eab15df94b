/** Sizes that hide from the limits (issue 25): a GIF's first frame past its logical screen, a JPEG
 *  frame header behind a stray byte or thousands of segments, rasters with no readable size, big
 *  interlaced PNGs. Each is refused from its header, with a message, before any decoder runs. */

import jpeg from 'jpeg-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeImageFile } from './decode-file';
import { headerRefusal } from './limits';
import { probeJpeg, sniffImage } from './sniff';
import { withBigAppSegments } from './test-support/exif-jpeg';
import { chunk } from './test-support/png-writer';

const decoders = vi.hoisted(() => ({
  png: vi.fn(),
  jpeg: vi.fn(async () => null),
  browser: vi.fn(async () => ({ width: 40, height: 24, close: () => {} })),
}));
vi.mock('./png-stream', async (orig) => ({ ...(await orig<object>()), decodePngDownscaled: decoders.png }));
vi.mock('./browser-decode', async (orig) => ({ ...(await orig<object>()), decodeBigJpeg: decoders.jpeg, decodeWithBrowser: decoders.browser }));
afterEach(() => vi.clearAllMocks());

const expectRefused = async (bytes: Uint8Array, name: string, why: string) => {
  await expect(decodeImageFile(new File([bytes as Uint8Array<ArrayBuffer>], name))).rejects.toThrow(`Could not use "${name}": ${why}`);
  expect(decoders.png).not.toHaveBeenCalled();
  expect(decoders.jpeg).not.toHaveBeenCalled();
  expect(decoders.browser).not.toHaveBeenCalled();
};

const OVER = 'the image is 20000×20000 pixels (400 megapixels); the limit is 200 megapixels';
const UNREADABLE = (kind: string) =>
  `the size of the image cannot be read from its ${kind} header (missing, cut short or corrupt), and an image of unknown size is not decoded: it could unpack to any size`;

/** A GIF: logical screen `screen`, a global colour table of 4, a comment extension, then the first
 *  image descriptor at (x, y) of w×h (no image data: the sniffer needs none). */
function gif(screen: [number, number], frame: [number, number, number, number]): Uint8Array {
  const b = Buffer.alloc(13 + 12 + 9 + 10);
  b.write('GIF89a', 0, 'latin1');
  b.writeUInt16LE(screen[0], 6);
  b.writeUInt16LE(screen[1], 8);
  b[10] = 0x81; // global colour table of 2^(1+1) = 4 entries
  let i = 25;
  b.set([0x21, 0xfe, 5, ...Buffer.from('hello'), 0], i); // comment extension
  i += 9;
  b[i] = 0x2c;
  frame.forEach((v, k) => b.writeUInt16LE(v, i + 1 + 2 * k));
  return b;
}

/** `jpg` with its frame header's size set to w×h. */
function withFrameSize(jpg: Uint8Array, w: number, h: number): Buffer {
  const b = Buffer.from(jpg);
  const sof = b.findIndex((v, i) => v === 0xff && b[i + 1] === 0xc0);
  b.writeUInt16BE(h, sof + 5);
  b.writeUInt16BE(w, sof + 7);
  return b;
}

const photo = jpeg.encode({ width: 40, height: 24, data: Buffer.alloc(40 * 24 * 4, 128) }, 80).data;

describe('GIF: the first frame grows the logical screen, as Chromium decodes it', () => {
  it('a 1×1 screen hiding a 20000² first frame is refused by size', async () => {
    expect(sniffImage(gif([1, 1], [0, 0, 20000, 20000]))).toEqual({ kind: 'gif', width: 20000, height: 20000 });
    expect(sniffImage(gif([300, 200], [10, 20, 100, 100]))).toEqual({ kind: 'gif', width: 300, height: 200 });
    expect(sniffImage(gif([300, 200], [250, 150, 100, 100]))).toEqual({ kind: 'gif', width: 350, height: 250 }); // offset counts
    await expectRefused(gif([1, 1], [0, 0, 20000, 20000]), 'tiny.gif', OVER);
  });

  it('no image descriptor in the head: no size, refused with the reason', async () => {
    const screenOnly = Buffer.from('GIF89a\x2c\x01\xc8\x00\x00\x00\x00', 'latin1');
    expect(sniffImage(screenOnly)).toEqual({ kind: 'gif' });
    await expectRefused(screenOnly, 'screen.gif', UNREADABLE('GIF'));
  });
});

describe('JPEG: segments walked as libjpeg does', () => {
  it('stray bytes, fill bytes and FF 00 before a marker are skipped: the frame header behind them counts', async () => {
    const huge = withFrameSize(photo, 20000, 20000);
    const app0End = 4 + huge.readUInt16BE(4); // after SOI and the first segment
    const stray = Buffer.concat([huge.subarray(0, app0End), Buffer.from([0x00, 0x13, 0xff, 0x00, 0xff, 0xff]), huge.subarray(app0End)]);
    expect(sniffImage(stray)).toMatchObject({ kind: 'jpeg', width: 20000, height: 20000 });
    await expectRefused(stray, 'stray.jpg', OVER);
  });

  it('a frame header behind 300 segments of 64 KB (more than 256 window reads) is still found', async () => {
    const deep = withBigAppSegments(withFrameSize(photo, 20000, 20000), 300 * 65537);
    expect(deep.length).toBeGreaterThan(19_000_000);
    expect(await probeJpeg(new Blob([new Uint8Array(deep)]))).toMatchObject({ kind: 'jpeg', width: 20000, height: 20000 });
    await expectRefused(deep, 'deep.jpg', OVER);
  });

  it('no frame header at all: refused as unreadable, not decoded at full size', async () => {
    const noSof = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xda, 0, 2, 1, 2, 3, 0xff, 0xd9]);
    await expectRefused(noSof, 'nosof.jpg', UNREADABLE('JPEG'));
  });
});

describe('other rasters: a size, or a refusal', () => {
  const png = (width: number, height: number, interlace: number) => {
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(width, 0);
    ihdr.writeUInt32BE(height, 4);
    ihdr[8] = 8;
    ihdr[9] = 2;
    ihdr[12] = interlace;
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)]);
  };

  it('an interlaced PNG over the streaming threshold is refused; a non-interlaced one streams', async () => {
    await expectRefused(
      png(8000, 8000, 1),
      'adam7.png',
      'it is an interlaced PNG of 64 megapixels; only non-interlaced PNGs over 50 megapixels can be decoded in little memory; re-save it without interlacing',
    );
    expect(headerRefusal(sniffImage(png(8000, 8000, 0)))).toBeNull();
    expect(headerRefusal(sniffImage(png(4000, 4000, 1)))).toBeNull(); // under it: the browser's full decode
  });

  it('PNG, WebP, BMP with no readable size are refused; SVG, HEIC and text are not judged by size', async () => {
    await expectRefused(png(0, 0, 0).subarray(0, 20), 'cut.png', UNREADABLE('PNG'));
    await expectRefused(Buffer.from('RIFF\0\0\0\0WEBPVP8?\0\0\0\0', 'latin1'), 'odd.webp', UNREADABLE('WebP'));
    expect(headerRefusal({ kind: 'svg' })).toBeNull();
    expect(headerRefusal({ kind: 'heic' })).toBeNull();
    expect(headerRefusal({ kind: 'text' })).toBeNull();
  });

  it('ICO from its directory (0 = 256), OS/2 BMP from its 16-bit core header, AVIF from its largest ispe', () => {
    const ico = Buffer.alloc(6 + 32);
    ico.set([0, 0, 1, 0, 2, 0]);
    ico.set([32, 32], 6);
    ico.set([0, 0], 22);
    expect(sniffImage(ico)).toEqual({ kind: 'ico', width: 256, height: 256 });
    const core = Buffer.alloc(26);
    core.write('BM', 0, 'latin1');
    core.writeUInt32LE(12, 14);
    core.writeUInt16LE(300, 18);
    core.writeUInt16LE(200, 20);
    expect(sniffImage(core)).toEqual({ kind: 'bmp', width: 300, height: 200 });
    const ispe = (w: number, h: number) => {
      const box = Buffer.alloc(20);
      box.writeUInt32BE(20, 0);
      box.write('ispe', 4, 'latin1');
      box.writeUInt32BE(w, 12);
      box.writeUInt32BE(h, 16);
      return box;
    };
    const avif = Buffer.concat([Buffer.from('\0\0\0\x18ftypavif\0\0\0\0mif1avif', 'latin1'), ispe(512, 512), ispe(40000, 30000)]);
    expect(sniffImage(avif)).toEqual({ kind: 'avif', width: 40000, height: 30000 });
    expect(headerRefusal(sniffImage(avif))).toContain('32,767 pixels per side');
  });
});
