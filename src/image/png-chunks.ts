/** Walks a PNG byte stream chunk by chunk, feeding IDAT to an inflater piecewise, so no file is held whole. */

import { ascii, u32be } from './bytes';
import { readIhdr, type PngHeader } from './sniff';

/** A finding of the streaming PNG decoder (the inflater reports bad zlib data as a TypeError). */
export class PngError extends Error {}

/** PLTE and tRNS data, filled in as their chunks go by (both precede IDAT). */
export type PngTables = Record<'palette' | 'trns', Uint8Array | null>;

/** Bytes of compressed data handed to the inflater at a time (≤ ~4 MB of output each). */
const INFLATE_PIECE = 4096;

/** Reads `stream`: IHDR goes to onHeader, PLTE/tRNS into `tables`, IDAT payloads to `writer` (the
 *  inflater), which is closed after IEND or aborted on error (passed to onError, then thrown).
 *  `stop` ends the feeding early and quietly: the consumer has every row, or gave up (and reports
 *  why itself). */
export async function feedPngChunks(
  stream: ReadableStream<Uint8Array<ArrayBuffer>>,
  writer: WritableStreamDefaultWriter<BufferSource>,
  tables: PngTables,
  onHeader: (h: PngHeader) => void,
  onError: (e: unknown) => void,
  stop: AbortSignal,
): Promise<void> {
  const reader = stream.getReader();
  let buf = new Uint8Array(0);
  /** The next ≤ n bytes as they arrive; none at the stream's end or once `stop` is set. */
  const next = async (n: number): Promise<Uint8Array<ArrayBuffer>> => {
    while (buf.length === 0 && !stop.aborted) {
      const { value, done } = await reader.read();
      if (done) break;
      buf = value;
    }
    const out = buf.subarray(0, stop.aborted ? 0 : n);
    buf = buf.subarray(out.length);
    return out;
  };
  /** Hands the next n bytes to `sink` piece by piece; false when the stream ends (or stops) first. */
  const pass = async (n: number, sink?: (piece: Uint8Array<ArrayBuffer>) => Promise<void>): Promise<boolean> => {
    for (let left = n; left > 0;) {
      // Small pieces for IDAT: the inflater queues all the output of one write (deflate reaches
      // ~1000:1, so 64 KB of a blank image is 64 MB); backpressure only acts between writes.
      const piece = await next(Math.min(left, INFLATE_PIECE));
      if (piece.length === 0) return false;
      await sink?.(piece);
      left -= piece.length;
    }
    return true;
  };
  /** The next n bytes, or fewer where the stream ends (or stops). */
  const take = async (n: number): Promise<Uint8Array> => {
    const out = new Uint8Array(n);
    let at = 0;
    await pass(n, async (piece) => {
      out.set(piece, at);
      at += piece.length;
    });
    return out.subarray(0, at);
  };

  let header: PngHeader | null = null;
  try {
    const SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    if ((await take(8)).some((v, i) => v !== SIG[i])) throw new PngError('not a PNG');
    for (;;) {
      const head = await take(8); // length + type
      if (head.length < 8) break;
      const left = u32be(head, 0);
      const type = ascii(head, 4, 4);
      if (!header && type !== 'IHDR') throw new PngError('the first chunk is not IHDR');
      if (type === 'IHDR' || type === 'PLTE' || type === 'tRNS') {
        const want = Math.min(left, 1024);
        const data = await take(want);
        if (data.length < want || !(await pass(left - want))) break;
        if (type === 'PLTE') tables.palette = data;
        else if (type === 'tRNS') tables.trns = data;
        else if (data.length < 13) throw new PngError('short IHDR');
        else {
          header = readIhdr(data, 0);
          onHeader(header);
        }
      } else if (!(await pass(left, type === 'IDAT' ? (piece) => writer.write(piece) : undefined))) break;
      if (type === 'IEND') break;
      await pass(4); // CRC
    }
    if (stop.aborted) {
      await writer.abort(stop.reason).catch(() => undefined);
      return;
    }
    if (!header) throw new PngError('the file ends before the PNG header');
    await writer.close();
  } catch (e) {
    if (stop.aborted) return; // a write the consumer's stop interrupted
    onError(e);
    await writer.abort(e).catch(() => undefined);
    throw e;
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}
