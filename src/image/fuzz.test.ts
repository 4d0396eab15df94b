// Property-based tests (fast-check, seeded: test-support/fuzz.ts) of hostile image files: mutated
// PNG, JPEG, GIF, WebP and BMP headers and chunk streams through sniffing, the header limits and
// the streaming PNG decoder. Nothing throws but the typed errors, nothing passes the limits, and
// every run ends (the decoder reads no further than its input and its last row).
import fc from 'fast-check';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { fuzzParams, hostileU32, mutated } from '../../test-support/fuzz';
import { MAX_IMAGE_SIDE, MAX_PIXELS, headerRefusal } from './limits';
import { PngError } from './png-chunks';
import { decodePngDownscaled } from './png-stream';
import { KIND_NAME, probeJpeg, sniffImage, type Sniffed } from './sniff';
import { chunk, streamOf, writePng } from './test-support/png-writer';

const png = writePng({ width: 13, height: 11, colorType: 6, bitDepth: 8, sample: (x, y, c) => (x * 19 + y * 7 + c * 80) & 255, idats: 3 });
const jpg = new Uint8Array(jpeg.encode({ width: 24, height: 16, data: Buffer.alloc(24 * 16 * 4, 90) }, 70).data);
const gif = Uint8Array.from(
  Buffer.from(
    'GIF89a\x0a\x00\x0a\x00\x81\x00\x00\x00\x00\x00\xff\xff\xff\x00\x00\x00\xff\x00\x00\x21\xf9\x04\x00\x00\x00\x00\x00\x2c\x00\x00\x00\x00\x0a\x00\x0a\x00\x00\x02\x02\x44\x01\x00\x3b',
    'latin1',
  ),
);
const webp = Uint8Array.from(Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00\x2b\x01\x00\xc7\x00\x00', 'latin1'));
const bmp = (() => {
  const b = Buffer.alloc(58);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(2, 18);
  b.writeInt32LE(-1, 22);
  return Uint8Array.from(b);
})();

/** The sniffer's answer is well-formed, and the header limits either refuse it with a message or
 *  let through only a size within every limit. */
function checkVerdict(info: Sniffed): void {
  expect(KIND_NAME[info.kind]).toBeDefined();
  for (const side of [info.width, info.height]) if (side !== undefined) expect(Number.isInteger(side) && side >= 0).toBe(true);
  const refused = headerRefusal(info);
  if (refused !== null) {
    expect(typeof refused).toBe('string');
    return;
  }
  if (['jpeg', 'png', 'gif', 'webp', 'bmp', 'ico', 'avif'].includes(info.kind)) {
    expect(info.width! * info.height!).toBeGreaterThan(0);
    expect(Math.max(info.width!, info.height!)).toBeLessThanOrEqual(MAX_IMAGE_SIDE);
    expect(info.width! * info.height!).toBeLessThanOrEqual(MAX_PIXELS);
  }
}

describe('property: mutated headers through sniffing and the limits', () => {
  it('PNG, JPEG, GIF, WebP, BMP: only well-formed answers, never a size past the limits', () => {
    fc.assert(
      fc.property(fc.oneof(...[png, jpg, gif, webp, bmp].map((b) => mutated(b, 6))), (bytes) => checkVerdict(sniffImage(bytes))),
      fuzzParams(),
    );
  });

  it('hostile sizes in each header: refused or within the limits', () => {
    const withSize = fc.tuple(fc.constantFrom('png', 'gif', 'webp', 'bmp', 'jpeg'), hostileU32, hostileU32).map(([kind, w, h]) => {
      const b = Buffer.from(kind === 'png' ? png : kind === 'gif' ? gif : kind === 'webp' ? webp : kind === 'bmp' ? bmp : jpg);
      if (kind === 'png') {
        b.writeUInt32BE(w, 16);
        b.writeUInt32BE(h, 20);
      }
      if (kind === 'gif') {
        // the first frame
        b.writeUInt16LE(w & 0xffff, 30 + 5);
        b.writeUInt16LE(h & 0xffff, 30 + 7);
      }
      if (kind === 'webp') {
        b.writeUIntLE(w & 0xffffff, 24, 3);
        b.writeUIntLE(h & 0xffffff, 27, 3);
      }
      if (kind === 'bmp') {
        b.writeUInt32LE(w, 18);
        b.writeUInt32LE(h, 22);
      }
      if (kind === 'jpeg') {
        const sof = b.findIndex((v, i) => v === 0xff && b[i + 1] === 0xc0);
        b.writeUInt16BE(h & 0xffff, sof + 5);
        b.writeUInt16BE(w & 0xffff, sof + 7);
      }
      return b;
    });
    fc.assert(
      fc.property(withSize, (bytes) => checkVerdict(sniffImage(bytes))),
      fuzzParams(),
    );
  });

  it('JPEG segment walks over a file (probeJpeg): always end, well-formed', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(jpg, 8), async (bytes) => checkVerdict(await probeJpeg(new Blob([bytes as Uint8Array<ArrayBuffer>])))),
      fuzzParams(),
    );
  });
});

/** What the streaming decoder may throw: its own findings, or the inflater's (bad zlib data:
 *  TypeError in browsers, a zlib error with a Z_ code in Node). */
const typedPngFailure = (e: unknown) => e instanceof PngError || e instanceof TypeError || /^Z_/.test(String((e as { code?: string }).code));

async function decodeWithin(bytes: Uint8Array, maxSide: number): Promise<void> {
  try {
    const img = await decodePngDownscaled(streamOf(bytes, 97), maxSide);
    expect(Math.max(img.width, img.height)).toBeLessThanOrEqual(maxSide);
    expect(img.data.length).toBe(img.width * img.height * 4);
  } catch (e) {
    expect(typedPngFailure(e), String(e)).toBe(true);
  }
}

describe('property: mutated PNG chunk streams through the streaming decoder', () => {
  it('decode to at most maxSide, or fail with a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(png, 6), fc.integer({ min: 1, max: 16 }), (bytes, side) => decodeWithin(bytes, side)),
      fuzzParams(),
    );
  });

  it('hostile IHDR sizes never allocate past the limits', async () => {
    const sized = fc.tuple(hostileU32, hostileU32).map(([w, h]) => {
      const ihdr = Buffer.alloc(13);
      ihdr.writeUInt32BE(w, 0);
      ihdr.writeUInt32BE(h, 4);
      ihdr[8] = 8;
      ihdr[9] = 2;
      return Buffer.concat([png.subarray(0, 8), chunk('IHDR', ihdr), png.subarray(8 + 25)]);
    });
    await fc.assert(
      fc.asyncProperty(sized, (bytes) => decodeWithin(bytes, 64)),
      fuzzParams(),
    );
  });
});
