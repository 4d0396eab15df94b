/** Size limits from the header alone (no pixel buffer), and JPEG sizes found past the sniffed head. */

import jpeg from 'jpeg-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeImageFile } from './decode-file';
import { sizeRefusal } from './limits';
import { probeJpeg, sniffImage } from './sniff';
import { withBigAppSegments, withOrientation } from './test-support/exif-jpeg';
import { chunk } from './test-support/png-writer';

// Every decoding path is replaced by a spy: a refused file must reach none of them.
const decoders = vi.hoisted(() => ({
  png: vi.fn(),
  jpeg: vi.fn(async () => null),
  browser: vi.fn(async (file: Blob) => ({ width: 40, height: 24, close: () => {}, file })),
}));
vi.mock('./png-stream', async (orig) => ({ ...(await orig<object>()), decodePngDownscaled: decoders.png }));
vi.mock('./browser-decode', async (orig) => ({ ...(await orig<object>()), decodeBigJpeg: decoders.jpeg, decodeWithBrowser: decoders.browser }));

/** Signature and IHDR only: all the sniffer needs, and all a hostile file has to carry. */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)]);
}

const photo = jpeg.encode({ width: 40, height: 24, data: Buffer.alloc(40 * 24 * 4, 128) }, 80).data;

afterEach(() => vi.clearAllMocks());

describe('per-side limit', () => {
  it('refuses a 200,000,000×1 PNG from its header, naming the file and the limit, decoding nothing', async () => {
    const file = new File([new Uint8Array(pngHeader(200_000_000, 1))], 'strip.png');
    await expect(decodeImageFile(file)).rejects.toThrow('Could not use "strip.png": the image is 200000000×1 pixels; the limit is 32,767 pixels per side');
    expect(decoders.png).not.toHaveBeenCalled();
    expect(decoders.jpeg).not.toHaveBeenCalled();
    expect(decoders.browser).not.toHaveBeenCalled();
  });

  it('applies to every sniffed format, and still to total pixels', () => {
    expect(sizeRefusal(1, 40_000)).toContain('32,767 pixels per side'); // e.g. a tall GIF/WebP/JPEG
    expect(sizeRefusal(32_767, 32_767)).toContain('megapixels');
    expect(sizeRefusal(16_320, 12_240)).toBeNull(); // a 200 MP camera
    expect(sizeRefusal(40, 24)).toBeNull();
  });
});

describe('JPEG frame header past the sniffed head', () => {
  const big = new Uint8Array(withBigAppSegments(withOrientation(photo, 6), 300 * 1024));

  it('is found by walking the segment chain through the file', async () => {
    expect(big.length).toBeGreaterThan(300 * 1024);
    expect(sniffImage(big.subarray(0, 256 * 1024)).width).toBeUndefined(); // the head alone cannot tell
    expect(await probeJpeg(new Blob([big]))).toEqual({ kind: 'jpeg', width: 24, height: 40, orientation: 6 });
  });

  it('gives up, without a size, on a file that ends inside the segments', async () => {
    expect(await probeJpeg(new Blob([big.subarray(0, 200 * 1024)]))).toEqual({ kind: 'jpeg', orientation: undefined }); // EXIF comes after the APP2s
  });

  it('the true size reaches the decoder; a normal photo still passes', async () => {
    await expect(decodeImageFile(new File([big], 'icc.jpg'))).resolves.toMatchObject({ bitmap: { width: 40, height: 24 } });
    expect(decoders.browser).toHaveBeenLastCalledWith(expect.anything(), 'jpeg', null);
    expect(await probeJpeg(new Blob([new Uint8Array(photo)]))).toEqual({ kind: 'jpeg', width: 40, height: 24, orientation: undefined });
    await expect(decodeImageFile(new File([new Uint8Array(photo)], 'photo.jpg'))).resolves.toMatchObject({ bitmap: { width: 40, height: 24 } });
  });
});
