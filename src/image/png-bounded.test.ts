/** The streaming PNG decoder's time is bounded (issue 25): inflating stops at the last row, so zlib
 *  data going on for gigabytes after the image costs nothing, and a cancel stops it at once. */

import { constants, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePngDownscaled } from './png-stream';
import { chunk } from './test-support/png-writer';

const ZEROS = 16 * 2 ** 20;

/** A side² black grey PNG whose IDAT inflates to `copies` × 16 MB of zeros (one row is 1 + side
 *  bytes): zlib header, then one full-flushed raw deflate segment repeated (it refers to nothing
 *  before itself, so the repeats are valid deflate data), never finished. */
function inflatingPng(side: number, copies: number): Buffer {
  const segment = deflateRawSync(Buffer.alloc(ZEROS), { finishFlush: constants.Z_FULL_FLUSH });
  const idat = Buffer.concat([Buffer.from([0x78, 0x9c]), ...Array<Buffer>(copies).fill(segment)]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** `bytes` in 64 KB pieces, counting what the decoder pulled; `onPull(n)` sees each pull. */
function countingStream(bytes: Uint8Array, onPull: (pulled: number) => void = () => {}) {
  const seen = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array<ArrayBuffer>>({
    pull(c) {
      if (seen.pulled >= bytes.length) return c.close();
      c.enqueue(Uint8Array.from(bytes.subarray(seen.pulled, seen.pulled + 65536)));
      seen.pulled = Math.min(bytes.length, seen.pulled + 65536);
      onPull(seen.pulled);
    },
  });
  return { stream, seen };
}

describe('decodePngDownscaled stops at the last row', () => {
  it('decodes the image and reads only the first part of the file', async () => {
    // 400 copies: ~6.4 GB of zlib output behind a 1000² image (1 MB), in ~6.5 MB of file.
    const png = inflatingPng(1000, 400);
    expect(png.length).toBeGreaterThan(6_000_000);
    const { stream, seen } = countingStream(png);
    const img = await decodePngDownscaled(stream, 250);
    expect([img.width, img.height]).toEqual([250, 250]);
    expect([...img.data.subarray(0, 4)]).toEqual([0, 0, 0, 255]);
    // The image's 1,001,000 inflated bytes come from the first segment (16 KB of the file); the
    // inflater's queue and the file's pieces add a few reads, nothing near the 6.5 MB.
    expect(seen.pulled).toBeLessThan(512 * 1024);
  });

  it('a cancel (a newer image) ends it with the cancel reason, reading nothing more', async () => {
    // 30000² rows need 900 MB of output: the first 64 KB piece of the file (~64 MB) is far from it.
    const png = inflatingPng(30000, 400);
    const abort = new AbortController();
    const reason = new DOMException('a newer image', 'AbortError');
    const { stream, seen } = countingStream(png, (n) => {
      if (n >= 65536) abort.abort(reason);
    });
    await expect(decodePngDownscaled(stream, 250, abort.signal)).rejects.toBe(reason);
    expect(seen.pulled).toBeLessThanOrEqual(2 * 65536);
  });
});
