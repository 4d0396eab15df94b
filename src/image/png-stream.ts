/** Huge PNGs decoded in JS from a stream and box-downscaled row by row, where the browser would hold every pixel. */

import { feedPngChunks, type PngTables } from './png-chunks';
import { decodePngRows, type RgbaImage } from './png-rows';
import type { PngHeader } from './sniff';

/** Decodes a (non-interlaced) PNG from a byte stream, averaging k×k blocks of pixels into one
 *  (k = the smallest integer bringing both sides to ≤ maxSide; 1 decodes at full size). Averages
 *  are alpha-weighted, so transparent pixels' hidden colours do not bleed. Memory: the output
 *  plus a few rows. Colour-space chunks (gAMA, iCCP) are ignored.
 *  Time is bounded too: inflating stops at the last row (at most H·(stride+1) bytes come out),
 *  so zlib data that goes on after the image costs nothing; `signal` stops it at once. */
export async function decodePngDownscaled(stream: ReadableStream<Uint8Array<ArrayBuffer>>, maxSide: number, signal?: AbortSignal): Promise<RgbaImage> {
  signal?.throwIfAborted();
  const inflate = new DecompressionStream('deflate');
  const writer = inflate.writable.getWriter();
  const tables: PngTables = { palette: null, trns: null };
  let settleHeader!: { resolve: (h: PngHeader) => void; reject: (e: unknown) => void };
  const headerReady = new Promise<PngHeader>((resolve, reject) => {
    settleHeader = { resolve, reject };
  });

  // Set once the last row is in (or on cancel): the producer stops feeding the inflater.
  const stop = new AbortController();
  const reader = inflate.readable.getReader();
  const onAbort = () => {
    stop.abort(signal!.reason);
    settleHeader.reject(signal!.reason);
    void reader.cancel(signal!.reason).catch(() => undefined);
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  // Producer: split the file into chunks, feed IDAT payloads to the inflater.
  const produce = () => feedPngChunks(stream, writer, tables, settleHeader.resolve, settleHeader.reject, stop.signal);

  // Consumer: undo the row filters, convert to RGBA and box-average; stops reading at the last row.
  const consume = async (): Promise<RgbaImage> => {
    try {
      const image = await decodePngRows(reader, await headerReady, tables, maxSide, signal);
      stop.abort();
      return image;
    } catch (e) {
      stop.abort(e);
      throw e;
    } finally {
      void reader.cancel().catch(() => undefined);
    }
  };

  try {
    const [, image] = await Promise.all([produce(), consume()]);
    return image;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
