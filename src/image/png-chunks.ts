/** Walks a PNG byte stream chunk by chunk, handing IDAT's payload on piecewise, so no file is held whole. */

import { ascii, u32be } from './bytes';
import { readIhdr, type PngHeader } from './sniff';

/** A finding of the streaming PNG decoder, or its inflater's (bad zlib data). */
export class PngError extends Error {}

/** A PNG's header, palette and tRNS (all three precede IDAT), and its IDAT payloads as a stream. */
export type PngParts = Awaited<ReturnType<typeof readPngChunks>>;

/** Bytes of compressed data handed to the inflater at a time (≤ ~4 MB of output each): the inflater
 *  queues all the output of one write (deflate reaches ~1000:1, so 64 KB of a blank image is 64 MB);
 *  backpressure only acts between writes. */
const INFLATE_PIECE = 4096;

/** Reads `stream` up to its first IDAT chunk; the rest is read as `idat` is iterated. */
export async function readPngChunks(stream: ReadableStream<Uint8Array<ArrayBuffer>>) {
  const reader = stream.getReader();
  let buf = new Uint8Array(0);
  /** The next ≤ n bytes as they arrive; none at the stream's end. */
  const next = async (n: number): Promise<Uint8Array<ArrayBuffer>> => {
    while (buf.length === 0) {
      const { value, done } = await reader.read();
      if (done) break;
      buf = value;
    }
    const out = buf.subarray(0, n);
    buf = buf.subarray(out.length);
    return out;
  };
  /** Reads n bytes and returns the first `keep` of them (the rest skipped, never held); null when
   *  the stream ends first. */
  const take = async (n: number, keep = n): Promise<Uint8Array | null> => {
    const out = new Uint8Array(Math.min(n, keep));
    for (let at = 0; at < n;) {
      const piece = await next(Math.min(n - at, 65536));
      if (piece.length === 0) return null;
      if (at < out.length) out.set(piece.subarray(0, out.length - at), at);
      at += piece.length;
    }
    return out;
  };

  const png = { header: null as PngHeader | null, palette: null as Uint8Array | null, trns: null as Uint8Array | null };
  let crc = 0; // bytes before the next chunk: the CRC of the one before
  /** Walks to the next IDAT chunk, keeping IHDR, PLTE and tRNS on the way: its length, or null at
   *  IEND or where the stream ends. */
  const toIdat = async (): Promise<number | null> => {
    for (;;) {
      const head = await take(crc + 8); // length + type
      if (!head) return null;
      const length = u32be(head, crc);
      const type = ascii(head, crc + 4, 4);
      crc = 4;
      if (!png.header && type !== 'IHDR') throw new PngError('the first chunk is not IHDR');
      if (type === 'IDAT' || type === 'IEND') return type === 'IDAT' ? length : null;
      const data = await take(length, type === 'IHDR' || type === 'PLTE' || type === 'tRNS' ? 1024 : 0);
      if (!data) return null;
      if (type === 'PLTE') png.palette = data;
      else if (type === 'tRNS') png.trns = data;
      else if (type === 'IHDR' && data.length < 13) throw new PngError('short IHDR');
      else if (type === 'IHDR') png.header ??= readIhdr(data, 0);
    }
  };

  let left: number | null;
  try {
    const signature = await take(8);
    if (!signature || ascii(signature, 0, 8) !== '\x89PNG\r\n\x1a\n') throw new PngError('not a PNG');
    left = await toIdat();
    if (!png.header) throw new PngError('the file ends before the PNG header');
  } catch (e) {
    void reader.cancel().catch(() => undefined);
    throw e;
  }
  /** IDAT's payload in pieces of ≤ INFLATE_PIECE bytes, read from the file only as they are asked
   *  for, up to IEND or where the file ends; leaving a loop over it early cancels the file's stream. */
  async function* idat() {
    try {
      for (; left !== null; left = await toIdat()) {
        while (left > 0) {
          const piece = await next(Math.min(left, INFLATE_PIECE));
          if (piece.length === 0) return;
          left -= piece.length;
          yield piece;
        }
      }
    } finally {
      void reader.cancel().catch(() => undefined);
    }
  }
  return { ...png, header: png.header, idat: idat() };
}
