/** Walks a PNG byte stream chunk by chunk, feeding IDAT to an inflater piecewise, so no file is held whole. */

import { ascii, u32be } from './bytes';
import { readIhdr, type PngHeader } from './sniff';

/** A finding of the streaming PNG decoder (the inflater reports bad zlib data as a TypeError). */
export class PngError extends Error {}

/** PLTE and tRNS data, filled in as their chunks go by (both precede IDAT). */
export interface PngTables {
  palette: Uint8Array | null;
  trns: Uint8Array | null;
}

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
  const SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  let sigSeen = 0;
  const head = new Uint8Array(8); // length + type of the chunk being read
  let headSeen = 0;
  let type = '';
  let left = 0; // bytes of the current chunk's data (then of its CRC) still to come
  let inCrc = false;
  let small: Uint8Array | null = null; // IHDR / PLTE / tRNS data being collected
  let smallAt = 0;
  let ended = false;
  let header: PngHeader | null = null;
  const dataDone = () => {
    if (type === 'IHDR' && small) {
      if (smallAt < 13) throw new PngError('short IHDR');
      header = readIhdr(small, 0);
      onHeader(header);
    } else if (type === 'PLTE' && small) tables.palette = small.slice(0, smallAt);
    else if (type === 'tRNS' && small) tables.trns = small.slice(0, smallAt);
    else if (type === 'IEND') ended = true;
    inCrc = true;
    left = 4;
  };
  try {
    while (!ended && !stop.aborted) {
      const { value, done } = await reader.read();
      if (done) break;
      let i = 0;
      while (i < value.length && !ended && !stop.aborted) {
        if (sigSeen < 8) {
          if (value[i++] !== SIG[sigSeen++]) throw new PngError('not a PNG');
          continue;
        }
        if (headSeen < 8) {
          head[headSeen++] = value[i++];
          if (headSeen === 8) {
            left = u32be(head, 0);
            type = ascii(head, 4, 4);
            inCrc = false;
            if (!header && type !== 'IHDR') throw new PngError('the first chunk is not IHDR');
            small = type === 'IHDR' || type === 'PLTE' || type === 'tRNS' ? new Uint8Array(Math.min(left, 1024)) : null;
            smallAt = 0;
            if (left === 0) dataDone();
          }
          continue;
        }
        const n = Math.min(left, value.length - i);
        if (!inCrc) {
          if (type === 'IDAT') {
            // Small pieces: the inflater queues all the output of one write (deflate reaches
            // ~1000:1, so 64 KB of a blank image is 64 MB); backpressure only acts between writes.
            for (let at = i; at < i + n && !stop.aborted; at += INFLATE_PIECE) await writer.write(value.subarray(at, Math.min(i + n, at + INFLATE_PIECE)));
          } else if (small) {
            const take = Math.min(n, small.length - smallAt);
            small.set(value.subarray(i, i + take), smallAt);
            smallAt += take;
          }
        }
        i += n;
        left -= n;
        if (left > 0) continue;
        if (!inCrc) dataDone();
        else headSeen = 0;
      }
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
